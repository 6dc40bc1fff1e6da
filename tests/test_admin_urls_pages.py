"""The start page of the administration URLs, in requests and in the browser."""

import re
from unittest import mock

from odoo import conf
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from ..legalsense_mapping.lookup_lists import LIST_TYPES
from .admin_urls_common import (
    ACTION_ROUTES,
    BASE,
    READ_ONLY_ROUTES,
    AdminUrlsCase,
    queue,
)
from .common import browser_missing


def eval_domain(text):
    return safe_eval(text)


@tagged("post_install", "-at_install")
class TestAdminUrlStartPage(AdminUrlsCase):
    def setUp(self):
        super().setUp()
        self.login(self.manager)

    def test_start_page(self):
        response = self.get("")
        self.assertPage(response, 200, "LegalSense version", "18.120", "Connected")
        for path in READ_ONLY_ROUTES[1:] + ACTION_ROUTES:
            self.assertIn(f'href="{BASE}{path}"', response.text, path)
        for list_type in LIST_TYPES:
            self.assertIn(
                f'href="{BASE}/List/{list_type.type_names[0]}"', response.text
            )
        self.assertIn("/odoo/action-legalsense.legalsense_config_action", response.text)
        self.assertEqual(
            self.ls_calls(), [("GET", "/api/v3/version")], "a live connection check"
        )
        self.assertEqual(self.get("/").status_code, 200)

    def test_start_page_links_the_import_wizard(self):
        page = self.get("").text
        wizard = "legalsense.legalsense_import_wizard_action"
        self.assertIn(f'href="/odoo/action-{wizard}"', page)
        self.assertIn('href="/odoo/action-legalsense.legalsense_import_action"', page)

    def test_last_nightly_run(self):
        response = self.get("")
        self.assertIn("It has not run yet.", response.text)
        Import = self.env["legalsense.import"]
        nightly = Import.create(
            {"action": "nightly", "trigger": "nightly", "company_id": self.company.id}
        )
        nightly.state = "done"
        later = Import.create({"action": "branches", "company_id": self.company.id})
        other_company = Import.create(
            {"action": "nightly", "company_id": self.env.ref("base.main_company").id}
        )
        page = self.get("").text
        nightly_card = page.split("o_legalsense_nightly")[1].split("o_legalsense_sync")[
            0
        ]
        self.assertIn(f'href="{BASE}/Runs/{nightly.id}"', nightly_card)
        self.assertNotIn(f"/Runs/{later.id}", nightly_card)
        self.assertNotIn(f"/Runs/{other_company.id}", nightly_card)
        self.assertIn("Next run", nightly_card)
        self.assertIn(nightly.summary, nightly_card)

    def test_job_runner_warning(self):
        modules = ["base", "web"]
        with mock.patch.object(conf, "server_wide_modules", modules):
            response = self.get("")
        self.assertPage(response, 200, "o_legalsense_job_runner_warning")
        self.assertIn("server_wide_modules = web,queue_job", response.text)
        modules = ["base", "web", "queue_job"]
        with mock.patch.object(conf, "server_wide_modules", modules):
            response = self.get("")
        self.assertNotIn("o_legalsense_job_runner_warning", response.text)

    def test_connection_failure_is_shown_not_raised(self):
        self.config.password = "wrong"
        response = self.get("")
        self.assertPage(response, 200, "Connection failed", "Invalid credentials")

    def test_counts_link_to_the_records(self):
        Partner = self.env["res.partner"].with_context(legalsense_import=True)
        synced = Partner.create(
            [{"name": "Gekoppeld", "legalsense_contact_id": 11}]
        ) | Partner.create([{"name": "Ook", "legalsense_client_id": 12}])
        pending = Partner.create({"name": "Wacht", "legalsense_contact_id": 13})
        failed = Partner.create({"name": "Fout"})
        Partner.create({"name": "Niet gekoppeld"})
        queue(pending, self.company)
        queue(failed, self.company).write({"state": "failed", "exc_message": "refused"})
        page = self.get("").text
        counts = self.page_counts(page)
        jobs = re.findall(r'class="o_legalsense_jobs_(\w+)">(\d+)<', page)
        self.assertEqual(jobs, [("pending", "1"), ("failed", "1")])
        partners = counts["res.partner"]
        self.assertEqual(
            {state: partners[state] for state in ("synced", "pending", "failed")},
            {"synced": ("2", True), "pending": ("1", True), "failed": ("1", True)},
        )
        # The links open exactly the records counted.
        for state, expected in (
            ("synced", synced),
            ("pending", pending),
            ("error", failed),
        ):
            action = self.env.ref(f"legalsense.res_partner_legalsense_{state}_action")
            records = self.env["res.partner"].with_context(active_test=False)
            found = records.search(eval_domain(action.domain))
            self.assertEqual(found & (synced | pending | failed), expected, state)

    @staticmethod
    def page_counts(html):
        cells = re.findall(
            r'<td class="[^"]*o_legalsense_sync_count" data-model="([^"]+)" '
            r'data-state="([^"]+)">\s*(<a[^>]*>)?\s*(\d+)',
            html,
        )
        counts = {}
        for model, state, link, number in cells:
            counts.setdefault(model, {})[state] = (number, bool(link))
        return counts

    def test_every_count_opens_its_records(self):
        mixin = self.env.registry["legalsense.sync.mixin"]
        synced_models = sorted(
            name
            for name, model in self.env.registry.items()
            if issubclass(model, mixin) and not model._abstract
        )
        self.assertIn("res.partner", synced_models)
        counts = self.page_counts(self.get("").text)
        self.assertEqual(sorted(counts), synced_models)
        linked_states = {"synced", "pending", "failed"}
        # Only partners and matters can be in conflict: only they list them.
        with_conflicts = {"res.partner", "legal.matter"}
        for model, states in counts.items():
            self.assertEqual(
                set(states), linked_states | {"conflict", "not_synced", "unknown"}
            )
            for state, (_number, linked) in states.items():
                expected = state in linked_states or (
                    state == "conflict" and model in with_conflicts
                )
                self.assertEqual(linked, expected, f"{model} {state}")

    def test_the_company_chosen_in_the_web_client(self):
        other = self.env["res.company"].create({"name": "Kantoor zonder LegalSense"})
        self.manager.company_ids |= other
        self.opener.cookies.set("cids", str(other.id))
        response = self.get("")
        self.assertPage(response, 200, "LegalSense is not configured for this company")
        self.assertIn("Kantoor zonder LegalSense", response.text)
        self.assertPage(self.get("/ListUser"), 409, "not configured")
        self.opener.cookies.set("cids", f"{self.company.id}-{other.id}")
        self.assertPage(self.get(""), 200, "18.120")
        self.opener.cookies.set("cids", str(self.env.ref("base.main_company").id))
        self.assertPage(self.get(""), 200, "18.120", "Van Dijk Advocaten")

    def test_integration_off_is_said(self):
        self.config.disabled = True
        response = self.get("")
        self.assertPage(response, 200, "switched off", "o_legalsense_off")
        self.assertEqual(self.ls_calls(), [])


@tagged("post_install", "-at_install")
class TestAdminUrlTour(AdminUrlsCase):
    def test_start_page_in_the_browser(self):
        missing = browser_missing()
        if missing:
            self.skipTest(missing)
        Partner = self.env["res.partner"].with_context(legalsense_import=True)
        Partner.create({"name": "Gekoppeld", "legalsense_contact_id": 21})
        Partner.create({"name": "Ook gekoppeld", "legalsense_client_id": 22})
        queue(
            Partner.create({"name": "Wacht", "legalsense_contact_id": 23}), self.company
        )
        queue(Partner.create({"name": "Fout"}), self.company).write({"state": "failed"})
        self.start_tour(
            BASE, "legalsense_configuration_start_page", login=self.manager.login
        )
