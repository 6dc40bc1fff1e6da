"""Removing credentials from anything that is written down (debug dumps, errors)."""

import re

REDACTED = "***"
_SECRET_WORDS = ("password", "token", "secret", "authorization")
_BEARER_VALUE = re.compile(r"(Bearer\s+)[^\s\"',;]+", re.IGNORECASE)


def is_secret_name(name):
    """Whether a field, header or parameter called ``name`` holds a credential."""
    lowered = str(name).lower()
    return any(word in lowered for word in _SECRET_WORDS)


def scrub_text(text, secrets=()):
    """Replace bearer tokens and the given secret values inside ``text``."""
    text = _BEARER_VALUE.sub(r"\g<1>" + REDACTED, text)
    # Longest first, so a secret containing another one is removed whole.
    for secret in sorted(filter(None, secrets), key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text


def redact(value, secrets=()):
    """Return a copy of ``value`` (JSON-like data) without credentials.

    Values of keys whose name contains password, token, secret or
    authorization are replaced, at any depth; bearer tokens and the literal
    ``secrets`` are removed from every string.
    """
    secrets = [str(secret) for secret in secrets if secret]
    if isinstance(value, dict):
        return {
            key: REDACTED if is_secret_name(key) else redact(item, secrets)
            for key, item in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [redact(item, secrets) for item in value]
    if isinstance(value, str):
        return scrub_text(value, secrets)
    return value
