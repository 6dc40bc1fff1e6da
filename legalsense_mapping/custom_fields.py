"""The custom-field mapping syntax of Company/Person/MatterCustomFields.

Entries are separated by semicolons; each maps a source to the name of a
LegalSense custom field (manual § Custom Fields)::

    <field>=<LS name>
    LookupField.<code>[.Parent|.Root]=<LS name>
    IndustryCode[.Parent|.Root]=<LS name>
    DMSFORLEGAL=<LS name>
"""

import dataclasses
import re

SOURCE_FIELD = "field"
SOURCE_LOOKUP_FIELD = "lookup_field"
SOURCE_INDUSTRY_CODE = "industry_code"
SOURCE_DMSFORLEGAL = "dmsforlegal"

LEVEL_NONE = "none"
LEVEL_PARENT = "parent"
LEVEL_ROOT = "root"

SYNTAX = (
    "<field>=<LS name>;LookupField.<code>[.Parent|.Root]=<LS name>;"
    "DMSFORLEGAL=<LS name>;IndustryCode[.Parent|.Root]=<LS name>"
)

_LEVELS = {"parent": LEVEL_PARENT, "root": LEVEL_ROOT}
_FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CODE = re.compile(r"^[A-Za-z0-9_-]+$")
_LOOKUP_FIELD = "lookupfield"
_INDUSTRY_CODE = "industrycode"
_DMSFORLEGAL = "dmsforlegal"


@dataclasses.dataclass(frozen=True)
class CustomFieldRule:
    """One entry: where the value comes from and which LS custom field gets it.

    ``code`` is the field name (``field``) or the lookup field code
    (``lookup_field``); it is empty for ``industry_code`` and ``dmsforlegal``.
    """

    source: str
    code: str
    level: str
    ls_name: str


def parse_custom_fields(text):
    """The rules of a mapping, in order; ValueError naming the bad part.

    Empty text gives no rules; empty entries (a trailing ``;``) are ignored.
    """
    rules = []
    seen = {}
    for entry in (text or "").split(";"):
        entry = entry.strip()
        if not entry:
            continue
        rule = _parse_entry(entry)
        key = rule.ls_name.lower()
        if key in seen:
            raise ValueError(
                f"the LegalSense custom field {rule.ls_name!r} is mapped twice "
                f"({seen[key]!r} and {entry!r})"
            )
        seen[key] = entry
        rules.append(rule)
    return rules


def _parse_entry(entry):
    source, sign, ls_name = (part.strip() for part in entry.partition("="))
    if not sign:
        raise ValueError(f"{entry!r} has no '=': write {SYNTAX}")
    if not source:
        raise ValueError(f"{entry!r} has nothing before '='")
    if not ls_name:
        raise ValueError(f"{entry!r} has no LegalSense custom field name after '='")
    if "=" in ls_name:
        raise ValueError(f"{entry!r} has more than one '=': separate entries with ';'")
    return CustomFieldRule(*_parse_source(source, entry), ls_name)


def _parse_source(source, entry):
    """(source kind, code, level) of the part before '='."""
    head, *rest = (part.strip() for part in source.split("."))
    kind = head.lower()
    if kind == _LOOKUP_FIELD:
        if not rest or not rest[0]:
            raise ValueError(
                f"{entry!r}: write LookupField.<code>, e.g. LookupField.WWFT=WWFT"
            )
        code, *rest = rest
        if not _CODE.match(code):
            raise ValueError(
                f"{entry!r}: {code!r} is not a lookup field code "
                "(letters, digits, '_' and '-' only)"
            )
        return SOURCE_LOOKUP_FIELD, code, _parse_level(rest, entry)
    if kind == _INDUSTRY_CODE:
        return SOURCE_INDUSTRY_CODE, "", _parse_level(rest, entry)
    if kind == _DMSFORLEGAL:
        if rest:
            raise ValueError(f"{entry!r}: DMSFORLEGAL takes no '.Parent' or '.Root'")
        return SOURCE_DMSFORLEGAL, "", LEVEL_NONE
    if rest:
        raise ValueError(
            f"{entry!r}: only LookupField.<code> and IndustryCode can have "
            "'.Parent' or '.Root'; a field name has no '.'"
        )
    if not _FIELD_NAME.match(head):
        raise ValueError(
            f"{entry!r}: {head!r} is not a field name "
            "(letters, digits and '_', not starting with a digit)"
        )
    return SOURCE_FIELD, head, LEVEL_NONE


def _parse_level(rest, entry):
    if not rest:
        return LEVEL_NONE
    if len(rest) == 1 and rest[0].lower() in _LEVELS:
        return _LEVELS[rest[0].lower()]
    suffix = ".".join(rest)
    raise ValueError(
        f"{entry!r}: {suffix!r} is not a level; use '.Parent' or '.Root' (or nothing)"
    )
