import json
import pickle

import pytest
import requests

from legalsense_client.exceptions import (
    AlreadyLinkedError,
    AuthenticationError,
    CannotCloseError,
    ConnectionFailedError,
    DuplicateNameError,
    InvalidError,
    LegalSenseError,
    MainDebtorError,
    MalformedResponseError,
    MethodNotAllowedError,
    NotDebtorError,
    NotFoundError,
    RequiredError,
    ResponseLostError,
    ServerError,
    ThrottledError,
    TransientError,
    ValidationError,
    error_from_response,
    parse_retry_after,
)
from legalsense_client.tests.helpers import API, error_body

URL = API + "contacts/17"


def make_response(status, body=None, text=None, headers=None, method="PUT", url=URL):
    response = requests.Response()
    response.status_code = status
    if body is not None:
        response._content = json.dumps(body).encode()
        response.headers["Content-Type"] = "application/json"
    else:
        response._content = (text or "").encode()
    response.headers.update(headers or {})
    response.request = requests.Request(method, url).prepare()
    response.url = url
    return response


@pytest.mark.parametrize(
    ("status", "code", "field", "expected_class"),
    [
        (400, "required", "last_name", RequiredError),
        (400, "invalid", "kind", InvalidError),
        (400, "duplicate_name", "name", DuplicateNameError),
        (400, "main_debtor", None, MainDebtorError),
        (400, "cannot_close", None, CannotCloseError),
        (400, "not_debtor", "debtor", NotDebtorError),
        (400, "some_new_code", None, ValidationError),
        (401, "not_authenticated", None, AuthenticationError),
        (401, "token_invalid", None, AuthenticationError),
        (401, "authentication_failed", None, AuthenticationError),
        (404, "not_found", None, NotFoundError),
        (429, "throttled", None, ThrottledError),
        (500, "server_error", None, ServerError),
        (503, "server_error", None, ServerError),
    ],
)
def test_every_error_code_gives_its_exception(status, code, field, expected_class):
    body = error_body(code, detail="The detail.", field=field)
    error = error_from_response(make_response(status, body))
    assert type(error) is expected_class
    assert (error.status, error.code, error.field) == (status, code, field)
    assert error.detail == "The detail."
    assert error.method == "PUT"
    assert error.url == URL


@pytest.mark.parametrize(
    "error_class",
    [
        RequiredError,
        InvalidError,
        DuplicateNameError,
        AlreadyLinkedError,
        MainDebtorError,
        CannotCloseError,
        NotDebtorError,
    ],
)
def test_validation_errors_share_a_base(error_class):
    assert issubclass(error_class, ValidationError)
    assert not issubclass(error_class, TransientError)


def test_already_linked_carries_the_existing_id():
    body = error_body("already_linked", field="person", existing_id=812)
    error = error_from_response(make_response(400, body, method="POST"))
    assert isinstance(error, AlreadyLinkedError)
    assert error.existing_id == 812
    assert "812" in str(error)


def test_cannot_close_message_shows_the_reason_to_users():
    body = error_body("cannot_close", detail="The matter has unbilled work.")
    error = error_from_response(make_response(400, body))
    assert str(error) == (
        "LegalSense refused to close the matter: The matter has unbilled work."
    )
    assert error.detail == "The matter has unbilled work."


def test_method_not_allowed_lists_the_allowed_methods():
    body = error_body("method_not_allowed", detail='Method "DELETE" not allowed.')
    response = make_response(
        405, body, headers={"Allow": "GET, put,PATCH"}, method="DELETE"
    )
    error = error_from_response(response)
    assert isinstance(error, MethodNotAllowedError)
    assert error.allow == ["GET", "PUT", "PATCH"]
    assert str(error) == (
        "LegalSense does not allow DELETE on contacts/17 (allowed: GET, PUT, PATCH)"
    )


@pytest.mark.parametrize(("header", "seconds"), [("7", 7.0), ("0", 0.0), (None, None)])
def test_throttled_error_reads_retry_after(header, seconds):
    headers = {"Retry-After": header} if header is not None else {}
    error = error_from_response(
        make_response(429, error_body("throttled"), headers=headers)
    )
    assert isinstance(error, ThrottledError)
    assert isinstance(error, TransientError)
    assert error.retry_after == seconds


def test_retry_after_as_http_date():
    now = 1_700_000_000
    assert parse_retry_after("Tue, 14 Nov 2023 22:13:50 GMT", now=now) == 30.0
    assert parse_retry_after("Tue, 14 Nov 2023 22:00:00 GMT", now=now) == 0.0
    assert parse_retry_after("soon", now=now) is None
    assert parse_retry_after("nan", now=now) is None


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_error_tolerates_a_proxy_page(status):
    page = "<html><body>\n<h1>Bad Gateway</h1>\n</body></html>"
    error = error_from_response(make_response(status, text=page))
    assert isinstance(error, ServerError)
    assert error.status == status
    assert error.code is None
    assert "\n" not in str(error)
    assert "Bad Gateway" in str(error)


def test_503_retry_after_is_kept():
    response = make_response(503, text="busy", headers={"Retry-After": "12"})
    assert error_from_response(response).retry_after == 12.0


@pytest.mark.parametrize("status", [400, 404, 409])
def test_error_without_json_body_is_malformed(status):
    # A 404 page of a wrong URL must not read as "this record is gone".
    response = make_response(status, text="<html>Not here</html>")
    error = error_from_response(response)
    assert type(error) is MalformedResponseError
    assert error.status == status


def test_401_is_authentication_error_even_without_json():
    error = error_from_response(make_response(401, text="Unauthorized"))
    assert isinstance(error, AuthenticationError)


def test_unexpected_status_with_json_is_the_base_error():
    error = error_from_response(make_response(409, error_body("conflict")))
    assert type(error) is LegalSenseError
    assert error.status == 409


def test_redirect_is_an_error_naming_the_target():
    response = make_response(301, text="", headers={"Location": "https://new.example/"})
    error = error_from_response(response)
    assert type(error) is LegalSenseError
    assert "https://new.example/" in str(error)


def test_url_never_contains_credentials():
    url = "https://api:secret@ls.example/api/v3/contacts?token=abc"
    error = error_from_response(make_response(404, error_body("not_found"), url=url))
    assert "secret" not in error.url
    assert "abc" not in error.url
    assert "secret" not in str(error)


def test_messages_are_one_line_and_bounded():
    detail = "line one\nline two " + "x" * 1000
    error = error_from_response(
        make_response(400, error_body("invalid", detail=detail))
    )
    assert "\n" not in str(error)
    assert len(str(error)) < 400


def test_response_lost_is_not_transient_and_says_to_look_first():
    error = ResponseLostError("read timed out", method="POST", url=API + "clients")
    assert not isinstance(error, TransientError)
    assert "clients" in str(error)
    assert "look it up" in str(error)


def test_connection_failed_is_transient():
    error = ConnectionFailedError("refused", method="GET", url=URL)
    assert isinstance(error, TransientError)
    assert str(error) == "LegalSense could not be reached: refused"


def test_errors_survive_pickling():
    body = error_body("already_linked", existing_id=5)
    error = error_from_response(make_response(400, body))
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is AlreadyLinkedError
    assert copy.existing_id == 5
    assert str(copy) == str(error)
