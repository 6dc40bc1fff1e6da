import requests

from legalsense_simulator import Simulator
from legalsense_simulator.testing import ApiClient


def login(api, **body):
    return api.post("token", json=body, auth=False)


def test_token_with_username_and_password(api):
    response = login(api, username="api", password="secret")
    assert response.status_code == 200
    body = response.get_json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    assert len(body["access_token"]) >= 20


def test_token_with_client_identifier_and_token(api):
    response = login(api, client_identifier="integration", client_token="token")
    assert response.status_code == 200
    token = response.get_json()["access_token"]
    assert ApiClient(api.simulator, token).get("version").status_code == 200


def test_token_uses_username_and_password_when_both_pairs_are_sent(api):
    response = login(
        api,
        username="api",
        password="wrong",
        client_identifier="integration",
        client_token="token",
    )
    assert response.status_code == 401
    assert response.get_json()["code"] == "authentication_failed"


def test_token_without_a_complete_pair_is_required_username(api):
    response = login(api, username="api", client_identifier="integration")
    assert response.status_code == 400
    assert response.get_json() == {
        "detail": "Send username and password.",
        "code": "required",
        "field": "username",
    }


def test_token_with_wrong_password_fails_authentication(api):
    response = login(api, username="api", password="nope")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.get_json() == {
        "detail": "Invalid credentials.",
        "code": "authentication_failed",
        "field": None,
    }


def test_token_lifetime_is_configurable():
    sim = Simulator(token_lifetime=60)
    response = ApiClient(sim).post(
        "token", json={"username": "api", "password": "secret"}
    )
    assert response.get_json()["expires_in"] == 60


def test_missing_token_is_not_authenticated(api):
    response = api.get("contacts", auth=False)
    assert response.status_code == 401
    assert response.get_json()["code"] == "not_authenticated"
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_unknown_token_is_invalid(api):
    response = api.get("contacts", headers={"Authorization": "Bearer nonsense"})
    assert response.status_code == 401
    assert response.get_json()["code"] == "token_invalid"


def test_expired_token_is_invalid():
    sim = Simulator(token_lifetime=0)
    api = ApiClient(sim)
    assert api.get("version").get_json()["code"] == "token_invalid"


def test_expire_tokens_invalidates_issued_tokens_until_a_new_login(api):
    assert api.get("version").status_code == 200
    api.simulator.expire_tokens()
    assert api.get("version").get_json()["code"] == "token_invalid"
    token = login(api, username="api", password="secret").get_json()["access_token"]
    assert ApiClient(api.simulator, token).get("version").status_code == 200


def test_pre_issued_bearer_token_is_accepted_and_survives_expiry():
    sim = Simulator(bearer_token="pre-issued")
    api = ApiClient(sim, token="pre-issued")
    sim.expire_tokens()
    assert api.get("version").status_code == 200


def test_version_reports_the_configured_version(api):
    assert api.get("version").get_json() == {"version": "18.120"}
    api.simulator.set_version("15.55")
    assert api.get("version").get_json() == {"version": "15.55"}


def test_token_flow_over_http(live):
    url = live.api_url
    token = requests.post(
        f"{url}token", json={"username": "api", "password": "secret"}
    ).json()
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    response = requests.get(f"{url}version", headers=headers)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {"version": "18.120"}
    assert requests.get(f"{url}version").status_code == 401
