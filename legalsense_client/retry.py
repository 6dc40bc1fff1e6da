"""When a failed LegalSense call may be sent again, and how long to wait first."""

from .exceptions import ConnectionFailedError, ThrottledError

# Sending these twice has the same effect as sending them once.
REPEATABLE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"})


def is_repeatable(method):
    return method.upper() in REPEATABLE_METHODS


class RetryPolicy:
    """Bounded retries with exponential back-off.

    The n-th retry (counting from 0) waits ``backoff_factor * 2 ** n`` seconds,
    or the server's Retry-After when it sent one; never more than
    ``max_backoff``.
    """

    def __init__(self, max_retries=3, backoff_factor=0.5, max_backoff=30):
        if max_retries < 0 or backoff_factor < 0 or max_backoff < 0:
            raise ValueError("retry settings cannot be negative")
        self.max_retries = max_retries
        self.backoff_factor = backoff_factor
        self.max_backoff = max_backoff

    def delay(self, retry_number, retry_after=None):
        """Seconds to wait before retry ``retry_number`` (0 for the first)."""
        if retry_after is not None:
            return min(retry_after, self.max_backoff)
        return min(self.backoff_factor * 2**retry_number, self.max_backoff)

    def should_retry(self, error, retries_done, repeatable):
        """Whether the call that failed with ``error`` may be sent again.

        Any call answered 429 may be retried: the server says it did nothing,
        so even a POST cannot be doubled. A connection failure is only raised
        for calls that are safe to repeat or were never sent. A 5xx is an
        answer that says the call failed, but of a POST it is not known what
        was saved before the failure, so only repeatable calls are retried.
        """
        if retries_done >= self.max_retries:
            return False
        if isinstance(error, (ThrottledError, ConnectionFailedError)):
            return True
        return repeatable
