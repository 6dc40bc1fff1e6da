"""Credentials for the LegalSense API and where the current token is kept.

Contract § 2: ``POST token`` with username/password or with client
identifier/client token gives a bearer token; a pre-issued bearer token may be
used instead. When both pairs are given, username/password is used.
"""


class MemoryTokenStore:
    """Keeps the token on one client instance.

    Any object with ``get()`` and ``set(token)`` can replace it, for instance
    to share one token between the clients of a process.
    """

    def __init__(self):
        self._token = None

    def get(self):
        return self._token

    def set(self, token):
        self._token = token


class Credentials:
    """What the client may use to authenticate. ``repr()`` shows no secret."""

    def __init__(
        self,
        username=None,
        password=None,
        client_identifier=None,
        client_token=None,
        bearer_token=None,
    ):
        self.username = username or None
        self.password = password or None
        self.client_identifier = client_identifier or None
        self.client_token = client_token or None
        self.bearer_token = bearer_token or None

    def token_request_body(self):
        """Body of ``POST token``, or None when no complete pair is configured."""
        if self.username and self.password:
            return {"username": self.username, "password": self.password}
        if self.client_identifier and self.client_token:
            return {
                "client_identifier": self.client_identifier,
                "client_token": self.client_token,
            }
        return None

    @property
    def can_request_token(self):
        return self.token_request_body() is not None

    @property
    def is_usable(self):
        return bool(self.bearer_token) or self.can_request_token

    def secrets(self):
        """The secret values, to be kept out of anything written down."""
        values = (self.password, self.client_token, self.bearer_token)
        return tuple(value for value in values if value)

    def __repr__(self):
        kinds = []
        if self.bearer_token:
            kinds.append("bearer token")
        if self.username and self.password:
            kinds.append(f"user {self.username!r}")
        if self.client_identifier and self.client_token:
            kinds.append(f"client {self.client_identifier!r}")
        return f"<Credentials: {', '.join(kinds) or 'none'}>"
