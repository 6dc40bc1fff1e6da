"""§ Company to LSContacts, one case per row of the table, plus the settings."""

from types import MappingProxyType

import pytest

from legalsense_mapping.contacts import company_contact_payload
from legalsense_mapping.settings import MappingSettings
from legalsense_mapping.sources import ContactSource, LookupValue
from legalsense_mapping.tests.helpers import detail
from legalsense_mapping.tests.rows import NEW, PayloadTable

SOURCE = ContactSource(
    odoo_id=42,
    is_company=True,
    name="Acme",
    official_name="Acme B.V.",
    chamber_of_commerce="12345678",
    vat="NL001234567B01",
    language="nl_NL",
    postal_country_code="NL",
    owner_ls_user_id=9,
    bank_iban="NL91ABNA0417164300",
    bank_bic="ABNANL2A",
    peppol_id="0106:12345678",
)
EXISTING = MappingProxyType(
    {"id": 5, "softkill_status": 1, "default_billing_address": None}
)
# What every sync of SOURCE writes with the default settings.
ALWAYS = {
    "first_name": "",
    "last_name": "",
    "name_prefix": "",
    "organization_number": "12345678",
    "organization_name": "Acme B.V.",
    "vat_number": "NL001234567B01",
    "invoice_language": "nl",
    "tax_scheme": 1,
    "account_manager_user": None,
    "has_dunning": True,
    "details": [],
}
NEW_ONLY = {"is_organization": True, "is_debtor": False, "softkill_status": 1}
TABLE = PayloadTable(
    company_contact_payload, SOURCE, MappingSettings, EXISTING, ALWAYS, NEW_ONLY
)
row = TABLE.row
payload_for = TABLE.payload
expected_payload = TABLE.expected


ROWS = [
    row("new only | is_organization | true", existing=NEW),
    row("new only | is_debtor | false", existing=NEW, expect={"is_debtor": False}),
    row(
        "new only | softkill_status | Active",
        existing=NEW,
        expect={"softkill_status": 1},
    ),
    row(
        "new only | invoice_language | Company.Language",
        existing=NEW,
        source={"language": "en_US"},
        expect={"invoice_language": "en"},
    ),
    row(
        "new only | tax_scheme | National | overridden in always pass",
        existing=NEW,
        source={"postal_country_code": "BE"},
        expect={"tax_scheme": 2},
    ),
    row("always | first_name / last_name / name_prefix | '' | required by LS API"),
    row(
        "always | is_debtor | true | when default_billing_address is already set in LS",
        existing=EXISTING | {"default_billing_address": {"id": 77}},
        expect={"is_debtor": True},
    ),
    row(
        "always | organization_number | Company.ChamberOfCommerce",
        source={"chamber_of_commerce": " 87654321 "},
        expect={"organization_number": "87654321"},
    ),
    row(
        "always | organization_name | Company.OfficialName",
        source={"official_name": "Acme Holding B.V."},
        expect={"organization_name": "Acme Holding B.V."},
    ),
    row(
        "always | organization_name | Company.Name when SyncCompanyUseDisplayName",
        settings={"sync_company_use_display_name": True},
        expect={"organization_name": "Acme"},
    ),
    row(
        "always | vat_number | Company.TaxNumber",
        source={"vat": False},
        expect={"vat_number": ""},
    ),
    row(
        "always | invoice_language | Company.Language",
        source={"language": None},
        expect={"invoice_language": None},
    ),
    row(
        "always | tax_scheme | calculated | see VAT (BTW)",
        source={"postal_country_code": "US"},
        expect={"tax_scheme": 3},
    ),
    row(
        "always | softkill_status | Archived when inactive (if currently Active)",
        source={"active": False},
        expect={"softkill_status": 2},
    ),
    row(
        "always | softkill_status | Active when active (if currently Archived)",
        existing=EXISTING | {"softkill_status": 2},
        expect={"softkill_status": 1},
    ),
    row(
        "always | account_manager_user | Company.Owner | only when ViewOwner "
        "includes Company",
        settings={"view_owner": "Company"},
        expect={"account_manager_user": {"id": 9}},
    ),
    row(
        "always | account_manager_user | null otherwise",
        settings={"view_owner": "Person"},
        expect={"account_manager_user": None},
    ),
    row(
        "always | has_dunning | false when a value matching "
        "NoDunningLookupFieldValueCode is set",
        source={"lookup_values": (LookupValue("NODUN", field_code="DUNNING"),)},
        settings={"no_dunning_lookup_field_value_code": "NODUN"},
        expect={"has_dunning": False},
    ),
    row(
        "always | bank_account_iban + bank_account_bic | only when "
        "ShowBankAccountNumber",
        settings={"show_bank_account_number": True},
        expect={
            "bank_account_iban": "NL91ABNA0417164300",
            "bank_account_bic": "ABNANL2A",
        },
    ),
    row(
        "always | peppol_id | Company.PeppolNumber | only when ShowCompanyPeppolNumber",
        settings={"show_company_peppol_number": True},
        expect={"peppol_id": "0106:12345678"},
    ),
    row(
        "always | details[phone] | Company.PhoneNumber | kind = phone",
        source={"phone": "+31 20 1234567"},
        expect={"details": [detail("phone", "+31 20 1234567")]},
    ),
    row(
        "always | details[cellphone] | Company.MobileNumber | kind = cellphone",
        source={"mobile": "06 12345678"},
        expect={"details": [detail("cellphone", "06 12345678")]},
    ),
    row(
        "always | details[fax] | Company.FaxNumber | kind = fax",
        source={"fax": "020 7654321"},
        expect={"details": [detail("fax", "020 7654321")]},
    ),
    row(
        "always | details[website] | Company.Website | http:// prepended if missing",
        source={"website": "www.acme.nl"},
        expect={"details": [detail("website", "http://www.acme.nl")]},
    ),
    row(
        "always | details[email*] | various | see E-mail address mapping",
        source={"email": "info@acme.nl", "billing_emails": ("bill@acme.nl",)},
        expect={
            "details": [
                detail("email", "info@acme.nl"),
                detail("email_2", "bill@acme.nl", to=True),
                detail("email_4", "info@acme.nl", cc=True),
            ]
        },
    ),
    row(
        "always | custom_fields | CompanyCustomFields | see Custom Fields",
        source={"field_values": {"ref": "A-1"}},
        settings={"company_custom_fields": "ref=Reference"},
        expect={"custom_fields": {"Reference": "A-1"}},
    ),
]


@pytest.mark.parametrize(("source", "settings", "existing", "expect"), ROWS)
def test_company_to_lscontacts_row(source, settings, existing, expect):
    assert payload_for(source, settings, existing) == expected_payload(existing, expect)


SETTINGS_AND_FALLBACKS = [
    row(
        "SyncCompanyContactUseOfficialName wins over SyncCompanyUseDisplayName",
        settings={
            "sync_company_use_display_name": True,
            "sync_company_contact_use_official_name": True,
        },
        expect={"organization_name": "Acme B.V."},
    ),
    row(
        "organization_name: empty official name falls back to the display name",
        source={"official_name": ""},
        expect={"organization_name": "Acme"},
    ),
    row(
        "DefaultTaxCountryCode: no postal country uses the default (DE, VAT → 2)",
        source={"postal_country_code": ""},
        settings={"default_tax_country_code": "DE"},
        expect={"tax_scheme": 2},
    ),
    row(
        "softkill: inactive and already Archived: not sent",
        source={"active": False},
        existing=EXISTING | {"softkill_status": 2},
    ),
    row(
        "softkill: Removed (3) is left alone",
        existing=EXISTING | {"softkill_status": 3},
    ),
    row(
        "softkill: new and inactive is created Archived",
        source={"active": False},
        existing=NEW,
        expect={"softkill_status": 2},
    ),
    row(
        "is_debtor: existing without default_billing_address is not sent",
        existing=EXISTING | {"default_billing_address": None},
    ),
    row(
        "ViewOwner includes Company but no owner: null",
        source={"owner_ls_user_id": None},
        settings={"view_owner": "Person,Company"},
        expect={"account_manager_user": None},
    ),
    row(
        "NoDunningLookupFieldValueCode set, contact has other values: dunned",
        source={"lookup_values": (LookupValue("OTHER", field_code="DUNNING"),)},
        settings={"no_dunning_lookup_field_value_code": "NODUN"},
        expect={"has_dunning": True},
    ),
    row(
        "NoDunningLookupFieldValueCode compares codes case-insensitively",
        source={"lookup_values": (LookupValue("nodun", field_code="DUNNING"),)},
        settings={"no_dunning_lookup_field_value_code": "NODUN"},
        expect={"has_dunning": False},
    ),
    row(
        "ShowBankAccountNumber on, no bank account: empty strings",
        source={"bank_iban": False, "bank_bic": ""},
        settings={"show_bank_account_number": True},
        expect={"bank_account_iban": "", "bank_account_bic": ""},
    ),
    row(
        "invoice_language: an Odoo language without a two-letter code is null",
        source={"language": "fil_PH"},
        expect={"invoice_language": None},
    ),
    row(
        "SyncToDefaultThenCustom: a rule named like a standard property writes it",
        source={"field_values": {"x_peppol": "0106:999", "ref": "A-1"}},
        settings={
            "company_custom_fields": "x_peppol=peppol_id;ref=Reference",
            "sync_to_default_then_custom": True,
        },
        expect={"peppol_id": "0106:999", "custom_fields": {"Reference": "A-1"}},
    ),
    row(
        "SyncToDefaultThenCustom off: a standard name stays a custom field",
        source={"field_values": {"x_peppol": "0106:999"}},
        settings={"company_custom_fields": "x_peppol=peppol_id"},
        expect={"custom_fields": {"peppol_id": "0106:999"}},
    ),
    row(
        "SyncToDefaultThenCustom: only standard names: no custom_fields key",
        source={"field_values": {"x_peppol": "0106:999"}},
        settings={
            "company_custom_fields": "x_peppol=peppol_id",
            "sync_to_default_then_custom": True,
        },
        expect={"peppol_id": "0106:999"},
    ),
]


@pytest.mark.parametrize(
    ("source", "settings", "existing", "expect"), SETTINGS_AND_FALLBACKS
)
def test_company_settings_and_fallbacks(source, settings, existing, expect):
    assert payload_for(source, settings, existing) == expected_payload(existing, expect)


def test_company_payload_never_sends_the_contact_number():
    """The contact number is read-only in the contract (server-assigned)."""
    payload = payload_for({}, {}, NEW)
    assert "number" not in payload


def test_bad_custom_field_setting_raises():
    with pytest.raises(ValueError):
        payload_for({}, {"company_custom_fields": "no equals sign"}, EXISTING)
