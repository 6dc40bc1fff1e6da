import pytest

from legalsense_simulator import Simulator
from legalsense_simulator.schema import version_key
from legalsense_simulator.testing import ApiClient, address_payload, matter_payload


@pytest.mark.parametrize(
    ("lower", "higher"),
    [("15.55", "17.10"), ("17.10", "18.99"), ("18.99", "18.120"), ("18", "18.0.1")],
)
def test_versions_compare_numerically_part_by_part(lower, higher):
    assert version_key(lower) < version_key(higher)
    assert version_key("18") == version_key("18.0")


def test_users_offices_only_above_15_55(api, sim):
    user = api.get("users/3").get_json()
    assert (user["offices"], user["primary_office"]) == (
        [{"id": 2}, {"id": 1}],
        {"id": 2},
    )
    sim.set_version("15.55")
    user = api.get("users/3").get_json()
    assert "offices" not in user and "primary_office" not in user
    assert user["username"] == "abakker"


def test_parent_client_only_above_15_55(api, sim, org, person, client):
    other = api.create("clients", {"contact": {"id": person["id"]}, "name": "Dochter"})
    body = {"parent_client": {"id": client["id"]}}
    assert api.patch(f"clients/{other['id']}", json=body).get_json()[
        "parent_client"
    ] == {"id": client["id"]}
    sim.set_version("15.55")
    old = api.patch(f"clients/{other['id']}", json={"parent_client": {"id": 999}})
    assert old.status_code == 200
    assert "parent_client" not in old.get_json()
    sim.set_version("15.56")
    assert api.get(f"clients/{other['id']}").get_json()["parent_client"] == {
        "id": client["id"]
    }


def test_matter_date_only_above_17_10():
    sim = Simulator(version="17.10")
    api = ApiClient(sim)
    org = api.create(
        "contacts",
        {"is_organization": True, "first_name": "", "last_name": "", "name_prefix": ""},
    )
    client = api.create("clients", {"contact": {"id": org["id"]}, "name": "Oud"})
    matter = api.create("matters", matter_payload(client["id"], date="not even a date"))
    assert "date" not in matter
    sim.set_version("17.11")
    assert api.get(f"matters/{matter['id']}").get_json()["date"] == sim.store.today()
    body = {"date": "2024-03-04"}
    assert (
        api.patch(f"matters/{matter['id']}", json=body).get_json()["date"]
        == "2024-03-04"
    )


def test_address_delete_only_from_18_120(api, sim, person):
    address = api.create("addresses", address_payload(person["id"]))
    sim.set_version("18.99")
    response = api.delete(f"addresses/{address['id']}")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, PUT, PATCH"
    assert api.get(f"addresses/{address['id']}").status_code == 200
    sim.set_version("18.120")
    assert api.delete(f"addresses/{address['id']}").status_code == 204


def test_set_version_refuses_nonsense(sim):
    with pytest.raises(ValueError):
        sim.set_version("latest")
