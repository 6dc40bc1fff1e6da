"""What users do most, in a headless browser (Odoo tours).

Jobs are performed between the phases of a tour, as the job runner would: a
phase ends on the light blue (pending) badge, the test performs the queued
jobs, the next phase opens the record again and finds it green.

Each tour's end state is saved as a PNG: in the directory named by
``LEGALSENSE_TOUR_SCREENSHOTS``, else under Odoo's screenshots directory
(``--screenshots``, by default in the system's temporary directory), in
``<database>/legalsense_tours``.
"""

import base64
import os
import pathlib
import traceback
from unittest import mock

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser
from odoo.tools import config, file_path

from odoo.addons.queue_job.job import Job

from .common import browser_missing
from .matter_common import LegalSenseMatterCase

SCREENSHOTS_VARIABLE = "LEGALSENSE_TOUR_SCREENSHOTS"
PARTNERS = "/odoo/action-base.action_partner_form"
MATTERS = "/odoo/action-legalsense.legal_matter_action"


def web_client_imports_a_stylesheet():
    """Some early 18.0 copies import ``test.css`` as a JavaScript module in
    the web client, which then fails to load."""
    source = pathlib.Path(file_path("web/static/src/webclient/webclient.js"))
    return "import './test.css'" in source.read_text(encoding="utf-8")


def screenshots_dir(db_name):
    path = os.environ.get(SCREENSHOTS_VARIABLE)
    if path:
        return pathlib.Path(path)
    return pathlib.Path(config["screenshots"]) / db_name / "legalsense_tours"


@tagged("post_install", "-at_install")
class TestTours(LegalSenseMatterCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        manager = cls.env.ref("legalsense.group_legalsense_manager")
        partner_manager = cls.env.ref("base.group_partner_manager")
        cls.jan.write(
            {
                "password": "jan",
                "groups_id": [
                    Command.link(manager.id),
                    Command.link(partner_manager.id),
                ],
            }
        )
        # The firm's defaults for new matters (the tour fills in the rest).
        Default = cls.env["ir.default"]
        for field, value in (
            ("matter_activity_type_id", cls.advice.id),
            ("originator_id", cls.anne.id),
            ("department_id", cls.department.id),
            ("matter_type_id", cls.matter_type.id),
            ("area_of_law_id", cls.area_of_law.id),
            ("referral_id", cls.referral.id),
        ):
            Default.set("legal.matter", field, value, company_id=cls.company.id)

    def setUp(self):
        # HttpCase serves the browser's requests with the test's cursor already.
        with (
            mock.patch.object(type(self.registry), "enter_test_mode"),
            mock.patch.object(type(self.registry), "leave_test_mode"),
        ):
            super().setUp()
        missing = browser_missing()
        if missing:
            self.skipTest(missing)
        if web_client_imports_a_stylesheet():
            self.skipTest(
                "This Odoo build's web client imports a stylesheet as a module "
                "(web/static/src/webclient/webclient.js: import './test.css') and "
                "never starts: the tours need a build without that line."
            )

    # ------------------------------------------------------------ helpers

    def tour(self, url, name):
        """Run tour ``name`` from ``url`` as Jan; save a screenshot of its end."""
        test = self
        stop = ChromeBrowser.stop

        def screenshot_then_stop(browser):
            try:
                shot = browser._websocket_request(
                    "Page.captureScreenshot", params={"format": "png"}
                )
                folder = screenshots_dir(test.env.cr.dbname)
                folder.mkdir(parents=True, exist_ok=True)
                (folder / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))
            finally:
                stop(browser)

        with mock.patch.object(ChromeBrowser, "stop", screenshot_then_stop):
            self.start_tour(url, name, login="jan")
        self.env.invalidate_all()

    def run_job_runner(self):
        """Perform the LegalSense jobs waiting, and those they queue, as the
        job runner does: a job that raises is failed with its message."""
        Jobs = self.env["queue.job"]
        for _round in range(20):
            waiting = Jobs.search(
                [("channel", "=like", "root.legalsense%"), ("state", "=", "pending")],
                order="id",
            )
            if not waiting:
                return
            for record in waiting:
                job = Job.load(self.env, record.uuid)
                job.set_started()
                job.store()
                try:
                    with self.env.cr.savepoint():
                        job.perform()
                except Exception as error:  # noqa: BLE001 - as the job runner does
                    job.set_failed(
                        exc_info=traceback.format_exc(),
                        exc_name=type(error).__name__,
                        exc_message=str(error),
                    )
                else:
                    job.set_done()
                job.store()
            self.env.invalidate_all()
        self.fail("The LegalSense jobs keep queueing jobs.")

    def url(self, base, record):
        return f"{base}/{record.id}"

    # ------------------------------------------------------------ tours

    def test_company_with_contact_person_goes_from_pending_to_green(self):
        self.tour(PARTNERS, "legalsense_partner_create")
        company = self.Partner.search([("name", "=", "Bakker Transport B.V.")])
        self.assertEqual(company.child_ids.mapped("name"), ["Marieke Bakker"])
        self.assertEqual(company.legalsense_sync_state, "pending")
        self.assertFalse(company.legalsense_contact_id)

        self.run_job_runner()
        self.assertTrue(company.legalsense_contact_id)
        self.assertTrue(company.child_ids.legalsense_contact_id)
        self.assertTrue(self.stored("contacts", company.legalsense_contact_id))
        self.assertEqual(company.legalsense_sync_state, "synced")
        self.tour(self.url(PARTNERS, company), "legalsense_partner_synced")

    def test_red_contact_is_corrected_and_synced_again(self):
        self.simulator.add_fault(
            "POST",
            "contacts",
            status=400,
            body={
                "detail": "Enter a valid email address.",
                "code": "invalid",
                "field": "email",
            },
        )
        company = self.Partner.create(
            self.company_values(name="Dekker Logistiek", email="info@dekker")
        )
        self.run_job_runner()
        self.assertEqual(company.legalsense_sync_state, "error")

        self.tour(self.url(PARTNERS, company), "legalsense_partner_fix_error")
        self.assertEqual(company.email, "info@dekker.example")
        self.assertEqual(company.legalsense_sync_state, "pending")

        self.run_job_runner()
        self.assertEqual(company.legalsense_sync_state, "synced")
        self.assertTrue(self.stored("contacts", company.legalsense_contact_id))
        self.tour(self.url(PARTNERS, company), "legalsense_partner_synced")

    def test_conflict_is_shown_and_legalsense_value_taken(self):
        self.set_config(conflict_policy="flag")
        company = self.Partner.create(
            self.company_values(name="Jansen Advies", email="info@jansen.example")
        )
        self.run_job_runner()
        contact_id = company.legalsense_contact_id
        details = [
            {"kind": item["kind"], "value": item["value"]}
            for item in self.stored("contacts", contact_id)["details"]
        ]
        for item in details:
            if item["kind"] == "email":
                item["value"] = "ls@jansen.example"
        self.simulator.store.update(
            "contacts", contact_id, {"details": details}, partial=True
        )
        company.email = "odoo@jansen.example"
        self.run_job_runner()
        self.assertEqual(company.legalsense_sync_state, "conflict")

        self.tour(self.url(PARTNERS, company), "legalsense_partner_conflict")
        self.tour(self.url(PARTNERS, company), "legalsense_partner_conflict_take")
        self.assertEqual(company.email, "ls@jansen.example")
        self.assertEqual(company.legalsense_sync_state, "synced")

    def test_matter_with_two_debtors_gets_its_code(self):
        client = self.run_jobs(lambda: self.client_company())
        self.run_jobs(
            lambda: self.Partner.create(self.company_values(name="Pieters Bouw"))
        )
        self.tour(MATTERS, "legalsense_matter_create")
        matter = self.Matter.search([("name", "=", "Jansen / huurgeschil")])
        self.assertEqual(matter.client_id, client)
        self.assertEqual(
            matter.debtor_ids.mapped("partner_id.name"),
            ["Jansen Holding", "Pieters Bouw"],
        )
        self.assertEqual(matter.debtor_ids.mapped("percentage"), [60.0, 40.0])
        self.assertFalse(matter.code)

        self.run_job_runner()
        self.assertEqual(matter.legalsense_sync_state, "synced")
        self.assertTrue(matter.code)
        self.assertEqual(matter.code, self.ls_matter(matter)["number"])
        self.assertEqual(len(self.ls_debtors(matter)), 2)
        self.tour(self.url(MATTERS, matter), "legalsense_matter_synced")

    def test_import_wizard_dry_run_writes_nothing(self):
        Lookup = self.env["legalsense.lookup.value"]
        lookups_before = Lookup.search_count([])
        self.tour(
            "/odoo/action-legalsense.legalsense_import_wizard_action",
            "legalsense_import_dry_run",
        )
        run = self.env["legalsense.import"].search([], order="id desc", limit=1)
        self.assertEqual(
            (run.action, run.dry_run, run.state), ("lookups", True, "queued")
        )

        self.run_job_runner()
        self.assertEqual(run.state, "done")
        self.assertIn("Dry run: nothing was written.", run.summary)
        self.assertEqual(Lookup.search_count([]), lookups_before)
        self.tour(
            f"/odoo/action-legalsense.legalsense_import_action/{run.id}",
            "legalsense_import_dry_run_done",
        )
