"""Typed errors for every error answer of the LegalSense API (contract § 6).

``str(error)`` is a one-line message meant for users. The attributes keep what
the server said (``status``, ``code``, ``detail``, ``field``) and which call it
was (``method``, ``url``; the URL never contains credentials).

``TransientError`` and its subclasses mean "try again later"; every other
error needs a person or a different request.
"""

import email.utils
import math
import time
from urllib.parse import urlsplit

from .urls import API_PATH, redact_url

_DETAIL_MAX_LENGTH = 300


def _one_line(text):
    text = " ".join(str(text or "").split())
    if len(text) > _DETAIL_MAX_LENGTH:
        text = text[: _DETAIL_MAX_LENGTH - 3] + "..."
    return text


def _sentence(summary, detail):
    return f"{summary}: {detail}" if detail else summary


def _endpoint(url):
    """``contacts/17`` for ``https://host/api/v3/contacts/17``."""
    path = urlsplit(url or "").path
    return path.partition(API_PATH)[2] or path


class LegalSenseError(Exception):
    """Base class of every error raised by the LegalSense client."""

    def __init__(
        self,
        detail="",
        *,
        status=None,
        code=None,
        field=None,
        method=None,
        url=None,
    ):
        self.detail = _one_line(detail)
        self.status = status
        self.code = code
        self.field = field
        self.method = method
        self.url = redact_url(url)
        super().__init__(self._describe())

    @property
    def endpoint(self):
        """The called path relative to the API base, e.g. ``contacts/17``."""
        return _endpoint(self.url)

    def _describe(self):
        answer = f"HTTP {self.status}" if self.status else "no answer"
        return _sentence(f"LegalSense request failed ({answer})", self.detail)

    def __str__(self):
        return self.args[0] if self.args else ""

    def __reduce__(self):
        return (_restore_error, (type(self), self.__dict__.copy()))


def _restore_error(error_class, state):
    """Unpickle an error with its attributes (its ``__init__`` wants keywords)."""
    error = error_class.__new__(error_class)
    error.__dict__.update(state)
    Exception.__init__(error, error._describe())
    return error


class TransientError(LegalSenseError):
    """A failure that may pass: the same call can be tried again later.

    ``retry_after`` is the number of seconds the server asked to wait, or None.
    """

    def __init__(self, detail="", *, retry_after=None, **context):
        self.retry_after = retry_after
        super().__init__(detail, **context)

    def _describe(self):
        return _sentence("LegalSense is temporarily unavailable", self.detail)


class ThrottledError(TransientError):
    """429: LegalSense rate-limits the caller; nothing was done."""

    def _describe(self):
        if self.retry_after is None:
            wait = "try again later"
        else:
            wait = f"try again in {self.retry_after:g} seconds"
        return f"LegalSense received too many requests; {wait}"


class ServerError(TransientError):
    """5xx: the server (or a proxy in front of it) failed."""

    def _describe(self):
        return _sentence(
            f"LegalSense had a server error (HTTP {self.status})", self.detail
        )


class ConnectionFailedError(TransientError):
    """No answer (connection error or timeout) on a call that is safe to repeat."""

    def _describe(self):
        return _sentence("LegalSense could not be reached", self.detail)


class ResponseLostError(LegalSenseError):
    """The answer to a POST was lost: the record may or may not have been created.

    Deliberately not a ``TransientError``: creating again blindly could create
    the record twice. Look it up first.
    """

    def _describe(self):
        return (
            f"The answer of LegalSense to creating {self.endpoint} was lost, so the "
            "record may or may not exist now; look it up in LegalSense before "
            "creating it again"
        )


class AuthenticationError(LegalSenseError):
    """401 (not_authenticated, token_invalid, authentication_failed); no credentials."""

    def _describe(self):
        if self.status is None:
            return _sentence("Cannot authenticate with LegalSense", self.detail)
        return _sentence("LegalSense refused the authentication", self.detail)


class TokenRefusedError(TransientError, AuthenticationError):
    """401 with a token LegalSense had just issued for the configured credentials.

    The credentials work (LegalSense gave the token), so the refusal may pass:
    LegalSense restarting, or its token store not ready yet. The call can be
    tried again later; a refusal of the credentials themselves is an
    ``AuthenticationError`` of the token request.
    """

    def _describe(self):
        return _sentence(
            "LegalSense refused the token it had just issued; this may pass",
            self.detail,
        )


class NotFoundError(LegalSenseError):
    """404: unknown id, or a page after the last one."""

    def _describe(self):
        return _sentence(f"LegalSense has no {self.endpoint}", self.detail)


class MethodNotAllowedError(LegalSenseError):
    """405: the method is not offered here; ``allow`` lists the methods that are."""

    def __init__(self, detail="", *, allow=(), **context):
        self.allow = list(allow)
        super().__init__(detail, **context)

    def _describe(self):
        allowed = ", ".join(self.allow) or "none"
        return (
            f"LegalSense does not allow {self.method} on {self.endpoint} "
            f"(allowed: {allowed})"
        )


class ValidationError(LegalSenseError):
    """400: LegalSense refused the data; nothing was changed."""

    def _describe(self):
        where = f" ({self.field})" if self.field else ""
        return _sentence(f"LegalSense refused the data{where}", self.detail)


class RequiredError(ValidationError):
    """400 ``required``: a required field is missing."""

    def _describe(self):
        return _sentence(f"LegalSense requires a value for {self.field}", self.detail)


class InvalidError(ValidationError):
    """400 ``invalid``: bad value, unknown reference or a changed create-only field."""

    def _describe(self):
        target = f"the value of {self.field}" if self.field else "the request"
        return _sentence(f"LegalSense refused {target}", self.detail)


class DuplicateNameError(ValidationError):
    """400 ``duplicate_name``: a client or matter with this name exists."""

    def _describe(self):
        return _sentence("LegalSense already has a record with this name", self.detail)


class AlreadyLinkedError(ValidationError):
    """400 ``already_linked``: the link exists already; ``existing_id`` is its id."""

    def __init__(self, detail="", *, existing_id=None, **context):
        self.existing_id = existing_id
        super().__init__(detail, **context)

    def _describe(self):
        summary = "LegalSense already links this person to this organisation"
        if self.existing_id is not None:
            summary += f" (link {self.existing_id})"
        return _sentence(summary, self.detail)


class MainDebtorError(ValidationError):
    """400 ``main_debtor``: the main debtor of a matter cannot be deleted."""

    def _describe(self):
        return _sentence(
            "LegalSense does not allow deleting the main debtor of a matter",
            self.detail,
        )


class CannotCloseError(ValidationError):
    """400 ``cannot_close``: LegalSense refuses to close or archive the matter.

    ``detail`` is LegalSense's reason, written for users.
    """

    def _describe(self):
        return _sentence("LegalSense refused to close the matter", self.detail)


class NotDebtorError(ValidationError):
    """400 ``not_debtor``: the contact must be marked as debtor first."""

    def _describe(self):
        return _sentence("The contact is not a debtor in LegalSense", self.detail)


class MalformedResponseError(LegalSenseError):
    """The answer's body is not the JSON the contract promises."""

    def _describe(self):
        return _sentence(
            f"LegalSense sent an unexpected answer (HTTP {self.status}) "
            f"to {self.method} {self.endpoint}",
            self.detail,
        )


VALIDATION_ERRORS_BY_CODE = {
    "required": RequiredError,
    "invalid": InvalidError,
    "duplicate_name": DuplicateNameError,
    "already_linked": AlreadyLinkedError,
    "main_debtor": MainDebtorError,
    "cannot_close": CannotCloseError,
    "not_debtor": NotDebtorError,
}


def parse_retry_after(value, now=None):
    """Seconds from a Retry-After header (seconds or HTTP date), or None."""
    if value is None:
        return None
    value = str(value).strip()
    try:
        seconds = float(value)
    except ValueError:
        seconds = None
    if seconds is not None:
        return max(seconds, 0.0) if math.isfinite(seconds) else None
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = time.time() if now is None else now
    return max(moment.timestamp() - now, 0.0)


def _json_object(response):
    try:
        body = response.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def _body_excerpt(response):
    return _one_line(getattr(response, "text", "") or "")


def _call_context(response):
    request = getattr(response, "request", None)
    return {
        "status": response.status_code,
        "method": getattr(request, "method", None),
        "url": getattr(request, "url", None) or getattr(response, "url", None),
    }


def _allowed_methods(response):
    allow = response.headers.get("Allow", "")
    return [method.strip().upper() for method in allow.split(",") if method.strip()]


def _redirect_error(response, context):
    location = redact_url(response.headers.get("Location", ""))
    return LegalSenseError(
        f"the request was redirected to {location}; "
        "configure that address as the LegalSense URL",
        **context,
    )


def _error_from_status(response, body, context):
    """Errors the status alone identifies, whatever the body (proxies send them too)."""
    status = response.status_code
    detail = body.get("detail", "") if body else _body_excerpt(response)
    fields = {"code": body.get("code"), "field": body.get("field")} if body else {}
    if status == 401:
        return AuthenticationError(detail, **fields, **context)
    if status == 405:
        allow = _allowed_methods(response)
        return MethodNotAllowedError(detail, allow=allow, **fields, **context)
    retry_after = parse_retry_after(response.headers.get("Retry-After"))
    error_class = ThrottledError if status == 429 else ServerError
    return error_class(detail, retry_after=retry_after, **fields, **context)


def _error_from_body(response, body, context):
    """Errors the body's ``code`` tells apart."""
    status = response.status_code
    detail = body.get("detail", "")
    fields = {"code": body.get("code"), "field": body.get("field"), **context}
    if status == 400:
        error_class = VALIDATION_ERRORS_BY_CODE.get(fields["code"], ValidationError)
        if error_class is AlreadyLinkedError:
            fields["existing_id"] = body.get("existing_id")
        return error_class(detail, **fields)
    if status == 404:
        return NotFoundError(detail, **fields)
    return LegalSenseError(detail, **fields)


def _status_decides(status):
    return status in (401, 405, 429) or status >= 500


def error_from_response(response):
    """Build the typed error for a non-2xx answer (a ``requests.Response``).

    401, 405, 429 and 5xx are recognised by their status alone: a proxy may
    send them with a body that is not JSON. Every other error answer must carry
    the contract's JSON error body; when it does not, the answer did not come
    from the LegalSense API as the contract describes it (a 404 page of a wrong
    URL must not read as "this record is gone"): ``MalformedResponseError``.
    A redirect is reported as an error too: following it could turn a POST
    into a GET and send the token elsewhere.
    """
    context = _call_context(response)
    body = _json_object(response)
    if 300 <= response.status_code < 400:
        return _redirect_error(response, context)
    if _status_decides(response.status_code):
        return _error_from_status(response, body, context)
    if body is None:
        return MalformedResponseError(_body_excerpt(response), **context)
    return _error_from_body(response, body, context)
