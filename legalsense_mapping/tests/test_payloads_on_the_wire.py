"""The mapping's payloads are accepted by the contract, checked against the simulator.

The rules are tested row by row elsewhere; here every optional row is switched on
and the payloads go through a full create-then-update cycle.
"""

import dataclasses
import datetime

import pytest

from legalsense_mapping.addresses import address_payload, billing_address_payload
from legalsense_mapping.clients import client_payload
from legalsense_mapping.contact_contacts import (
    contact_contact_payload,
    employee_details,
)
from legalsense_mapping.contacts import company_contact_payload, person_contact_payload
from legalsense_mapping.settings import MappingSettings
from legalsense_mapping.sources import (
    AddressSource,
    ContactSource,
    EmployeeSource,
    LookupValue,
)

simulator = pytest.importorskip("legalsense_simulator")
testing = pytest.importorskip("legalsense_simulator.testing")

SETTINGS = MappingSettings(
    view_owner="Company,Person",
    show_bank_account_number=True,
    show_company_peppol_number=True,
    show_person_tax_number=True,
    sync_person_suffix=True,
    person_attention_overwrite=True,
    person_attention_overwrite_with_custom_attention=True,
    sync_client_billing_instructions=True,
    sync_client_branches_to_cm_field="Industry",
    sync_client_status_id=2,
    create_client_use_client_code_from_external_application="ASSYST",
    company_custom_fields="LookupField.WWFT=WWFT;x_kvk=KvK gecontroleerd",
    person_custom_fields="LookupField.WWFT=WWFT",
    default_address_kind_postal_address=1,
)
COMPANY = ContactSource(
    odoo_id=42,
    is_company=True,
    name="Acme",
    official_name="Acme B.V.",
    chamber_of_commerce="12345678",
    vat="BE0123456789",
    language="nl_NL",
    postal_country_code="BE",
    postal_city="Antwerpen",
    owner_ls_user_id=2,
    owner_sub_ls_user_id=3,
    bank_iban="NL91ABNA0417164300",
    bank_bic="ABNANL2A",
    peppol_id="0106:12345678",
    phone="+32 3 123",
    website="acme.be",
    email="info@acme.be",
    billing_emails=("f@acme.be", "cfo@acme.be"),
    dunning_email="d@acme.be",
    lookup_values=(LookupValue("hoog", field_code="WWFT"),),
    field_values={"x_kvk": True},
    industry=LookupValue("ICT", ls_id=1),
    segments=(LookupValue("ZAK", ls_id=1),),
    referrals=(LookupValue("WEB", ls_id=1),),
    identification_present=True,
    billing_instructions="Maandelijks",
    create_date=datetime.date(2020, 1, 2),
    external_client_code="C-42",
)
PERSON = ContactSource(
    odoo_id=43,
    is_company=False,
    name="Jan de Vries",
    first_name="Jan",
    last_name="Vries",
    name_prefix="de",
    gender="male",
    birthdate=datetime.date(1970, 3, 4),
    title="mr.",
    suffix="LL.M.",
    salutation="Geachte heer De Vries",
    attention="De heer J. de Vries",
    custom_attention="Jan",
    language="en_US",
    postal_country_code="US",
    owner_ls_user_id=4,
    vat="US1",
    mobile="06 1",
)


@pytest.fixture
def api():
    return testing.ApiClient(simulator.Simulator(version="18.120"))


def test_company_client_address_cycle(api):
    contact = api.create("contacts", company_contact_payload(COMPANY, SETTINGS))
    assert contact["tax_scheme"] == 2
    assert contact["custom_fields"] == {"WWFT": "hoog", "KvK gecontroleerd": True}
    assert [item["kind"] for item in contact["details"]] == [
        "phone",
        "website",
        "email",
        "email_2",
        "email_4",
        "email_3",
    ]
    company = dataclasses.replace(COMPANY, ls_contact_id=contact["id"])
    client = api.create("clients", client_payload(company, SETTINGS, "18.120"))
    assert client["number"] == "C-42"
    assert client["client_status"] == {"id": 2}
    assert client["branches"] == [{"id": 1}]

    address = AddressSource(
        odoo_id=9, street="Meir 1", city="Antwerpen", country_code="BE", is_postal=True
    )
    stored = api.create("addresses", address_payload(address, contact["id"], SETTINGS))
    assert stored["address_template"] == 4
    billing = billing_address_payload(dataclasses.replace(address, ls_id=stored["id"]))
    contact = api.patch(f"contacts/{contact['id']}", json=billing).get_json()
    assert contact["is_debtor"] is True

    archived = dataclasses.replace(company, active=False)
    update = company_contact_payload(archived, SETTINGS, existing=contact)
    response = api.patch(f"contacts/{contact['id']}", json=update)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["softkill_status"] == 2
    client_update = client_payload(archived, SETTINGS, "18.120", existing=client)
    response = api.patch(f"clients/{client['id']}", json=client_update)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["client_status"] == {"id": 2}

    inactive = dataclasses.replace(address, inactive=True, ls_id=stored["id"])
    response = api.put(
        f"addresses/{stored['id']}",
        json=address_payload(inactive, contact["id"], SETTINGS),
    )
    assert response.get_json()["city"] == "Antwerpen !INACTIVE!"


def test_person_and_employee_cycle(api):
    organization = api.create("contacts", company_contact_payload(COMPANY, SETTINGS))
    person = api.create("contacts", person_contact_payload(PERSON, SETTINGS))
    assert person["address_label_name"]["internal"] == "De heer J. de Vries"
    assert person["attention"] == "Jan"
    assert person["invoice_language"] == "en"
    assert person["tax_scheme"] == 3
    assert person["account_manager_user"] == {"id": 4}

    employee = EmployeeSource(
        odoo_id=5,
        organization_ls_id=organization["id"],
        person_ls_id=person["id"],
        job_title="Jurist",
        email="jan@acme.be",
    )
    link = api.create("contactcontacts", contact_contact_payload(employee))
    assert link["job_description"] == "Jurist"
    details = {"details": employee_details(employee)}
    person = api.patch(f"contacts/{person['id']}", json=details).get_json()
    assert [item["kind"] for item in person["details"]] == ["email", "email_4"]

    client = client_payload(
        dataclasses.replace(PERSON, ls_contact_id=person["id"]), SETTINGS, "15.55"
    )
    assert "parent_client" not in client
    assert api.create("clients", client)["name"] == "Jan de Vries"
