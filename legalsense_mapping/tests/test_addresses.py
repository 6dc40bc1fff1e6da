"""§ Address to LSAddresses row by row, the fallbacks and the billing address."""

import dataclasses

import pytest

from legalsense_mapping.addresses import (
    INACTIVE_SUFFIX,
    address_city,
    address_payload,
    billing_address_choice,
    billing_address_payload,
)
from legalsense_mapping.settings import MappingSettings
from legalsense_mapping.sources import AddressSource

ADDRESS = AddressSource(
    odoo_id=3,
    street="Keizersgracht 1",
    zip="1015 AA",
    city="Amsterdam",
    country_code="NL",
    country_name="Nederland",
    address_kind_ls_id=2,
    template_ls_id=3,
)
EXPECTED = {
    "contact": {"id": 5},
    "address": "Keizersgracht 1",
    "address_line_2": "",
    "address_kind": {"id": 2},
    "city": "Amsterdam",
    "country": "Nederland",
    "normalized_country": "NL",
    "address_template": 3,
    "zipcode": "1015 AA",
}


def row(row_text, address=None, settings=None, expect=None, contact_ls_id=5):
    return pytest.param(
        address or {}, settings or {}, expect or {}, contact_ls_id, id=row_text
    )


ROWS = [
    row(
        "contact.id | address contact external ID",
        contact_ls_id=77,
        expect={"contact": {"id": 77}},
    ),
    row(
        "address | Address.AddressLine when AddressLine is set",
        address={"address_line": "Postbus 12"},
        expect={"address": "Postbus 12", "address_line_2": "Keizersgracht 1"},
    ),
    row(
        "address | otherwise Address.StreetLine",
        address={"street": "Herengracht 2"},
        expect={"address": "Herengracht 2"},
    ),
    row(
        "address_line_2 | Address.StreetLine when AddressLine is set",
        address={"address_line": "Postbus 12", "street2": "2e etage"},
        expect={"address": "Postbus 12", "address_line_2": "Keizersgracht 1, 2e etage"},
    ),
    row(
        "address_line_2 | otherwise '' (Odoo's second street line when set)",
        address={"street2": "2e etage"},
        expect={"address_line_2": "2e etage"},
    ),
    row(
        "address_kind.id | Address.AddressType external ID",
        address={"address_kind_ls_id": 9},
        settings={"default_address_kind_postal_address": 4},
        expect={"address_kind": {"id": 9}},
    ),
    row(
        "address_kind.id | falls back to DefaultAddressKindVisitorAddress",
        address={"address_kind_ls_id": None, "is_visitor": True},
        settings={"default_address_kind_visitor_address": 6},
        expect={"address_kind": {"id": 6}},
    ),
    row(
        "address_kind.id | or DefaultAddressKindPostalAddress (main location)",
        address={"address_kind_ls_id": None, "is_postal": True},
        settings={"default_address_kind_postal_address": 4},
        expect={"address_kind": {"id": 4}},
    ),
    row(
        "address_kind.id | then to DefaultAddressKind",
        address={"address_kind_ls_id": None},
        settings={"default_address_kind": 8, "default_address_kind_postal_address": 4},
        expect={"address_kind": {"id": 8}},
    ),
    row(
        "city | Address.City",
        address={"city": " Utrecht "},
        expect={"city": "Utrecht"},
    ),
    row(
        "city | appended with ' !INACTIVE!' when Address.InActive",
        address={"inactive": True},
        expect={"city": "Amsterdam !INACTIVE!"},
    ),
    row(
        "country | Address.Country.Name | localised to contact's language",
        address={"country_code": "DE", "country_name": "Duitsland"},
        expect={"country": "Duitsland", "normalized_country": "DE"},
    ),
    row(
        "normalized_country | Address.Country.Code | ISO2 code",
        address={"country_code": "be", "country_name": "België"},
        expect={"country": "België", "normalized_country": "BE"},
    ),
    row(
        "address_template | country LEGALSENSE external ID",
        address={"template_ls_id": "13"},
        expect={"address_template": 13},
    ),
    row(
        "address_template | falls back to DefaultAddressTemplate",
        address={"template_ls_id": None},
        settings={"default_address_template": 2},
        expect={"address_template": 2},
    ),
    row(
        "zipcode | Address.PostalCode",
        address={"zip": False},
        expect={"zipcode": ""},
    ),
]


def payload_for(address_changes, setting_changes, contact_ls_id):
    address = dataclasses.replace(ADDRESS, **address_changes)
    return address_payload(address, contact_ls_id, MappingSettings(**setting_changes))


@pytest.mark.parametrize(("address", "settings", "expect", "contact_ls_id"), ROWS)
def test_address_to_lsaddresses_row(address, settings, expect, contact_ls_id):
    assert payload_for(address, settings, contact_ls_id) == EXPECTED | expect


FALLBACKS = [
    row(
        "kind: no kind, not a main-location address: DefaultAddressKind (manual 1)",
        address={"address_kind_ls_id": None},
        expect={"address_kind": {"id": 1}},
    ),
    row(
        "kind: postal default unset (0): DefaultAddressKind",
        address={"address_kind_ls_id": None, "is_postal": True},
        settings={"default_address_kind_visitor_address": 6},
        expect={"address_kind": {"id": 1}},
    ),
    row(
        "kind: both postal and visitor: the postal kind",
        address={"address_kind_ls_id": None, "is_postal": True, "is_visitor": True},
        settings={
            "default_address_kind_postal_address": 4,
            "default_address_kind_visitor_address": 6,
        },
        expect={"address_kind": {"id": 4}},
    ),
    row(
        "kind: both, postal default unset: the visitor kind",
        address={"address_kind_ls_id": None, "is_postal": True, "is_visitor": True},
        settings={"default_address_kind_visitor_address": 6},
        expect={"address_kind": {"id": 6}},
    ),
    row(
        "template: no country template: DefaultAddressTemplate (manual 4)",
        address={"template_ls_id": None},
        expect={"address_template": 4},
    ),
    row(
        "template: country value outside 1..18: DefaultAddressTemplate",
        address={"template_ls_id": 19},
        expect={"address_template": 4},
    ),
    row(
        "template: country value not a number: DefaultAddressTemplate",
        address={"template_ls_id": "UK"},
        expect={"address_template": 4},
    ),
    row(
        "template: 1 and 18 are templates",
        address={"template_ls_id": 18},
        expect={"address_template": 18},
    ),
    row(
        "lines: AddressLine and no street: address_line_2 empty",
        address={"address_line": "Postbus 12", "street": ""},
        expect={"address": "Postbus 12", "address_line_2": ""},
    ),
    row(
        "lines: AddressLine with only street2",
        address={"address_line": "Postbus 12", "street": "", "street2": "Unit 4"},
        expect={"address": "Postbus 12", "address_line_2": "Unit 4"},
    ),
    row(
        "city: inactive and already suffixed: never doubled",
        address={"inactive": True, "city": "Amsterdam !INACTIVE!"},
        expect={"city": "Amsterdam !INACTIVE!"},
    ),
    row(
        "country: no country: empty texts",
        address={"country_code": False, "country_name": ""},
        expect={"country": "", "normalized_country": ""},
    ),
]


@pytest.mark.parametrize(("address", "settings", "expect", "contact_ls_id"), FALLBACKS)
def test_address_fallbacks(address, settings, expect, contact_ls_id):
    assert payload_for(address, settings, contact_ls_id) == EXPECTED | expect


@pytest.mark.parametrize("template", [0, -1, 19, 99])
def test_default_address_template_outside_1_18_is_refused(template):
    with pytest.raises(ValueError, match="DefaultAddressTemplate"):
        payload_for({"template_ls_id": None}, {"default_address_template": template}, 5)


@pytest.mark.parametrize(
    ("city", "inactive", "expected"),
    [
        ("Utrecht", False, "Utrecht"),
        ("Utrecht", True, "Utrecht" + INACTIVE_SUFFIX),
        ("Utrecht !INACTIVE!", True, "Utrecht !INACTIVE!"),
        ("", True, " !INACTIVE!"),
    ],
)
def test_address_city(city, inactive, expected):
    assert address_city(city, inactive) == expected


POSTAL = AddressSource(odoo_id=1, is_postal=True, address_kind_code="POST", ls_id=101)
VISIT = AddressSource(odoo_id=2, is_visitor=True, address_kind_code="VISIT", ls_id=102)
INVOICE = AddressSource(odoo_id=3, address_kind_code="FACT", ls_id=103)
OLD_INVOICE = AddressSource(
    odoo_id=4, address_kind_code="FACT", inactive=True, ls_id=104
)


@pytest.mark.parametrize(
    ("addresses", "type_code", "expected"),
    [
        pytest.param((VISIT, POSTAL, INVOICE), "", POSTAL, id="the postal address"),
        pytest.param(
            (VISIT, POSTAL, INVOICE),
            "FACT",
            INVOICE,
            id="the address of type BillingAddressTypeCode if configured",
        ),
        pytest.param(
            (POSTAL, INVOICE), "fact", INVOICE, id="type code case-insensitive"
        ),
        pytest.param(
            (VISIT, POSTAL),
            "FACT",
            POSTAL,
            id="no address of that type: the postal one",
        ),
        pytest.param(
            (POSTAL, OLD_INVOICE),
            "FACT",
            POSTAL,
            id="an inactive address is not chosen",
        ),
        pytest.param((VISIT,), "", None, id="no postal address: none"),
        pytest.param(
            (dataclasses.replace(POSTAL, inactive=True),),
            "",
            None,
            id="inactive postal",
        ),
        pytest.param((), "", None, id="no addresses"),
    ],
)
def test_billing_address_choice(addresses, type_code, expected):
    settings = MappingSettings(billing_address_type_code=type_code)
    assert billing_address_choice(addresses, settings) == expected


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        pytest.param(
            POSTAL,
            {"default_billing_address": {"id": 101}, "is_debtor": True},
            id="After sync: default_billing_address and is_debtor true",
        ),
        pytest.param(None, None, id="no billing address: nothing to write"),
        pytest.param(
            dataclasses.replace(POSTAL, ls_id=None), None, id="address not in LS yet"
        ),
    ],
)
def test_billing_address_payload(address, expected):
    assert billing_address_payload(address) == expected
