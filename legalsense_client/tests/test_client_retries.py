import pytest
import requests
import responses
from requests.packages.urllib3.exceptions import MaxRetryError, NewConnectionError

from legalsense_client import (
    ConnectionFailedError,
    InvalidError,
    NotFoundError,
    ResponseLostError,
    ServerError,
    ThrottledError,
    TransientError,
)
from legalsense_client.tests.helpers import API, calls_to, error_body

CONTACT_URL = API + "contacts/17"
CONTACT = {"id": 17, "last_name": "Jansen"}
SERVER_ERROR = error_body("server_error", detail="A server error occurred.")
THROTTLED = error_body("throttled", detail="Request was throttled.")


def call(client, method):
    """Send ``method`` on contact 17 through the client's public API."""
    if method == "GET":
        return client.get("contacts", 17)
    if method == "PUT":
        return client.put("contacts", 17, {"last_name": "Jansen"})
    if method == "PATCH":
        return client.patch("contacts", 17, {"last_name": "Jansen"})
    return client.delete("contacts", 17)


def add_success(mock, method):
    if method == "DELETE":
        mock.add(method, CONTACT_URL, status=204)
    else:
        mock.add(method, CONTACT_URL, json=CONTACT)


def refused_connection():
    reason = NewConnectionError(None, "Failed to establish a new connection")
    return requests.exceptions.ConnectionError(MaxRetryError(None, "/", reason=reason))


def dropped_connection():
    return requests.exceptions.ConnectionError(
        "('Connection aborted.', RemoteDisconnected('Remote end closed connection'))"
    )


REPEATABLE = ["GET", "PUT", "PATCH", "DELETE"]


@pytest.mark.parametrize("method", REPEATABLE)
def test_503_twice_then_success(mocked, make_client, sleeps, method):
    mocked.add(method, CONTACT_URL, json=SERVER_ERROR, status=503)
    mocked.add(method, CONTACT_URL, body="<html>Service Unavailable</html>", status=503)
    add_success(mocked, method)
    call(make_client(), method)
    assert len(mocked.calls) == 3
    assert sleeps == [0.5, 1.0]


@pytest.mark.parametrize("method", REPEATABLE)
def test_429_waits_retry_after(mocked, make_client, sleeps, method):
    mocked.add(
        method, CONTACT_URL, json=THROTTLED, status=429, headers={"Retry-After": "7"}
    )
    add_success(mocked, method)
    call(make_client(), method)
    assert sleeps == [7.0]


@pytest.mark.parametrize("method", REPEATABLE)
def test_connection_errors_and_timeouts_are_retried(
    mocked, make_client, sleeps, method
):
    mocked.add(method, CONTACT_URL, body=dropped_connection())
    mocked.add(
        method, CONTACT_URL, body=requests.exceptions.ReadTimeout("read timeout")
    )
    mocked.add(method, CONTACT_URL, body=refused_connection())
    add_success(mocked, method)
    call(make_client(), method)
    assert len(mocked.calls) == 4
    assert sleeps == [0.5, 1.0, 2.0]


def test_retries_are_bounded(mocked, make_client, sleeps):
    for _attempt in range(4):
        mocked.add(responses.GET, CONTACT_URL, json=SERVER_ERROR, status=503)
    with pytest.raises(ServerError) as raised:
        make_client(max_retries=3).get("contacts", 17)
    assert raised.value.status == 503
    assert len(mocked.calls) == 4
    assert sleeps == [0.5, 1.0, 2.0]


def test_connection_failure_after_the_last_retry_is_transient(mocked, make_client):
    mocked.add(responses.GET, CONTACT_URL, body=requests.exceptions.ConnectTimeout())
    mocked.add(responses.GET, CONTACT_URL, body=requests.exceptions.ConnectTimeout())
    with pytest.raises(ConnectionFailedError) as raised:
        make_client(max_retries=1).get("contacts", 17)
    assert isinstance(raised.value, TransientError)
    assert raised.value.method == "GET"


def test_backoff_is_capped(mocked, make_client, sleeps):
    for _attempt in range(4):
        mocked.add(responses.GET, CONTACT_URL, json=SERVER_ERROR, status=502)
    with pytest.raises(ServerError):
        make_client(backoff_factor=10, max_backoff=15).get("contacts", 17)
    assert sleeps == [10, 15, 15]


def test_retry_after_is_capped(mocked, make_client, sleeps):
    headers = {"Retry-After": "3600"}
    mocked.add(responses.GET, CONTACT_URL, json=THROTTLED, status=429, headers=headers)
    add_success(mocked, "GET")
    make_client(max_backoff=30).get("contacts", 17)
    assert sleeps == [30]


def test_429_without_retry_after_backs_off(mocked, make_client, sleeps):
    mocked.add(responses.GET, CONTACT_URL, json=THROTTLED, status=429)
    mocked.add(responses.GET, CONTACT_URL, json=THROTTLED, status=429)
    add_success(mocked, "GET")
    make_client().get("contacts", 17)
    assert sleeps == [0.5, 1.0]


def test_throttled_after_the_last_retry_keeps_retry_after(mocked, make_client):
    headers = {"Retry-After": "9"}
    for _attempt in range(2):
        mocked.add(
            responses.GET, CONTACT_URL, json=THROTTLED, status=429, headers=headers
        )
    with pytest.raises(ThrottledError) as raised:
        make_client(max_retries=1).get("contacts", 17)
    assert raised.value.retry_after == 9.0


def test_503_retry_after_is_honoured(mocked, make_client, sleeps):
    headers = {"Retry-After": "4"}
    mocked.add(
        responses.GET, CONTACT_URL, json=SERVER_ERROR, status=503, headers=headers
    )
    add_success(mocked, "GET")
    make_client().get("contacts", 17)
    assert sleeps == [4.0]


def test_no_retry_when_max_retries_is_zero(mocked, make_client, sleeps):
    mocked.add(responses.GET, CONTACT_URL, json=SERVER_ERROR, status=500)
    with pytest.raises(ServerError):
        make_client(max_retries=0).get("contacts", 17)
    assert len(mocked.calls) == 1
    assert sleeps == []


@pytest.mark.parametrize(
    ("status", "body", "error_class"),
    [
        (400, error_body("invalid", field="is_organization"), InvalidError),
        (404, error_body("not_found"), NotFoundError),
    ],
)
def test_client_errors_are_not_retried(
    mocked, make_client, sleeps, status, body, error_class
):
    mocked.add(responses.PUT, CONTACT_URL, json=body, status=status)
    with pytest.raises(error_class):
        make_client().put("contacts", 17, {"is_organization": True})
    assert len(mocked.calls) == 1
    assert sleeps == []


# ---------------------------------------------------------------- POST


@pytest.mark.parametrize(
    "lost",
    [dropped_connection(), requests.exceptions.ReadTimeout("read timed out")],
    ids=["dropped", "read-timeout"],
)
def test_post_with_lost_response_is_not_sent_again(mocked, make_client, sleeps, lost):
    mocked.add(responses.POST, API + "clients", body=lost)
    with pytest.raises(ResponseLostError) as raised:
        make_client().create("clients", {"name": "Jansen"})
    assert not isinstance(raised.value, TransientError)
    assert raised.value.method == "POST"
    assert "look it up" in str(raised.value)
    assert len(mocked.calls) == 1
    assert sleeps == []


def test_post_answered_5xx_is_not_retried(mocked, make_client, sleeps):
    mocked.add(responses.POST, API + "clients", json=SERVER_ERROR, status=500)
    with pytest.raises(ServerError):
        make_client().create("clients", {"name": "Jansen"})
    assert len(mocked.calls) == 1
    assert sleeps == []


def test_post_answered_429_is_retried(mocked, make_client, sleeps):
    # 429 means the server did nothing, so sending the POST again cannot double it.
    headers = {"Retry-After": "2"}
    mocked.add(
        responses.POST, API + "clients", json=THROTTLED, status=429, headers=headers
    )
    mocked.add(responses.POST, API + "clients", json={"id": 5}, status=201)
    assert make_client().create("clients", {"name": "Jansen"}) == {"id": 5}
    assert len(calls_to(mocked, "POST", "clients")) == 2
    assert sleeps == [2.0]


@pytest.mark.parametrize(
    "unsent",
    [refused_connection(), requests.exceptions.ConnectTimeout("connect timeout")],
    ids=["refused", "connect-timeout"],
)
def test_post_that_never_left_is_retried(mocked, make_client, sleeps, unsent):
    mocked.add(responses.POST, API + "clients", body=unsent)
    mocked.add(responses.POST, API + "clients", json={"id": 5}, status=201)
    assert make_client().create("clients", {"name": "Jansen"}) == {"id": 5}
    assert sleeps == [0.5]


def test_unsent_post_gives_up_as_connection_failure(mocked, make_client):
    mocked.add(responses.POST, API + "clients", body=refused_connection())
    with pytest.raises(ConnectionFailedError):
        make_client(max_retries=0).create("clients", {"name": "Jansen"})
