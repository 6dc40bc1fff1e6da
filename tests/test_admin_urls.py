"""The administration URLs of the manual: /LegalSenseConfiguration.aspx/..."""

import datetime
import io
import re
from unittest import mock

import openpyxl
from cryptography.fernet import Fernet

from odoo import conf
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.queue_job.job import Job
from odoo.addons.queue_job.tests.common import trap_jobs

from ..controllers.legalsense_configuration import LegalSenseConfiguration
from ..legalsense_mapping.lookup_lists import LIST_TYPES, USERS, rows
from ..legalsense_simulator import SimulatorServer
from ..legalsense_simulator.testing import client_payload, organization_payload
from .common import browser_missing, encryption_key

BASE = "/LegalSenseConfiguration.aspx"
READ_ONLY_ROUTES = (
    "",
    "/List/MatterStatus",
    "/ListMatterStatus",
    "/ListUser",
    "/ExportLookupItems",
)
ACTION_ROUTES = (
    "/ImportAddressTemplates",
    "/UpdateClientCode",
    "/ImportBankAccountNumbers",
    "/ImportClientBillingInstructions",
    "/ImportBranch",
    "/ImportChangedClients",
)
IMPORT_KEYS = {
    "/UpdateClientCode": "update_client_code",
    "/ImportBankAccountNumbers": "bank_account_numbers",
    "/ImportClientBillingInstructions": "billing_instructions",
    "/ImportBranch": "branches",
    "/ImportChangedClients": "changed_clients",
}
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
TEMPLATE_COUNTRIES = ("NL", "BE", "GB", "DE", "US", "FR", "IT", "ES", "PT", "SE")
TEMPLATE_COUNTRIES += ("DK", "AU", "CA", "NZ")


class AdminUrlsCase(HttpCase):
    """One simulator per class; a company of its own configured against it,
    a LegalSense Manager, a LegalSense User and a plain internal user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = SimulatorServer(
            version="18.120", username="api", password="secret"
        ).start()
        cls.addClassCleanup(cls.server.stop)
        cls.simulator = cls.server.simulator
        cls.key = Fernet.generate_key().decode()
        cls.enterClassContext(encryption_key(cls.key))
        cls.company = cls.env["res.company"].create({"name": "Van Dijk Advocaten"})
        cls.config = cls.env["legalsense.config"].create(
            {
                "company_id": cls.company.id,
                "url": cls.server.url,
                "username": "api",
                "password": "secret",
            }
        )
        companies = {"company_id": cls.company.id, "company_ids": cls.company.ids}
        cls.manager = new_test_user(
            cls.env,
            "ls_url_manager",
            groups="base.group_user,legalsense.group_legalsense_manager",
            **companies,
        )
        cls.ls_user = new_test_user(
            cls.env,
            "ls_url_user",
            groups="base.group_user,legalsense.group_legalsense_user",
            **companies,
        )
        cls.internal = new_test_user(
            cls.env, "ls_url_internal", groups="base.group_user", **companies
        )
        cls._clean_slate()

    @classmethod
    def _clean_slate(cls):
        """Only the tests' records are linked to LegalSense or have its jobs (in
        a database that has some already; rolled back with the test class)."""
        Partner = cls.env["res.partner"].with_context(
            active_test=False, legalsense_import=True
        )
        id_fields = [facet.id_field for facet in Partner._legalsense_facets]
        linked = ["|"] * (len(id_fields) - 1) + [(f, "!=", False) for f in id_fields]
        Partner.search(linked).write(dict.fromkeys(id_fields, False))
        cls.env["queue.job"].search([("channel", "=like", "root.legalsense%")]).unlink()

    def setUp(self):
        super().setUp()
        self.simulator.reset()
        self.env["legalsense.config"]._forget_versions()

    # ------------------------------------------------------------ helpers

    def login(self, user):
        self.authenticate(user.login, user.login)

    def get(self, path, **kwargs):
        return self.url_open(BASE + path, allow_redirects=False, **kwargs)

    def post(self, path, data=None):
        return self.url_open(BASE + path, data=data or {}, allow_redirects=False)

    def csrf_token(self, path):
        """The CSRF token of the confirmation page of ``path``."""
        response = self.get(path)
        self.assertEqual(response.status_code, 200, response.text)
        return CSRF.search(response.text).group(1)

    def ls_calls(self):
        return [
            (call["method"], call["path"])
            for call in self.simulator.requests
            if call["path"] != "/api/v3/token"
        ]

    def runs(self):
        return self.company_runs().ids

    def company_runs(self, *domain):
        """The imports of the test's company."""
        return self.env["legalsense.import"].search(
            [("company_id", "=", self.company.id), *domain]
        )

    def assertPage(self, response, status, *texts):
        self.assertEqual(response.status_code, status, response.text[:2000])
        self.assertNotIn("Traceback", response.text)
        for text in texts:
            self.assertIn(text, response.text)


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


def queue(partner, company):
    """A LegalSense export job of ``partner``, as the sync mixin queues it."""
    partner.with_company(company).with_delay(
        channel="root.legalsense", identity_key=partner._legalsense_identity_key()
    )._legalsense_job_export()
    return partner.env["queue.job"].search(
        [("identity_key", "=", partner._legalsense_identity_key())]
    )


def table_row(html, first_cell):
    """The ``<tr>`` of a list page whose first cell is ``first_cell``."""
    pattern = rf"<tr>\s*<td>\s*{first_cell}\s*</td>.*?</tr>"
    return re.search(pattern, html, re.DOTALL).group(0)


def eval_domain(text):
    return safe_eval(text)


@tagged("post_install", "-at_install")
class TestAdminUrlLists(AdminUrlsCase):
    def setUp(self):
        super().setUp()
        self.login(self.manager)

    def test_every_type_name_and_alias(self):
        for list_type in LIST_TYPES:
            records = self.simulator.store.list(list_type.resource)
            self.assertTrue(records, list_type.resource)
            for name in list_type.type_names:
                for spelling in {name, name.lower(), name.upper()}:
                    response = self.get(f"/List/{spelling}")
                    self.assertPage(
                        response,
                        200,
                        f"GET /api/v3/{list_type.resource}",
                        *(f"<th>{column.label}</th>" for column in list_type.columns),
                        *(record["name"] for record in records),
                    )

    def test_custom_field_definitions_show_identifier_widget_and_active(self):
        response = self.get("/List/contactcustomfielddefinitions")
        table = response.text.split("o_legalsense_list", 1)[1]
        self.assertEqual(
            re.findall(r"<th>([^<]+)</th>", table)[:5],
            ["ID", "Identifier", "Name", "Widget", "Active"],
        )
        self.assertIn("kvk_checked", table)
        self.assertIn("checkbox", table)
        self.assertIn("fa-times text-muted", table, "old_code is inactive")

    def test_unknown_type_name_lists_the_valid_ones(self):
        response = self.get("/List/Matters")
        self.assertPage(response, 404, "There is no list Matters", "AreaOfLaw")
        for list_type in LIST_TYPES:
            for name in list_type.type_names:
                self.assertIn(f'href="{BASE}/List/{name}"', response.text)
        self.assertEqual(self.ls_calls(), [])

    def test_list_matter_status_names_the_settings(self):
        self.config.write(
            {"matter_status_code_active_id": 2, "matter_status_code_closed_id": 3}
        )
        for path in ("/ListMatterStatus", "/List/MatterStatuses"):
            response = self.get(path)
            self.assertPage(response, 200, "Used by setting", "Nieuw", "Gearchiveerd")
            label = self.config._fields["matter_status_code_active_id"].string
            row = table_row(response.text, 2)
            self.assertIn(label, row)
            self.assertIn("Actief", row)

    def test_address_kinds_name_the_inactive_setting(self):
        response = self.get("/List/AddressKind")
        row = table_row(response.text, 4)
        self.assertIn("Vorig adres", row)
        self.assertIn(self.config._fields["address_kinds_in_active"].string, row)

    def test_list_user(self):
        response = self.get("/ListUser")
        self.assertPage(
            response, 200, "jdevries", "abakker", "Amsterdam", "Rotterdam", "Username"
        )
        self.assertEqual(
            self.ls_calls(), [("GET", "/api/v3/users"), ("GET", "/api/v3/offices")]
        )

    def test_legalsense_errors_give_a_clear_page(self):
        self.simulator.add_fault("GET", "sectors", status=500, times=None)
        response = self.get("/List/Sector")
        self.assertPage(response, 502, "LegalSense did not answer as expected")
        self.assertEqual(
            self.ls_calls().count(("GET", "/api/v3/sectors")), 2, "one retry only"
        )
        self.simulator.clear_faults()
        self.simulator.add_fault("GET", "firms", status=404, times=None)
        self.assertPage(self.get("/List/Firm"), 404, "LegalSense has no list Firms")
        self.config.password = "wrong"
        self.assertPage(self.get("/ListUser"), 502, "Invalid credentials")

    def test_lists_say_when_the_integration_is_off(self):
        self.config.url = False
        for path in ("/List/Sector", "/ListUser", "/ExportLookupItems"):
            self.assertPage(self.get(path), 409, "no URL is configured")
        self.assertEqual(self.ls_calls(), [])


@tagged("post_install", "-at_install")
class TestAdminUrlExport(AdminUrlsCase):
    def test_export_lookup_items(self):
        self.login(self.manager)
        response = self.get("/ExportLookupItems")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.headers["Content-Type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        self.assertIn(".xlsx", response.headers["Content-Disposition"])
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        lists = (*LIST_TYPES, USERS)
        self.assertEqual(book.sheetnames, [list_type.name for list_type in lists])
        offices = {office["id"]: office["name"] for office in self.office_records()}
        for list_type in lists:
            sheet = book[list_type.name]
            records = self.simulator.store.list(list_type.resource)
            if list_type is USERS:
                records = [
                    dict(
                        user,
                        primary_office=user["primary_office"]
                        and {"name": offices[user["primary_office"]["id"]]},
                    )
                    for user in records
                ]
            expected = [[column.label for column in list_type.columns]]
            expected += [
                [None if cell == "" else cell for cell in row]
                for row in rows(list_type, records)
            ]
            found = [list(row) for row in sheet.iter_rows(values_only=True)]
            self.assertEqual(found, expected, list_type.name)
            self.assertEqual(sheet.freeze_panes, "A2", list_type.name)
            self.assertTrue(sheet["A1"].font.b)
        users = book["Users"]
        self.assertEqual(users["K3"].value, "Amsterdam")
        self.assertGreaterEqual(users.column_dimensions["F"].width, 26)

    def office_records(self):
        return self.simulator.store.list("offices")

    def test_a_list_legalsense_lacks_is_noted_in_its_sheet(self):
        self.login(self.manager)
        self.simulator.add_fault("GET", "submatterkinds", status=404, times=None)
        response = self.get("/ExportLookupItems")
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        sheet = book["SubMatterKinds"]
        self.assertEqual([cell.value for cell in sheet[1]], ["ID", "Name"])
        self.assertIn("Not available", sheet["A3"].value)
        self.assertEqual(book["Firms"]["B2"].value, "Van Dijk Advocaten")


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
