"""§ Address: the LegalSense address templates and the defaults per country.

``ImportAddressTemplates`` sets a default template for the predefined
countries (NL, BE, GB, DE, US, FR, IT, ES, PT, SE, DK, AU, CA, NZ) when none
is configured; the manual does not say which template each gets, so the
choice below follows each country's address convention.
"""

# id: (constant, description) — the manual's table, in order.
ADDRESS_TEMPLATES = {
    1: ("AT_SPECIFY_MANUALLY", "Use full_address (for backwards compatibility)"),
    2: ("AT_NL_TAV", 'NL with "t.a.v." (to the attention of)'),
    3: ("AT_NL", 'NL without "t.a.v."'),
    4: ("AT_UK_ATTN", "UK with attention"),
    5: ("AT_UK", "UK without attention"),
    6: ("AT_DU_ZHD", "Germany (z.H.)"),
    7: ("AT_USA_ATTN", "USA with attention"),
    8: ("AT_USA", "USA without attention"),
    9: ("AT_CM", 'NL, "de heer" / "mevrouw" shown conditionally'),
    10: ("AT_CM_TAV", 'NL with "t.a.v." (CM variant)'),
    11: ("AT_NL_TAV_FIRSTNAME", 'NL with "t.a.v." using first name or initials'),
    12: ("AT_CM_DEFAULT_SALUTATION", 'NL, "de heer" / "mevrouw" always shown'),
    13: ("AT_INTERNATIONAL_ATTN", "International with attention"),
    14: ("AT_SE_ATT", "Sweden"),
    15: ("AT_INTERNATIONAL_PERSON_FIRST", "International, contact person first"),
    16: ("AT_DK_ATT", "Denmark"),
    17: ("AT_CM_WITHOUT_ATTN", "NL (CM variant) without attention line"),
    18: ("AT_INTERNATIONAL_FIRSTNAME", "International, first name, no attention"),
}

# The predefined countries, in the manual's order, with their default template.
DEFAULT_COUNTRY_TEMPLATES = {
    "NL": 2,  # AT_NL_TAV
    "BE": 2,  # AT_NL_TAV: Belgian addresses are written the Dutch way
    "GB": 4,  # AT_UK_ATTN
    "DE": 6,  # AT_DU_ZHD
    "US": 7,  # AT_USA_ATTN
    "FR": 13,  # AT_INTERNATIONAL_ATTN
    "IT": 13,
    "ES": 13,
    "PT": 13,
    "SE": 14,  # AT_SE_ATT
    "DK": 16,  # AT_DK_ATT
    "AU": 4,  # AT_UK_ATTN: Commonwealth layout
    "CA": 7,  # AT_USA_ATTN: North American layout
    "NZ": 4,  # AT_UK_ATTN
}


def template_label(template_id):
    """ "2 AT_NL_TAV" for a known id, the id as text otherwise."""
    known = ADDRESS_TEMPLATES.get(template_id)
    return f"{template_id} {known[0]}" if known else str(template_id)


def templates_to_set(current, force_overwrite=False):
    """{ISO2: template id} of the predefined countries to update.

    ``current`` maps ISO2 codes to the template configured now (a false
    value when none). Without ``force_overwrite`` only countries without a
    template are set; with it every country whose value differs.
    """
    changes = {}
    for code, template in DEFAULT_COUNTRY_TEMPLATES.items():
        existing = current.get(code)
        if existing and not force_overwrite:
            continue
        if str(existing or "") != str(template):
            changes[code] = template
    return changes
