"""§ VAT (BTW): the tax_scheme code of a contact.

The country is that of the contact's default postal address; EU membership
comes from a country list that the Odoo side may pass (the manual: "EU
membership can be adjusted via the country list").
"""

from .formats import text

NATIONAL = 1
EU_WITH_VAT_NUMBER = 2
OUTSIDE_EU = 3

# The 27 member states (ISO 3166-1 alpha-2; Greece is GR, not its VAT prefix EL).
EU_MEMBER_CODES = frozenset(
    {
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    }
)

# § Configuration Reference › DefaultTaxCountryCode "Default: NL".
DEFAULT_TAX_COUNTRY_CODE = "NL"


def tax_scheme(
    country_code,
    vat_number,
    default_country_code=DEFAULT_TAX_COUNTRY_CODE,
    eu_countries=EU_MEMBER_CODES,
):
    """The VAT code (1, 2 or 3) of § VAT (BTW), row by row.

    Without a country the DefaultTaxCountryCode is used. "Country = NL" is
    read literally: NL, not the default tax country.
    """
    country = _tax_country(country_code, default_country_code)
    eu_codes = {code.upper() for code in eu_countries}
    # Row "Country = NL" → 1
    if country == "NL":
        return NATIONAL
    # Row "Country outside EU" → 3
    if country not in eu_codes:
        return OUTSIDE_EU
    # Row "Country inside EU, with VAT number" → 2
    if text(vat_number):
        return EU_WITH_VAT_NUMBER
    # Row "Country inside EU, without VAT number" → 1
    return NATIONAL


def _tax_country(country_code, default_country_code):
    country = text(country_code) or text(default_country_code)
    return (country or DEFAULT_TAX_COUNTRY_CODE).upper()
