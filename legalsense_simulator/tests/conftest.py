import pytest

from legalsense_simulator import Simulator, SimulatorServer
from legalsense_simulator.testing import ApiClient


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
    server.simulator.tokens.expire_all()
    return server
