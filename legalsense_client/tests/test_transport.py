"""The (connect, read) time-out lives on the session's adapter."""

import socket
import threading
import time
from unittest import mock

import pytest
import requests

from legalsense_client import LegalSenseClient
from legalsense_client.exceptions import ConnectionFailedError
from legalsense_client.transport import TimeoutAdapter, checked_timeout


@pytest.fixture
def silent_server():
    """A loopback server that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/api/v3/"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def test_a_silent_server_times_out_after_the_read_timeout(silent_server):
    client = LegalSenseClient(
        silent_server, bearer_token="t", timeout=(1, 0.3), max_retries=0
    )
    started = time.monotonic()
    with pytest.raises(ConnectionFailedError, match="timed out"):
        client.get("contacts", 1)
    assert time.monotonic() - started < 2


def test_code_wrapping_session_send_sees_no_tuple(silent_server):
    """A wrapper of ``Session.send`` may compare the time-out with a number."""
    seen = []
    real_send = requests.Session.send

    def comparing_send(session, request, **kwargs):
        timeout = kwargs.get("timeout")
        seen.append(timeout)
        if timeout and timeout < 10:
            kwargs["timeout"] = 10
        return real_send(session, request, **kwargs)

    client = LegalSenseClient(
        silent_server, bearer_token="t", timeout=(1, 0.3), max_retries=0
    )
    with (
        mock.patch.object(requests.Session, "send", comparing_send),
        pytest.raises(ConnectionFailedError),
    ):
        client.get("contacts", 1)
    assert seen == [None]


def test_the_adapter_sends_with_its_timeout():
    adapter = TimeoutAdapter((3, 30))
    with mock.patch("requests.adapters.HTTPAdapter.send") as send:
        adapter.send("request")
    assert send.call_args.kwargs["timeout"] == (3, 30)


def test_changing_the_client_timeout_changes_the_adapter():
    client = LegalSenseClient("https://ls.example/", bearer_token="t")
    assert client.timeout == (5, 60)
    client.timeout = (3, 10)
    adapter = client.session.get_adapter("https://ls.example/api/v3/contacts")
    assert adapter.timeout == (3, 10)


@pytest.mark.parametrize(
    "timeout, expected", [((2, 20), (2, 20)), (7, (7, 7)), (0.5, (0.5, 0.5))]
)
def test_timeouts_are_connect_read_pairs(timeout, expected):
    assert checked_timeout(timeout) == expected


@pytest.mark.parametrize("timeout", [None, 0, (0, 5), (5, None), "5", True, (1, 2, 3)])
def test_unbounded_or_malformed_timeouts_are_refused(timeout):
    with pytest.raises(ValueError):
        checked_timeout(timeout)


# ------------------------------------------------------------ environment


def make_client(**options):
    return LegalSenseClient(
        "https://ls.example.nl/api/v3/", bearer_token="t", **options
    )


def test_the_environment_s_proxy_is_read_once_for_the_client(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.firm.nl:3128")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    client = make_client()
    assert client.session.proxies["https"] == "http://proxy.firm.nl:3128"
    assert client.session.trust_env is False
    # Read once: a later change of the environment is not seen.
    monkeypatch.setenv("HTTPS_PROXY", "http://other.firm.nl:3128")
    with mock.patch("requests.utils.getproxies") as getproxies:
        prepared = client.session.merge_environment_settings(
            client.base_url, {}, None, None, None
        )
    getproxies.assert_not_called()
    assert prepared["proxies"]["https"] == "http://proxy.firm.nl:3128"


def test_no_proxy_for_the_legalsense_host_is_kept(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.firm.nl:3128")
    monkeypatch.setenv("NO_PROXY", "ls.example.nl")
    assert "https" not in make_client().session.proxies


def test_the_environment_s_ca_bundle_is_kept(monkeypatch):
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/firm/ca.pem")
    assert make_client().session.verify == "/etc/firm/ca.pem"


def test_a_session_given_to_the_client_is_left_as_it_is(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.firm.nl:3128")
    session = requests.Session()
    make_client(session=session)
    assert session.trust_env is True
    assert session.proxies == {}
