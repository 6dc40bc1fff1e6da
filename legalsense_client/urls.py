"""The LegalSense base URL: normalising what users type, and safe display.

Users configure the site URL (``https://epona.legalsense.nl/``); the API lives
under ``/api/v3/``. The client appends that part when it is missing and moves
an older API path such as ``/api/v1/`` to v3, the only version it speaks.
"""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .redaction import REDACTED, is_secret_name

API_PATH = "/api/v3/"

# "/api", "/api/v1", "/api/v3", ... at the end of the path, in any case.
_API_SUFFIX = re.compile(r"/api(/v[0-9]+)?$", re.IGNORECASE)
_HAS_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def normalize_base_url(url):
    """Return the API base URL ending in exactly one ``/api/v3/``.

    ``""`` and ``None`` give ``""`` (no LegalSense configured). A URL typed
    without scheme gets ``https://``.
    """
    url = (url or "").strip()
    if not url:
        return ""
    if not _HAS_SCHEME.match(url):
        url = "https://" + url
    site = _API_SUFFIX.sub("", url.rstrip("/")).rstrip("/")
    return site + API_PATH


def site_url(api_url):
    """Return the LegalSense site URL (with one trailing slash) for links to LS."""
    api_url = normalize_base_url(api_url)
    if not api_url:
        return ""
    return api_url[: -len(API_PATH)] + "/"


def redact_url(url):
    """Return ``url`` without user info and without secret query parameter values."""
    if not url:
        return url
    parts = urlsplit(url)
    netloc = parts.netloc.rpartition("@")[2]
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = parts.query
    if any(is_secret_name(key) for key, _value in pairs):
        query = urlencode(
            [(key, REDACTED if is_secret_name(key) else value) for key, value in pairs],
            safe="*",
        )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
