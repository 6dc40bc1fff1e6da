import contextlib
import importlib.util
import shutil
from unittest import mock

from cryptography.fernet import Fernet

from odoo.tests import TransactionCase
from odoo.tools import config as odoo_config

from odoo.addons.queue_job.job import Job
from odoo.addons.queue_job.tests.common import trap_jobs

from ..legalsense_simulator import SimulatorServer

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def browser_missing():
    """Why a browser tour cannot run here, or "" (it needs websocket-client
    and Chromium)."""
    if importlib.util.find_spec("websocket") is None:
        return "websocket-client is not installed: the browser cannot be driven."
    if not any(shutil.which(name) for name in BROWSERS):
        return (
            "No Chromium on PATH: install it (apt-get install chromium) to run "
            "the tours in a headless browser."
        )
    return ""


KEY_OPTION = "legalsense_encryption_key"
KEY_VARIABLE = "LEGALSENSE_ENCRYPTION_KEY"


@contextlib.contextmanager
def encryption_key(key):
    """The server configuration with ``key`` (None: no key at all)."""
    with (
        mock.patch.dict(odoo_config.options, {KEY_OPTION: key}),
        mock.patch.dict("os.environ", {}, clear=False) as environ,
    ):
        environ.pop(KEY_VARIABLE, None)
        yield


class LegalSenseConfigCase(TransactionCase):
    """A company of its own with a LegalSense config, and an encryption key."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Config = cls.env["legalsense.config"]
        cls.company = cls.env["res.company"].create({"name": "Advocaten B.V."})
        cls.config = cls.Config.create(
            {"company_id": cls.company.id, "url": "https://epona.legalsense.nl/"}
        )
        cls.key = Fernet.generate_key().decode()

    def setUp(self):
        super().setUp()
        self.enterContext(encryption_key(self.key))

    def new_config(self, **values):
        company = self.env["res.company"].create({"name": "Kantoor"})
        return self.Config.create({"company_id": company.id, **values})


def start_simulator(cls, version):
    """For test class ``cls``: a simulator running until the class ends, the
    encryption key of its secrets, and a company of its own."""
    cls.server = SimulatorServer(
        version=version, username="api", password="secret"
    ).start()
    cls.addClassCleanup(cls.server.stop)
    cls.simulator = cls.server.simulator
    cls.key = Fernet.generate_key().decode()
    cls.enterClassContext(encryption_key(cls.key))
    cls.company = cls.env["res.company"].create({"name": "Van Dijk Advocaten"})


def simulator_config(cls):
    """The LegalSense config of ``cls.company``, pointing to its simulator."""
    return cls.env["legalsense.config"].create(
        {
            "company_id": cls.company.id,
            "url": cls.server.url,
            "username": "api",
            "password": "secret",
        }
    )


class LegalSenseSimulatorCase(TransactionCase):
    """One simulator per class, reset before each test; a company of its own
    whose config points to it.

    The sync stores LegalSense ids in a transaction of its own; in tests that
    cursor joins the test's (``enter_test_mode``).
    """

    version = "18.120"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start_simulator(cls, cls.version)
        cls.env.user.company_ids |= cls.company
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                allowed_company_ids=[cls.company.id],
                tracking_disable=True,
            )
        )
        cls.config = simulator_config(cls)

    def setUp(self):
        super().setUp()
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        self.simulator.reset()
        self.simulator.set_version(self.version)
        self.env["legalsense.config"]._forget_versions()

    @contextlib.contextmanager
    def trapped_jobs(self):
        """``trap_jobs`` that stores no job at all.

        ``trap_jobs`` lets a job through to the database when a trapped job
        with the same identity key exists already (it does not collapse).
        """
        with trap_jobs() as trap, mock.patch.object(Job, "store"):
            yield trap
