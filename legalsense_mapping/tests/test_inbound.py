"""LegalSense → Odoo: the partner tables read backwards, row by row."""

import dataclasses
import datetime

import pytest

from legalsense_mapping.inbound import (
    InboundSettings,
    address_role,
    address_values,
    attention_value,
    best_person_at_company,
    child_address_type,
    client_values,
    communication_values,
    company_keys,
    contact_contact_values,
    contact_values,
    custom_field_targets,
    employee_values,
    is_own_address,
    iso_datetime,
    odoo_language,
    parse_datetime,
    person_key,
    ref_id,
)
from legalsense_mapping.settings import MappingSettings


def settings(**mapping):
    extra = {
        key: mapping.pop(key)
        for key in ("country_mapping", "address_kinds_inactive", "use_client_code")
        if key in mapping
    }
    return InboundSettings(mapping=MappingSettings(**mapping), **extra)


def detail(kind, value):
    return {"kind": kind, "value": value}


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
PERSON = {
    "id": 20,
    "is_organization": False,
    "first_name": "Jan",
    "last_name": "Vries",
    "name_prefix": "de",
    "initials": "J.",
    "gender": "Male",
    "birthdate": "1970-05-04",
    "title": "mr.",
    "suffix_title": "LL.M.",
    "salutation": "Geachte heer",
    "attention": "Jan persoonlijk",
    "address_label_name": {"internal": "", "attention": "mr. J. de Vries"},
    "vat_number": "NL0001",
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


# ------------------------------------------------------------ addresses

ADDRESS = {
    "id": 30,
    "contact": {"id": 10},
    "address_kind": {"id": 1},
    "address": "Keizersgracht 1",
    "address_line_2": "3e etage",
    "zipcode": "1015 CJ",
    "city": "Amsterdam",
    "country": "Nederland",
    "normalized_country": "NL",
}


@pytest.mark.parametrize(
    "address, settings_, expect",
    [
        pytest.param(
            ADDRESS,
            {},
            {
                "street": "Keizersgracht 1",
                "street2": "3e etage",
                "zip": "1015 CJ",
                "city": "Amsterdam",
                "country_code": "NL",
                "inactive": False,
            },
            id="address, address_line_2, zipcode, city, normalized_country",
        ),
        pytest.param(
            dict(ADDRESS, city="Amsterdam !INACTIVE!"),
            {},
            {"city": "Amsterdam", "inactive": True},
            id="city with !INACTIVE!",
        ),
        pytest.param(
            dict(ADDRESS, address_kind={"id": 4}),
            {},
            {"inactive": True},
            id="AddressKindsInActive (default Vorig adres)",
        ),
        pytest.param(
            dict(ADDRESS, address_kind={"id": 7}),
            {"default_address_kind_visitor_address": 7},
            {"is_visitor_address": True},
            id="DefaultAddressKindVisitorAddress: a visiting address",
        ),
        pytest.param(
            dict(ADDRESS, address_kind={"id": 7}),
            {},
            {"is_visitor_address": False},
            id="no visitor kind configured: not a visiting address",
        ),
        pytest.param(
            dict(ADDRESS, normalized_country="", country="Holland"),
            {"country_mapping": {"holland": "NL"}},
            {"country_code": "NL"},
            id="ImportCountryMapping",
        ),
        pytest.param(
            dict(ADDRESS, normalized_country="", country="Atlantis"),
            {},
            {"country_code": "", "country_name": "Atlantis"},
            id="unknown country: the name for Odoo to match",
        ),
    ],
)
def test_address_rows(address, settings_, expect):
    inbound = address_values(address, settings(**settings_), {4: "Vorig adres"})
    found = dict(inbound.values)
    found.update(
        country_code=inbound.country_code,
        country_name=inbound.country_name,
        inactive=inbound.inactive,
    )
    assert {key: found[key] for key in expect} == expect


@pytest.mark.parametrize(
    "address, contact, settings_, has_own, expect",
    [
        pytest.param(ADDRESS, {"default_billing_address": {"id": 30}}, {}, False, True,
                     id="the default billing address"),
        pytest.param(ADDRESS, {"default_billing_address": {"id": 31}}, {}, False, False,
                     id="not the default billing address"),
        pytest.param(ADDRESS, {}, {}, False, True, id="no billing address: the first"),
        pytest.param(ADDRESS, {}, {}, True, False, id="never a second own address"),
        pytest.param(ADDRESS, {"default_billing_address": {"id": 31}},
                     {"default_address_kind_postal_address": 1}, False, True,
                     id="the postal kind setting"),
        pytest.param(ADDRESS, {}, {"default_address_kind_postal_address": 2}, False,
                     False, id="another kind than the postal kind"),
    ],
)  # fmt: skip
def test_is_own_address(address, contact, settings_, has_own, expect):
    assert is_own_address(address, contact, settings(**settings_), has_own) is expect


def test_address_role_and_child_type():
    kinds = settings(
        default_address_kind_postal_address=1,
        default_address_kind_visitor_address=2,
        billing_address_type_code="FACT",
    )
    assert address_role(ADDRESS, kinds) == "postal"
    assert address_role(dict(ADDRESS, address_kind={"id": 2}), kinds) == "visitor"
    assert child_address_type("fact", kinds) == "invoice"
    assert child_address_type("POST", kinds) == "other"


# ------------------------------------------------------------ clients

CLIENT = {
    "id": 50,
    "contact": {"id": 10},
    "number": "10050",
    "alternative_names": "JZ",
    "originating_user": {"id": 3},
    "sector": {"id": 2},
    "branches": [{"id": 5}, {"id": 6}],
    "referrer": {"id": 7},
    "billing_instructions": "Per kwartaal",
    "parent_client": {"id": 49},
}


@pytest.mark.parametrize(
    "settings_, expect",
    [
        pytest.param(
            {},
            {
                "values": {
                    "legalsense_is_client": True,
                    "legalsense_client_code": "10050",
                    "previous_name": "JZ",
                },
                "originating_user_field": "originator_id",
                "sector_ls_id": 2,
                "branch_ls_id": None,
                "referrer_ls_id": 7,
                "parent_client_ls_id": 49,
            },
            id="defaults",
        ),
        pytest.param(
            {
                "use_client_code": False,
                "sync_company_use_alias_to_alternative_name": True,
                "sync_client_originating_user_to_cm_field": "Owner",
                "sync_client_segment": False,
                "sync_client_branches_to_cm_field": "Industry",
                "sync_client_referral": False,
                "sync_client_billing_instructions": True,
            },
            {
                "values": {
                    "legalsense_is_client": True,
                    "name_alias": "JZ",
                    "billing_instructions": "Per kwartaal",
                },
                "originating_user_field": "user_id",
                "sector_ls_id": None,
                "branch_ls_id": 5,
                "referrer_ls_id": None,
            },
            id="every setting the other way",
        ),
    ],
)
def test_client_rows(settings_, expect):
    inbound = dataclasses.asdict(client_values(CLIENT, settings(**settings_)))
    assert {key: inbound[key] for key in expect} == expect


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
    ("existing", "expect"),
    [
        pytest.param(None, {"function": "Partner"}, id="new person: job function"),
        pytest.param(
            {"function": "Advocaat", "job_title": "Senior advocaat"},
            {"function": "Partner"},
            id="a job function: it was sent, it is written",
        ),
        pytest.param(
            {"function": False, "job_title": "Senior advocaat"},
            {"job_title": "Partner"},
            id="only a job title (the fallback): the job title",
        ),
        pytest.param(
            {"function": False, "job_title": False},
            {"function": "Partner"},
            id="neither: job function",
        ),
    ],
)
def test_job_description_goes_back_where_it_came_from(existing, expect):
    link = {"id": 40, "job_description": " Partner "}
    assert contact_contact_values(link, existing) == expect


def test_employee_values_take_names_phone_fax_and_email():
    values = contact_values(
        dict(
            PERSON,
            details=[detail("phone", "1"), detail("fax", "2"), detail("email", "e")],
        ),
        settings(),
    ).values
    assert employee_values(values) == {
        "firstname": "Jan",
        "lastname": "Vries",
        "infix": "de",
        "initials": "J.",
        "gender": "male",
        "name_suffix": "LL.M.",
        "phone": "1",
        "mobile": False,
        "fax": "2",
        "email": "e",
    }


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
