"""The mechanism: what queues a job, collapse, status, rights, filters, numbering."""

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.queue_job.job import Job

from .partner_common import LegalSensePartnerCase


@tagged("post_install", "-at_install")
class TestPartnerSyncQueue(LegalSensePartnerCase):
    def stored_jobs(self, partner):
        return self.env["queue.job"].search(
            [("identity_key", "=", f"legalsense:res.partner:{partner.id}")]
        )

    # ------------------------------------------------------------ what queues

    def test_create_and_tracked_change_queue_a_job(self):
        trap = self.queued(lambda: self.Partner.create(self.company_values()))
        trap.assert_jobs_count(1)
        partner = trap.enqueued_jobs[0].recordset
        trap.assert_enqueued_job(
            partner._legalsense_job_export, properties={"channel": "root.legalsense"}
        )
        self.assertEqual(
            trap.enqueued_jobs[0].identity_key, f"legalsense:res.partner:{partner.id}"
        )
        self.queued(lambda: partner.write({"phone": "+31 20 1"})).assert_jobs_count(1)

    def test_untracked_field_queues_nothing(self):
        partner = self.create_synced(self.company_values())
        trap = self.queued(lambda: partner.write({"comment": "<p>Belt na 10 uur</p>"}))
        trap.assert_jobs_count(0)

    def test_import_context_queues_nothing(self):
        Partner = self.Partner.with_context(legalsense_import=True)
        trap = self.queued(lambda: Partner.create(self.company_values()))
        trap.assert_jobs_count(0)
        partner = Partner.search([("name", "=", "Jansen Holding")])
        self.queued(lambda: partner.write({"phone": "+31 20 1"})).assert_jobs_count(0)
        self.queued(lambda: partner.write({"active": False})).assert_jobs_count(0)
        self.assertFalse(partner.ref)  # the import brings its own number

    def test_bank_account_change_queues_the_holder(self):
        partner = self.create_synced(self.company_values())
        trap = self.queued(
            lambda: self.env["res.partner.bank"].create(
                {"partner_id": partner.id, "acc_number": "NL91ABNA0417164300"}
            )
        )
        self.assertEqual(trap.enqueued_jobs[0].recordset, partner)

    def test_external_reference_change_queues_the_record(self):
        partner = self.create_synced(self.company_values())
        trap = self.queued(lambda: self.ls_ref(partner, "1", application="ASSYST"))
        self.assertEqual(trap.enqueued_jobs[0].recordset, partner)

    def test_custom_field_setting_tracks_its_field(self):
        partner = self.create_synced(self.company_values())
        self.queued(lambda: partner.write({"barcode": "123"})).assert_jobs_count(0)
        self.set_config(company_custom_fields="barcode=Barcode")
        self.queued(lambda: partner.write({"barcode": "456"})).assert_jobs_count(1)

    # ------------------------------------------------------------ stored jobs

    def test_saves_before_the_job_runs_collapse(self):
        partner = self.Partner.create(self.company_values())
        partner.write({"phone": "+31 20 1"})
        partner.write({"email": "info@jansen.example"})
        partner.write({"active": False})
        jobs = self.stored_jobs(partner)
        self.assertEqual(len(jobs), 1)
        self.assertEqual(jobs.state, "pending")
        self.assertEqual(jobs.channel, "root.legalsense")
        self.assertEqual(jobs.max_retries, 20)
        # The job reads the partner as it is when it runs.
        Job.load(self.env, jobs.uuid).perform()
        self.assertEqual(self.stored("contacts")[0]["softkill_status"], 2)

    def test_status_badge(self):
        partner = self.Partner.create(self.company_values())
        self.assertEqual(partner.legalsense_sync_state, "pending")
        job = self.stored_jobs(partner)
        job.write({"state": "failed", "exc_message": "LegalSense refused the data"})
        partner.invalidate_recordset()
        self.assertEqual(partner.legalsense_sync_state, "error")
        self.assertEqual(partner.legalsense_sync_error, "LegalSense refused the data")
        self.assertEqual(
            self.Partner.search([("legalsense_sync_state", "=", "error")]), partner
        )
        # Saving a record in error tries it again, whatever field changed.
        partner.write({"comment": "<p>again</p>"})
        partner.invalidate_recordset()
        self.assertEqual(partner.legalsense_sync_state, "pending")
        self.assertEqual(
            self.Partner.search([("legalsense_sync_state", "=", "pending")]), partner
        )
        self.assertFalse(self.Partner.search([("legalsense_sync_state", "=", "error")]))
        # The job runs: synced (green), with a link to LegalSense.
        new_job = self.stored_jobs(partner).filtered(lambda j: j.state == "pending")
        Job.load(self.env, new_job.uuid).perform()
        new_job.state = "done"
        partner.invalidate_recordset()
        self.assertEqual(partner.legalsense_sync_state, "synced")
        self.assertEqual(
            partner.legalsense_url,
            f"{self.server.url}contacts/{partner.legalsense_contact_id}",
        )
        # A cancelled job, or the integration switched off: status unknown.
        new_job.state = "cancelled"
        partner.invalidate_recordset()
        self.assertEqual(partner.legalsense_sync_state, "unknown")
        new_job.state = "done"
        self.set_config(disabled=True)
        partner.invalidate_recordset()
        self.assertEqual(partner.legalsense_sync_state, "unknown")

    def test_not_synced_partners(self):
        internal = self.run_jobs(
            lambda: new_test_user(self.env, "internal", company_id=self.company.id)
        )
        self.assertEqual(self.calls(), [])
        self.assertFalse(internal.partner_id.legalsense_contact_id)
        self.assertEqual(internal.partner_id.legalsense_sync_state, "not_synced")
        self.assertEqual(self.company.partner_id.legalsense_sync_state, "not_synced")
        # The firm's own contact persons are not synced either.
        trap = self.queued(
            lambda: self.Partner.create(
                self.person_values(parent_id=self.company.partner_id.id)
            )
        )
        trap.assert_jobs_count(0)

    def test_sync_now(self):
        partner = self.create_synced(self.company_values())
        self.forget_calls()
        trap = self.queued(partner.action_legalsense_sync_now)
        trap.assert_jobs_count(1)
        trap.perform_enqueued_jobs()
        self.assertIn(
            f"PATCH contacts/{partner.legalsense_contact_id}", self.call_lines()
        )

    # ------------------------------------------------------------ rights

    def test_user_without_legalsense_rights(self):
        user = new_test_user(
            self.env,
            "clerk",
            groups="base.group_user,base.group_partner_manager",
            company_id=self.company.id,
        )
        Partner = self.Partner.with_user(user)
        partner = self.run_jobs(lambda: Partner.create(self.company_values()))
        self.assertTrue(partner.legalsense_contact_id)
        self.assertEqual(partner.with_user(user).legalsense_sync_state, "synced")
        self.run_jobs(lambda: partner.with_user(user).write({"phone": "+31 20 9"}))
        self.assertEqual(
            self.stored("contacts", partner.legalsense_contact_id)["details"][0][
                "value"
            ],
            "+31 20 9",
        )

    # ------------------------------------------------------------ filters

    def test_required_external_application(self):
        """SyncRequiredExternalApplication gates every entity type: a child
        address syncs only with a reference of its own, whatever its contact
        has."""
        self.set_config(sync_required_external_application="assyst")
        partner = self.create_synced(
            self.company_values(
                child_ids=[
                    Command.create(
                        {"type": "invoice", "name": "Facturen", "city": "Utrecht"}
                    )
                ]
            )
        )
        address = partner.child_ids
        self.assertEqual(self.calls(), [])
        self.assertFalse(partner.legalsense_contact_id)
        # An address with a reference of its own, its contact without one:
        # nothing is sent (its contact is not synced).
        self.run_jobs(lambda: self.ls_ref(address, "A2", application="ASSYST"))
        self.assertEqual(self.calls(), [])
        self.assertFalse(address.legalsense_address_id)
        self.run_jobs(
            self.env["legalsense.external.ref"]
            .search([("res_model", "=", "res.partner"), ("res_id", "=", address.id)])
            .unlink
        )
        # Registered in ASSYST: the contact syncs with its own (postal)
        # address; the child address has no reference of its own, so it is
        # not sent, also when its own job runs.
        self.run_jobs(
            lambda: (
                self.ls_ref(partner, "A1", application="ASSYST"),
                address._legalsense_queue_export(),
            )
        )
        self.assertEqual(
            self.call_lines(),
            [
                "POST contacts",
                "POST addresses",
                f"PATCH contacts/{partner.legalsense_contact_id}",
            ],
        )
        self.assertEqual(self.body("POST", "addresses")["address"], "Keizersgracht 1")
        self.assertFalse(address.legalsense_address_id)
        self.assertEqual(
            [stored["id"] for stored in self.stored("addresses")],
            [partner.legalsense_address_id],
        )
        # With a reference of its own, the address is sent.
        self.forget_calls()
        self.run_jobs(
            lambda: (
                self.ls_ref(address, "A2", application="ASSYST"),
                address._legalsense_queue_export(),
            )
        )
        self.assertEqual(self.call_lines(), ["POST addresses"])
        self.assertEqual(
            self.body("POST", "addresses"),
            {
                "contact": {"id": partner.legalsense_contact_id},
                "address": "",
                "address_line_2": "",
                "address_kind": {"id": 1},
                "city": "Utrecht",
                "country": "",
                "normalized_country": "",
                "address_template": 4,
                "zipcode": "",
            },
        )
        self.assertTrue(address.legalsense_address_id)

    def test_integration_off_queues_nothing(self):
        self.set_config(disabled=True)
        trap = self.queued(lambda: self.Partner.create(self.company_values()))
        trap.assert_jobs_count(0)

    # ------------------------------------------------------------ numbering

    def test_numbering_sequences(self):
        client_seq = self.env.ref("legalsense.seq_legalsense_partner_client")
        vendor_seq = self.env.ref("legalsense.seq_legalsense_partner_vendor")
        client_seq.number_next_actual = 42
        vendor_seq.number_next_actual = 7
        vendor_values = self.company_values(legalsense_numbering_sequence="vendor")
        # Off: every contact is numbered as a client.
        self.assertEqual(self.Partner.create(vendor_values).ref, "00042")
        self.set_config(use_separate_numbering_sequences=True)
        self.assertEqual(self.Partner.create(vendor_values).ref, "V00007")
        self.assertEqual(
            self.Partner.create(self.company_values(ref="MINE")).ref, "MINE"
        )
        # An address gets no number.
        company = self.Partner.create(self.company_values())
        address = self.Partner.create(
            {"type": "invoice", "parent_id": company.id, "name": "Facturen"}
        )
        self.assertFalse(address.ref)

    def test_contact_number_written_back_when_empty(self):
        partner = self.Partner.with_context(legalsense_no_export=True).create(
            self.company_values()
        )
        self.assertFalse(partner.ref)
        self.run_jobs(partner._legalsense_queue_export)
        number = self.stored("contacts", partner.legalsense_contact_id)["number"]
        self.assertTrue(number)
        self.assertEqual(partner.ref, number)
        # The client is numbered by LegalSense (no client code source is set).
        partner = self.Partner.browse(partner.id)
        self.run_jobs(lambda: partner.write({"legalsense_is_client": True}))
        self.assertNotIn("number", self.body("POST", "clients"))
