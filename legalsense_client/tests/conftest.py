import pytest
import responses

from legalsense_client import LegalSenseClient
from legalsense_client.tests.helpers import BEARER_TOKEN, PASSWORD, SITE, USERNAME


@pytest.fixture
def mocked():
    """Answers for requests; every registered answer must be used."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock


@pytest.fixture
def sleeps():
    """The waits the client asked for, in seconds."""
    return []


@pytest.fixture
def make_client(sleeps):
    """A client with a pre-issued token and a password to re-authenticate with."""

    def factory(**options):
        settings = {
            "base_url": SITE,
            "username": USERNAME,
            "password": PASSWORD,
            "bearer_token": BEARER_TOKEN,
            "sleep": sleeps.append,
        }
        settings.update(options)
        return LegalSenseClient(**settings)

    return factory
