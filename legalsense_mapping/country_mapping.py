"""ImportCountryMapping: ``<LS country name>=<ISO2 code>;...``."""

import re

_ISO2 = re.compile(r"^[A-Za-z]{2}$")
SYNTAX = "<LS country name>=<ISO2 code>;... e.g. The Netherlands=NL;Germany=DE"


def parse_country_mapping(text):
    """A dict {LS country name: upper-case ISO2 code}; ValueError when malformed.

    Empty text gives an empty dict; empty entries (a trailing ``;``) are
    ignored. A name mapped twice to different codes is an error.
    """
    mapping = {}
    for entry in (text or "").split(";"):
        entry = entry.strip()
        if not entry:
            continue
        name, sign, code = (part.strip() for part in entry.partition("="))
        if not sign:
            raise ValueError(f"{entry!r} has no '=': write {SYNTAX}")
        if not name:
            raise ValueError(f"{entry!r} has no LegalSense country name before '='")
        if not _ISO2.match(code):
            raise ValueError(
                f"{code!r} (for {name!r}) is not an ISO2 country code: "
                "use two letters, e.g. NL"
            )
        code = code.upper()
        if mapping.get(name, code) != code:
            raise ValueError(
                f"{name!r} is mapped twice, to {mapping[name]} and to {code}"
            )
        mapping[name] = code
    return mapping
