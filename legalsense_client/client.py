"""The LegalSense REST API v3 client.

One ``LegalSenseClient`` talks to one LegalSense environment through one
``requests.Session``. It authenticates (and re-authenticates once after a
401), retries what is safe to retry, follows pagination and raises the typed
errors of ``exceptions``.
"""

import datetime
import decimal
import json
import logging
import re
import time
from urllib.parse import urlencode, urlsplit

import requests
from requests.packages.urllib3.exceptions import NewConnectionError

from .auth import Credentials, MemoryTokenStore
from .exceptions import (
    AuthenticationError,
    ConnectionFailedError,
    MalformedResponseError,
    ResponseLostError,
    TokenRefusedError,
    TransientError,
    error_from_response,
)
from .retry import RetryPolicy, is_repeatable
from .transport import checked_timeout, mount_timeout, read_environment_once
from .urls import normalize_base_url
from .versions import Version

_logger = logging.getLogger(__name__)

MAX_PAGE_SIZE = 500
_RESOURCE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_RESERVED_FILTERS = ("page", "page_size")
_NO_ANSWER_ERRORS = (
    requests.exceptions.ConnectionError,
    requests.exceptions.Timeout,
    requests.exceptions.ChunkedEncodingError,
)


def _checked_page_size(page_size):
    if page_size not in range(1, MAX_PAGE_SIZE + 1) or isinstance(page_size, bool):
        raise ValueError(f"page_size must be 1..{MAX_PAGE_SIZE}, not {page_size!r}")
    return page_size


def _checked_resource(resource):
    if not isinstance(resource, str) or not _RESOURCE_NAME.match(resource):
        raise ValueError(f"Not a LegalSense resource name: {resource!r}")
    return resource


def _checked_id(record_id):
    """The id as path segment; refuses None, False, 0 and the like."""
    if isinstance(record_id, str) and record_id.isdigit():
        record_id = int(record_id)
    if isinstance(record_id, bool) or not isinstance(record_id, int) or record_id < 1:
        raise ValueError(f"Not a LegalSense id: {record_id!r}")
    return str(record_id)


def _query_value(name, value):
    if value is None:
        # Dropping it would silently widen the filter to every record.
        raise ValueError(f"Filter {name!r} has no value")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


def _filter_params(filters):
    for name in _RESERVED_FILTERS:
        if name in filters:
            raise ValueError(f"{name!r} is set by the client, not as a filter")
    return {name: _query_value(name, value) for name, value in filters.items()}


def _json_default(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} cannot be sent to LegalSense")


def _encode_body(body):
    if body is None:
        return None
    return json.dumps(body, default=_json_default).encode("utf-8")


def _may_have_been_sent(error):
    """False only when the connection could not even be opened."""
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return False
    cause = error.args[0] if error.args else None
    return not isinstance(getattr(cause, "reason", None), NewConnectionError)


def _body_for_log(response):
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return response.text


class LegalSenseClient:
    """Client of the LegalSense REST API v3 (see the contract in the API docs)."""

    def __init__(
        self,
        base_url,
        username=None,
        password=None,
        client_identifier=None,
        client_token=None,
        bearer_token=None,
        page_size=100,
        timeout=(5, 60),
        max_retries=3,
        backoff_factor=0.5,
        max_backoff=30,
        debug_log=None,
        session=None,
        token_store=None,
        sleep=time.sleep,
    ):
        self.base_url = normalize_base_url(base_url)
        if not self.base_url:
            raise ValueError("The LegalSense URL is empty")
        self.page_size = _checked_page_size(page_size)
        self.debug_log = debug_log
        if session is None:
            session = requests.Session()
            read_environment_once(session, self.base_url)
        self.session = session
        self._transport = mount_timeout(self.session, timeout)
        self._credentials = Credentials(
            username, password, client_identifier, client_token, bearer_token
        )
        if not self._credentials.is_usable:
            raise AuthenticationError(
                "no credentials configured: set a bearer token, a user name and "
                "password, or a client identifier and client token"
            )
        self._token_store = (
            token_store if token_store is not None else MemoryTokenStore()
        )
        self._retry_policy = RetryPolicy(max_retries, backoff_factor, max_backoff)
        self._sleep = sleep
        self._version = None

    def __repr__(self):
        return f"<LegalSenseClient {self.base_url} {self._credentials!r}>"

    @property
    def timeout(self):
        """The (connect, read) time-out of every call, in seconds."""
        return self._transport.timeout

    @timeout.setter
    def timeout(self, timeout):
        self._transport.timeout = checked_timeout(timeout)

    # ------------------------------------------------------------ public API

    def authenticate(self):
        """Get a new token with the configured credentials and keep it."""
        body = self._credentials.token_request_body()
        if body is None:
            raise AuthenticationError(
                "no user name and password or client credentials to get a token with"
            )
        response = self._call(
            "POST", self.base_url + "token", body=body, authorized=False
        )
        token = self._json_object(response).get("access_token")
        if not isinstance(token, str) or not token:
            raise self._malformed(response, "the token answer has no access_token")
        self._token_store.set(token)

    def version(self, refresh=False):
        """The server's version (asked once per client unless ``refresh``)."""
        if self._version is None or refresh:
            response = self._call("GET", self.base_url + "version")
            text = self._json_object(response).get("version")
            try:
                self._version = Version(text)
            except (TypeError, ValueError):
                raise self._malformed(response, f"not a version: {text!r}") from None
        return self._version

    def get(self, resource, record_id):
        """One record as a dict; ``NotFoundError`` when it does not exist."""
        return self._json_object(
            self._call("GET", self._record_url(resource, record_id))
        )

    def list_page(self, resource, page=1, **filters):
        """One page ``{"count", "next", "previous", "results"}`` of a list."""
        if isinstance(page, bool) or not isinstance(page, int) or page < 1:
            raise ValueError(f"page must be a positive integer, not {page!r}")
        return self._fetch_page(self._list_url(resource, page, self.page_size, filters))

    def iterate(self, resource, **filters):
        """Every record of a list, lazily, following ``next`` page by page.

        The arguments are checked at once, the pages are asked while iterating.
        """
        return self._records_from(
            resource, self._list_url(resource, 1, self.page_size, filters)
        )

    def list(self, resource, **filters):
        """Every record of a list."""
        return list(self.iterate(resource, **filters))

    def find_first(self, resource, **filters):
        """The first record matching ``filters`` (lowest id), or None."""
        results = self._fetch_page(self._list_url(resource, 1, 1, filters))["results"]
        return results[0] if results else None

    def create(self, resource, data):  # pylint: disable=method-required-super
        """POST a new record; return it as LegalSense stored it.

        Never sent twice: when the answer is lost, ``ResponseLostError`` says
        the record may exist.
        """
        url = self.base_url + _checked_resource(resource)
        return self._json_object(self._call("POST", url, body=data))

    def put(self, resource, record_id, data):
        """Replace the writable fields of a record; return the stored record."""
        url = self._record_url(resource, record_id)
        return self._json_object(self._call("PUT", url, body=data))

    def patch(self, resource, record_id, data):
        """Update the given fields of a record; return the stored record."""
        url = self._record_url(resource, record_id)
        return self._json_object(self._call("PATCH", url, body=data))

    def delete(self, resource, record_id):
        """Delete a record where the resource allows it."""
        self._call("DELETE", self._record_url(resource, record_id))

    # ------------------------------------------------------------ URLs

    def _record_url(self, resource, record_id):
        return f"{self.base_url}{_checked_resource(resource)}/{_checked_id(record_id)}"

    def _list_url(self, resource, page, page_size, filters):
        params = {"page": page, "page_size": page_size, **_filter_params(filters)}
        return f"{self.base_url}{_checked_resource(resource)}?{urlencode(params)}"

    def _next_page_url(self, resource, page, current_url):
        """The next page on the configured host, or None after the last page.

        Only the query of ``next`` is used: a server behind a proxy may name
        its internal host there, and the token must not go anywhere else.
        """
        next_url = page.get("next")
        if not next_url:
            return None
        url = f"{self.base_url}{resource}?{urlsplit(next_url).query}"
        if url == current_url:
            raise MalformedResponseError(
                "the next page is the page itself", method="GET", url=current_url
            )
        return url

    def _records_from(self, resource, url):
        while url:
            page = self._fetch_page(url)
            yield from page["results"]
            url = self._next_page_url(resource, page, url)

    # ------------------------------------------------------------ answers

    def _fetch_page(self, url):
        response = self._call("GET", url)
        page = self._json_object(response)
        if not isinstance(page.get("results"), list):
            raise self._malformed(response, "the list answer has no results")
        return page

    def _json_object(self, response):
        try:
            body = response.json()
        except ValueError:
            raise self._malformed(response, response.text) from None
        if not isinstance(body, dict):
            raise self._malformed(response, "the answer is not a JSON object")
        return body

    @staticmethod
    def _malformed(response, detail):
        return MalformedResponseError(
            detail,
            status=response.status_code,
            method=response.request.method,
            url=response.request.url,
        )

    # ------------------------------------------------------------ calls

    def _call(self, method, url, body=None, authorized=True):
        """Send a call with one re-authentication after a 401 and bounded retries.

        Only ``POST token`` is sent without ``authorized``; getting a token
        creates nothing, so that POST is as safe to repeat as a GET.
        """
        repeatable = is_repeatable(method) or not authorized
        may_reauthenticate = authorized
        retries_done = 0
        while True:
            headers = self._headers(body, authorized)
            try:
                return self._exchange(method, url, body, headers, repeatable)
            except AuthenticationError as error:
                if not (authorized and error.status == 401):
                    raise
                if not may_reauthenticate:
                    raise self._fresh_token_refused(error) from error
                may_reauthenticate = False
                self._renew_token(error)
            except TransientError as error:
                if not self._retry_policy.should_retry(error, retries_done, repeatable):
                    raise
                self._wait_before_retry(error, retries_done)
                retries_done += 1

    def _headers(self, body, authorized):
        headers = {"Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        if authorized:
            headers["Authorization"] = f"Bearer {self._access_token()}"
        return headers

    def _exchange(self, method, url, body, headers, repeatable):
        """One request; the response when it is a 2xx, else its typed error."""
        response = self._send(method, url, body, headers, repeatable)
        if not 200 <= response.status_code < 300:
            raise error_from_response(response)
        return response

    def _send(self, method, url, body, headers, repeatable):
        started = time.monotonic()
        try:
            response = self.session.request(
                method,
                url,
                data=_encode_body(body),
                headers=headers,
                allow_redirects=False,
            )
        except _NO_ANSWER_ERRORS as error:
            elapsed = time.monotonic() - started
            self._log_exchange(method, url, body, headers, elapsed, error=error)
            raise self._no_answer_error(method, url, error, repeatable) from error
        elapsed = time.monotonic() - started
        self._log_exchange(method, url, body, headers, elapsed, response=response)
        return response

    @staticmethod
    def _no_answer_error(method, url, error, repeatable):
        if repeatable or not _may_have_been_sent(error):
            return ConnectionFailedError(str(error), method=method, url=url)
        return ResponseLostError(str(error), method=method, url=url)

    # ------------------------------------------------------------ tokens

    def _access_token(self):
        token = self._token_store.get() or self._credentials.bearer_token
        if not token:
            self.authenticate()
            token = self._token_store.get()
        return token

    def _fresh_token_refused(self, refusal):
        """The error for a 401 that follows a re-authentication."""
        if not self._credentials.can_request_token:
            return refusal
        return TokenRefusedError(
            refusal.detail,
            status=refusal.status,
            code=refusal.code,
            method=refusal.method,
            url=refusal.url,
        )

    def _renew_token(self, refusal):
        if not self._credentials.can_request_token:
            raise AuthenticationError(
                "the configured bearer token was refused and there are no "
                "credentials to get a new one; enter a new bearer token",
                status=refusal.status,
                code=refusal.code,
                method=refusal.method,
                url=refusal.url,
            ) from refusal
        _logger.info(
            "LegalSense refused the token (%s); authenticating again", refusal.code
        )
        self.authenticate()

    # ------------------------------------------------------------ retries, logs

    def _wait_before_retry(self, error, retries_done):
        delay = self._retry_policy.delay(retries_done, error.retry_after)
        _logger.info(
            "LegalSense %s %s failed (%s); retry %d of %d in %.1f s",
            error.method,
            error.endpoint,
            error,
            retries_done + 1,
            self._retry_policy.max_retries,
            delay,
        )
        self._sleep(delay)

    def _secrets(self):
        return (*self._credentials.secrets(), self._token_store.get())

    def _log_exchange(
        self, method, url, body, headers, elapsed, response=None, error=None
    ):
        if self.debug_log is None:
            return
        if response is not None:
            status, answer = response.status_code, _body_for_log(response)
            response_headers = dict(response.headers)
        else:
            status, answer, response_headers = None, {"error": str(error)}, None
        self.debug_log.write(
            method,
            url,
            body,
            status,
            answer,
            elapsed,
            request_headers=headers,
            response_headers=response_headers,
            secrets=self._secrets(),
        )
