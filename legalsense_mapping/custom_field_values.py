"""§ Custom Fields: the values of the parsed custom-field rules for one contact.

``custom_field_values`` gives ``{LS custom field name: value}``; ``None``
becomes JSON null, which removes the value in LegalSense (contract
CustomFields). ``split_standard_and_custom`` implements SyncToDefaultThenCustom.
"""

import datetime
import decimal

from .booleans import parse_bool
from .custom_fields import (
    LEVEL_PARENT,
    LEVEL_ROOT,
    SOURCE_DMSFORLEGAL,
    SOURCE_FIELD,
    SOURCE_INDUSTRY_CODE,
    SOURCE_LOOKUP_FIELD,
)
from .formats import format_date
from .sources import LookupValue

# The writable plain properties of an LS contact (contract schema Contact)
# that SyncToDefaultThenCustom may fill, with the value that means "empty".
# References, nested objects, details and the create-only is_organization
# are not plain values and are never filled from a custom-field rule.
CONTACT_STANDARD_FIELDS = {
    "first_name": "",
    "last_name": "",
    "name_prefix": "",
    "initials": "",
    "gender": None,
    "birthdate": None,
    "title": "",
    "suffix_title": "",
    "salutation": "",
    "attention": "",
    "organization_name": "",
    "organization_number": "",
    "vat_number": "",
    "peppol_id": "",
    "invoice_language": None,
    "bank_account_iban": "",
    "bank_account_bic": "",
    "is_debtor": False,
    "has_dunning": False,
}


def custom_field_values(rules, source):
    """``{ls_name: value}`` for each rule, in the order of the rules."""
    return {rule.ls_name: wire_value(_rule_value(rule, source)) for rule in rules}


def _rule_value(rule, source):
    # Syntax "<CM field name>=<LS custom field name>"
    if rule.source == SOURCE_FIELD:
        # A field the Odoo side did not hand over has no value (null).
        return source.field_values.get(rule.code)
    # Syntax "LookupField.<code>[.Parent|.Root]=<LS name>"
    if rule.source == SOURCE_LOOKUP_FIELD:
        return lookup_code(_at_level(lookup_value_of(source, rule.code), rule.level))
    # "This also works with the IndustryCode field."
    if rule.source == SOURCE_INDUSTRY_CODE:
        return lookup_code(_at_level(source.industry, rule.level))
    # Syntax "DMSFORLEGAL=<LS name>": the DMSFORLEGAL application's ExternalCode
    if rule.source == SOURCE_DMSFORLEGAL:
        return source.dmsforlegal_code
    raise ValueError(f"unknown custom field source {rule.source!r}")


def lookup_value_of(source, field_code):
    """The contact's first value of lookup field ``field_code`` (case-insensitive)."""
    wanted = field_code.lower()
    for value in source.lookup_values:
        if (value.field_code or "").lower() == wanted:
            return value
    return None


def _at_level(value, level):
    """The value itself, its direct parent (``.Parent``) or its top value (``.Root``).

    A value without a parent has no ``.Parent`` (None) and is its own ``.Root``.
    """
    if value is None or level not in (LEVEL_PARENT, LEVEL_ROOT):
        return value
    if level == LEVEL_PARENT:
        return value.parent
    while value.parent is not None:
        value = value.parent
    return value


def lookup_code(value):
    """The code written to LS: the LEGALSENSE external id when set, else the code."""
    if value is None:
        return None
    return value.external_id or value.code


def wire_value(value):
    """A JSON value for a custom field: dates yyyy-MM-dd, booleans as they are.

    ``None`` and empty text give ``None`` (null removes the value in LS, and
    an empty string would be refused by date, number and url widgets).
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, datetime.date):
        return format_date(value)
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, LookupValue):
        return lookup_code(value)
    value = str(value).strip()
    return value or None


def split_standard_and_custom(values, standard_fields, settings):
    """``(standard, custom)``: SyncToDefaultThenCustom.

    When the setting is on, a value whose LS name equals (exactly) a name
    in ``standard_fields`` (a mapping name → empty value, such as
    ``CONTACT_STANDARD_FIELDS``) is written to that standard property; the
    others stay custom fields. When it is off, everything is a custom field.
    """
    if not settings.sync_to_default_then_custom:
        return {}, dict(values)
    standard, custom = {}, {}
    for name, value in values.items():
        if name in standard_fields:
            standard[name] = _standard_value(value, standard_fields[name])
        else:
            custom[name] = value
    return standard, custom


def _standard_value(value, empty):
    """The value in the type of the standard property: text, yes/no or nullable."""
    if value is None:
        return empty
    if isinstance(empty, bool):
        return bool(parse_bool(value))
    return value if empty is None else str(value)
