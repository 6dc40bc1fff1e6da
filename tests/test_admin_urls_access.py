"""The administration URLs: only LegalSense Managers open them, read-only
pages answer GET only, and no answer may be shown in a frame."""

import re
from unittest import mock

from odoo.tests import tagged

from odoo.addons.queue_job.job import Job
from odoo.addons.queue_job.tests.common import trap_jobs

from ..controllers.legalsense_configuration import LegalSenseConfiguration
from .admin_urls_common import ACTION_ROUTES, BASE, READ_ONLY_ROUTES, AdminUrlsCase


@tagged("post_install", "-at_install")
class TestAdminUrlAccess(AdminUrlsCase):
    def test_anonymous_visitors_are_sent_to_login(self):
        for path in READ_ONLY_ROUTES + ACTION_ROUTES + ("/Runs/1",):
            response = self.get(path)
            self.assertIn(response.status_code, (302, 303), path)
            self.assertIn("/web/login", response.headers["Location"], path)
            self.assertIn("redirect=", response.headers["Location"], path)
        self.assertEqual(self.ls_calls(), [])

    def test_others_get_403(self):
        for user in (self.internal, self.ls_user):
            self.login(user)
            for path in READ_ONLY_ROUTES + ACTION_ROUTES + ("/List/Nope",):
                response = self.get(path)
                self.assertPage(response, 403, "Only LegalSense Managers")
            token = self._odoo_csrf_token()
            for path in ACTION_ROUTES:
                response = self.post(path, {"csrf_token": token})
                self.assertPage(response, 403, "Only LegalSense Managers")
        self.assertEqual(self.ls_calls(), [])
        self.assertEqual(self.runs(), [])

    def _odoo_csrf_token(self):
        """A valid CSRF token of the session, from the web client page."""
        page = self.url_open("/odoo").text
        return re.search(r'csrf_token: "([^"]+)"', page).group(1)

    def test_read_only_routes_answer_get_only(self):
        self.login(self.manager)
        token = self.csrf_token("/UpdateClientCode")
        for path in READ_ONLY_ROUTES:
            response = self.post(path, {"csrf_token": token})
            self.assertEqual(response.status_code, 405, path)

    def test_the_menu_opens_the_start_page(self):
        action = self.env.ref("legalsense.configuration_page_action")
        self.assertEqual(action.url, BASE)
        menu = self.env.ref("legalsense.legalsense_configuration_page_menu")
        self.assertEqual(menu.action, action)


@tagged("post_install", "-at_install")
class TestAdminUrlFraming(AdminUrlsCase):
    """No answer of the administration pages may be shown in a frame: pages,
    confirmations, redirects, result pages, errors and the export."""

    def assertNoFraming(self, response, what):
        self.assertEqual(response.headers.get("X-Frame-Options"), "DENY", what)
        self.assertEqual(
            response.headers.get("Content-Security-Policy"),
            "frame-ancestors 'none'",
            what,
        )

    @staticmethod
    def controller_routes():
        """Every route of the administration pages' controller."""
        routes = set()
        for name in dir(LegalSenseConfiguration):
            routing = getattr(
                getattr(LegalSenseConfiguration, name), "original_routing", None
            )
            if routing:
                routes.update(routing["routes"])
        return routes

    def route_paths(self, run):
        """{route: a path of it, relative to BASE} for every route."""
        values = {"<string:type_name>": "MatterStatus", "<int:run_id>": str(run.id)}
        paths = {}
        for route in self.controller_routes():
            path = route.removeprefix(BASE)
            for placeholder, value in values.items():
                path = path.replace(placeholder, value)
            paths[route] = path
        return paths

    def test_every_route_forbids_framing(self):
        run = self.env["legalsense.import"].create(
            {"action": "update_client_code", "company_id": self.company.id}
        )
        paths = self.route_paths(run)
        self.assertEqual(
            set(paths.values()),
            {*READ_ONLY_ROUTES, *ACTION_ROUTES, "/", f"/Runs/{run.id}"},
            "every route is tried below",
        )
        for path in set(paths.values()):
            self.assertNoFraming(self.get(path), f"anonymous GET {path}")
        self.login(self.internal)
        for path in set(paths.values()):
            response = self.get(path)
            self.assertEqual(response.status_code, 403, path)
            self.assertNoFraming(response, f"refused GET {path}")
        self.login(self.manager)
        for path in set(paths.values()):
            response = self.get(path)
            self.assertIn(response.status_code, (200, 301, 302, 303), path)
            self.assertNoFraming(response, f"GET {path}")

    def test_posts_and_their_redirects_forbid_framing(self):
        self.login(self.manager)
        token = self.csrf_token("/UpdateClientCode")
        with trap_jobs(), mock.patch.object(Job, "store"):
            for path in ACTION_ROUTES:
                response = self.post(path, {"csrf_token": token})
                self.assertIn(response.status_code, (200, 303), path)
                self.assertNoFraming(response, f"POST {path}")
                if response.status_code == 303:
                    result = self.url_open(response.headers["Location"])
                    self.assertNoFraming(result, f"result page of {path}")
        for path in ACTION_ROUTES:
            response = self.post(path, {"csrf_token": "forged"})
            self.assertEqual(response.status_code, 400, path)
            self.assertNoFraming(response, f"POST {path} without a valid token")

    def test_error_pages_forbid_framing(self):
        self.login(self.manager)
        errors = {
            "/List/Nope": 404,
            "/Runs/999999": 404,
            "/ImportChangedClients?lastChangeDate=yesterday": 400,
            "/NoSuchPage": 404,
        }
        for path, status in errors.items():
            response = self.get(path)
            self.assertEqual(response.status_code, status, path)
            self.assertNoFraming(response, path)
        self.simulator.add_fault("GET", "*", status=503, times=None)
        for path in ("/ListUser", "/ExportLookupItems"):
            response = self.get(path)
            self.assertEqual(response.status_code, 502, path)
            self.assertNoFraming(response, f"{path} while LegalSense fails")
        self.simulator.clear_faults()
        self.config.disabled = True
        response = self.get("/ListUser")
        self.assertNoFraming(response, "integration off")

    def test_export_and_letter_case_redirects_forbid_framing(self):
        self.login(self.manager)
        export = self.get("/ExportLookupItems")
        self.assertEqual(export.status_code, 200)
        self.assertNoFraming(export, "the .xlsx export")
        response = self.url_open(
            "/legalsenseconfiguration.aspx/listuser", allow_redirects=False
        )
        self.assertEqual(response.status_code, 308)
        self.assertNoFraming(response, "letter-case redirect")
