import pytest

from legalsense_simulator import Simulator, SimulatorServer
from legalsense_simulator.testing import (
    ApiClient,
    address_payload,
    client_payload,
    matter_payload,
    organization_payload,
    person_payload,
)


@pytest.fixture
def sim():
    return Simulator()


@pytest.fixture
def api(sim):
    return ApiClient(sim)


@pytest.fixture(scope="module")
def server():
    with SimulatorServer() as running:
        yield running


@pytest.fixture
def live(server):
    """The module's HTTP server, reset to a fresh state for each test."""
    server.simulator.reset()
    server.simulator.expire_tokens()
    return server


@pytest.fixture
def org(api):
    """An organisation that is a debtor, with a billing address and e-mail details."""
    contact = api.create(
        "contacts",
        organization_payload(
            is_debtor=True,
            details=[
                {"kind": "email", "value": "info@jansen.example"},
                {"kind": "email_2", "value": "facturen@jansen.example"},
                {"kind": "phone", "value": "+31 20 123 4567"},
            ],
        ),
    )
    address = api.create("addresses", address_payload(contact["id"]))
    body = {"default_billing_address": {"id": address["id"]}}
    return api.patch(f"contacts/{contact['id']}", json=body).get_json()


@pytest.fixture
def person(api):
    return api.create(
        "contacts",
        person_payload(details=[{"kind": "email", "value": "jan@devries.example"}]),
    )


@pytest.fixture
def client(api, org):
    return api.create("clients", client_payload(org["id"]))


@pytest.fixture
def matter(api, client):
    return api.create("matters", matter_payload(client["id"]))
