from datetime import datetime

from legalsense_simulator.testing import error_of, organization_payload, person_payload


def test_post_returns_201_with_every_property_and_its_default(api, sim):
    response = api.post("contacts", json=person_payload())
    assert response.status_code == 201
    body = response.get_json()
    created = datetime.fromisoformat(body.pop("created_date"))
    assert created.utcoffset().total_seconds() == 0
    assert body.pop("modified_date") == created.isoformat(timespec="microseconds")
    assert body == {
        "id": 1,
        "number": "100001",
        "is_organization": False,
        "softkill_status": 1,
        "is_debtor": False,
        "has_dunning": False,
        "first_name": "Jan",
        "last_name": "Vries",
        "name_prefix": "de",
        "initials": "",
        "gender": None,
        "birthdate": None,
        "title": "",
        "suffix_title": "",
        "salutation": "",
        "attention": "",
        "address_label_name": {
            "internal": "",
            "attention": "de Vries",
            "custom_attention": None,
        },
        "organization_name": "",
        "organization_number": "",
        "vat_number": "",
        "peppol_id": "",
        "invoice_language": None,
        "tax_scheme": 1,
        "account_manager_user": None,
        "bank_account_iban": "",
        "bank_account_bic": "",
        "default_billing_address": None,
        "details": [],
        "custom_fields": {},
    }
    assert sim.store.get("contacts", 1)["first_name"] == "Jan"


def test_ids_ascend_from_one_per_resource(api, org):
    second = api.create("contacts", person_payload())
    assert (org["id"], second["id"]) == (1, 2)
    assert org["default_billing_address"] == {"id": 1}


def test_required_fields_are_checked_in_schema_order(api):
    response = api.post("contacts", json={"first_name": "Jan"})
    assert response.status_code == 400
    assert response.get_json() == {
        "detail": "This field is required.",
        "code": "required",
        "field": "is_organization",
    }
    body = {"is_organization": False, "first_name": "Jan", "name_prefix": ""}
    assert api.post("contacts", json=body).get_json()["field"] == "last_name"


def test_put_requires_the_create_fields_too(api, person):
    response = api.put(f"contacts/{person['id']}", json={"first_name": "Piet"})
    assert (response.status_code, response.get_json()["code"]) == (400, "required")


def test_text_fields_are_never_null(api):
    response = api.post("contacts", json=person_payload(title=None))
    assert response.get_json() == {
        "detail": "This field may not be null.",
        "code": "invalid",
        "field": "title",
    }


def test_wrong_types_and_choices_are_invalid(api):
    cases = [
        ({"is_debtor": "yes"}, "is_debtor"),
        ({"tax_scheme": 4}, "tax_scheme"),
        ({"softkill_status": 0}, "softkill_status"),
        ({"gender": "Unknown"}, "gender"),
        ({"birthdate": "01-02-1980"}, "birthdate"),
        ({"birthdate": "1980-02-30"}, "birthdate"),
        ({"invoice_language": "NL"}, "invoice_language"),
        ({"account_manager_user": 2}, "account_manager_user"),
        ({"account_manager_user": {"id": 99}}, "account_manager_user"),
    ]
    for values, field in cases:
        response = api.post("contacts", json=person_payload(**values))
        assert response.status_code == 400, values
        assert error_of(response) == (400, "invalid", field)


def test_first_invalid_field_in_schema_order_is_reported(api):
    body = person_payload(custom_fields={"nope": 1}, tax_scheme=9, is_debtor="x")
    assert api.post("contacts", json=body).get_json()["field"] == "is_debtor"


def test_readonly_and_unknown_request_fields_are_ignored(api):
    body = person_payload(id=77, number="999", created_date="2000-01-01", color="blue")
    contact = api.create("contacts", body)
    assert (contact["id"], contact["number"]) == (1, "100001")
    assert "color" not in contact
    assert contact["created_date"].startswith(str(datetime.now().year))


def test_patch_changes_only_the_given_fields(api, person):
    response = api.patch(
        f"contacts/{person['id']}", json={"initials": "J.", "tax_scheme": 2}
    )
    assert response.status_code == 200
    contact = response.get_json()
    assert (contact["initials"], contact["tax_scheme"]) == ("J.", 2)
    assert contact["first_name"] == "Jan"
    assert contact["details"] == person["details"]
    assert contact["modified_date"] > person["modified_date"]
    assert contact["created_date"] == person["created_date"]


def test_put_resets_omitted_fields_that_have_a_default(api):
    contact = api.create("contacts", person_payload(initials="J.", is_debtor=True))
    body = person_payload(first_name="Johan")
    replaced = api.put(f"contacts/{contact['id']}", json=body).get_json()
    assert replaced["first_name"] == "Johan"
    assert (replaced["initials"], replaced["is_debtor"]) == ("", False)
    assert replaced["number"] == contact["number"]


def test_unchanged_write_still_sets_a_new_modified_date(api, person):
    again = api.patch(f"contacts/{person['id']}", json={}).get_json()
    assert again["modified_date"] > person["modified_date"]
    assert {**again, "modified_date": None} == {**person, "modified_date": None}


def test_is_organization_cannot_change(api, person):
    response = api.patch(f"contacts/{person['id']}", json={"is_organization": True})
    assert response.status_code == 400
    assert response.get_json()["code"] == "invalid"
    assert response.get_json()["field"] == "is_organization"
    same = api.patch(f"contacts/{person['id']}", json={"is_organization": False})
    assert same.status_code == 200


def test_unknown_contact_is_404(api):
    response = api.get("contacts/42")
    assert response.status_code == 404
    assert response.get_json() == {
        "detail": "Not found.",
        "code": "not_found",
        "field": None,
    }
    assert api.patch("contacts/42", json={}).status_code == 404


def test_details_get_ids_that_stay_stable_for_kept_kinds(api):
    contact = api.create(
        "contacts",
        organization_payload(
            details=[
                {"kind": "phone", "value": "020 1"},
                {"kind": "email", "value": "a@x.example"},
            ]
        ),
    )
    phone, email = contact["details"]
    assert phone == {
        "id": 1,
        "kind": "phone",
        "value": "020 1",
        "is_billing_to_email": False,
        "is_billing_cc_email": False,
        "is_dunning_to_email": False,
    }
    body = {
        "details": [
            {"kind": "email", "value": "b@x.example", "id": 99},
            {"kind": "email_2", "value": "c@x.example", "is_billing_to_email": True},
        ]
    }
    details = api.patch(f"contacts/{contact['id']}", json=body).get_json()["details"]
    assert [(d["id"], d["kind"], d["value"]) for d in details] == [
        (email["id"], "email", "b@x.example"),
        (3, "email_2", "c@x.example"),
    ]
    assert details[1]["is_billing_to_email"] is True


def test_put_without_details_deletes_them(api, org):
    body = organization_payload()
    assert api.put(f"contacts/{org['id']}", json=body).get_json()["details"] == []


def test_details_with_empty_value_or_twice_the_same_kind_are_refused(api):
    for details in (
        [{"kind": "phone", "value": ""}],
        [{"kind": "phone", "value": "1"}, {"kind": "phone", "value": "2"}],
        [{"kind": "telex", "value": "1"}],
        [{"value": "1"}],
    ):
        response = api.post("contacts", json=organization_payload(details=details))
        assert response.status_code == 400, details
        assert response.get_json()["field"] == "details"


def test_attention_is_internal_or_the_person_name_parts(api):
    body = person_payload(title="mr.", initials="J.", attention="Jan persoonlijk")
    contact = api.create("contacts", body)
    assert contact["address_label_name"] == {
        "internal": "",
        "attention": "mr. J. de Vries",
        "custom_attention": "Jan persoonlijk",
    }
    body = {"address_label_name": {"internal": "De heer De Vries", "attention": "x"}}
    patched = api.patch(f"contacts/{contact['id']}", json=body).get_json()
    assert patched["address_label_name"] == {
        "internal": "De heer De Vries",
        "attention": "De heer De Vries",
        "custom_attention": "Jan persoonlijk",
    }


def test_organisation_attention_is_empty_without_internal(api, org):
    assert org["address_label_name"]["attention"] == ""


def test_custom_fields_are_merged_key_by_key_and_null_removes(api):
    body = person_payload(custom_fields={"WWFT": "LOW", "KvK gecontroleerd": True})
    contact = api.create("contacts", body)
    assert contact["custom_fields"] == {"WWFT": "LOW", "KvK gecontroleerd": True}
    body = {"custom_fields": {"WWFT": None}}
    patched = api.patch(f"contacts/{contact['id']}", json=body).get_json()
    assert patched["custom_fields"] == {"KvK gecontroleerd": True}
    replaced = api.put(f"contacts/{contact['id']}", json=person_payload()).get_json()
    assert replaced["custom_fields"] == {"KvK gecontroleerd": True}


def test_custom_fields_must_be_active_definitions_of_the_right_type(api):
    cases = [
        ({"Oude code": "x"}, "custom_fields.Oude code"),
        ({"Unknown": "x"}, "custom_fields.Unknown"),
        ({"KvK gecontroleerd": "yes"}, "custom_fields.KvK gecontroleerd"),
        ({"WWFT": 3}, "custom_fields.WWFT"),
    ]
    for values, field in cases:
        response = api.post("contacts", json=person_payload(custom_fields=values))
        assert (response.status_code, response.get_json()["field"]) == (400, field)


def test_default_billing_address_must_belong_to_the_contact(api, org, person):
    address = org["default_billing_address"]
    response = api.patch(
        f"contacts/{person['id']}", json={"default_billing_address": address}
    )
    assert response.status_code == 400
    assert response.get_json()["field"] == "default_billing_address"


def test_contacts_are_never_deleted(api, person):
    response = api.delete(f"contacts/{person['id']}")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, PUT, PATCH"
    assert response.get_json()["code"] == "method_not_allowed"
    assert api.get(f"contacts/{person['id']}").status_code == 200


def test_store_create_is_validated_like_http(sim):
    import pytest

    from legalsense_simulator.errors import ApiError

    with pytest.raises(ApiError) as raised:
        sim.store.create("contacts", {"is_organization": True})
    assert (raised.value.code, raised.value.field) == ("required", "first_name")
    created = sim.store.create("contacts", organization_payload())
    assert sim.store.list("contacts") == [created]
