"""The boolean words of the manual ("yes, true, 1, -1, ja, etc.").

Used where a value from outside (a lookup item code, an external id) must
resolve to true or false, e.g. SyncMatterAmlRequiredFromCustomField.
"""

TRUE_WORDS = frozenset({"yes", "true", "1", "-1", "ja", "j", "y", "on"})
FALSE_WORDS = frozenset({"no", "false", "0", "nee", "n", "off", ""})


def parse_bool(value):
    """True, False, or None when ``value`` is not a boolean word.

    Case and surrounding spaces do not matter. Booleans are returned as they
    are; the integers 1 and -1 are true, 0 is false; None gives None.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return {1: True, -1: True, 0: False}.get(value)
    if not isinstance(value, str):
        return None
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None
