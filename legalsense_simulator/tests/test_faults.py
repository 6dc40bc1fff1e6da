import pytest
import requests

from legalsense_simulator.errors import LostResponse
from legalsense_simulator.testing import organization_payload


def test_status_fault_answers_the_contract_error_for_times_requests(api, sim):
    sim.add_fault("GET", "/api/v3/version", status=503, times=2, retry_after=7)
    for _ in range(2):
        response = api.get("version")
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "7"
        assert response.get_json() == {
            "detail": "A server error occurred.",
            "code": "server_error",
            "field": None,
        }
    assert api.get("version").status_code == 200


def test_throttled_fault_carries_retry_after(api, sim):
    sim.add_fault("*", "contacts", status=429)
    response = api.get("contacts")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "0"
    assert response.get_json()["code"] == "throttled"


def test_fault_with_a_proxy_body_is_not_json(api, sim):
    sim.add_fault("POST", "contacts", status=502, body="<html>Bad Gateway</html>")
    response = api.post("contacts", json=organization_payload())
    assert response.status_code == 502
    assert response.get_data(as_text=True) == "<html>Bad Gateway</html>"
    assert response.headers["Content-Type"].startswith("text/html")
    assert sim.store.list("contacts") == []


def test_fault_matches_method_and_path_exactly_or_by_prefix(api, sim, person):
    sim.add_fault("PATCH", "contacts/*", status=500, times=None)
    assert api.get(f"contacts/{person['id']}").status_code == 200
    assert api.patch(f"contacts/{person['id']}", json={}).status_code == 500
    assert api.patch(f"contacts/{person['id']}/", json={}).status_code == 500
    assert api.patch(f"contacts/{person['id']}", json={}).status_code == 500
    sim.clear_faults()
    assert api.patch(f"contacts/{person['id']}", json={}).status_code == 200
    sim.add_fault("GET", "/api/v3/contacts", status=500)
    assert api.get(f"contacts/{person['id']}").status_code == 200
    assert api.get("contacts/").status_code == 500


def test_lost_response_commits_the_write_in_process(api, sim):
    sim.add_fault("POST", "contacts", lost_response=True)
    with pytest.raises(LostResponse):
        api.post("contacts", json=organization_payload())
    assert [c["organization_name"] for c in sim.store.list("contacts")] == [
        "Jansen Holding B.V."
    ]
    assert sim.requests[-1]["status"] == 201


def test_lost_response_over_http_is_a_connection_error(live):
    sim = live.simulator
    headers = {"Authorization": f"Bearer {sim.issue_token()}"}
    sim.add_fault("POST", "contacts", lost_response=True)
    with pytest.raises(requests.ConnectionError):
        requests.post(
            f"{live.api_url}contacts",
            json=organization_payload(),
            headers=headers,
            timeout=5,
        )
    assert len(sim.store.list("contacts")) == 1
    response = requests.get(f"{live.api_url}contacts/1", headers=headers, timeout=5)
    assert response.status_code == 200


def test_latency_makes_the_client_time_out(live):
    sim = live.simulator
    headers = {"Authorization": f"Bearer {sim.issue_token()}"}
    sim.add_fault("GET", "version", latency=0.5)
    with pytest.raises(requests.Timeout):
        requests.get(f"{live.api_url}version", headers=headers, timeout=0.1)
    response = requests.get(f"{live.api_url}version", headers=headers, timeout=5)
    assert response.json() == {"version": "18.120"}


def test_faults_over_http_hooks(live):
    url = live.url
    fault = {"method": "GET", "path": "version", "status": 429, "retry_after": 3}
    created = requests.post(f"{url}_simulator/faults", json=fault)
    assert created.status_code == 201
    assert created.json()["path"] == "/api/v3/version"
    response = requests.get(f"{live.api_url}version")
    assert (response.status_code, response.headers["Retry-After"]) == (429, "3")
    requests.post(f"{url}_simulator/faults", json={**fault, "times": None})
    assert requests.delete(f"{url}_simulator/faults").status_code == 204
    assert requests.get(f"{live.api_url}version").status_code == 401


def test_fault_needs_at_least_one_time(sim):
    with pytest.raises(ValueError):
        sim.add_fault("GET", "contacts", status=500, times=0)
