import glob
import os
import tempfile
from unittest import mock

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import config as odoo_config

from odoo.addons.legalsense.legalsense_simulator import SimulatorServer
from odoo.addons.legalsense.models.settings import legalsense_config

from .common import LegalSenseConfigCase

PASSWORD = "Geheim-wachtwoord-42"
BEARER = "pre-issued-bearer-token-0123456789"


@tagged("post_install", "-at_install")
class TestLegalSenseConfigConnection(LegalSenseConfigCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = SimulatorServer(
            version="18.120", username="api", password=PASSWORD, bearer_token=BEARER
        ).start()
        cls.addClassCleanup(cls.server.stop)
        cls.simulator = cls.server.simulator

    def setUp(self):
        super().setUp()
        self.simulator.reset()
        self.config.write({"url": self.server.url, "username": "api"})
        self.config.password = PASSWORD

    def calls(self):
        return [(call["method"], call["path"]) for call in self.simulator.requests]

    def test_success_stores_the_version(self):
        action = self.config.action_test_connection()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(action["params"]["type"], "success")
        self.assertIn("18.120", action["params"]["message"])
        self.assertEqual(self.config.legalsense_version, "18.120")
        self.assertEqual(self.config.last_connection_status, "ok")
        self.assertFalse(self.config.last_connection_error)
        self.assertTrue(self.config.last_connection_test)
        self.assertEqual(
            self.calls(), [("POST", "/api/v3/token"), ("GET", "/api/v3/version")]
        )

    def test_version_change_is_seen(self):
        self.config.action_test_connection()
        self.simulator.set_version("15.55")
        self.config.action_test_connection()
        self.assertEqual(self.config.legalsense_version, "15.55")

    def test_wrong_password_reports_the_legalsense_message(self):
        self.config.password = "wrong-password"
        action = self.config.action_test_connection()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertEqual(self.config.last_connection_status, "error")
        error = self.config.last_connection_error
        self.assertIn("Invalid credentials", error)
        self.assertIn("Invalid credentials", action["params"]["message"])
        self.assertNotIn("wrong-password", error + action["params"]["message"])

    def test_unreachable_server(self):
        with SimulatorServer() as other:
            url = other.url
        self.config.url = url
        action = self.config.action_test_connection()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("could not be reached", self.config.last_connection_error)

    def test_disabled_says_it_is_off(self):
        self.config.disabled = True
        action = self.config.action_test_connection()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("switched off", action["params"]["message"])
        self.assertIn("Disabled", action["params"]["message"])
        self.assertEqual(self.config.last_connection_status, "error")
        self.assertEqual(self.calls(), [])
        with self.assertRaises(UserError):
            self.config._get_client()

    def test_bearer_token_only(self):
        self.config.write({"password": False, "username": False})
        self.config.bearer_token = BEARER
        self.config.action_test_connection()
        self.assertEqual(self.config.last_connection_status, "ok")
        self.assertEqual(self.calls(), [("GET", "/api/v3/version")])

    def test_no_credentials(self):
        self.config.write({"password": False})
        self.config.action_test_connection()
        self.assertEqual(self.config.last_connection_status, "error")
        self.assertIn("no credentials configured", self.config.last_connection_error)

    def test_clients_share_the_token(self):
        self.config.action_test_connection()
        self.config._get_client().version(refresh=True)
        self.config._get_client().list("addresskinds")
        self.assertEqual(self.calls().count(("POST", "/api/v3/token")), 1)
        # New credentials: a token of the old ones is not reused.
        self.config.client_identifier = "integration"
        self.config._get_client().version(refresh=True)
        self.assertEqual(self.calls().count(("POST", "/api/v3/token")), 2)

    def test_client_settings(self):
        self.config.write({"page_size": 7, "timeout": 12})
        client = self.config._get_client()
        self.assertEqual(client.base_url, self.server.api_url)
        self.assertEqual(client.page_size, 7)
        self.assertEqual(client.timeout, (5, 12))
        self.assertIsNone(client.debug_log)
        self.assertNotIn(PASSWORD, repr(client))

    def test_debug_dumps_hold_no_secret(self):
        data_dir = self.enterContext(tempfile.TemporaryDirectory())
        self.enterContext(mock.patch.dict(odoo_config.options, {"data_dir": data_dir}))
        self.config.debug = True
        self.config.action_test_connection()
        self.config._get_client().list("addresskinds")
        directory = os.path.join(data_dir, "legalsense", "log", self.env.cr.dbname)
        self.assertEqual(self.config._debug_log_directory(), directory)
        dumps = glob.glob(os.path.join(directory, "*.json"))
        self.assertGreaterEqual(len(dumps), 3)
        tokens = [
            token
            for key, token in legalsense_config._TOKENS.items()
            if key[:2] == (self.env.cr.dbname, self.config.id)
        ]
        self.assertTrue(tokens)
        for path in dumps:
            with open(path, encoding="utf-8") as dump:
                text = dump.read()
            for secret in (PASSWORD, *tokens):
                self.assertNotIn(secret, text, path)
        self.assertTrue(any("addresskinds" in path for path in dumps))
