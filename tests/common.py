import contextlib
from unittest import mock

from cryptography.fernet import Fernet

from odoo.tests import TransactionCase
from odoo.tools import config as odoo_config

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
