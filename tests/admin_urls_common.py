"""The administration URLs of the manual: /LegalSenseConfiguration.aspx/...

What their tests share: the routes, and a case with a simulator, a company
configured against it and the users who may or may not open the pages."""

import re

from odoo.tests import HttpCase, new_test_user

from .common import simulator_config, start_simulator

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
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def queue(partner, company):
    """A LegalSense export job of ``partner``, as the sync mixin queues it."""
    partner.with_company(company).with_delay(
        channel="root.legalsense", identity_key=partner._legalsense_identity_key()
    )._legalsense_job_export()
    return partner.env["queue.job"].search(
        [("identity_key", "=", partner._legalsense_identity_key())]
    )


class AdminUrlsCase(HttpCase):
    """One simulator per class; a company of its own configured against it,
    a LegalSense Manager, a LegalSense User and a plain internal user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start_simulator(cls, "18.120")
        cls.config = simulator_config(cls)
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
