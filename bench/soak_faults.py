"""The faults of the soak and the watch on the job queue.

``FaultLog`` counts what was injected and, from the faults still pending
when they are cleared (or when a restart drops them), what was triggered.
``FaultInjector`` adds a random fault every few seconds through the
simulator's hooks. ``QueueMonitor`` samples the LegalSense queue to find
its longest stall.
"""

import threading
import time
from collections import Counter

from soak_odoo import JobQueue

CREATE_RESOURCES = (
    "contacts",
    "clients",
    "addresses",
    "contactcontacts",
    "matters",
    "matterdebtors",
    "mattercontacts",
)
# The methods the sync uses ("*" twice: any method, more often).
METHODS = ("POST", "PATCH", "GET", "DELETE", "*", "*")
RANDOM_KINDS = (("5xx", 3), ("429", 2), ("latency", 2), ("lost", 3), ("expiry", 1))


def fault_kind(fault):
    """What a fault is, for the counts: '5xx', '429', 'latency', 'lost <res>'..."""
    status = fault.get("status")
    if status == 429:
        return "429 with Retry-After"
    if status and status >= 500:
        return "5xx"
    if status:
        return f"refusal {status}"
    if fault.get("lost_response"):
        resource = fault["path"].removeprefix("/api/v3/").split("/")[0]
        return f"lost response {fault.get('method')} {resource}"
    if fault.get("latency"):
        return "latency"
    return "other"


class FaultLog:
    """Faults injected and faults that never met a request."""

    def __init__(self):
        self.lock = threading.Lock()
        self.injected = Counter()
        self.untriggered = Counter()
        self.events = Counter()  # faults that are no request fault (expiry...)

    def added(self, fault):
        with self.lock:
            self.injected[fault_kind(fault)] += fault.get("times") or 1

    def event(self, name):
        with self.lock:
            self.events[name] += 1

    def dropped(self, pending):
        """Faults still pending when cleared or lost with a restart."""
        with self.lock:
            for fault in pending:
                self.untriggered[fault_kind(fault)] += fault.get("times") or 1

    def triggered(self):
        return {kind: n - self.untriggered[kind] for kind, n in self.injected.items()}


class FaultInjector(threading.Thread):
    """A random fault every ``interval`` seconds until ``stop`` is set."""

    def __init__(self, simulator, sim_lock, log, rng, stop, interval, read_timeout):
        super().__init__(name="soak-faults", daemon=True)
        self.simulator = simulator
        self.sim_lock = sim_lock
        self.log = log
        self.rng = rng
        self.stop = stop
        self.interval = interval
        self.read_timeout = read_timeout

    def run(self):
        kinds, weights = zip(*RANDOM_KINDS, strict=True)
        while not self.stop.wait(self.rng.uniform(*self.interval)):
            kind = self.rng.choices(kinds, weights)[0]
            with self.sim_lock:
                try:
                    self.inject(kind)
                except OSError:
                    self.log.event("fault not injected (simulator unreachable)")

    def inject(self, kind):
        rng = self.rng
        if kind == "expiry":
            self.simulator.expire_tokens()
            self.log.event("tokens expired")
            return
        fault = {"method": rng.choice(METHODS)}
        fault["path"] = rng.choice(CREATE_RESOURCES) + rng.choice(("", "*", "*"))
        if kind == "5xx":
            fault.update(status=rng.choice((500, 502, 503)), times=rng.randint(1, 2))
        elif kind == "429":
            fault.update(status=429, retry_after=rng.randint(1, 3))
        elif kind == "latency":
            fault.update(latency=self.read_timeout + rng.uniform(0.5, 1.5))
        else:
            fault = {
                "method": "POST",
                "path": rng.choice(CREATE_RESOURCES),
                "lost_response": True,
            }
        self.add(fault)

    def add(self, fault):
        fault.setdefault("times", 1)
        self.simulator.add_fault(**fault)
        self.log.added(fault)


class QueueMonitor(threading.Thread):
    """Samples (time, work waiting, progress marker) of the LegalSense queue."""

    def __init__(self, database, stop, period=0.5):
        super().__init__(name="soak-queue-monitor", daemon=True)
        self.database = database
        self.stop = stop
        self.period = period
        self.samples = []

    def run(self):
        queue = JobQueue(self.database)
        try:
            while not self.stop.wait(self.period):
                work, marker = queue.progress()
                self.samples.append((time.time(), work, marker))
        finally:
            queue.close()

    def longest_stall(self, since):
        """Longest time after ``since`` the queue had work and did not move."""
        longest, start, last_marker, last_moment = 0.0, None, None, since
        for moment, work, marker in self.samples:
            if moment >= since and work and marker == last_marker:
                start = start or max(last_moment, since)
                longest = max(longest, moment - start)
            else:
                start = None
            last_marker, last_moment = marker, moment
        return longest
