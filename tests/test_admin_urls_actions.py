"""The imports of the administration URLs: confirmation, CSRF, runs and
their result pages, lastChangeDate and the address templates."""

import datetime
import re
from unittest import mock

from odoo.tests import tagged

from odoo.addons.queue_job.job import Job
from odoo.addons.queue_job.tests.common import trap_jobs

from ..legalsense_simulator.testing import client_payload, organization_payload
from .admin_urls_common import ACTION_ROUTES, BASE, CSRF, AdminUrlsCase

IMPORT_KEYS = {
    "/UpdateClientCode": "update_client_code",
    "/ImportBankAccountNumbers": "bank_account_numbers",
    "/ImportClientBillingInstructions": "billing_instructions",
    "/ImportBranch": "branches",
    "/ImportChangedClients": "changed_clients",
}
TEMPLATE_COUNTRIES = ("NL", "BE", "GB", "DE", "US", "FR", "IT", "ES", "PT", "SE")
TEMPLATE_COUNTRIES += ("DK", "AU", "CA", "NZ")


@tagged("post_install", "-at_install")
class TestAdminUrlActions(AdminUrlsCase):
    def setUp(self):
        super().setUp()
        self.login(self.manager)

    def template_refs(self):
        return self.env["legalsense.external.ref"].search(
            [("res_model", "=", "res.country")]
        )

    def test_get_shows_a_confirmation_and_changes_nothing(self):
        refs = self.template_refs()
        for path in ACTION_ROUTES:
            response = self.get(path)
            self.assertPage(response, 200, 'method="post"', 'name="csrf_token"')
            self.assertIn(f'action="{BASE}{path}"', response.text)
        self.assertEqual(self.ls_calls(), [])
        self.assertEqual(self.runs(), [])
        self.assertEqual(self.template_refs(), refs)

    def test_overwrite_warnings(self):
        for path, what in (
            ("/ImportBankAccountNumbers", "Existing bank account numbers"),
            ("/ImportClientBillingInstructions", "Existing billing instructions"),
        ):
            self.assertPage(self.get(path), 200, f"{what} in Odoo will be overwritten")
        for path in ("/UpdateClientCode", "/ImportBranch", "/ImportChangedClients"):
            self.assertNotIn("will be overwritten", self.get(path).text)

    def test_post_without_csrf_token_is_refused(self):
        self.csrf_token("/UpdateClientCode")  # a session with a token
        for path in ACTION_ROUTES:
            response = self.post(path, {"no_token": "1"})
            self.assertEqual(response.status_code, 400, path)
        response = self.post("/UpdateClientCode", {"csrf_token": "forged"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.ls_calls(), [])
        self.assertEqual(self.runs(), [])
        self.assertFalse(self.template_refs())

    def test_post_with_csrf_token_starts_the_import(self):
        token = self.csrf_token("/ImportBankAccountNumbers")
        with trap_jobs() as trap, mock.patch.object(Job, "store"):
            response = self.post("/ImportBankAccountNumbers", {"csrf_token": token})
            self.assertEqual(response.status_code, 303, response.text[:500])
            run = self.company_runs()
            self.assertEqual(len(run), 1)
            self.assertTrue(
                response.headers["Location"].endswith(f"{BASE}/Runs/{run.id}")
            )
            self.assertRecordValues(
                run,
                [
                    {
                        "action": "bank_account_numbers",
                        "overwrite": True,
                        "dry_run": False,
                        "company_id": self.company.id,
                        "state": "queued",
                        "user_id": self.manager.id,
                        "trigger": "url",
                    }
                ],
            )
            self.assertTrue(trap.enqueued_jobs, "the import runs as jobs")
            self.assertEqual(self.ls_calls(), [], "nothing asked in the request")

            page = self.get(f"/Runs/{run.id}")
            self.assertPage(page, 200, 'http-equiv="refresh"', "updates every")
            self.assertIn('data-state="queued"', page.text)

    def test_update_client_code_from_the_url_to_the_partner(self):
        store = self.simulator.store
        contact = store.create("contacts", organization_payload("Jansen B.V."))
        client = store.create("clients", client_payload(contact["id"], "Jansen B.V."))
        self.assertTrue(client["number"])
        partner = (
            self.env["res.partner"]
            .with_context(legalsense_import=True)
            .create(
                {
                    "name": "Jansen B.V.",
                    "is_company": True,
                    "legalsense_contact_id": contact["id"],
                }
            )
        )
        token = self.csrf_token("/UpdateClientCode")
        with trap_jobs() as trap, mock.patch.object(Job, "store"):
            response = self.post("/UpdateClientCode", {"csrf_token": token})
            self.assertEqual(response.status_code, 303)
            self.perform_all(trap)
        run = self.company_runs()
        self.assertEqual(run.state, "done", run.summary)
        self.assertEqual(partner.legalsense_client_code, client["number"])
        self.assertEqual(partner.legalsense_client_id, client["id"])
        page = self.get(f"/Runs/{run.id}")
        self.assertPage(page, 200, 'data-state="done"', run.summary)
        self.assertNotIn('http-equiv="refresh"', page.text)
        row = re.search(r'<tr data-step="client_codes">.*?</tr>', page.text, re.DOTALL)
        cells = re.findall(r'<td class="text-end[^"]*">\s*(\d+)\s*</td>', row.group(0))
        self.assertEqual(cells, ["0", "0", "1", "0", "0"], "1 updated")

    def perform_all(self, trap):
        """Perform the jobs the request queued, and those they queue, here."""
        for _round in range(50):
            if not trap.enqueued_jobs:
                return
            for job in trap.enqueued_jobs:
                # The request's cursor is closed: run the job with the test's.
                env = self.env(context=job.recordset.env.context)
                job.recordset = job.recordset.with_env(env)
                if not isinstance(getattr(type(job), "env", None), property):
                    # queue_job before 18.0.2 keeps the environment apart.
                    job.env = env
            trap.perform_enqueued_jobs()
        raise AssertionError("The import keeps queueing jobs")

    def test_run_page_shows_counts_and_failures(self):
        run = self.env["legalsense.import"].create(
            {
                "action": "bank_account_numbers",
                "overwrite": True,
                "company_id": self.company.id,
            }
        )
        run._plan()
        line = run.line_ids
        self.assertEqual(len(line), 1)
        line.write(
            {
                "state": "running",
                "total": 40,
                "done": 10,
                "created": 3,
                "linked": 4,
                "updated": 5,
                "skipped": 6,
                "failed": 2,
            }
        )
        for ls_id, reason in ((501, "IBAN NL00 is not valid"), (502, "No partner")):
            self.env["legalsense.import.failure"].create(
                {
                    "run_id": run.id,
                    "line_id": line.id,
                    "legalsense_id": ls_id,
                    "name": f"Contact {ls_id}",
                    "reason": reason,
                }
            )
        run.state = "running"
        page = self.get(f"/Runs/{run.id}")
        self.assertPage(page, 200, 'http-equiv="refresh"', 'data-state="running"')
        row = re.search(r'<tr data-step="bank_accounts">.*?</tr>', page.text, re.DOTALL)
        cells = re.findall(r'<td class="text-end[^"]*">\s*(\d+)\s*</td>', row.group(0))
        self.assertEqual(cells, ["3", "4", "5", "6", "2"])
        self.assertIn("(10/40)", re.sub(r"\s+", "", page.text))
        failures = page.text.split("o_legalsense_run_failures")[1]
        for text in ("501", "IBAN NL00 is not valid", "502", "No partner"):
            self.assertIn(text, failures)

        line.state = "done"
        run.state = "done"
        page = self.get(f"/Runs/{run.id}")
        self.assertPage(page, 200, 'data-state="done"', "Run this import again")
        self.assertNotIn('http-equiv="refresh"', page.text)
        self.assertIn(run.summary, page.text)

    def test_each_import_starts_its_run(self):
        for path, key in IMPORT_KEYS.items():
            token = self.csrf_token(path)
            with trap_jobs(), mock.patch.object(Job, "store"):
                response = self.post(path, {"csrf_token": token})
            self.assertEqual(response.status_code, 303, path)
            run = self.company_runs(("action", "=", key))
            self.assertEqual(len(run), 1, path)
            self.assertEqual(
                run.overwrite, key in ("bank_account_numbers", "billing_instructions")
            )
            self.assertEqual(run.state, "queued")

    def test_a_second_click_joins_the_running_import(self):
        token = self.csrf_token("/ImportBranch")
        with trap_jobs(), mock.patch.object(Job, "store"):
            first = self.post("/ImportBranch", {"csrf_token": token})
            self.assertIn(
                "This import is running already", self.get("/ImportBranch").text
            )
            second = self.post("/ImportBranch", {"csrf_token": token})
        self.assertEqual(first.headers["Location"], second.headers["Location"])
        self.assertEqual(len(self.runs()), 1)

    def test_last_change_date_carries_through(self):
        response = self.get("/ImportChangedClients?lastChangeDate=2024-01-01")
        self.assertPage(response, 200, "since <strong>2024-01-01</strong>")
        self.assertIn('name="lastChangeDate" value="2024-01-01"', response.text)
        token = CSRF.search(response.text).group(1)
        with trap_jobs(), mock.patch.object(Job, "store"):
            self.post(
                "/ImportChangedClients",
                {"csrf_token": token, "lastChangeDate": "2024-01-01"},
            )
        run = self.company_runs()
        self.assertEqual(run.action, "changed_clients")
        self.assertEqual(run.last_change_date, datetime.datetime(2024, 1, 1))

    def test_without_last_change_date_the_import_chooses(self):
        response = self.get("/ImportChangedClients")
        self.assertPage(response, 200, "since the last run")
        self.assertNotIn('name="lastChangeDate"', response.text)
        with trap_jobs(), mock.patch.object(Job, "store"):
            self.post(
                "/ImportChangedClients",
                {"csrf_token": CSRF.search(response.text).group(1)},
            )
        self.assertFalse(self.company_runs().last_change_date)

    def test_malformed_last_change_date_is_a_400(self):
        token = self.csrf_token("/ImportChangedClients")
        tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
        for value in ("2024-13-01", "yesterday", "2024-1-1", "20240101", "01-01-2024"):
            response = self.get(f"/ImportChangedClients?lastChangeDate={value}")
            self.assertPage(response, 400, "Invalid lastChangeDate", "yyyy-mm-dd")
            response = self.post(
                "/ImportChangedClients", {"csrf_token": token, "lastChangeDate": value}
            )
            self.assertPage(response, 400, "Invalid lastChangeDate")
        response = self.get(f"/ImportChangedClients?lastChangeDate={tomorrow}")
        self.assertPage(response, 400, "lies in the future")
        self.assertEqual(self.runs(), [])

    def test_address_templates(self):
        nl = self.env.ref("base.nl")
        self.env["legalsense.external.ref"].create(
            {
                "res_model": "res.country",
                "res_id": nl.id,
                "application": "LEGALSENSE",
                "external_id": "3",
            }
        )
        response = self.get("/ImportAddressTemplates")
        self.assertPage(response, 200, "Countries that have a template already keep it")
        token = CSRF.search(response.text).group(1)
        response = self.post("/ImportAddressTemplates", {"csrf_token": token})
        self.assertPage(
            response, 200, "All known templates", "AT_INTERNATIONAL_FIRSTNAME"
        )
        updated = re.findall(r'<li data-code="([A-Z]{2})"', response.text)
        self.assertEqual(updated, [code for code in TEMPLATE_COUNTRIES if code != "NL"])
        self.assertEqual(self.ls_calls(), [])
        for template_id in range(1, 19):
            self.assertIn(f"<td>{template_id}</td>", response.text)

        # forceOverwrite carries through the confirmation to the import.
        response = self.get("/ImportAddressTemplates?forceOverwrite=true")
        self.assertPage(response, 200, "forceOverwrite=true:")
        self.assertIn('name="forceOverwrite" value="true"', response.text)
        response = self.post(
            "/ImportAddressTemplates", {"csrf_token": token, "forceOverwrite": "true"}
        )
        self.assertEqual(
            re.findall(r'<li data-code="([A-Z]{2})"', response.text), ["NL"]
        )
        response = self.post("/ImportAddressTemplates", {"csrf_token": token})
        self.assertPage(response, 200, "No country was updated")

    def test_malformed_force_overwrite_is_a_400(self):
        response = self.get("/ImportAddressTemplates?forceOverwrite=maybe")
        self.assertPage(response, 400, "Invalid forceOverwrite")
        self.assertFalse(self.template_refs())

    def test_integration_off_does_nothing(self):
        token = self.csrf_token("/UpdateClientCode")
        self.config.disabled = True
        for path in ACTION_ROUTES:
            response = self.get(path)
            self.assertPage(response, 409, "switched off", "Nothing was done")
            self.assertNotIn('method="post"', response.text)
            response = self.post(path, {"csrf_token": token})
            self.assertPage(response, 409, "switched off", "Nothing was done")
        self.assertEqual(self.ls_calls(), [])
        self.assertEqual(self.runs(), [])
        self.assertFalse(self.template_refs())

    def test_unknown_run_is_a_404(self):
        self.assertPage(self.get("/Runs/999999"), 404, "No such import")
