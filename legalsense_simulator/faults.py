"""Injected faults: error answers, slow answers and answers that never arrive."""

import threading
from dataclasses import asdict, dataclass

API_PREFIX = "/api/v3/"


def normalize_path(path):
    """A path relative to the API (``contacts``) is read as ``/api/v3/contacts``."""
    if not path.startswith("/api/"):
        path = API_PREFIX + path.lstrip("/")
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    return path


@dataclass
class Fault:
    """One injected fault; ``times`` None means until cleared."""

    method: str = "*"
    path: str = "*"
    status: int | None = None
    times: int | None = 1
    retry_after: int | None = None
    latency: float = 0.0
    lost_response: bool = False
    body: object = None

    def __post_init__(self):
        self.method = (self.method or "*").upper()
        self.path = normalize_path(self.path) if self.path != "*" else "/*"
        if self.times is not None and self.times < 1:
            raise ValueError("times must be at least 1, or None for every request")

    def matches(self, method, path):
        if self.method not in ("*", method.upper()):
            return False
        path = normalize_path(path)
        if self.path.endswith("*"):
            return path.startswith(self.path[:-1])
        return path == self.path

    def as_dict(self):
        return asdict(self)


class Faults:
    """The faults waiting for a matching request, in the order they were added."""

    def __init__(self):
        self._faults = []
        self._lock = threading.Lock()

    def add(self, **kwargs):
        fault = Fault(**kwargs)
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self):
        with self._lock:
            self._faults.clear()

    def take(self, method, path):
        """The first fault matching the request, counting one of its ``times``."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    if fault.times is not None:
                        fault.times -= 1
                        if fault.times <= 0:
                            self._faults.remove(fault)
                    return fault
        return None

    def pending(self):
        with self._lock:
            return [fault.as_dict() for fault in self._faults]
