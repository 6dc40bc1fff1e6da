"""LegalSense version numbers and the contract's version gates.

Versions compare numerically part by part, a missing part counting as 0:
15.55 < 17.10 < 18.99 < 18.120, and 18.120 == 18.120.0.
"""

import functools
import re

_VERSION_PATTERN = re.compile(r"^[0-9]+(\.[0-9]+)*$")


@functools.total_ordering
class Version:
    """A dotted LegalSense version such as ``"18.120"``.

    Compares with other ``Version`` objects and with version strings.
    ``str()`` gives the text it was parsed from.
    """

    __slots__ = ("_parts", "_text")

    def __init__(self, text):
        if isinstance(text, Version):
            text = text._text
        if not isinstance(text, str):
            raise TypeError(
                f"A version is a string such as '18.120', not {type(text).__name__}"
            )
        text = text.strip()
        if not _VERSION_PATTERN.match(text):
            raise ValueError(f"Not a LegalSense version: {text!r}")
        self._text = text
        self._parts = tuple(int(part) for part in text.split("."))

    @property
    def parts(self):
        """The numeric parts, e.g. ``(18, 120)``."""
        return self._parts

    def _padded_parts(self, length):
        return self._parts + (0,) * (length - len(self._parts))

    def _compare_key_with(self, other):
        length = max(len(self._parts), len(other._parts))
        return self._padded_parts(length), other._padded_parts(length)

    @staticmethod
    def _coerce(other):
        if isinstance(other, Version):
            return other
        if isinstance(other, str):
            return Version(other)
        return None

    def __eq__(self, other):
        try:
            other = self._coerce(other)
        except ValueError:
            return False
        if other is None:
            return NotImplemented
        mine, theirs = self._compare_key_with(other)
        return mine == theirs

    def __lt__(self, other):
        other = self._coerce(other)
        if other is None:
            return NotImplemented
        mine, theirs = self._compare_key_with(other)
        return mine < theirs

    def __hash__(self):
        parts = list(self._parts)
        while len(parts) > 1 and parts[-1] == 0:
            parts.pop()
        return hash(tuple(parts))

    def __str__(self):
        return self._text

    def __repr__(self):
        return f"Version({self._text!r})"


# Behaviour that depends on the version the server reports (contract § 3).
USER_OFFICES_AFTER = Version("15.55")
CLIENT_PARENT_AFTER = Version("15.55")
MATTER_DATE_AFTER = Version("17.10")
ADDRESS_DELETE_FROM = Version("18.120")


def supports_user_offices(version):
    """Users carry ``offices`` and ``primary_office`` (version > 15.55)."""
    return Version(version) > USER_OFFICES_AFTER


def supports_client_parent(version):
    """Clients carry ``parent_client`` (version > 15.55)."""
    return Version(version) > CLIENT_PARENT_AFTER


def supports_matter_date(version):
    """Matters accept ``date`` (version > 17.10)."""
    return Version(version) > MATTER_DATE_AFTER


def supports_address_delete(version):
    """``DELETE addresses/{id}`` exists (version >= 18.120); older ones answer 405."""
    return Version(version) >= ADDRESS_DELETE_FROM
