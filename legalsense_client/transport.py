"""The HTTP transport: a session adapter that bounds every call in time.

The (connect, read) time-out is a property of the adapter mounted on the
client's session, not an argument of each request.  ``requests`` then hands
the pair to urllib3 for every call, while code that wraps
``Session.send`` (a test harness that compares ``timeout`` with a number,
for instance) sees no tuple it cannot read.
"""

import os

from requests.adapters import HTTPAdapter
from requests.utils import get_environ_proxies


def checked_timeout(timeout):
    """``timeout`` as a (connect, read) pair of positive numbers of seconds."""
    if isinstance(timeout, int | float) and not isinstance(timeout, bool):
        timeout = (timeout, timeout)
    try:
        connect, read = timeout
    except (TypeError, ValueError):
        raise ValueError(
            f"A timeout is required for LegalSense calls: (connect, read) "
            f"seconds, not {timeout!r}"
        ) from None
    for seconds in (connect, read):
        number = isinstance(seconds, int | float) and not isinstance(seconds, bool)
        if not number or seconds <= 0:
            raise ValueError(f"Not a positive number of seconds: {seconds!r}")
    return (connect, read)


class TimeoutAdapter(HTTPAdapter):
    """An ``HTTPAdapter`` that sends with its own (connect, read) time-out."""

    def __init__(self, timeout, **kwargs):
        self.timeout = checked_timeout(timeout)
        super().__init__(**kwargs)

    def send(self, request, timeout=None, **kwargs):  # pylint: disable=arguments-differ
        return super().send(request, timeout=timeout or self.timeout, **kwargs)


def mount_timeout(session, timeout):
    """Mount a ``TimeoutAdapter`` on ``session`` for http and https; return it."""
    adapter = TimeoutAdapter(timeout)
    for prefix in ("http://", "https://"):
        session.mount(prefix, adapter)
    return adapter


def read_environment_once(session, url):
    """Take the proxy and CA bundle settings of the environment for ``url``
    once, for every call of ``session``.

    ``requests`` reads them from the environment at every request, which is
    a large part of a short call to LegalSense; every call of a client goes
    to the same host, so reading them once gives the same settings.
    Proxies set on the session itself are kept.
    """
    if not session.trust_env:
        return
    session.proxies = {**get_environ_proxies(url), **session.proxies}
    bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
    if bundle and session.verify is True:
        session.verify = bundle
    session.trust_env = False
