"""Pure mapping rules of the LegalSense integration, free of Odoo.

Parsers for the settings that have a syntax of their own (custom-field
mappings, the country mapping, value lists) and the boolean words of the
manual. Everything here raises ``ValueError`` with a message meant for users.
"""

from .booleans import FALSE_WORDS, TRUE_WORDS, parse_bool
from .country_mapping import parse_country_mapping
from .custom_fields import (
    LEVEL_NONE,
    LEVEL_PARENT,
    LEVEL_ROOT,
    SOURCE_DMSFORLEGAL,
    SOURCE_FIELD,
    SOURCE_INDUSTRY_CODE,
    SOURCE_LOOKUP_FIELD,
    CustomFieldRule,
    parse_custom_fields,
)
from .lists import check_choices, check_codes, split_list
