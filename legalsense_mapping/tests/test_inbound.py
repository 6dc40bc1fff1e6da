"""LegalSense → Odoo: § Company/Person to LSContacts read backwards, row by row,
with the matching of § Job 5 and the shared parsing."""

import datetime

import pytest

from legalsense_mapping.inbound import (
    InboundSettings,
    attention_value,
    best_person_at_company,
    communication_values,
    company_keys,
    contact_values,
    custom_field_targets,
    iso_datetime,
    odoo_language,
    parse_datetime,
    person_key,
    ref_id,
)
from legalsense_mapping.settings import MappingSettings
from legalsense_mapping.tests.inbound_records import PERSON, detail, settings

ORG = {
    "id": 10,
    "is_organization": True,
    "organization_name": "Jansen B.V.",
    "organization_number": "12345678",
    "vat_number": "NL123456789B01",
    "peppol_id": "0106:1",
    "softkill_status": 1,
    "invoice_language": "nl",
    "has_dunning": True,
    "account_manager_user": {"id": 3},
    "bank_account_iban": "NL91ABNA0417164300",
    "bank_account_bic": "ABNANL2A",
}


def row(text, contact, expect, settings_=None, existing=None):
    return pytest.param(contact, expect, settings_ or {}, existing, id=text)


CONTACT_ROWS = [
    row(
        "organization_name | OfficialName (and the name of a new company)",
        ORG,
        {"official_name": "Jansen B.V.", "name": "Jansen B.V.", "is_company": True},
    ),
    row(
        "organization_name | Name when SyncCompanyUseDisplayName",
        ORG,
        {"name": "Jansen B.V."},
        {"sync_company_use_display_name": True},
    ),
    row(
        "organization_name: a display name of its own is kept",
        ORG,
        {"official_name": "Jansen B.V."},
        existing={"name": "Jansen", "official_name": "Jansen Holding"},
    ),
    row(
        "organization_number | ChamberOfCommerce; vat_number | TaxNumber",
        ORG,
        {"company_registry": "12345678", "vat": "NL123456789B01"},
    ),
    row(
        "peppol_id | only when ShowCompanyPeppolNumber",
        ORG,
        {"peppol_id": "0106:1"},
        {"show_company_peppol_number": True},
    ),
    row(
        "softkill_status 2 | archived", dict(ORG, softkill_status=2), {"active": False}
    ),
    row(
        "softkill_status 3 | archived", dict(ORG, softkill_status=3), {"active": False}
    ),
    row(
        "first_name / last_name / name_prefix / initials",
        PERSON,
        {"firstname": "Jan", "lastname": "Vries", "infix": "de", "initials": "J."},
    ),
    row(
        "gender | Male / Female / null",
        PERSON,
        {"gender": "male", "birthdate_date": datetime.date(1970, 5, 4)},
    ),
    row("suffix_title | Suffix", PERSON, {"name_suffix": "LL.M."}),
    row(
        "salutation | PersonSalutationOverwrite: always",
        PERSON,
        {"salutation": "Geachte heer"},
        existing={"salutation": "Beste Jan"},
    ),
    row(
        "salutation | not PersonSalutationOverwrite: only when empty",
        PERSON,
        {"salutation": "Geachte heer"},
        {"person_salutation_overwrite": False},
        existing={"salutation": False},
    ),
    row(
        "attention | PersonAttentionOverwrite: the standard attention",
        PERSON,
        {"attention": "mr. J. de Vries"},
        {"person_attention_overwrite": True},
    ),
    row(
        "attention | WithCustomAttention: the custom attention",
        PERSON,
        {"attention": "Jan persoonlijk", "custom_attention": "Jan persoonlijk"},
        {
            "person_attention_overwrite": True,
            "person_attention_overwrite_with_custom_attention": True,
        },
    ),
    row(
        "vat_number | person: only when ShowPersonTaxNumber",
        PERSON,
        {"vat": "NL0001"},
        {"show_person_tax_number": True},
    ),
    row(
        "a person without names gets a last name",
        dict(PERSON, first_name="", last_name="", initials=""),
        {"lastname": "LegalSense 20"},
    ),
]


@pytest.mark.parametrize("contact, expect, settings_, existing", CONTACT_ROWS)
def test_contact_rows(contact, expect, settings_, existing):
    values = contact_values(contact, settings(**settings_), existing).values
    assert {key: values.get(key) for key in expect} == expect


def test_rows_that_stay_out_without_their_setting():
    values = contact_values(ORG, settings()).values
    assert "peppol_id" not in values
    person = contact_values(PERSON, settings()).values
    assert "vat" not in person and "attention" not in person
    kept = contact_values(
        PERSON,
        settings(person_salutation_overwrite=False),
        {"salutation": "Beste Jan"},
    ).values
    assert "salutation" not in kept


def test_resolved_later():
    inbound = contact_values(
        ORG, settings(view_owner="Company", show_bank_account_number=True)
    )
    assert inbound.language == "nl"
    assert inbound.owner_ls_user_id == 3
    assert inbound.bank == ("NL91ABNA0417164300", "ABNANL2A")
    assert contact_values(ORG, settings()).owner_ls_user_id is None
    assert contact_values(PERSON, settings()).title == "mr."


@pytest.mark.parametrize(
    "details, expect",
    [
        pytest.param(
            [detail("email", "a@x"), detail("email_4", "a@x")],
            {"email": "a@x", "billing_email": False},
            id="no billing address: email_4 is the general address",
        ),
        pytest.param(
            [
                detail("email", "a@x"),
                detail("email_2", "b@x"),
                detail("email_4", "a@x"),
            ],
            {"email": "a@x", "billing_email": "b@x"},
            id="one billing address",
        ),
        pytest.param(
            [
                detail("email", "a@x"),
                detail("email_2", "b@x"),
                detail("email_4", "c@x"),
            ],
            {"billing_email": "b@x; c@x"},
            id="two billing addresses",
        ),
        pytest.param(
            [detail("email_3", "d@x")], {"dunning_email": "d@x"}, id="dunning"
        ),
        pytest.param(
            [
                detail("phone", "1"),
                detail("cellphone", "2"),
                detail("fax", "3"),
                detail("website", "http://x"),
            ],
            {"phone": "1", "mobile": "2", "fax": "3", "website": "http://x"},
            id="phone, cellphone, fax, website",
        ),
    ],
)
def test_communication_rows(details, expect):
    values = communication_values(details)
    assert {key: values[key] for key in expect} == expect


def test_attention_untouched_without_settings():
    assert attention_value(PERSON, MappingSettings()) is None


@pytest.mark.parametrize(
    "code, installed, expect",
    [
        ("nl", {"nl_NL", "nl_BE", "en_US"}, "nl_NL"),
        ("nl", {"nl_BE", "en_US"}, "nl_BE"),
        ("en", {"en_US"}, "en_US"),
        ("fr", {"en_US"}, None),
        (None, {"en_US"}, None),
    ],
)
def test_odoo_language(code, installed, expect):
    assert odoo_language(code, installed) == expect


# ------------------------------------------------------------ matching


def test_company_keys_ignore_spaces_dots_and_case():
    keys = company_keys(
        {
            "organization_number": "1234 5678",
            "vat_number": "nl 123.456",
            "organization_name": " Jansen  B.V. ",
        }
    )
    assert keys == {
        "organization_number": "12345678",
        "vat": "NL123456",
        "name": "jansen b.v.",
    }


def test_person_key():
    person = dict(PERSON, details=[detail("email", "JAN@x")])
    assert person_key(person) == ("male", "de", "vries", "jan", "j.", "jan@x")


CANDIDATES = [
    {
        "id": 1,
        "lastname": "Vries",
        "gender": "female",
        "infix": "de",
        "firstname": "Anna",
    },
    {"id": 2, "lastname": "Vries", "gender": "male", "infix": "", "firstname": "Jan"},
    {
        "id": 3,
        "lastname": "Vries",
        "gender": "male",
        "infix": "de",
        "firstname": "Piet",
    },
    {"id": 4, "lastname": "Vries", "gender": "male", "infix": "de", "firstname": "Jan"},
    {"id": 5, "lastname": "Bos", "gender": "male", "infix": "", "firstname": "Jan"},
]


@pytest.mark.parametrize(
    "person, candidates, expect",
    [
        pytest.param(
            PERSON, CANDIDATES, 4, id="gender, prefix and first name break ties"
        ),
        pytest.param(PERSON, CANDIDATES[:3], 3, id="gender and prefix"),
        pytest.param(PERSON, CANDIDATES[:2], 2, id="gender only"),
        pytest.param(PERSON, CANDIDATES[:1], 1, id="last name alone"),
        pytest.param(PERSON, CANDIDATES[4:], None, id="no last name match"),
        pytest.param(dict(PERSON, last_name=""), CANDIDATES, None, id="no last name"),
    ],
)
def test_best_person_at_company(person, candidates, expect):
    best = best_person_at_company(person, candidates)
    assert (best["id"] if best else None) == expect


# ------------------------------------------------------------ clients

# ------------------------------------------------------------ the rest


def test_custom_field_targets():
    text = (
        "comment=Opmerking;LookupField.WWFT=WWFT;LookupField.X.Parent=XP;DMSFORLEGAL=D"
    )
    fields, lookups = custom_field_targets(
        text, {"Opmerking": "Goed", "WWFT": "HOOG", "XP": "A", "D": "url"}
    )
    assert fields == {"comment": "Goed"}
    assert lookups == {"WWFT": "HOOG"}
    assert custom_field_targets(text, {}) == ({}, {})


@pytest.mark.parametrize(
    "value, expect",
    [
        ({"id": 3}, 3),
        (4, 4),
        (None, None),
        ({"id": None}, None),
        (True, None),
        ("x", None),
    ],
)
def test_ref_id(value, expect):
    assert ref_id(value) == expect


def test_dates():
    assert parse_datetime("2026-03-01T10:00:00+01:00") == datetime.datetime(
        2026, 3, 1, 9
    )
    assert parse_datetime("2026-03-01T10:00:00Z") == datetime.datetime(2026, 3, 1, 10)
    assert parse_datetime(None) is None
    assert iso_datetime(datetime.datetime(2026, 3, 1, 9, 5, 7, 123)) == (
        "2026-03-01T09:05:07+00:00"
    )


def test_settings_from_config():
    class Config:
        import_country_mapping = "The Netherlands=nl"
        address_kinds_in_active = "Vorig adres; Oud"
        use_client_code = False

    read = InboundSettings.from_config(Config())
    assert read.country_mapping == {"the netherlands": "NL"}
    assert read.address_kinds_inactive == ("vorig adres", "oud")
    assert read.use_client_code is False
