import pytest

from legalsense_simulator.testing import (
    client_payload,
    error_of,
    matter_payload,
    person_payload,
)


def test_matter_post_returns_every_property(api, sim, client):
    response = api.post("matters", json=matter_payload(client["id"]))
    assert response.status_code == 201
    matter = response.get_json()
    for key in ("id", "created_date", "modified_date"):
        matter.pop(key)
    assert matter == {
        "number": "500001",
        "name": "Jansen / huurgeschil",
        "client": {"id": client["id"]},
        "firm": None,
        "date": sim.store.today(),
        "description": "",
        "billing_instructions": "",
        "client_reference": "",
        "invoice_language": None,
        "is_billable": True,
        "softkill_status": 1,
        "matter_status": {"id": 1},
        "matter_type": None,
        "practice_area": None,
        "practice_group": None,
        "supervising_user": None,
        "billing_user": None,
        "originating_user": None,
        "referrer": {"internal": None},
        "engagement_letter_status": {"status": "Unknown", "is_derived": True},
        "chinese_wall_kind": None,
        "archived_date": None,
        "archive_information": {
            "notes": "",
            "number": None,
            "retention_period": None,
            "archive_number": "",
            "real_archive_number": None,
        },
        "is_recofa": False,
        "aml_required": False,
        "custom_fields": {},
    }


def test_creating_a_matter_creates_its_main_debtor(api, org, matter):
    page = api.get(f"matterdebtors?matter={matter['id']}").get_json()
    assert page["count"] == 1
    debtor = page["results"][0]
    assert debtor["created_date"] == matter["created_date"]
    del debtor["created_date"], debtor["modified_date"]
    assert debtor == {
        "id": 1,
        "matter": {"id": matter["id"]},
        "debtor": {"id": org["id"]},
        "contact_person": None,
        "address": org["default_billing_address"],
        "split_type": "FullRemainingAmount",
        "percentage": None,
        "billing_reference": "",
        "invoice_send_method": "Email",
        "email_source": "Debtor",
        "to_email": None,
        "cc_email": None,
        "to_emails_custom": [],
        "cc_emails_custom": [],
        "dunning_to_emails_custom": [],
        "dunning_cc_emails_custom": [],
    }


def test_main_debtor_is_created_even_when_the_contact_is_no_debtor(api, person):
    client = api.create("clients", client_payload(person["id"], name="De Vries"))
    matter = api.create("matters", matter_payload(client["id"]))
    debtor = api.get(f"matterdebtors?matter={matter['id']}").get_json()["results"][0]
    assert (debtor["debtor"], debtor["address"]) == ({"id": person["id"]}, None)


def test_matter_name_is_unique_per_client(api, client, matter, person):
    response = api.post(
        "matters", json=matter_payload(client["id"], name=" JANSEN / Huurgeschil")
    )
    assert response.get_json() == {
        "detail": "This client already has a matter with this name.",
        "code": "duplicate_name",
        "field": "name",
    }
    other = api.create("clients", client_payload(person["id"], name="De Vries"))
    assert api.post("matters", json=matter_payload(other["id"])).status_code == 201
    moved = api.patch(f"matters/{matter['id']}", json={"client": {"id": other["id"]}})
    assert moved.get_json()["code"] == "duplicate_name"


def test_matter_number_given_or_generated_and_create_only(api, client, matter):
    given = api.create(
        "matters", matter_payload(client["id"], name="B", number="2024-001")
    )
    assert (matter["number"], given["number"]) == ("500001", "2024-001")
    body = matter_payload(client["id"], name="C", number="2024-001")
    assert api.post("matters", json=body).get_json()["field"] == "number"
    response = api.patch(f"matters/{given['id']}", json={"number": "2024-002"})
    assert (response.status_code, response.get_json()["field"]) == (400, "number")
    put = api.put(f"matters/{given['id']}", json=matter_payload(client["id"], name="B"))
    assert put.get_json()["number"] == "2024-001"


def test_nested_objects_merge_on_patch_and_are_rebuilt_on_put(api, matter):
    url = f"matters/{matter['id']}"
    body = {
        "engagement_letter_status": {"status": "Sent", "is_derived": False},
        "archive_information": {
            "notes": "Doos 12",
            "number": 4711,
            "retention_period": 7,
        },
        "referrer": {"internal": {"id": 2}},
    }
    api.patch(url, json=body)
    body = {
        "engagement_letter_status": {"status": "Signed"},
        "archive_information": {"number": 4712, "archive_number": "ignored"},
    }
    patched = api.patch(url, json=body).get_json()
    assert patched["engagement_letter_status"] == {
        "status": "Signed",
        "is_derived": False,
    }
    assert patched["archive_information"] == {
        "notes": "Doos 12",
        "number": 4712,
        "retention_period": 7,
        "archive_number": "Doos 12",
        "real_archive_number": 4712,
    }
    assert patched["referrer"] == {"internal": {"id": 2}}
    body = matter_payload(
        matter["client"]["id"], engagement_letter_status={"status": "Sent"}
    )
    replaced = api.put(url, json=body).get_json()
    assert replaced["engagement_letter_status"] == {
        "status": "Sent",
        "is_derived": True,
    }
    assert replaced["archive_information"]["number"] is None
    assert replaced["referrer"] == {"internal": None}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            {"engagement_letter_status": {"status": "Maybe"}},
            "engagement_letter_status.status",
        ),
        ({"archive_information": {"number": "12"}}, "archive_information.number"),
        (
            {"archive_information": {"retention_period": -1}},
            "archive_information.retention_period",
        ),
        ({"referrer": {"internal": {"id": 99}}}, "referrer.internal"),
        ({"referrer": None}, "referrer"),
        ({"chinese_wall_kind": 0}, "chinese_wall_kind"),
        ({"custom_fields": {"Deadline": "morgen"}}, "custom_fields.Deadline"),
    ],
)
def test_nested_errors_name_the_key(api, matter, body, field):
    response = api.patch(f"matters/{matter['id']}", json=body)
    assert (response.status_code, response.get_json()["field"]) == (400, field)


def test_delete_is_a_soft_delete(api, matter):
    assert api.delete(f"matters/{matter['id']}").status_code == 204
    removed = api.get(f"matters/{matter['id']}").get_json()
    assert removed["softkill_status"] == 3
    assert removed["modified_date"] > matter["modified_date"]
    assert api.get("matters").get_json()["count"] == 1
    assert api.get(f"matterdebtors?matter={matter['id']}").get_json()["count"] == 1
    assert api.delete(f"matters/{matter['id']}").status_code == 204


def test_closing_is_refused_only_when_asked_and_changes_nothing(api, sim, matter):
    url = f"matters/{matter['id']}"
    sim.refuse_close(matter["id"], detail="Er is onverwerkte tijd.")
    body = {"softkill_status": 2, "description": "dicht"}
    response = api.patch(url, json=body)
    assert response.status_code == 400
    assert response.get_json() == {
        "detail": "Er is onverwerkte tijd.",
        "code": "cannot_close",
        "field": None,
    }
    assert api.get(url).get_json() == matter
    archive = api.patch(url, json={"archived_date": "2024-05-01"})
    assert archive.get_json()["code"] == "cannot_close"
    other = api.patch(url, json={"matter_status": {"id": 3}, "description": "x"})
    assert other.status_code == 200
    assert api.delete(url).status_code == 204
    sim.allow_close(matter["id"])
    assert api.patch(url, json={"archived_date": "2024-05-01"}).status_code == 200


def test_closing_without_refusal_succeeds(api, matter):
    body = {"softkill_status": 2, "archived_date": "2024-05-01"}
    closed = api.patch(f"matters/{matter['id']}", json=body).get_json()
    assert (closed["softkill_status"], closed["archived_date"]) == (2, "2024-05-01")


def test_mattercontacts_contact_and_kind_are_create_only(api, matter, org, person):
    body = {
        "matter": {"id": matter["id"]},
        "contact": {"id": org["id"]},
        "contact_person": {"id": person["id"]},
        "kind": {"id": 5},
        "their_reference": "Ref. 88",
    }
    created = api.create("mattercontacts", body)
    url = f"mattercontacts/{created['id']}"
    for change, field in (
        ({"kind": {"id": 4}}, "kind"),
        ({"contact": {"id": 2}}, "contact"),
    ):
        response = api.patch(url, json=change)
        assert response.get_json() == {
            "detail": f"The field {field} cannot be changed after creation.",
            "code": "invalid",
            "field": field,
        }
    assert (
        api.put(url, json={**body, "their_reference": ""}).get_json()["their_reference"]
        == ""
    )
    assert api.delete(url).status_code == 204
    assert api.get(url).status_code == 404


def test_mattercontacts_contact_person_must_be_a_person(api, matter, org):
    body = {
        "matter": {"id": matter["id"]},
        "contact": {"id": org["id"]},
        "contact_person": {"id": org["id"]},
        "kind": {"id": 5},
    }
    response = api.post("mattercontacts", json=body)
    assert response.get_json()["field"] == "contact_person"
    del body["kind"]
    assert api.post("mattercontacts", json=body).get_json()["code"] == "required"


def test_contactcontacts_already_linked_with_existing_id(api, org, person):
    body = {"organization": {"id": org["id"]}, "person": {"id": person["id"]}}
    first = api.create("contactcontacts", body)
    response = api.post("contactcontacts", json={**body, "job_description": "CFO"})
    assert response.status_code == 400
    assert response.get_json() == {
        "detail": "This person is already linked to this organization.",
        "code": "already_linked",
        "field": "person",
        "existing_id": first["id"],
    }


def test_contactcontacts_update_producing_an_existing_pair_is_already_linked(
    api, org, person
):
    other = api.create("contacts", person_payload(first_name="Piet"))
    api.create(
        "contactcontacts",
        {"organization": {"id": org["id"]}, "person": {"id": person["id"]}},
    )
    second = api.create(
        "contactcontacts",
        {"organization": {"id": org["id"]}, "person": {"id": other["id"]}},
    )
    url = f"contactcontacts/{second['id']}"
    response = api.patch(url, json={"person": {"id": person["id"]}})
    assert error_of(response) == (400, "already_linked", "person")
    assert response.get_json()["existing_id"] == 1
    assert api.patch(url, json={"job_description": "Jurist"}).status_code == 200
    assert api.delete(url).status_code == 204
    assert api.get(f"contacts/{other['id']}").status_code == 200


def test_contactcontacts_check_organisation_and_person(api, org, person):
    swapped = {"organization": {"id": person["id"]}, "person": {"id": org["id"]}}
    assert (
        api.post("contactcontacts", json=swapped).get_json()["field"] == "organization"
    )
    twice_org = {"organization": {"id": org["id"]}, "person": {"id": org["id"]}}
    assert api.post("contactcontacts", json=twice_org).get_json()["field"] == "person"
