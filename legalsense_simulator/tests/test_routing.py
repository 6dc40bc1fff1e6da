import pytest


@pytest.mark.parametrize(
    ("path", "allow"),
    [
        ("token", "POST"),
        ("version", "GET"),
        ("contacts", "GET, POST"),
        ("contacts/1", "GET, PUT, PATCH"),
        ("clients/1", "GET, PUT, PATCH"),
        ("addresses/1", "GET, PUT, PATCH, DELETE"),
        ("contactcontacts/1", "GET, PUT, PATCH, DELETE"),
        ("matters/1", "GET, PUT, PATCH, DELETE"),
        ("matterdebtors", "GET, POST"),
        ("mattercontacts/1", "GET, PUT, PATCH, DELETE"),
        ("users", "GET"),
    ],
)
def test_methods_not_offered_answer_405_with_allow(api, path, allow):
    offered = allow.split(", ")
    method = next(m for m in ("DELETE", "PUT", "POST", "GET") if m not in offered)
    response = api.call(method, path, json={})
    assert response.status_code == 405
    assert response.headers["Allow"] == allow
    assert response.get_json() == {
        "detail": f'Method "{method}" not allowed.',
        "code": "method_not_allowed",
        "field": None,
    }


def test_one_trailing_slash_is_accepted(api, person):
    assert api.get("contacts/").get_json()["count"] == 1
    assert api.get(f"contacts/{person['id']}/").get_json()["id"] == person["id"]
    assert api.get("contacts//").status_code == 404
    page = api.get("contacts/?page_size=1").get_json()
    assert page["next"] is None


@pytest.mark.parametrize(
    "path", ["nothing", "contacts/abc", "contacts/0", "contacts/1/x", ""]
)
def test_unknown_paths_and_ids_are_404(api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response.get_json()["code"] == "not_found"


def test_malformed_json_and_non_object_bodies_are_invalid(api):
    headers = {"Content-Type": "application/json"}
    for data in ("{", "", "NaN", "[1]"):
        response = api.call("POST", "contacts", data=data, headers=headers)
        assert response.status_code == 400, data
        assert response.get_json()["code"] == "invalid"
        assert response.get_json()["field"] is None


def test_authentication_comes_before_method_and_body_checks(api):
    response = api.call("DELETE", "contacts/1", auth=False)
    assert response.get_json()["code"] == "not_authenticated"


def test_unexpected_server_errors_answer_500_server_error(api, sim, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(sim.store, "get", explode)
    response = api.get("contacts/1")
    assert response.status_code == 500
    assert response.get_json()["code"] == "server_error"
