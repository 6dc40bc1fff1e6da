import pytest

from legalsense_mapping.vat import EU_MEMBER_CODES, tax_scheme


@pytest.mark.parametrize(
    ("country", "vat", "expected"),
    [
        pytest.param("NL", "", 1, id="Country = NL | 1 (without VAT number)"),
        pytest.param("NL", "NL1B01", 1, id="Country = NL | 1 (with VAT number)"),
        pytest.param("US", "", 3, id="Country outside EU | 3 (US)"),
        pytest.param("CH", "CHE-123.456.789", 3, id="Country outside EU | 3 (CH, VAT)"),
        pytest.param("GB", "GB123", 3, id="Country outside EU | 3 (GB left the EU)"),
        pytest.param("BE", "BE0123456789", 2, id="inside EU, with VAT number | 2"),
        pytest.param("DE", "", 1, id="Country inside EU, without VAT number | 1"),
        pytest.param("DE", "   ", 1, id="inside EU, blank VAT number counts as none"),
        pytest.param("de", "DE1", 2, id="country code case does not matter"),
        pytest.param("GR", "EL123", 2, id="Greece is GR in the EU list"),
    ],
)
def test_vat_table(country, vat, expected):
    assert tax_scheme(country, vat) == expected


@pytest.mark.parametrize(
    ("country", "default", "vat", "expected"),
    [
        pytest.param("", "NL", "", 1, id="no country: DefaultTaxCountryCode NL"),
        pytest.param(None, "BE", "BE1", 2, id="no country: default BE, VAT"),
        pytest.param(False, "US", "", 3, id="no country (Odoo False): default US"),
        pytest.param("", "", "FR1", 1, id="no country, empty default: NL"),
    ],
)
def test_default_tax_country(country, default, vat, expected):
    assert tax_scheme(country, vat, default_country_code=default) == expected


def test_eu_membership_can_be_adjusted():
    assert tax_scheme("NO", "NO1", eu_countries={"NO", "NL"}) == 2
    assert tax_scheme("BE", "BE1", eu_countries={"nl"}) == 3


def test_nl_is_national_even_when_not_in_the_eu_list():
    assert tax_scheme("NL", "NL1", eu_countries=set()) == 1


def test_current_member_states():
    assert len(EU_MEMBER_CODES) == 27
    assert "GB" not in EU_MEMBER_CODES
    assert {"HR", "NL", "GR"} <= EU_MEMBER_CODES
