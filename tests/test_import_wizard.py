from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from .import_common import LegalSenseImportCase

ACTION_KEYS = [
    "complete",
    "lookups",
    "users",
    "practice_groups",
    "contacts",
    "contacts_matters",
    "matters",
    "all",
    "changed_clients",
    "update_client_code",
    "bank_account_numbers",
    "billing_instructions",
    "branches",
]


@tagged("post_install", "-at_install")
class TestImportWizard(LegalSenseImportCase):
    def test_the_wizard_starts_a_run_in_the_background(self):
        wizard = self.env["legalsense.import.wizard"].create(
            {"action": "lookups", "overwrite": True, "company_id": self.company.id}
        )
        self.assertTrue(wizard.integration_enabled)
        with self.trapped_jobs() as trap:
            action = wizard.action_import()
            run = self.Import.browse(action["res_id"])
            self.assertEqual(run.state, "queued")
            self.assertTrue(run.overwrite)
            self.assertEqual(trap.jobs_count(), 1)
            self.assertEqual(trap.enqueued_jobs[0].channel, "root.legalsense.import")
            self.perform_all(trap)
        self.assertEqual(run.state, "done")
        self.assertEqual(run.progress_done, run.progress_total)
        self.assertEqual(run.progress, 100.0)

    def test_the_form_knows_the_integration_is_on_without_the_company_field(self):
        """A user of one company does not see the company field; the form
        opened in the browser still finds the integration on (and off)."""
        manager = new_test_user(
            self.env,
            login="wizard_manager",
            groups="base.group_user,legalsense.group_legalsense_manager",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        Wizard = self.env["legalsense.import.wizard"].with_user(manager)
        Wizard = Wizard.with_context(allowed_company_ids=self.company.ids)
        self.assertTrue(Form(Wizard).integration_enabled)
        self.config.disabled = True
        self.assertFalse(Form(Wizard).integration_enabled)

    def test_overwriting_actions_are_flagged(self):
        wizard = self.env["legalsense.import.wizard"].create(
            {"action": "bank_account_numbers", "company_id": self.company.id}
        )
        self.assertTrue(wizard.is_overwriting)
        self.assertIn("will be overwritten", wizard.description)

    def test_every_action_key_plans_its_steps(self):
        for key in ACTION_KEYS:
            run = self.Import.create({"action": key, "company_id": self.company.id})
            run._plan()
            self.assertTrue(run.line_ids, key)
            self.assertEqual(set(run.line_ids.mapped("state")), {"pending"}, key)
        with self.assertRaises(UserError):
            self.Import.create({"action": "nonsense", "company_id": self.company.id})

    def test_a_run_starts_once_and_not_when_the_integration_is_off(self):
        run = self.Import.create({"action": "lookups", "company_id": self.company.id})
        self.config.disabled = True
        with self.assertRaisesRegex(UserError, "switched off"):
            run.action_start()
        self.config.disabled = False
        with self.trapped_jobs() as trap:
            run.action_start()
            self.perform_all(trap)
        with self.assertRaises(UserError):
            run.action_start()

    def test_progress_while_it_runs(self):
        self.simulator.generate(contacts=12, addresses_per_contact=1, contact_persons=0)
        run = self.Import.create({"action": "contacts", "company_id": self.company.id})
        with self.trapped_jobs() as trap:
            run.action_start()
            trap.perform_enqueued_jobs()  # the first page of contacts only
            run.invalidate_recordset()
            contacts = self.line(run, "contacts")
            self.assertEqual((contacts.done, contacts.total), (12, 12))
            self.assertEqual(run.state, "running")
            self.assertLess(run.progress_done, run.progress_total)
            self.perform_all(trap)
        self.assertEqual(run.state, "done")

    def test_stop(self):
        run = self.Import.create({"action": "contacts", "company_id": self.company.id})
        with self.trapped_jobs() as trap:
            run.action_start()
            run.action_cancel()
            self.perform_all(trap)
        self.assertEqual(run.state, "failed")
        self.assertEqual(set(run.line_ids.mapped("state")), {"skipped"})
        self.assertFalse(self.calls())


@tagged("post_install", "-at_install")
class TestAddressTemplates(LegalSenseImportCase):
    def ref(self, code):
        country = self.env["res.country"].search([("code", "=", code)])
        return self.env["legalsense.external.ref"]._external_id(country, "LEGALSENSE")

    def test_defaults_set_when_none_and_force_overwrites(self):
        Country = self.env["res.country"]
        netherlands = Country.search([("code", "=", "NL")])
        self.env["legalsense.external.ref"].create(
            {
                "res_model": "res.country",
                "res_id": netherlands.id,
                "application": "LEGALSENSE",
                "external_id": "3",
            }
        )
        updated = Country._legalsense_import_address_templates()
        self.assertEqual(
            updated,
            [
                "BE",
                "GB",
                "DE",
                "US",
                "FR",
                "IT",
                "ES",
                "PT",
                "SE",
                "DK",
                "AU",
                "CA",
                "NZ",
            ],
        )
        self.assertEqual(
            (self.ref("NL"), self.ref("DE"), self.ref("SE")), ("3", "6", "14")
        )
        self.assertEqual(Country._legalsense_import_address_templates(), [])
        self.assertEqual(
            Country._legalsense_import_address_templates(force_overwrite=True), ["NL"]
        )
        self.assertEqual(self.ref("NL"), "2")
        templates = Country._legalsense_address_templates()
        self.assertEqual(sorted(templates), list(range(1, 19)))
        self.assertEqual(templates[4][0], "AT_UK_ATTN")
