import pytest

from legalsense_simulator.testing import error_of, person_payload


@pytest.fixture
def debtor_body(matter, org, person):
    email_2 = next(d for d in org["details"] if d["kind"] == "email_2")
    return {
        "matter": {"id": matter["id"]},
        "debtor": {"id": org["id"]},
        "contact_person": {"id": person["id"]},
        "address": org["default_billing_address"],
        "percentage": "50.00",
        "to_email": {"id": email_2["id"]},
        "dunning_to_emails_custom": ["dunning@jansen.example"],
    }


def main_debtor(api, matter):
    return api.get(f"matterdebtors?matter={matter['id']}").get_json()["results"][0]


def test_post_creates_a_percentage_debtor(api, debtor_body):
    created = api.create("matterdebtors", {**debtor_body, "percentage": 25})
    assert created["split_type"] == "Percentage"
    assert created["percentage"] == "25.00"
    assert created["to_email"] == debtor_body["to_email"]
    assert created["dunning_to_emails_custom"] == ["dunning@jansen.example"]
    assert (created["invoice_send_method"], created["email_source"]) == (
        "Email",
        "Debtor",
    )


def test_percentage_is_required_on_post_and_kept_on_put(api, debtor_body):
    without = {k: v for k, v in debtor_body.items() if k != "percentage"}
    response = api.post("matterdebtors", json=without)
    assert error_of(response) == (400, "required", "percentage")
    created = api.create("matterdebtors", debtor_body)
    del without["to_email"]
    replaced = api.put(f"matterdebtors/{created['id']}", json=without).get_json()
    assert (replaced["percentage"], replaced["split_type"]) == ("50.00", "Percentage")
    assert replaced["to_email"] is None


@pytest.mark.parametrize("value", ["100.01", "-0.01", 50.555, None, "half"])
def test_percentage_range_and_format(api, debtor_body, value):
    response = api.post("matterdebtors", json={**debtor_body, "percentage": value})
    assert (response.status_code, response.get_json()["field"]) == (400, "percentage")


def test_only_the_server_creates_main_debtors(api, debtor_body):
    body = {**debtor_body, "split_type": "FullRemainingAmount"}
    response = api.post("matterdebtors", json=body)
    assert error_of(response) == (400, "invalid", "split_type")


def test_debtor_must_have_is_debtor(api, debtor_body, person):
    body = {**debtor_body, "debtor": {"id": person["id"]}, "to_email": None}
    response = api.post("matterdebtors", json=body)
    assert response.get_json() == {
        "detail": "The contact is not a debtor.",
        "code": "not_debtor",
        "field": "debtor",
    }
    api.patch(f"contacts/{person['id']}", json={"is_debtor": True})
    assert api.post("matterdebtors", json=body).status_code == 201


def test_main_debtor_with_non_debtor_contact_can_be_updated(api, person):
    client = api.create(
        "clients", {"contact": {"id": person["id"]}, "name": "De Vries"}
    )
    matter = api.create("matters", {"client": {"id": client["id"]}, "name": "Zaak"})
    debtor = main_debtor(api, matter)
    body = {"billing_reference": "PO-1"}
    assert api.patch(f"matterdebtors/{debtor['id']}", json=body).status_code == 200


def test_main_debtor_cannot_be_deleted_and_keeps_a_null_percentage(api, matter):
    debtor = main_debtor(api, matter)
    url = f"matterdebtors/{debtor['id']}"
    response = api.delete(url)
    assert response.status_code == 400
    assert response.get_json() == {
        "detail": "The main debtor of a matter cannot be deleted.",
        "code": "main_debtor",
        "field": None,
    }
    assert (
        api.patch(url, json={"percentage": "10.00"}).get_json()["field"] == "percentage"
    )
    body = {
        "matter": debtor["matter"],
        "debtor": debtor["debtor"],
        "billing_reference": "X",
    }
    replaced = api.put(url, json=body).get_json()
    assert (replaced["percentage"], replaced["billing_reference"]) == (None, "X")
    assert replaced["split_type"] == "FullRemainingAmount"


def test_percentage_debtor_can_be_deleted(api, debtor_body):
    created = api.create("matterdebtors", debtor_body)
    assert api.delete(f"matterdebtors/{created['id']}").status_code == 204
    assert api.get(f"matterdebtors/{created['id']}").status_code == 404


def test_matter_and_split_type_are_create_only(api, debtor_body, client):
    created = api.create("matterdebtors", debtor_body)
    other = api.create(
        "matters", {"client": {"id": client["id"]}, "name": "Tweede zaak"}
    )
    url = f"matterdebtors/{created['id']}"
    assert (
        api.patch(url, json={"matter": {"id": other["id"]}}).get_json()["field"]
        == "matter"
    )
    body = {"split_type": "FullRemainingAmount"}
    assert api.patch(url, json=body).get_json()["field"] == "split_type"


def test_to_email_must_be_an_email_detail_of_debtor_or_contact_person(
    api, org, debtor_body
):
    phone = next(d for d in org["details"] if d["kind"] == "phone")
    body = {**debtor_body, "to_email": {"id": phone["id"]}}
    assert api.post("matterdebtors", json=body).get_json()["field"] == "to_email"
    stranger = api.create(
        "contacts", person_payload(details=[{"kind": "email", "value": "x@y.example"}])
    )
    body = {**debtor_body, "cc_email": {"id": stranger["details"][0]["id"]}}
    assert api.post("matterdebtors", json=body).get_json()["field"] == "cc_email"
    person_email = api.get(f"contacts/{debtor_body['contact_person']['id']}").get_json()
    body = {**debtor_body, "cc_email": {"id": person_email["details"][0]["id"]}}
    assert api.post("matterdebtors", json=body).status_code == 201


def test_removing_a_detail_clears_to_email(api, org, debtor_body):
    created = api.create("matterdebtors", debtor_body)
    kept = [{"kind": "email", "value": "info@jansen.example"}]
    api.patch(f"contacts/{org['id']}", json={"details": kept})
    after = api.get(f"matterdebtors/{created['id']}").get_json()
    assert after["to_email"] is None
    assert after["modified_date"] > created["modified_date"]


def test_email_lists_are_replaced_whole(api, debtor_body):
    created = api.create(
        "matterdebtors", {**debtor_body, "cc_emails_custom": ["a@x", "b@x"]}
    )
    url = f"matterdebtors/{created['id']}"
    assert api.patch(url, json={"cc_emails_custom": ["c@x"]}).get_json()[
        "cc_emails_custom"
    ] == ["c@x"]
    assert (
        api.patch(url, json={"cc_emails_custom": [1]}).get_json()["field"]
        == "cc_emails_custom"
    )


def test_error_checks_run_in_the_contract_order(api, sim, org, person, client, matter):
    """malformed JSON, required, invalid, not_debtor, already_linked/duplicate_name."""
    malformed = api.call(
        "POST", "matterdebtors", data="{", headers={"Content-Type": "application/json"}
    )
    assert malformed.get_json() == {
        "detail": "Malformed JSON.",
        "code": "invalid",
        "field": None,
    }
    not_debtor = {"matter": {"id": matter["id"]}, "debtor": {"id": person["id"]}}
    assert api.post("matterdebtors", json=not_debtor).get_json()["code"] == "required"
    invalid = {**not_debtor, "percentage": "200"}
    assert api.post("matterdebtors", json=invalid).get_json()["code"] == "invalid"
    valid = {**not_debtor, "percentage": "20"}
    assert api.post("matterdebtors", json=valid).get_json()["code"] == "not_debtor"
    body = {"client": {"id": client["id"]}, "name": matter["name"], "firm": {"id": 9}}
    assert api.post("matters", json=body).get_json()["code"] == "invalid"
    sim.refuse_close(matter["id"])
    body = {"name": "Andere", "softkill_status": 2}
    assert (
        api.patch(f"matters/{matter['id']}", json=body).get_json()["code"]
        == "cannot_close"
    )
    api.create("matters", {"client": {"id": client["id"]}, "name": "Andere"})
    assert (
        api.patch(f"matters/{matter['id']}", json=body).get_json()["code"]
        == "duplicate_name"
    )
