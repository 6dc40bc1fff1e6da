"""Settings that hold a list of values: ``CreatedBy,OwnerSub``, ``MATTER_ADV``."""

import re

_SEPARATORS = re.compile(r"[,;]")
_CODE = re.compile(r"^[A-Za-z0-9_.-]+$")


def split_list(text):
    """The non-empty, stripped items of a comma- or semicolon-separated list."""
    items = (item.strip() for item in _SEPARATORS.split(text or ""))
    return [item for item in items if item]


def check_choices(text, choices):
    """The items of ``text``; ValueError naming the first item not in ``choices``."""
    items = split_list(text)
    for item in items:
        if item not in choices:
            raise ValueError(
                f"{item!r} is not one of {', '.join(choices)} "
                "(separate several values with commas)"
            )
    return items


def check_codes(text):
    """The items of a list of codes; ValueError for an item that is not a code."""
    items = split_list(text)
    for item in items:
        if not _CODE.match(item):
            raise ValueError(
                f"{item!r} is not a code: use letters, digits, '_', '-' or '.' "
                "only (separate several codes with commas)"
            )
    return items
