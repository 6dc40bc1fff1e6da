import pytest

from legalsense_simulator.testing import address_payload, client_payload, person_payload


def test_client_post_fills_server_values_and_defaults(api, sim, org):
    client = api.create("clients", client_payload(org["id"], reduction_rate=12.5))
    assert client["number"] == "10001"
    assert client["client_status"] == {"id": 1}
    assert client["date"] == sim.store.today()
    assert client["reduction_rate"] == "12.50"
    assert client["is_billable"] is True
    assert client["branches"] == []
    assert client["parent_client"] is None
    assert client["custom_fields"] == {}


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Jansen Holding B.V.", "duplicate_name"),
        ("  jansen holding b.v. ", "duplicate_name"),
        ("Jansen Holding B.V. Amsterdam", None),
    ],
)
def test_client_name_is_unique_trimmed_and_case_insensitive(api, client, name, code):
    other = api.create("contacts", person_payload())
    response = api.post("clients", json=client_payload(other["id"], name=name))
    if code is None:
        assert response.status_code == 201
    else:
        assert response.status_code == 400
        assert response.get_json() == {
            "detail": "A client with this name already exists.",
            "code": "duplicate_name",
            "field": "name",
        }


def test_client_rename_to_a_used_name_is_a_duplicate(api, client):
    other = api.create("contacts", person_payload())
    second = api.create("clients", client_payload(other["id"], name="De Vries"))
    response = api.patch(
        f"clients/{second['id']}", json={"name": "JANSEN HOLDING B.V."}
    )
    assert response.get_json()["code"] == "duplicate_name"
    same = api.patch(f"clients/{client['id']}", json={"name": "Jansen Holding B.V."})
    assert same.status_code == 200


def test_client_number_given_unique_and_create_only(api, org, person):
    first = api.create("clients", client_payload(org["id"], number="C-100"))
    assert first["number"] == "C-100"
    body = client_payload(person["id"], name="Other", number="C-100")
    assert api.post("clients", json=body).get_json()["field"] == "number"
    response = api.patch(f"clients/{first['id']}", json={"number": "C-101"})
    assert (response.status_code, response.get_json()["field"]) == (400, "number")


def test_client_contact_is_create_only_and_one_client_per_contact(api, client, person):
    response = api.patch(
        f"clients/{client['id']}", json={"contact": {"id": person["id"]}}
    )
    assert response.get_json()["field"] == "contact"
    body = client_payload(client["contact"]["id"], name="Second client")
    response = api.post("clients", json=body)
    assert (response.status_code, response.get_json()["field"]) == (400, "contact")


def test_client_put_keeps_fields_without_default_and_resets_the_others(api, client):
    body = {"client_status": {"id": 2}, "is_billable": False, "branches": [{"id": 1}]}
    api.patch(f"clients/{client['id']}", json=body)
    replaced = api.put(
        f"clients/{client['id']}", json=client_payload(client["contact"]["id"])
    )
    replaced = replaced.get_json()
    assert replaced["client_status"] == {"id": 2}
    assert (replaced["number"], replaced["date"]) == (client["number"], client["date"])
    assert (replaced["is_billable"], replaced["branches"]) == (True, [])


@pytest.mark.parametrize("rate", ["100.01", "-1", "1.234", 1.234, "abc", True])
def test_reduction_rate_must_be_a_two_decimal_percentage(api, org, rate):
    body = client_payload(org["id"], reduction_rate=rate)
    assert api.post("clients", json=body).get_json()["field"] == "reduction_rate"


def test_branches_are_replaced_whole(api, client):
    url = f"clients/{client['id']}"
    api.patch(url, json={"branches": [{"id": 1}, {"id": 2}]})
    assert api.patch(url, json={"branches": [{"id": 3}]}).get_json()["branches"] == [
        {"id": 3}
    ]
    assert (
        api.patch(url, json={"branches": [{"id": 9}]}).get_json()["field"] == "branches"
    )


def test_client_cannot_be_its_own_parent(api, client):
    body = {"parent_client": {"id": client["id"]}}
    response = api.patch(f"clients/{client['id']}", json=body)
    assert response.get_json()["field"] == "parent_client"


def test_clients_are_never_deleted(api, client):
    response = api.delete(f"clients/{client['id']}")
    assert (response.status_code, response.headers["Allow"]) == (405, "GET, PUT, PATCH")


def test_address_post_and_required_fields(api, person):
    address = api.create("addresses", address_payload(person["id"]))
    assert address["full_address"] == ""
    assert address["address_kind"] == {"id": 1}
    body = address_payload(person["id"])
    del body["address_template"]
    assert api.post("addresses", json=body).get_json()["field"] == "address_template"
    bad = address_payload(person["id"], address_template=19)
    assert api.post("addresses", json=bad).get_json()["field"] == "address_template"
    bad = address_payload(person["id"], normalized_country="nl")
    assert api.post("addresses", json=bad).get_json()["field"] == "normalized_country"


def test_address_contact_is_create_only(api, org, person):
    address_id = org["default_billing_address"]["id"]
    body = {"contact": {"id": person["id"]}}
    response = api.patch(f"addresses/{address_id}", json=body)
    assert (response.status_code, response.get_json()["field"]) == (400, "contact")


def test_address_delete_clears_billing_address_and_debtor_address(api, org, matter):
    address_id = org["default_billing_address"]["id"]
    debtor = api.get(f"matterdebtors?matter={matter['id']}").get_json()["results"][0]
    assert debtor["address"] == {"id": address_id}
    assert api.delete(f"addresses/{address_id}").status_code == 204
    assert api.get(f"addresses/{address_id}").status_code == 404
    contact = api.get(f"contacts/{org['id']}").get_json()
    assert contact["default_billing_address"] is None
    assert contact["modified_date"] > org["modified_date"]
    debtor_after = api.get(f"matterdebtors/{debtor['id']}").get_json()
    assert debtor_after["address"] is None
    assert debtor_after["modified_date"] > debtor["modified_date"]
