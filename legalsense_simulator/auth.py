"""Bearer tokens: issued by ``POST /token``, checked on every other call."""

import secrets
import threading
import time

from .errors import ApiError

PAIRS = (("username", "password"), ("client_identifier", "client_token"))


def _unauthorized(code, detail):
    return ApiError(401, code, detail, headers={"WWW-Authenticate": "Bearer"})


class Tokens:
    """The credentials the server accepts and the tokens it has issued."""

    def __init__(self, credentials, lifetime=3600, pre_issued=None, clock=time.time):
        self.credentials = credentials
        self.lifetime = lifetime
        self.pre_issued = pre_issued
        self.clock = clock
        self._expiry = {}
        self._lock = threading.Lock()

    def login(self, body):
        """Answer ``POST /token``: the first complete credential pair decides."""
        pair = next((pair for pair in PAIRS if _complete(body, pair)), None)
        if pair is None:
            raise ApiError(400, "required", "Send username and password.", "username")
        if any(body[key] != self.credentials.get(key) for key in pair):
            raise _unauthorized("authentication_failed", "Invalid credentials.")
        return self.issue()

    def issue(self):
        """A new token response, valid for ``lifetime`` seconds."""
        token = secrets.token_hex(20)
        with self._lock:
            self._expiry[token] = self.clock() + self.lifetime
        return {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": self.lifetime,
        }

    def check(self, authorization):
        """Raise the contract's 401 unless the header holds a valid token."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _unauthorized(
                "not_authenticated", "Authentication credentials were not provided."
            )
        token = token.strip()
        if token == self.pre_issued:
            return
        with self._lock:
            expiry = self._expiry.get(token)
        if expiry is None or expiry <= self.clock():
            raise _unauthorized("token_invalid", "The token is invalid or expired.")

    def expire_all(self):
        """Every issued token becomes invalid; a pre-issued token stays valid."""
        with self._lock:
            self._expiry.clear()


def _complete(body, pair):
    return all(isinstance(body.get(key), str) for key in pair)
