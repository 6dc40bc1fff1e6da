import json

import requests

from legalsense_simulator.testing import organization_payload


def test_request_log_records_api_calls_only(api, sim):
    api.post("contacts", json=organization_payload(), query_string={"x": "1"})
    api.get("contacts?page_size=5")
    api.get("/_simulator/state")
    assert sim.requests == [
        {
            "method": "POST",
            "path": "/api/v3/contacts",
            "query": {"x": "1"},
            "body": organization_payload(),
            "status": 201,
        },
        {
            "method": "GET",
            "path": "/api/v3/contacts",
            "query": {"page_size": "5"},
            "body": None,
            "status": 200,
        },
    ]
    sim.clear_requests()
    assert sim.requests == []


def test_request_log_over_http(live):
    base = live.url
    requests.post(f"{live.api_url}token", json={"username": "api", "password": "x"})
    log = requests.get(f"{base}_simulator/requests").json()
    assert log == [
        {
            "method": "POST",
            "path": "/api/v3/token",
            "query": {},
            "body": {"username": "api", "password": "x"},
            "status": 401,
        }
    ]
    assert requests.delete(f"{base}_simulator/requests").status_code == 204
    assert requests.get(f"{base}_simulator/requests").json() == []


def test_fixtures_replace_resources_and_fill_defaults(live):
    fixture = {
        "contacts": [
            {"id": 7, "is_organization": True, "organization_name": "Fixture B.V."},
            {"id": 3, "is_organization": False, "last_name": "Smit"},
        ],
        "addresskinds": [{"id": 1, "name": "Adres"}],
    }
    response = requests.post(f"{live.url}_simulator/fixtures", json=fixture)
    assert response.json() == {"contacts": 2, "addresskinds": 1}
    state = requests.get(f"{live.url}_simulator/state").json()
    assert [c["id"] for c in state["contacts"]] == [3, 7]
    assert state["contacts"][0]["address_label_name"]["attention"] == "Smit"
    assert state["contacts"][1]["details"] == []
    assert state["addresskinds"] == [{"id": 1, "name": "Adres"}]
    assert len(state["sectors"]) == 4
    sim = live.simulator
    created = sim.store.create("contacts", organization_payload())
    assert created["id"] == 8


def test_load_fixture_from_a_json_file_round_trips_a_dump(sim, api, tmp_path, org):
    path = tmp_path / "state.json"
    path.write_text(json.dumps(sim.dump_state()))
    copy = type(sim)()
    copy.load_fixture(path)
    assert copy.dump_state() == sim.dump_state()


def test_unknown_fixture_resource_is_refused(live):
    response = requests.post(f"{live.url}_simulator/fixtures", json={"widgets": []})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_version_hook(live):
    url = f"{live.url}_simulator/version"
    assert requests.put(url, json={"version": "18.99"}).json() == {"version": "18.99"}
    assert live.simulator.version == "18.99"
    assert requests.put(url, json={"version": "x"}).status_code == 400


def test_expire_tokens_hook(live):
    token = live.simulator.issue_token()
    headers = {"Authorization": f"Bearer {token}"}
    assert requests.get(f"{live.api_url}version", headers=headers).status_code == 200
    requests.post(f"{live.url}_simulator/expire_tokens")
    response = requests.get(f"{live.api_url}version", headers=headers)
    assert response.json()["code"] == "token_invalid"


def test_refuse_close_hook(live):
    sim = live.simulator
    body = {"matter": 5, "detail": "Openstaande facturen."}
    assert (
        requests.post(f"{live.url}_simulator/refuse_close", json=body).status_code
        == 204
    )
    assert sim.store.close_refusals == {5: "Openstaande facturen."}
    requests.post(
        f"{live.url}_simulator/refuse_close", json={"matter": 5, "detail": None}
    )
    assert sim.store.close_refusals == {}


def test_generate_hook(live):
    body = {"contacts": 20, "matters": 5, "seed": 3}
    counts = requests.post(f"{live.url}_simulator/generate", json=body).json()
    assert counts["contacts"] == 20
    assert counts["matters"] == counts["matterdebtors"] == counts["clients"] == 5


def test_unknown_hook_and_method(live):
    assert requests.get(f"{live.url}_simulator/nothing").status_code == 404
    response = requests.get(f"{live.url}_simulator/fixtures")
    assert (response.status_code, response.headers["Allow"]) == (405, "POST")


def test_reset_hook_restores_a_fresh_simulator(live):
    live.simulator.store.create("contacts", organization_payload())
    requests.post(f"{live.url}_simulator/reset")
    assert live.simulator.store.list("contacts") == []
    assert live.simulator.requests == []


def test_an_empty_practice_group_list_is_valid(api, sim):
    sim.load_fixture({"practicegroups": []})
    assert api.get("practicegroups").get_json() == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }


def test_fixture_records_without_id_are_numbered_after_the_others(sim):
    sim.load_fixture(
        {
            "firms": [
                {"name": "Nieuw"},
                {"id": 4, "name": "Vier"},
                {"id": 2, "name": "Twee"},
            ]
        }
    )
    assert sim.store.list("firms") == [
        {"id": 2, "name": "Twee"},
        {"id": 4, "name": "Vier"},
        {"id": 5, "name": "Nieuw"},
    ]


def test_concurrent_writes_over_http_get_unique_ascending_ids(live):
    from concurrent.futures import ThreadPoolExecutor

    headers = {"Authorization": f"Bearer {live.simulator.issue_token()}"}

    def create(index):
        body = organization_payload(name=f"Org {index}")
        response = requests.post(f"{live.api_url}contacts", json=body, headers=headers)
        return response.status_code, response.json()["id"]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(create, range(80)))
    assert {status for status, _ in results} == {201}
    assert sorted(ident for _, ident in results) == list(range(1, 81))
    page = requests.get(f"{live.api_url}contacts", headers=headers).json()
    assert [c["id"] for c in page["results"]] == list(range(1, 81))


def test_request_log_has_null_body_for_malformed_json(api, sim):
    headers = {"Content-Type": "application/json"}
    api.call("PATCH", "contacts/1", data="{oops", headers=headers)
    assert sim.requests == [
        {
            "method": "PATCH",
            "path": "/api/v3/contacts/1",
            "query": {},
            "body": None,
            "status": 400,
        }
    ]
