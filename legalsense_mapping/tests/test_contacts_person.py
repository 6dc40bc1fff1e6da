"""§ Person to LSContacts, one case per row of the table, plus the settings."""

import datetime
from types import MappingProxyType

import pytest

from legalsense_mapping.contacts import derived_initials, person_contact_payload
from legalsense_mapping.settings import MappingSettings
from legalsense_mapping.sources import ContactSource, LookupValue
from legalsense_mapping.tests.helpers import detail
from legalsense_mapping.tests.rows import DROP, NEW, PayloadTable

SOURCE = ContactSource(
    odoo_id=7,
    is_company=False,
    name="Jan de Vries",
    first_name="Jan",
    christian_names="Johannes Petrus",
    last_name="Vries",
    name_prefix="de",
    initials="J.P.",
    gender="male",
    birthdate=datetime.date(1970, 3, 4),
    title="mr.",
    suffix="LL.M.",
    salutation="Geachte heer De Vries",
    attention="De heer mr. J.P. de Vries",
    custom_attention="Jan de Vries persoonlijk",
    language="nl_NL",
    postal_country_code="NL",
    vat="NL000099998B57",
    owner_ls_user_id=9,
    bank_iban="NL91ABNA0417164300",
    bank_bic="ABNANL2A",
)
EXISTING = MappingProxyType(
    {"id": 6, "softkill_status": 1, "default_billing_address": None}
)
ALWAYS = {
    "first_name": "Jan",
    "last_name": "Vries",
    "name_prefix": "de",
    "initials": "J.P.",
    "gender": "Male",
    "birthdate": "1970-03-04",
    "title": "mr.",
    "salutation": "Geachte heer De Vries",
    "invoice_language": "nl",
    "tax_scheme": 1,
    "has_dunning": True,
    "details": [],
}
NEW_ONLY = {"is_organization": False, "is_debtor": False, "softkill_status": 1}
TABLE = PayloadTable(
    person_contact_payload, SOURCE, MappingSettings, EXISTING, ALWAYS, NEW_ONLY
)
row = TABLE.row
payload_for = TABLE.payload
expected_payload = TABLE.expected


ROWS = [
    row("new only | is_organization | false", existing=NEW),
    row("new only | is_debtor | false", existing=NEW, expect={"is_debtor": False}),
    row(
        "new only | softkill_status | Active",
        existing=NEW,
        expect={"softkill_status": 1},
    ),
    row(
        "new only | invoice_language | Person.Language",
        existing=NEW,
        source={"language": "en_GB"},
        expect={"invoice_language": "en"},
    ),
    row(
        "new only | tax_scheme | National | overridden in always pass",
        existing=NEW,
        source={"postal_country_code": "CH"},
        expect={"tax_scheme": 3},
    ),
    row(
        "always | is_debtor | true | when default_billing_address is already set in LS",
        existing=EXISTING | {"default_billing_address": {"id": 3}},
        expect={"is_debtor": True},
    ),
    row(
        "always | first_name | Person.FirstName",
        source={"first_name": "Jantje"},
        expect={"first_name": "Jantje"},
    ),
    row(
        "always | first_name | falls back to Person.ChristianNames if empty",
        source={"first_name": ""},
        expect={"first_name": "Johannes Petrus"},
    ),
    row(
        "always | last_name | Person.LastNameNoLastNamePrefix",
        source={"last_name": "Jong"},
        expect={"last_name": "Jong"},
    ),
    row(
        "always | name_prefix | Person.LastNamePrefix | e.g. de, van",
        source={"name_prefix": "van der"},
        expect={"name_prefix": "van der"},
    ),
    row(
        "always | initials | Person.Initials",
        source={"initials": "J."},
        expect={"initials": "J."},
    ),
    row(
        "always | initials | auto-derived as X. from first name when empty",
        source={"initials": "", "first_name": "jan pieter"},
        expect={"initials": "J.P.", "first_name": "jan pieter"},
    ),
    row(
        "always | gender | Person.GenderType | Female",
        source={"gender": "female"},
        expect={"gender": "Female"},
    ),
    row(
        "always | gender | null (unknown)",
        source={"gender": "other"},
        expect={"gender": None},
    ),
    row(
        "always | birthdate | null when not set",
        source={"birthdate": None},
        expect={"birthdate": None},
    ),
    row(
        "always | title | Person.Title",
        source={"title": False},
        expect={"title": ""},
    ),
    row(
        "always | suffix_title | Person.Suffix | only when SyncPersonSuffix = true",
        settings={"sync_person_suffix": True},
        expect={"suffix_title": "LL.M."},
    ),
    row(
        "always | salutation | only when PersonSalutationOverwrite = true",
        settings={"person_salutation_overwrite": False},
        expect={"salutation": DROP},
    ),
    row(
        "always | salutation | GetSalutation(Formal): none stored, generated (Dutch)",
        source={"salutation": "", "name_prefix": "van der", "last_name": "Berg"},
        expect={
            "salutation": "Geachte heer Van der Berg",
            "name_prefix": "van der",
            "last_name": "Berg",
        },
    ),
    row(
        "always | salutation | GetSalutation(Formal): gender unknown, neutral",
        source={"salutation": "", "gender": None},
        expect={"salutation": "Geachte heer/mevrouw De Vries", "gender": None},
    ),
    row(
        "always | salutation | culture from person language: English",
        source={"salutation": "", "gender": "female", "language": "en_US"},
        expect={
            "salutation": "Dear Ms De Vries",
            "gender": "Female",
            "invoice_language": "en",
        },
    ),
    row(
        "always | salutation | English, gender unknown: Dear Sir/Madam",
        source={"salutation": "  ", "gender": "other", "language": "en_GB"},
        expect={
            "salutation": "Dear Sir/Madam",
            "gender": None,
            "invoice_language": "en",
        },
    ),
    row(
        "always | salutation | domain default for another language: Dutch",
        source={"salutation": False, "language": "de_DE"},
        expect={"salutation": "Geachte heer De Vries", "invoice_language": "de"},
    ),
    row(
        "always | address_label_name.internal | Person.GetAttention() | only when "
        "PersonAttentionOverwrite = true",
        settings={"person_attention_overwrite": True},
        expect={"address_label_name": {"internal": "De heer mr. J.P. de Vries"}},
    ),
    row(
        "always | address_label_name.internal | GetAttention(): none stored, generated",
        source={"attention": "", "name_prefix": "Van der", "last_name": "Berg"},
        settings={"person_attention_overwrite": True},
        expect={
            "address_label_name": {"internal": "mr. J.P. van der Berg"},
            "name_prefix": "Van der",
            "last_name": "Berg",
        },
    ),
    row(
        "always | address_label_name.internal | GetAttention() with derived "
        "initials, no title",
        source={"attention": "", "initials": "", "title": ""},
        settings={"person_attention_overwrite": True},
        expect={
            "address_label_name": {"internal": "J. de Vries"},
            "initials": "J.",
            "title": "",
        },
    ),
    row(
        "always | attention | Person.CustomAttention | only when "
        "PersonAttentionOverwriteWithCustomAttention = true",
        settings={"person_attention_overwrite_with_custom_attention": True},
        expect={"attention": "Jan de Vries persoonlijk"},
    ),
    row(
        "always | invoice_language | Person.Language",
        source={"language": "de_DE"},
        expect={"invoice_language": "de"},
    ),
    row(
        "always | tax_scheme | calculated | uses person's postal address",
        source={"postal_country_code": "FR"},
        expect={"tax_scheme": 2},
    ),
    row(
        "always | softkill_status | Archived when inactive and not deceased",
        source={"active": False},
        expect={"softkill_status": 2},
    ),
    row(
        "always | softkill_status | inactive and deceased: not archived",
        source={"active": False, "deceased": True},
    ),
    row(
        "always | softkill_status | Active when active (if currently Archived)",
        existing=EXISTING | {"softkill_status": 2},
        expect={"softkill_status": 1},
    ),
    row(
        "always | account_manager_user | Person.Owner | only when ViewOwner "
        "includes Person",
        settings={"view_owner": "Company,Person"},
        expect={"account_manager_user": {"id": 9}},
    ),
    row(
        "always | has_dunning | false when NoDunningLookupFieldValueCode is set",
        source={"lookup_values": (LookupValue("GEEN_AANMANING"),)},
        settings={"no_dunning_lookup_field_value_code": "GEEN_AANMANING"},
        expect={"has_dunning": False},
    ),
    row(
        "always | vat_number | Person.TaxNumber | only when ShowPersonTaxNumber",
        settings={"show_person_tax_number": True},
        expect={"vat_number": "NL000099998B57"},
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
        "always | details[phone] | Person.PhoneNumber | kind = phone",
        source={"phone": "010 1234567"},
        expect={"details": [detail("phone", "010 1234567")]},
    ),
    row(
        "always | details[cellphone] | Person.MobileNumber | kind = cellphone",
        source={"mobile": "06 1"},
        expect={"details": [detail("cellphone", "06 1")]},
    ),
    row(
        "always | details[fax] | Person.FaxNumber | kind = fax",
        source={"fax": "010 7"},
        expect={"details": [detail("fax", "010 7")]},
    ),
    row(
        "always | details[website] | Person.Website | http:// prepended if missing",
        source={"website": "devries.nl"},
        expect={"details": [detail("website", "http://devries.nl")]},
    ),
    row(
        "always | details[email*] | various | see E-mail address mapping",
        source={
            "email": "jan@devries.nl",
            "billing_emails": ("a@devries.nl", "b@devries.nl"),
            "dunning_email": "d@devries.nl",
        },
        expect={
            "details": [
                detail("email", "jan@devries.nl"),
                detail("email_2", "a@devries.nl", to=True),
                detail("email_4", "b@devries.nl", cc=True),
                detail("email_3", "d@devries.nl", dunning=True),
            ]
        },
    ),
    row(
        "always | custom_fields | PersonCustomFields | see Custom Fields",
        source={"lookup_values": (LookupValue("HIGH", field_code="WWFT"),)},
        settings={"person_custom_fields": "LookupField.WWFT=WWFT"},
        expect={"custom_fields": {"WWFT": "HIGH"}},
    ),
]


@pytest.mark.parametrize(("source", "settings", "existing", "expect"), ROWS)
def test_person_to_lscontacts_row(source, settings, existing, expect):
    assert payload_for(source, settings, existing) == expected_payload(existing, expect)


SETTINGS_AND_FALLBACKS = [
    row(
        "ViewOwner without Person: account_manager_user not sent",
        settings={"view_owner": "Company"},
    ),
    row(
        "inactive, deceased and currently Archived: stays as it is (not sent)",
        source={"active": False, "deceased": True},
        existing=EXISTING | {"softkill_status": 2},
    ),
    row(
        "new, inactive and deceased: created Active",
        source={"active": False, "deceased": True},
        existing=NEW,
    ),
    row(
        "initials derived from ChristianNames when FirstName is empty too",
        source={"first_name": "", "initials": ""},
        expect={"first_name": "Johannes Petrus", "initials": "J.P."},
    ),
    row(
        "no first name at all: no initials",
        source={"first_name": "", "christian_names": "", "initials": ""},
        expect={"first_name": "", "initials": ""},
    ),
    row(
        "birthdate as a date-time gives the date",
        source={"birthdate": datetime.datetime(1970, 3, 4, 23, 30)},
        expect={"birthdate": "1970-03-04"},
    ),
    row(
        "gender is read case-insensitively",
        source={"gender": "Male"},
        expect={"gender": "Male"},
    ),
    row(
        "ShowPersonTaxNumber off: VAT number still counts for tax_scheme",
        source={"postal_country_code": "BE"},
        expect={"tax_scheme": 2},
    ),
    row(
        "SyncToDefaultThenCustom: a custom rule named 'initials' writes initials",
        source={"field_values": {"x_initials": "J.P.M."}},
        settings={
            "person_custom_fields": "x_initials=initials",
            "sync_to_default_then_custom": True,
        },
        expect={"initials": "J.P.M."},
    ),
    row(
        "SyncToDefaultThenCustom: a yes/no word for has_dunning is read as boolean",
        source={"field_values": {"x_dunning": "nee"}},
        settings={
            "person_custom_fields": "x_dunning=has_dunning",
            "sync_to_default_then_custom": True,
        },
        expect={"has_dunning": False},
    ),
]


@pytest.mark.parametrize(
    ("source", "settings", "existing", "expect"), SETTINGS_AND_FALLBACKS
)
def test_person_settings_and_fallbacks(source, settings, existing, expect):
    assert payload_for(source, settings, existing) == expected_payload(existing, expect)


@pytest.mark.parametrize(
    ("first_name", "expected"),
    [
        pytest.param("Jan", "J.", id="one first name: X."),
        pytest.param("Jan Pieter", "J.P.", id="two first names"),
        pytest.param("jan  pieter  karel", "J.P.K.", id="lower case, double spaces"),
        pytest.param("Jan-Willem", "J.W.", id="hyphenated first name"),
        pytest.param("Émile", "É.", id="accented letter"),
        pytest.param("", "", id="no first name"),
        pytest.param(None, "", id="None"),
    ],
)
def test_derived_initials(first_name, expected):
    assert derived_initials(first_name) == expected
