"""The first export after an import sends only what the user changed."""

from odoo.tests import tagged

from .import_common import LegalSenseImportDataCase

TOKEN = "/api/v3/token"


@tagged("post_install", "-at_install")
class TestPartnerSyncAfterImport(LegalSenseImportDataCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # As at a Dutch firm: the address templates imported (the Netherlands
        # gets LegalSense's NL template) and country names in Dutch.
        cls.env["res.country"]._legalsense_import_address_templates()
        cls.env.ref("base.nl").with_context(lang="nl_NL").name = "Nederland"

    def sent(self):
        return [
            (call["method"], call["path"].removeprefix("/api/v3/"), call["body"])
            for call in self.simulator.requests
            if call["path"] != TOKEN
        ]

    def edit_phones(self, partners, prefix):
        self.simulator.clear_requests()
        with self.trapped_jobs() as trap:
            for number, partner in enumerate(partners):
                partner.phone = f"{prefix} {number:04d}"
            self.perform_all(trap)
        return self.sent()

    def test_the_first_edit_after_an_import_is_one_request(self):
        self.simulator.generate(contacts=30, contact_persons=1, matters=0, seed=3)
        self.run_import("contacts")
        partners = self.Partner.search([("legalsense_contact_id", "!=", 0)])
        self.assertGreater(len(partners), 30, "companies, persons, contact persons")
        self.assertTrue(partners.filtered("legalsense_address_id"))
        for prefix in ("+31 20 555", "+31 20 666"):
            sent = self.edit_phones(partners, prefix)
            self.assertEqual(
                sorted((method, path) for method, path, _body in sent),
                sorted(
                    ("PATCH", f"contacts/{partner.legalsense_contact_id}")
                    for partner in partners
                ),
                "one request per edit",
            )
            for partner, (_method, _path, body) in zip(
                partners.sorted("legalsense_contact_id"),
                sorted(sent, key=lambda call: int(call[1].split("/")[1])),
                strict=True,
            ):
                phones = [d["value"] for d in body["details"] if d["kind"] == "phone"]
                self.assertEqual(phones, [partner.phone])

    def test_sync_now_sends_what_legalsense_holds_already(self):
        self.simulator.generate(contacts=3, contact_persons=0, matters=0, seed=4)
        self.run_import("contacts")
        partner = self.Partner.search(
            [("legalsense_contact_id", "!=", 0), ("legalsense_address_id", "!=", 0)],
            limit=1,
        )
        self.simulator.clear_requests()
        with self.trapped_jobs() as trap:
            partner.action_legalsense_sync_now()
            self.perform_all(trap)
        paths = [path for method, path, _body in self.sent() if method == "PATCH"]
        self.assertIn(f"contacts/{partner.legalsense_contact_id}", paths)
        self.assertIn(f"addresses/{partner.legalsense_address_id}", paths)
