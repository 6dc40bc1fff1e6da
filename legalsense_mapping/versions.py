"""LegalSense version numbers, compared numerically part by part.

A missing part counts as 0: 15.55 < 17.10 < 18.99 < 18.120 == 18.120.0
(contract § 3). Accepts a version string or any object whose ``str()`` is the
dotted version, such as the API client's version object.
"""

import re

_VERSION = re.compile(r"^[0-9]+(\.[0-9]+)*$")

# § Contact to LSClients: parent_client "LS version > 15.55 only".
CLIENT_PARENT_AFTER = "15.55"


def version_tuple(version):
    """The numeric parts without trailing zeros: ``"18.120.0"`` gives ``(18, 120)``.

    Without trailing zeros, plain tuple comparison is the part-by-part
    comparison with missing parts counting as 0.
    """
    version_text = str(version).strip()
    if not _VERSION.match(version_text):
        raise ValueError(f"Not a LegalSense version: {version_text!r}")
    parts = [int(part) for part in version_text.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def is_after(version, threshold):
    """True when ``version`` is strictly above ``threshold``."""
    return version_tuple(version) > version_tuple(threshold)


def supports_client_parent(version):
    """Clients carry ``parent_client`` (version > 15.55); unknown (None) is False."""
    return version is not None and is_after(version, CLIENT_PARENT_AFTER)
