"""The client against the LegalSense simulator over real HTTP."""

import os

import pytest

from legalsense_client import (
    AlreadyLinkedError,
    CannotCloseError,
    DebugLog,
    LegalSenseClient,
    MemoryTokenStore,
    MethodNotAllowedError,
    NotFoundError,
    RequiredError,
    ResponseLostError,
    ServerError,
    supports_address_delete,
    supports_client_parent,
    supports_user_offices,
)

simulator_package = pytest.importorskip("legalsense_simulator")

USERNAME = "api"
PASSWORD = "pw-Integration-55"
CLIENT_IDENTIFIER = "integration"
CLIENT_TOKEN = "ct-Integration-77"


class RecordingTokenStore(MemoryTokenStore):
    """Remembers every token it was given, to check that none is written down."""

    def __init__(self):
        super().__init__()
        self.seen = []

    def set(self, token):
        self.seen.append(token)
        return super().set(token)


@pytest.fixture(scope="module")
def server():
    # One server for the module: stopping one takes up to half a second.
    with simulator_package.SimulatorServer(
        version="18.120",
        username=USERNAME,
        password=PASSWORD,
        client_identifier=CLIENT_IDENTIFIER,
        client_token=CLIENT_TOKEN,
    ) as running:
        yield running


@pytest.fixture
def simulator(server):
    server.simulator.reset()
    server.simulator.set_version("18.120")
    return server.simulator


@pytest.fixture
def connect(server, sleeps):
    def factory(**options):
        settings = {
            "base_url": server.url,
            "username": USERNAME,
            "password": PASSWORD,
            "timeout": (2, 10),
            "sleep": sleeps.append,
        }
        settings.update(options)
        return LegalSenseClient(**settings)

    return factory


@pytest.fixture
def client(connect):
    return connect()


def logged(simulator, method, path):
    return [
        entry
        for entry in simulator.requests
        if entry["method"] == method and entry["path"] == path
    ]


def organization(name, **values):
    return {
        "is_organization": True,
        "first_name": "",
        "last_name": "",
        "name_prefix": "",
        "organization_name": name,
        **values,
    }


def person(last_name, **values):
    return {
        "is_organization": False,
        "first_name": "Jan",
        "last_name": last_name,
        "name_prefix": "",
        **values,
    }


def test_1234_contacts_take_13_pages_of_100(simulator, client):
    existing = len(simulator.store.list("contacts"))
    simulator.generate(contacts=1234 - existing, matters=0)
    simulator.clear_requests()

    contacts = client.list("contacts")

    assert len(contacts) == 1234
    ids = [contact["id"] for contact in contacts]
    assert ids == sorted(set(ids))
    pages = logged(simulator, "GET", "/api/v3/contacts")
    assert len(pages) == 13
    assert [entry["query"]["page_size"] for entry in pages] == ["100"] * 13
    assert [entry["status"] for entry in pages] == [200] * 13


def test_expired_token_gives_exactly_one_reauthentication(simulator, client):
    created = client.create("contacts", organization("Jansen Holding B.V."))
    simulator.expire_tokens()
    simulator.clear_requests()

    assert client.get("contacts", created["id"])["id"] == created["id"]

    assert len(logged(simulator, "POST", "/api/v3/token")) == 1
    gets = logged(simulator, "GET", f"/api/v3/contacts/{created['id']}")
    assert [entry["status"] for entry in gets] == [401, 200]


def test_client_token_login_against_the_simulator(simulator, connect):
    client = connect(
        username=None,
        password=None,
        client_identifier=CLIENT_IDENTIFIER,
        client_token=CLIENT_TOKEN,
    )
    assert str(client.version()) == "18.120"
    assert logged(simulator, "POST", "/api/v3/token")[0]["status"] == 200


def test_get_answered_503_twice_then_200(simulator, client, sleeps):
    created = client.create("contacts", organization("Bakker Bouw B.V."))
    path = f"/api/v3/contacts/{created['id']}"
    simulator.add_fault("GET", path, status=503, times=2)
    simulator.clear_requests()

    assert (
        client.get("contacts", created["id"])["organization_name"] == "Bakker Bouw B.V."
    )

    assert [entry["status"] for entry in logged(simulator, "GET", path)] == [
        503,
        503,
        200,
    ]
    assert sleeps == [0.5, 1.0]


def test_put_through_a_proxy_error_page(simulator, client, sleeps):
    created = client.create("contacts", organization("Visser Media B.V."))
    path = f"/api/v3/contacts/{created['id']}"
    simulator.add_fault("PATCH", path, status=502, body="<html>Bad Gateway</html>")

    client.patch("contacts", created["id"], {"organization_name": "Visser Media"})

    assert simulator.store.get("contacts", created["id"])["organization_name"] == (
        "Visser Media"
    )
    assert sleeps == [0.5]


def test_post_with_lost_response_is_not_sent_again(simulator, client, sleeps):
    client.version()  # authenticated beforehand, so the log holds only the POST
    simulator.add_fault("POST", "/api/v3/contacts", lost_response=True)
    simulator.clear_requests()

    with pytest.raises(ResponseLostError):
        client.create("contacts", organization("Smit Logistiek B.V."))

    assert len(logged(simulator, "POST", "/api/v3/contacts")) == 1
    stored = [
        contact
        for contact in simulator.store.list("contacts")
        if contact["organization_name"] == "Smit Logistiek B.V."
    ]
    assert len(stored) == 1
    assert sleeps == []


def test_post_answered_500_is_not_retried(simulator, client):
    client.version()
    simulator.add_fault("POST", "/api/v3/contacts", status=500)
    simulator.clear_requests()

    with pytest.raises(ServerError):
        client.create("contacts", organization("Mulder Zorg B.V."))

    assert len(logged(simulator, "POST", "/api/v3/contacts")) == 1


def test_429_retry_after_is_honoured(simulator, client, sleeps):
    client.version()
    simulator.add_fault("GET", "/api/v3/users*", status=429, retry_after=3)
    simulator.clear_requests()

    users = client.list("users")

    assert len(users) == len(simulator.store.list("users"))
    statuses = [entry["status"] for entry in logged(simulator, "GET", "/api/v3/users")]
    assert statuses == [429, 200]
    assert sleeps == [3.0]


def test_debug_dumps_hold_no_credentials(simulator, connect, tmp_path):
    tokens = RecordingTokenStore()
    directory = tmp_path / "LegalSense"
    client = connect(debug_log=DebugLog(str(directory)), token_store=tokens)

    contact = client.create("contacts", organization("Dekker Advies B.V."))
    simulator.expire_tokens()
    client.list("contacts")
    client.get("contacts", contact["id"])
    with pytest.raises(RequiredError):
        client.create("contacts", {"is_organization": True})

    assert len(tokens.seen) == 2
    names = sorted(os.listdir(directory))
    assert len(names) == len(simulator.requests)
    for name in names:
        text = (directory / name).read_text(encoding="utf-8")
        for secret in (PASSWORD, CLIENT_TOKEN, *tokens.seen):
            assert secret not in text, name


def test_version_is_read_from_the_server(simulator, client, connect):
    assert client.version() >= "18.120"
    simulator.set_version("17.10")
    assert client.version() >= "18.120"  # cached per client
    assert client.version(refresh=True) == "17.10"
    assert str(connect().version()) == "17.10"


@pytest.mark.parametrize("version", ["15.55", "17.10", "18.99", "18.120"])
def test_version_gates_match_the_server(simulator, connect, version):
    simulator.set_version(version)
    client = connect()
    server_version = client.version()

    user = client.list("users")[0]
    assert ("offices" in user) == supports_user_offices(server_version)

    contact = client.create("contacts", organization(f"Gate {version} B.V."))
    customer = client.create(
        "clients", {"contact": {"id": contact["id"]}, "name": version}
    )
    assert ("parent_client" in customer) == supports_client_parent(server_version)

    address = client.create(
        "addresses",
        {
            "contact": {"id": contact["id"]},
            "address_kind": {"id": 1},
            "address_template": 2,
            "address": "Keizersgracht 1",
            "zipcode": "1015 CJ",
            "city": "Amsterdam",
            "country": "Nederland",
            "normalized_country": "NL",
        },
    )
    if supports_address_delete(server_version):
        client.delete("addresses", address["id"])
        with pytest.raises(NotFoundError):
            client.get("addresses", address["id"])
    else:
        with pytest.raises(MethodNotAllowedError) as raised:
            client.delete("addresses", address["id"])
        assert "DELETE" not in raised.value.allow


def test_contract_errors_arrive_typed(simulator, client):
    organisation = client.create("contacts", organization("Bos Transport B.V."))
    employee = client.create("contacts", person("Bos"))
    link = {
        "organization": {"id": organisation["id"]},
        "person": {"id": employee["id"]},
    }
    first = client.create("contactcontacts", link)

    with pytest.raises(AlreadyLinkedError) as raised:
        client.create("contactcontacts", link)
    assert raised.value.existing_id == first["id"]

    with pytest.raises(MethodNotAllowedError):
        client.delete("contacts", organisation["id"])
    with pytest.raises(NotFoundError):
        client.get("contacts", 999999)


def test_cannot_close_reason_reaches_the_user(simulator, client):
    contact = client.create("contacts", organization("Vos Vastgoed B.V."))
    customer = client.create(
        "clients", {"contact": {"id": contact["id"]}, "name": "Vos"}
    )
    matter = client.create(
        "matters",
        {"client": {"id": customer["id"]}, "name": "Huurgeschil", "firm": {"id": 1}},
    )
    simulator.refuse_close(matter["id"], "The matter has unbilled work in progress.")

    with pytest.raises(CannotCloseError) as raised:
        client.patch("matters", matter["id"], {"softkill_status": 2})

    assert str(raised.value) == (
        "LegalSense refused to close the matter: "
        "The matter has unbilled work in progress."
    )
