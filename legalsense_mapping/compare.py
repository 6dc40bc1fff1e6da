"""Whether a LegalSense record already holds what a payload would write.

A payload holds the values the mapping owns; LegalSense's record holds more
(its id, dates, values the mapping does not send, references as objects).
The record holds the payload when every value sent is there: a dictionary
key by key, a list item by item in any order, a reference by its id, an
empty text like an absent one, a number whatever its notation.
"""

import decimal


def differences(stored, sent, path=""):
    """The paths where ``stored`` does not hold ``sent`` ([] when it does)."""
    if isinstance(sent, dict):
        if not isinstance(stored, dict):
            return [path or "."]
        found = []
        for key, value in sent.items():
            found += differences(stored.get(key), value, f"{path}.{key}".strip("."))
        return found
    if isinstance(sent, list):
        if not isinstance(stored, list) or len(stored) != len(sent):
            return [path]
        left = list(stored)
        for item in sent:
            match = next((s for s in left if not differences(s, item)), None)
            if match is None:
                return [path]
            left.remove(match)
        return []
    return [] if same_value(stored, sent) else [path]


def holds(stored, sent):
    """Whether the LegalSense record ``stored`` holds every value of ``sent``."""
    return stored is not None and not differences(stored, sent)


def same_value(stored, sent):
    if stored == sent or (stored in (None, "") and sent in (None, "")):
        return True
    if isinstance(stored, bool) or isinstance(sent, bool):
        return False
    try:
        return decimal.Decimal(str(stored)) == decimal.Decimal(str(sent))
    except (decimal.InvalidOperation, ValueError):
        return False
