"""The simulated LegalSense server: its records, tokens, faults and request log."""

import json
import re
import threading
from pathlib import Path

from . import datagen
from .app import MALFORMED, Application
from .auth import Tokens
from .faults import Faults
from .schema import copy_value
from .seed import default_data
from .store import DEFAULT_VERSION, Store

VERSION_RE = re.compile(r"[0-9]+(\.[0-9]+)*")
DEFAULT_CLOSE_REFUSAL = "The matter has unbilled work in progress."


def check_version(version):
    if not isinstance(version, str) or not VERSION_RE.fullmatch(version):
        raise ValueError(f"Not a version: {version!r}")
    return version


class Simulator:
    """An in-memory LegalSense following the REST API v3 wire contract."""

    def __init__(
        self,
        version=DEFAULT_VERSION,
        username="api",
        password="secret",
        client_identifier="integration",
        client_token="token",
        token_lifetime=3600,
        bearer_token=None,
        seed=True,
    ):
        self.store = Store(check_version(version))
        self.tokens = Tokens(
            {
                "username": username,
                "password": password,
                "client_identifier": client_identifier,
                "client_token": client_token,
            },
            lifetime=token_lifetime,
            pre_issued=bearer_token,
        )
        self.faults = Faults()
        self.seed = seed
        self._requests = []
        self._requests_lock = threading.Lock()
        self.wsgi_app = Application(self)
        if seed:
            self.store.load(default_data())

    @property
    def version(self):
        return self.store.version

    def set_version(self, version):
        """Report and behave as another LegalSense version, e.g. ``"15.55"``."""
        self.store.version = check_version(version)

    def reset(self):
        """Back to a fresh simulator: seed data only, no log, no faults, no refusals."""
        self.store.clear()
        if self.seed:
            self.store.load(default_data())
        self.clear_requests()
        self.clear_faults()

    # ------------------------------------------------------------ request log

    @property
    def requests(self):
        """The logged API calls ``{method, path, query, body, status}``."""
        with self._requests_lock:
            return copy_value(self._requests)

    def clear_requests(self):
        with self._requests_lock:
            self._requests.clear()

    def log_request(self, request, body, status):
        entry = {
            "method": request.method,
            "path": request.path,
            "query": request.args.to_dict(),
            "body": None if body is MALFORMED else body,
            "status": status,
        }
        with self._requests_lock:
            self._requests.append(entry)

    # ------------------------------------------------------------ data

    def load_fixture(self, data_or_path):
        """Replace resources by a dict or JSON file ``{"<resource>": [...]}``."""
        if isinstance(data_or_path, str | Path):
            data_or_path = json.loads(Path(data_or_path).read_text(encoding="utf-8"))
        self.store.load(data_or_path)

    def dump_state(self):
        return self.store.dump()

    def generate(self, **options):
        """Add a generated, deterministic data set; returns the counts per resource."""
        return datagen.generate(self.store, **options)

    # ------------------------------------------------------------ faults and refusals

    def add_fault(
        self,
        method,
        path,
        status=None,
        times=1,
        retry_after=None,
        latency=0.0,
        lost_response=False,
        body=None,
    ):
        """Make the next ``times`` matching requests fail, slow or go unanswered."""
        return self.faults.add(
            method=method,
            path=path,
            status=status,
            times=times,
            retry_after=retry_after,
            latency=latency,
            lost_response=lost_response,
            body=body,
        )

    def clear_faults(self):
        self.faults.clear()

    def expire_tokens(self):
        self.tokens.expire_all()

    def issue_token(self):
        """A valid access token, without a ``POST /token`` call."""
        return self.tokens.issue()["access_token"]

    def refuse_close(self, matter_id, detail=DEFAULT_CLOSE_REFUSAL):
        """Make LegalSense refuse to close or archive the matter (``cannot_close``)."""
        with self.store.lock:
            self.store.close_refusals[matter_id] = detail

    def allow_close(self, matter_id):
        with self.store.lock:
            self.store.close_refusals.pop(matter_id, None)
