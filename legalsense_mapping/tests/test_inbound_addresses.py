"""LegalSense → Odoo: § Address to LSAddresses read backwards, row by row."""

import pytest

from legalsense_mapping.inbound_addresses import (
    address_role,
    address_values,
    child_address_type,
    is_own_address,
)
from legalsense_mapping.tests.inbound_records import settings

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
