"""Conflicting changes: LegalSense changed a contact or address since the last sync."""

from .matter_common import LegalSenseMatterCase
from .partner_common import LegalSensePartnerCase


class TestSyncConflicts(LegalSensePartnerCase):
    def setUp(self):
        super().setUp()
        self.set_config(conflict_policy="flag")
        self.company = self.create_synced(
            self.company_values(email="info@jansen.nl", phone="020 1234567")
        )
        self.contact_id = self.company.legalsense_contact_id
        self.address_id = self.company.legalsense_address_id
        self.forget_calls()

    def change_in_legalsense(self, resource, ident, **values):
        """What a LegalSense user saves (not through the sync)."""
        self.simulator.store.update(resource, ident, values, partial=True)

    def ls_details(self, **values):
        stored = self.stored("contacts", self.contact_id)["details"]
        items = {item["kind"]: item["value"] for item in stored}
        items.update(values)
        return [
            {"kind": kind, "value": value} for kind, value in items.items() if value
        ]

    def ls_detail(self, kind):
        stored = self.stored("contacts", self.contact_id)["details"]
        return next((i["value"] for i in stored if i["kind"] == kind), None)

    def edit(self, **values):
        self.run_jobs(lambda: self.company.write(values))

    # ------------------------------------------------------------ common path

    def test_odoo_wins_reads_nothing_and_overwrites(self):
        self.set_config(conflict_policy="odoo")
        self.change_in_legalsense(
            "contacts", self.contact_id, details=self.ls_details(email="ls@jansen.nl")
        )
        self.forget_calls()
        self.edit(email="odoo@jansen.nl")
        self.assertEqual(self.call_lines(), [f"PATCH contacts/{self.contact_id}"])
        self.assertEqual(self.ls_detail("email"), "odoo@jansen.nl")
        self.assertEqual(self.company.legalsense_sync_state, "synced")

    def test_nothing_changed_in_legalsense_costs_one_read(self):
        self.edit(email="new@jansen.nl")
        self.assertEqual(
            self.call_lines(),
            [f"GET contacts/{self.contact_id}", f"PATCH contacts/{self.contact_id}"],
        )
        self.assertEqual(self.ls_detail("email"), "new@jansen.nl")
        self.assertEqual(self.company.legalsense_sync_state, "synced")
        self.assertFalse(self.company.legalsense_conflict)

    def test_an_unchanged_record_is_not_read(self):
        self.edit(comment="Only a note")
        self.assertEqual(self.call_lines(), [])

    # ------------------------------------------------------------ merging

    def test_different_values_merge_both_ways(self):
        self.change_in_legalsense(
            "contacts", self.contact_id, details=self.ls_details(phone="06 11112222")
        )
        self.forget_calls()
        self.edit(email="new@jansen.nl")
        sent = self.body("PATCH", f"contacts/{self.contact_id}")
        sent_details = {item["kind"]: item["value"] for item in sent["details"]}
        self.assertEqual(sent_details["phone"], "06 11112222")
        self.assertEqual(sent_details["email"], "new@jansen.nl")
        self.assertEqual(self.ls_detail("email"), "new@jansen.nl")
        self.assertEqual(self.ls_detail("phone"), "06 11112222")
        # LegalSense's phone number is taken into Odoo, without an export.
        self.assertEqual(self.company.phone, "06 11112222")
        self.assertEqual(self.company.legalsense_sync_state, "synced")
        self.forget_calls()
        self.edit(comment="Nothing for LegalSense")
        self.assertEqual(self.call_lines(), [])

    def test_a_change_in_legalsense_only_is_taken_without_a_write(self):
        self.change_in_legalsense(
            "contacts", self.contact_id, organization_name="Jansen Holding B.V."
        )
        self.change_in_legalsense("addresses", self.address_id, address="Herengracht 5")
        self.forget_calls()
        self.edit(zip="1015 CK")
        self.assertEqual(self.company.street, "Herengracht 5")
        self.assertEqual(
            self.stored("addresses", self.address_id)["zipcode"], "1015 CK"
        )
        self.assertEqual(
            self.stored("addresses", self.address_id)["address"], "Herengracht 5"
        )

    # ------------------------------------------------------------ conflicts

    def make_conflict(self):
        self.change_in_legalsense(
            "contacts", self.contact_id, details=self.ls_details(email="ls@jansen.nl")
        )
        self.forget_calls()
        self.edit(email="odoo@jansen.nl")

    def test_a_value_changed_on_both_sides_is_flagged_not_overwritten(self):
        self.make_conflict()
        self.assertEqual(self.ls_detail("email"), "ls@jansen.nl")
        self.assertEqual(self.company.email, "odoo@jansen.nl")
        self.assertEqual(self.company.legalsense_sync_state, "conflict")
        shown = str(self.company.legalsense_conflict)
        self.assertIn("odoo@jansen.nl", shown)
        self.assertIn("ls@jansen.nl", shown)
        self.assertIn("Email", shown)
        self.assertEqual(
            self.Partner.search([("legalsense_sync_state", "=", "conflict")]),
            self.company,
        )
        # Another edit sends what changed and keeps the conflict.
        self.forget_calls()
        self.edit(phone="020 7654321")
        self.assertEqual(self.ls_detail("phone"), "020 7654321")
        self.assertEqual(self.ls_detail("email"), "ls@jansen.nl")
        self.assertEqual(self.company.legalsense_sync_state, "conflict")

    def test_keep_odoo_values_sends_them(self):
        self.make_conflict()
        self.forget_calls()
        self.run_jobs(self.company.action_legalsense_keep_odoo_values)
        self.assertEqual(self.ls_detail("email"), "odoo@jansen.nl")
        self.assertEqual(self.company.legalsense_sync_state, "synced")
        self.assertFalse(self.company.legalsense_conflict)

    def test_take_legalsense_values_writes_them_into_odoo(self):
        self.make_conflict()
        self.forget_calls()
        self.run_jobs(self.company.action_legalsense_take_legalsense_values)
        self.assertEqual(self.company.email, "ls@jansen.nl")
        self.assertEqual(self.company.legalsense_sync_state, "synced")
        self.assertEqual(self.call_lines(), [])
        self.assertEqual(self.ls_detail("email"), "ls@jansen.nl")

    def test_both_sides_agreeing_ends_the_conflict(self):
        self.make_conflict()
        self.edit(email="ls@jansen.nl")
        self.assertEqual(self.company.legalsense_sync_state, "synced")

    def test_legalsense_wins_takes_its_value(self):
        self.set_config(conflict_policy="legalsense")
        self.make_conflict()
        self.assertEqual(self.company.email, "ls@jansen.nl")
        self.assertEqual(self.ls_detail("email"), "ls@jansen.nl")
        self.assertEqual(self.company.legalsense_sync_state, "synced")

    def test_a_value_odoo_cannot_take_in_follows_odoo(self):
        language = self.stored("contacts", self.contact_id)["invoice_language"]
        self.change_in_legalsense("contacts", self.contact_id, invoice_language="de")
        self.forget_calls()
        self.edit(email="new@jansen.nl")
        stored = self.stored("contacts", self.contact_id)
        self.assertEqual(stored["invoice_language"], language)
        self.assertNotEqual(language, "de")
        self.assertEqual(self.company.legalsense_sync_state, "synced")

    def test_the_sync_health_counts_the_conflict(self):
        self.make_conflict()
        Health = self.env["legalsense.sync.health"]
        row = Health.search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.company.id)]
        )
        self.assertEqual(row.status, "conflict")
        self.assertEqual(Health._status_counts()["res.partner"]["conflict"], 1)


class TestMatterConflicts(LegalSenseMatterCase):
    def setUp(self):
        super().setUp()
        self.set_config(conflict_policy="flag")
        self.matter = self.create_matter(client_reference="REF-1")
        self.ls_id = self.matter.legalsense_matter_id
        self.forget_calls()

    def change_in_legalsense(self, **values):
        self.simulator.store.update("matters", self.ls_id, values, partial=True)
        self.forget_calls()

    def edit(self, **values):
        self.run_all_jobs(lambda: self.matter.write(values))

    def test_a_matter_merges_changes_of_different_fields(self):
        self.change_in_legalsense(client_reference="REF-LS")
        self.edit(name="Jansen / ontbinding")
        self.assertEqual(
            self.call_lines(),
            [f"GET matters/{self.ls_id}", f"PATCH matters/{self.ls_id}"],
        )
        sent = self.calls()[1][2]
        self.assertEqual(sent["name"], "Jansen / ontbinding")
        self.assertEqual(sent["client_reference"], "REF-LS")
        self.assertEqual(self.matter.client_reference, "REF-LS")
        self.assertEqual(self.ls_matter(self.matter)["name"], "Jansen / ontbinding")
        self.assertEqual(self.matter.legalsense_sync_state, "synced")

    def test_a_matter_value_changed_on_both_sides_is_flagged(self):
        self.change_in_legalsense(name="Jansen / LegalSense")
        self.edit(name="Jansen / Odoo")
        self.assertEqual(self.ls_matter(self.matter)["name"], "Jansen / LegalSense")
        self.assertEqual(self.matter.legalsense_sync_state, "conflict")
        self.assertIn("Jansen / LegalSense", str(self.matter.legalsense_conflict))
        self.assertEqual(
            self.Matter.search([("legalsense_sync_state", "=", "conflict")]),
            self.matter,
        )
        self.run_all_jobs(self.matter.action_legalsense_take_legalsense_values)
        self.assertEqual(self.matter.name, "Jansen / LegalSense")
        self.assertEqual(self.matter.legalsense_sync_state, "synced")
