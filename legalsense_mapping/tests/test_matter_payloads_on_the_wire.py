"""The matter, debtor and party payloads are accepted by the contract.

Checked against the simulator: every optional row on, a create-then-update
cycle, a close, the main debtor and a kind change.
"""

import dataclasses
import datetime

import pytest

from legalsense_mapping.matter_contacts import (
    PartySource,
    matter_contact_payload,
    person_matter_contact_payload,
)
from legalsense_mapping.matter_debtors import (
    DebtorSource,
    debtor_payload,
    main_debtor,
    reconcile_main_debtor,
)
from legalsense_mapping.matter_settings import MatterSettings
from legalsense_mapping.matter_status import closes
from legalsense_mapping.matters import MatterSource, matter_payload
from legalsense_mapping.sources import LookupValue

simulator = pytest.importorskip("legalsense_simulator")
testing = pytest.importorskip("legalsense_simulator.testing")

SETTINGS = MatterSettings(
    sync_matter_chinese_wall_from_activity_type=True,
    sync_matter_enable_recofa_for_matter_types="ADV",
    sync_matter_aml_required_from_custom_field="AML",
    sync_matter_originator_to_cm_field="Owner",
    sync_matter_archive_number_from_cm_to_ls="RealArchiveNumber",
    sync_matter_notes_from_cm_to_ls="Text1",
    retention_period="BEWAAR",
    matter_custom_fields="DMSFORLEGAL=DMS;open_date=Deadline",
    matter_status_code_new_id=1,
    matter_status_code_active_id=2,
    matter_status_code_closed_id=3,
    matter_status_code_archived_id=4,
    create_matter_use_matter_code_from_cm=True,
    show_debtor_bill_reference=True,
    show_debtor_bill_email_address=True,
    show_debtor_bill_email_address_existing_email_addresses_only=True,
    show_debtor_dunning_email_address=True,
)


@pytest.fixture
def api():
    return testing.ApiClient(simulator.Simulator(version="18.120"))


@pytest.fixture
def client_contact(api):
    contact = api.create(
        "contacts",
        testing.organization_payload(
            is_debtor=True,
            details=[{"kind": "email_2", "value": "f@jansen.nl"}],
        ),
    )
    client = api.create("clients", testing.client_payload(contact["id"]))
    return contact, client


def test_matter_cycle(api, client_contact):
    contact, client = client_contact
    source = MatterSource(
        odoo_id=42,
        name="Jansen / huurgeschil",
        code="M-42",
        open_date=datetime.date(2024, 3, 4),
        client_ls_id=client["id"],
        firm_ls_id=1,
        chinese_wall_kind=3,
        practice_group_ls_id=2,
        matter_type=LookupValue("ADV", ls_id=1),
        area_of_law=LookupValue("ARB", ls_id=1),
        referral=LookupValue("WEB", ls_id=1),
        owner_ls_user_id=2,
        owner_sub_ls_user_id=3,
        archive_number="17",
        text1="Doos 4",
        lookup_values=(
            LookupValue("ja", field_code="AML"),
            LookupValue("7", field_code="BEWAAR"),
        ),
        field_values={"open_date": datetime.date(2024, 3, 4)},
        dmsforlegal_code="https://dms.example/42",
    )
    matter = api.create("matters", matter_payload(source, SETTINGS, "18.120"))
    assert matter["number"] == "M-42"
    assert matter["matter_status"] == {"id": 1}
    assert matter["chinese_wall_kind"] == 3
    assert matter["is_recofa"] is True
    assert matter["aml_required"] is True
    assert matter["archive_information"]["number"] == 17
    assert matter["archive_information"]["notes"] == "Doos 4"
    assert matter["archive_information"]["retention_period"] == 7
    assert matter["custom_fields"] == {
        "DMS": "https://dms.example/42",
        "Deadline": "2024-03-04",
    }

    closed = dataclasses.replace(
        source, verified=True, close_date=datetime.date(2024, 6, 1)
    )
    update = matter_payload(closed, SETTINGS, "18.120", existing=matter)
    assert closes(update, matter)
    response = api.patch(f"matters/{matter['id']}", json=update)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["softkill_status"] == 2
    assert response.get_json()["matter_status"] == {"id": 3}

    # debtors: the main debtor is reconciled, a second one is created
    debtors = api.get(f"matterdebtors?matter={matter['id']}").get_json()["results"]
    link = reconcile_main_debtor(debtors, [(1, None), (2, None)])
    assert link == (1, main_debtor(debtors))
    first = DebtorSource(
        odoo_id=1,
        matter_ls_id=matter["id"],
        debtor_ls_id=contact["id"],
        percentage=60,
        invoice_emails=("f@jansen.nl", "cc@jansen.nl", "x@jansen.nl"),
        dunning_emails=("d@jansen.nl",),
        email_details=tuple(contact["details"]),
    )
    main = link[1]
    response = api.patch(
        f"matterdebtors/{main['id']}", json=debtor_payload(first, SETTINGS, main)
    )
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["to_email"] == {"id": contact["details"][0]["id"]}
    assert response.get_json()["cc_emails_custom"] == ["cc@jansen.nl", "x@jansen.nl"]
    second = dataclasses.replace(first, odoo_id=2, percentage=40, invoice_emails=())
    created = api.create("matterdebtors", debtor_payload(second, SETTINGS))
    assert created["percentage"] == "40.00"
    assert created["invoice_send_method"] == "RegularMail"


def test_parties_and_client_contact(api, client_contact):
    contact, client = client_contact
    person = api.create("contacts", testing.person_payload())
    matter = api.create("matters", testing.matter_payload(client["id"]))
    party = PartySource(
        odoo_id=1,
        matter_ls_id=matter["id"],
        contact_ls_id=contact["id"],
        contact_person_ls_id=person["id"],
        kind_ls_id=2,
        their_reference="Ref",
    )
    stored = api.create("mattercontacts", matter_contact_payload(party))
    assert stored["contact_person"] == {"id": person["id"]}
    # The kind cannot change in place: the matter contact is made again.
    changed = matter_contact_payload(dataclasses.replace(party, kind_ls_id=3))
    assert api.patch(f"mattercontacts/{stored['id']}", json=changed).status_code == 400
    client_person = person_matter_contact_payload(matter["id"], person["id"], 1)
    assert api.create("mattercontacts", client_person)["kind"] == {"id": 1}
