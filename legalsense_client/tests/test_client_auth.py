import json

import pytest
import responses

from legalsense_client import (
    AuthenticationError,
    LegalSenseClient,
    MalformedResponseError,
    MemoryTokenStore,
    TokenRefusedError,
    TransientError,
)
from legalsense_client.tests.helpers import (
    API,
    BEARER_TOKEN,
    CLIENT_IDENTIFIER,
    CLIENT_TOKEN,
    PASSWORD,
    SITE,
    USERNAME,
    calls_to,
    error_body,
    token_answer,
)

CONTACT = {"id": 17, "last_name": "Jansen"}


def add_token(mock, token, status=200):
    body = token_answer(token) if status == 200 else error_body("authentication_failed")
    mock.add(responses.POST, API + "token", json=body, status=status)


def add_contact(mock, status=200):
    body = CONTACT if status == 200 else error_body("token_invalid")
    mock.add(responses.GET, API + "contacts/17", json=body, status=status)


def authorization_of(call):
    return call.request.headers.get("Authorization")


def sent_json(call):
    return json.loads(call.request.body)


def test_password_login_then_bearer_header(mocked, make_client):
    add_token(mocked, "tok-1")
    add_contact(mocked)
    client = make_client(bearer_token=None)
    assert client.get("contacts", 17) == CONTACT
    assert sent_json(mocked.calls[0]) == {"username": USERNAME, "password": PASSWORD}
    assert "Authorization" not in mocked.calls[0].request.headers
    assert authorization_of(mocked.calls[1]) == "Bearer tok-1"


def test_client_token_login(mocked, make_client):
    add_token(mocked, "tok-1")
    add_contact(mocked)
    client = make_client(
        bearer_token=None,
        username=None,
        password=None,
        client_identifier=CLIENT_IDENTIFIER,
        client_token=CLIENT_TOKEN,
    )
    client.get("contacts", 17)
    assert sent_json(mocked.calls[0]) == {
        "client_identifier": CLIENT_IDENTIFIER,
        "client_token": CLIENT_TOKEN,
    }


def test_password_is_preferred_when_both_pairs_are_given(mocked, make_client):
    add_token(mocked, "tok-1")
    client = make_client(
        bearer_token=None,
        client_identifier=CLIENT_IDENTIFIER,
        client_token=CLIENT_TOKEN,
    )
    client.authenticate()
    assert sent_json(mocked.calls[0]) == {"username": USERNAME, "password": PASSWORD}


def test_pre_issued_bearer_token_is_used_as_is(mocked, make_client):
    add_contact(mocked)
    make_client(username=None, password=None).get("contacts", 17)
    assert len(mocked.calls) == 1
    assert authorization_of(mocked.calls[0]) == f"Bearer {BEARER_TOKEN}"


def test_token_is_fetched_once_for_many_calls(mocked, make_client):
    add_token(mocked, "tok-1")
    add_contact(mocked)
    add_contact(mocked)
    client = make_client(bearer_token=None)
    client.get("contacts", 17)
    client.get("contacts", 17)
    assert len(calls_to(mocked, "POST", "token")) == 1


def test_token_store_is_shared_between_clients(mocked, make_client):
    store = MemoryTokenStore()
    add_token(mocked, "tok-shared")
    add_contact(mocked)
    add_contact(mocked)
    make_client(bearer_token=None, token_store=store).get("contacts", 17)
    make_client(bearer_token=None, token_store=store).get("contacts", 17)
    assert store.get() == "tok-shared"
    assert len(calls_to(mocked, "POST", "token")) == 1
    assert authorization_of(mocked.calls[2]) == "Bearer tok-shared"


def test_401_gives_one_reauthentication_and_one_retry(mocked, make_client):
    add_token(mocked, "tok-1")
    add_contact(mocked, status=401)
    add_token(mocked, "tok-2")
    add_contact(mocked)
    client = make_client(bearer_token=None)
    assert client.get("contacts", 17) == CONTACT
    assert len(calls_to(mocked, "POST", "token")) == 2
    gets = calls_to(mocked, "GET", "contacts/17")
    assert [authorization_of(call) for call in gets] == ["Bearer tok-1", "Bearer tok-2"]


def test_second_401_raises(mocked, make_client, sleeps):
    add_token(mocked, "tok-1")
    add_contact(mocked, status=401)
    add_token(mocked, "tok-2")
    add_contact(mocked, status=401)
    with pytest.raises(AuthenticationError) as raised:
        make_client(bearer_token=None).get("contacts", 17)
    assert raised.value.code == "token_invalid"
    assert raised.value.status == 401
    assert len(calls_to(mocked, "POST", "token")) == 2
    assert len(calls_to(mocked, "GET", "contacts/17")) == 2
    assert sleeps == []


def test_a_refused_fresh_token_is_a_passing_trouble(mocked, make_client):
    """LegalSense issued the token, so the credentials work: try again later."""
    add_token(mocked, "tok-1")
    add_contact(mocked, status=401)
    add_token(mocked, "tok-2")
    add_contact(mocked, status=401)
    with pytest.raises(TokenRefusedError) as raised:
        make_client(bearer_token=None).get("contacts", 17)
    assert isinstance(raised.value, TransientError)
    assert "refused the token it had just issued" in str(raised.value)


def test_refused_bearer_token_without_credentials_raises(mocked, make_client):
    add_contact(mocked, status=401)
    client = make_client(username=None, password=None)
    with pytest.raises(AuthenticationError) as raised:
        client.get("contacts", 17)
    assert "bearer token was refused" in str(raised.value)
    assert raised.value.status == 401
    assert len(mocked.calls) == 1


def test_refused_bearer_token_is_replaced_using_credentials(mocked, make_client):
    add_contact(mocked, status=401)
    add_token(mocked, "tok-new")
    add_contact(mocked)
    add_contact(mocked)
    client = make_client()
    client.get("contacts", 17)
    client.get("contacts", 17)
    gets = calls_to(mocked, "GET", "contacts/17")
    assert [authorization_of(call) for call in gets] == [
        f"Bearer {BEARER_TOKEN}",
        "Bearer tok-new",
        "Bearer tok-new",
    ]


def test_wrong_credentials_raise_without_a_loop(mocked, make_client):
    add_token(mocked, None, status=401)
    with pytest.raises(AuthenticationError) as raised:
        make_client(bearer_token=None).get("contacts", 17)
    assert raised.value.code == "authentication_failed"
    assert not isinstance(raised.value, TransientError), "a lasting refusal"
    assert len(mocked.calls) == 1


def test_token_answer_without_access_token_is_malformed(mocked, make_client):
    mocked.add(responses.POST, API + "token", json={"token_type": "Bearer"})
    with pytest.raises(MalformedResponseError):
        make_client(bearer_token=None).authenticate()


def test_token_request_is_retried_on_503(mocked, make_client, sleeps):
    # Getting a token creates nothing, so repeating that POST is safe.
    mocked.add(
        responses.POST, API + "token", json=error_body("server_error"), status=503
    )
    add_token(mocked, "tok-1")
    make_client(bearer_token=None).authenticate()
    assert sleeps == [0.5]


@pytest.mark.parametrize(
    "credentials",
    [
        {},
        {"username": USERNAME},
        {"password": PASSWORD},
        {"client_identifier": CLIENT_IDENTIFIER},
        {"username": "", "password": "", "bearer_token": ""},
    ],
)
def test_missing_credentials_are_a_clear_error(credentials):
    with pytest.raises(AuthenticationError) as raised:
        LegalSenseClient(SITE, **credentials)
    assert str(raised.value).startswith(
        "Cannot authenticate with LegalSense: no credentials configured"
    )
    assert raised.value.status is None


def test_repr_shows_no_secret():
    client = LegalSenseClient(
        SITE, username=USERNAME, password=PASSWORD, bearer_token=BEARER_TOKEN
    )
    assert PASSWORD not in repr(client)
    assert BEARER_TOKEN not in repr(client)
    assert USERNAME in repr(client)
