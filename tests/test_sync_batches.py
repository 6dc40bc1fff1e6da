"""A save of many records: batch export jobs, each record as its own job.

The jobs are stored (not trapped) and performed as the job runner does, so
what they leave in the job queue is what a user sees.
"""

from unittest import mock

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.queue_job.job import Job

from ..models.sync import common as sync
from ..models.sync import legalsense_sync_mixin as queueing
from ..models.sync.legalsense_sync_jobs import LegalsenseSyncMixin as SyncJobs
from ..models.sync.legalsense_sync_mixin import LegalsenseSyncMixin as SyncQueue
from ..models.sync.legalsense_sync_store import LegalsenseSyncMixin as SyncStore
from ..models.sync.legalsense_sync_upsert import LegalsenseSyncMixin as SyncUpsert
from .partner_common import LegalSensePartnerCase

BATCH = sync.BATCH_METHOD


@tagged("post_install", "-at_install")
class TestSyncBatches(LegalSensePartnerCase):
    def setUp(self):
        super().setUp()
        self.Job = self.env["queue.job"]
        self.companies = self.Partner.create(
            [self.company_values(name=f"Batch {n:02d} B.V.") for n in range(25)]
        )
        self.perform_all()
        self.forget_calls()

    def export_jobs(self, state="pending"):
        return self.Job.search(
            [
                ("channel", "=", "root.legalsense"),
                ("method_name", "in", (sync.EXPORT_METHOD, BATCH)),
                ("state", "=", state),
            ],
            order="id",
        )

    def perform(self, record):
        # What the test wrote is committed before the job runs, as in real use.
        self.env.flush_all()
        job = Job.load(self.env, record.uuid)
        job.set_started()
        result = job.perform()
        job.set_done(result=result)
        job.store()
        return result

    def perform_all(self):
        """Perform the pending export jobs in queue order, as the runner does."""
        for _round in range(10):
            jobs = self.export_jobs()
            if not jobs:
                return
            for record in jobs:
                self.perform(record)
        self.fail("The export jobs keep coming")

    def phones(self, companies, prefix="+31 20 555"):
        for number, company in enumerate(companies):
            company.phone = f"{prefix} {number:04d}"

    def patched(self):
        return sorted(path for method, path, _body in self.calls() if method == "PATCH")

    def contact_paths(self, companies):
        return sorted(f"contacts/{c.legalsense_contact_id}" for c in companies)

    # ------------------------------------------------------------ queueing

    def test_a_save_of_many_records_queues_one_batch_per_hundred(self):
        self.assertTrue(all(self.companies.mapped("legalsense_contact_id")))
        self.companies.write({"phone": "+31 20 555 0000"})
        jobs = self.export_jobs()
        self.assertEqual(jobs.mapped("method_name"), [BATCH])
        self.assertEqual(jobs.records, self.companies)
        self.assertEqual(jobs.name, "LegalSense: export of 25 records")
        self.assertEqual(
            set(self.companies.mapped("legalsense_sync_state")), {"pending"}
        )
        self.assertEqual(
            self.Partner.search(
                [
                    ("id", "in", self.companies.ids),
                    ("legalsense_sync_state", "=", "pending"),
                ]
            ),
            self.companies,
        )

        jobs.unlink()
        with mock.patch.object(queueing, "EXPORT_BATCH_SIZE", 10):
            self.companies.write({"phone": "+31 20 777 0000"})
        self.assertEqual([len(job.records) for job in self.export_jobs()], [10, 10, 5])

    def test_a_save_of_a_few_records_queues_a_job_each(self):
        self.companies[:3].write({"phone": "+31 20 555 0000"})
        jobs = self.export_jobs()
        self.assertEqual(jobs.mapped("method_name"), [sync.EXPORT_METHOD] * 3)
        self.assertEqual(
            jobs.mapped("identity_key"),
            [c._legalsense_identity_key() for c in self.companies[:3]],
        )

    def test_many_saves_in_one_transaction_are_batched_before_the_commit(self):
        self.phones(self.companies)
        self.assertEqual(len(self.export_jobs()), 25, "a job each, until the commit")
        self.env.cr.flush()  # what the commit runs first
        jobs = self.export_jobs()
        self.assertEqual(jobs.mapped("method_name"), [BATCH])
        self.assertEqual(jobs.records, self.companies)

    def test_a_few_saves_in_one_transaction_keep_a_job_each(self):
        self.phones(self.companies[:10])
        self.env.cr.flush()
        jobs = self.export_jobs()
        self.assertEqual(jobs.mapped("method_name"), [sync.EXPORT_METHOD] * 10)

    def test_a_save_joins_the_waiting_batch_of_its_record(self):
        self.companies.write({"phone": "+31 20 555 0000"})
        batch = self.export_jobs()
        self.companies[7].write({"phone": "+31 20 555 7777"})
        self.companies[7:12].write({"email": "info@batch.example"})
        self.assertEqual(self.export_jobs(), batch)

        self.perform(batch)
        self.assertEqual(self.patched(), self.contact_paths(self.companies))
        body = self.body("PATCH", f"contacts/{self.companies[7].legalsense_contact_id}")
        self.assertIn(
            {"kind": "phone", "value": "+31 20 555 7777"},
            [{"kind": d["kind"], "value": d["value"]} for d in body["details"]],
        )
        self.assertEqual(
            set(self.companies.mapped("legalsense_sync_state")), {"synced"}
        )

    def test_a_save_while_the_batch_starts_gets_a_job_of_its_own(self):
        self.companies.write({"phone": "+31 20 555 0000"})
        batch = self.export_jobs()
        batch.state = "enqueued"
        with mock.patch.object(
            SyncQueue,
            "_legalsense_waiting_jobs",
            lambda records: dict.fromkeys(records.ids, sync.STARTING),
        ):
            self.companies[3].write({"phone": "+31 20 555 3333"})
        own = self.export_jobs() - batch
        self.assertEqual(own.method_name, sync.EXPORT_METHOD)
        self.assertEqual(own.identity_key, self.companies[3]._legalsense_identity_key())

    # ------------------------------------------------------------ performing

    def test_each_record_is_exported_once_with_its_own_values(self):
        self.phones(self.companies)
        self.env.cr.flush()
        self.assertEqual(len(self.export_jobs()), 1)
        self.perform_all()
        self.assertEqual(self.patched(), self.contact_paths(self.companies))
        for number, company in enumerate(self.companies):
            body = self.body("PATCH", f"contacts/{company.legalsense_contact_id}")
            phones = [d["value"] for d in body["details"] if d["kind"] == "phone"]
            self.assertEqual(phones, [f"+31 20 555 {number:04d}"])

    def test_what_an_update_sent_is_stored_without_changing_the_record(self):
        self.companies.write({"phone": "+31 20 555 0000"})
        self.env.flush_all()
        before = {
            c.id: (c.write_date, c.legalsense_last_export) for c in self.companies
        }
        self.env.cr.execute(
            "UPDATE res_partner SET write_date = '2026-01-01' WHERE id IN %s",
            [tuple(self.companies.ids)],
        )
        self.companies.invalidate_recordset()
        self.perform_all()
        self.companies.invalidate_recordset()
        for company in self.companies:
            self.assertEqual(str(company.write_date), "2026-01-01 00:00:00")
            self.assertGreaterEqual(
                company.legalsense_last_export, before[company.id][1]
            )
            phones = company.legalsense_sync_data["contact"]["remote"]["details"]
            self.assertIn("+31 20 555 0000", [d["value"] for d in phones])

    def test_what_a_batch_sent_is_stored_at_its_end_in_one_transaction(self):
        """Each record's bookkeeping waits for the end of the batch; the
        other records' PATCHes have gone out before any of it is stored."""
        self.companies.write({"phone": "+31 20 555 0000"})
        batch = self.export_jobs()
        stores = []
        real_store = SyncStore._legalsense_store_bookkeeping

        def store(model, cr, values_by_id):
            stores.append((len(self.patched()), sorted(values_by_id)))
            return real_store(model, cr, values_by_id)

        with mock.patch.object(SyncStore, "_legalsense_store_bookkeeping", store):
            self.perform(batch)
        self.assertEqual(stores, [(25, sorted(self.companies.ids))])
        self.companies.invalidate_recordset()
        for company in self.companies:
            phones = company.legalsense_sync_data["contact"]["remote"]["details"]
            self.assertIn("+31 20 555 0000", [d["value"] for d in phones])

        self.forget_calls()
        self.companies.write({"phone": "+31 20 555 0000"})
        self.perform_all()
        self.assertEqual(self.patched(), [], "stored: nothing is sent again")

    def test_a_failing_record_keeps_what_its_earlier_update_sent(self):
        """A record failing after one of its PATCHes went out: what that
        PATCH sent is stored with the batch, so it is not sent again."""
        bad = self.companies[4]
        self.simulator.add_fault(
            "PATCH",
            f"addresses/{bad.legalsense_address_id}",
            status=400,
            body={"detail": "Address locked.", "code": "invalid", "field": None},
        )
        self.companies.write({"phone": "+31 20 555 0000", "street": "Dam 2"})
        self.perform(self.export_jobs())
        bad.invalidate_recordset()
        self.assertEqual(bad.legalsense_sync_state, "error")
        phones = bad.legalsense_sync_data["contact"]["remote"]["details"]
        self.assertIn("+31 20 555 0000", [d["value"] for d in phones])

    def test_a_batch_reads_what_its_records_share_once(self):
        """The firm's partners, the settings, the external references and
        the creates in flight are read once for the batch, not per record."""
        self.companies.write({"phone": "+31 20 555 0000"})
        batch = self.export_jobs()
        ref = self.env["legalsense.external.ref"]
        with (
            mock.patch.object(
                type(self.Partner),
                "_legalsense_own_partners",
                autospec=True,
                side_effect=type(self.Partner)._legalsense_own_partners,
            ) as own,
            mock.patch.object(
                SyncUpsert,
                "_legalsense_ids_in_flight",
                autospec=True,
                side_effect=SyncUpsert._legalsense_ids_in_flight,
            ) as in_flight,
            mock.patch.object(
                type(ref),
                "_read_values",
                autospec=True,
                side_effect=type(ref)._read_values,
            ) as refs,
        ):
            self.perform(batch)
        self.assertEqual(len(self.patched()), 25)
        self.assertEqual(own.call_count, 1)
        self.assertEqual(in_flight.call_count, 1)
        # One read per model: the countries' address templates and the
        # partners' references (for their client code), for all 25 at once.
        self.assertEqual(
            sorted((call.args[1], len(call.args[2])) for call in refs.call_args_list),
            [("res.country", 1), ("res.partner", 25)],
        )

    def test_a_failing_record_fails_alone_on_a_job_of_its_own(self):
        bad = self.companies[4]
        self.simulator.add_fault(
            "PATCH",
            f"contacts/{bad.legalsense_contact_id}",
            status=400,
            body={
                "detail": "Phone number refused.",
                "code": "invalid",
                "field": "details",
            },
        )
        self.companies.write({"phone": "+31 20 555 0000"})
        batch = self.export_jobs()
        result = self.perform(batch)
        self.assertEqual(
            result, "24 exported, 1 failed (each on its own job), 0 postponed."
        )
        failed = self.export_jobs("failed")
        self.assertEqual(failed.method_name, sync.EXPORT_METHOD)
        self.assertEqual(failed.identity_key, bad._legalsense_identity_key())
        self.assertIn("Phone number refused.", failed.exc_message)
        self.companies.invalidate_recordset()
        self.assertEqual(bad.legalsense_sync_state, "error")
        self.assertIn("Phone number refused.", bad.legalsense_sync_error)
        self.assertEqual(
            set((self.companies - bad).mapped("legalsense_sync_state")), {"synced"}
        )
        self.assertEqual(
            self.Partner.search(
                [
                    ("id", "in", self.companies.ids),
                    ("legalsense_sync_state", "=", "error"),
                ]
            ),
            bad,
        )

        self.forget_calls()
        failed.requeue()
        self.perform(failed)
        self.assertEqual(self.patched(), [f"contacts/{bad.legalsense_contact_id}"])
        bad.invalidate_recordset()
        self.assertEqual(bad.legalsense_sync_state, "synced")

    def test_a_passing_trouble_postpones_the_rest_of_the_batch(self):
        self.companies.write({"phone": "+31 20 555 0000"})
        batch = self.export_jobs()
        tenth = self.companies[10]
        self.simulator.add_fault(
            "PATCH",
            f"contacts/{tenth.legalsense_contact_id}",
            status=503,
            retry_after=7,
        )
        result = self.perform(batch)
        self.assertEqual(
            result, "10 exported, 0 failed (each on its own job), 15 postponed."
        )
        self.assertEqual(self.patched(), self.contact_paths(self.companies[:11]))
        later = self.export_jobs()
        self.assertEqual(later.method_name, BATCH)
        self.assertEqual(later.records, self.companies[10:])
        self.assertEqual(later.kwargs, {"tries": 1})
        self.assertAlmostEqual(
            (later.eta - later.date_created).total_seconds(), 7, delta=2
        )
        self.companies.invalidate_recordset()
        self.assertEqual(
            set(self.companies[:10].mapped("legalsense_sync_state")), {"synced"}
        )
        self.assertEqual(
            set(self.companies[10:].mapped("legalsense_sync_state")), {"pending"}
        )

        self.forget_calls()
        self.perform(later)
        self.assertEqual(self.patched(), self.contact_paths(self.companies[10:]))

    def test_a_record_another_job_exports_waits_alone(self):
        busy = self.companies[2]
        self.companies.write({"phone": "+31 20 555 0000"})
        batch = self.export_jobs()
        real_lock = SyncJobs._legalsense_lock_batch

        def lock_held_elsewhere(records):
            return real_lock(records) - busy

        with mock.patch.object(SyncJobs, "_legalsense_lock_batch", lock_held_elsewhere):
            result = self.perform(batch)
        self.assertEqual(
            result, "24 exported, 0 failed (each on its own job), 1 postponed."
        )
        self.assertEqual(self.export_jobs().records, busy)
        self.assertEqual(self.patched(), self.contact_paths(self.companies - busy))

    def test_the_batch_takes_every_lock_in_one_statement_before_any_other(self):
        self.companies[:12].write({"phone": "+31 20 555 0000"})
        batch = self.export_jobs()
        statements = []
        real_execute = type(self.env.cr).execute

        def execute(cr, query, params=None, log_exceptions=True):
            statements.append(str(query))
            return real_execute(cr, query, params, log_exceptions)

        with mock.patch.object(type(self.env.cr), "execute", execute):
            Job.load(self.env, batch.uuid).perform()
        first = next(s for s in statements if "advisory" in s)
        self.assertIn("pg_try_advisory_xact_lock", first)
        self.assertIn("unnest", first)

    def test_postponed_too_often_each_record_gets_its_own_job(self):
        self.companies[:12].write({"phone": "+31 20 555 0000"})
        batch = self.export_jobs()
        self.Job.browse(batch.id).unlink()
        self.companies[:12]._legalsense_postpone(sync.JOB_MAX_RETRIES)
        jobs = self.export_jobs()
        self.assertEqual(jobs.mapped("method_name"), [sync.EXPORT_METHOD] * 12)

    def test_a_lost_create_in_a_batch_is_found_not_made_twice(self):
        self.simulator.add_fault("POST", "contacts", lost_response=True)
        self.Partner.create(
            [self.company_values(name=f"Nieuw {n:02d} B.V.") for n in range(12)]
        )
        self.perform_all()
        names = [c["organization_name"] for c in self.stored("contacts")]
        new = [name for name in names if name.startswith("Nieuw")]
        self.assertEqual(len(new), 12)
        self.assertEqual(len(set(new)), 12)

    # ------------------------------------------------------------ bulk resync

    def test_resync_sends_every_selected_record_again_in_batches(self):
        action = self.companies.action_legalsense_resync()
        jobs = self.export_jobs()
        self.assertEqual(jobs.mapped("method_name"), [BATCH])
        self.assertEqual(action["res_model"], "queue.job")
        self.assertEqual(self.Job.search(action["domain"]), jobs)
        self.assertEqual(action["context"], {"group_by": ["state"]})
        self.perform_all()
        paths = self.patched()
        self.assertEqual(
            [path for path in paths if path.startswith("contacts/")],
            self.contact_paths(self.companies),
        )
        self.assertEqual(
            sorted(path for path in paths if path.startswith("addresses/")),
            sorted(f"addresses/{c.legalsense_address_id}" for c in self.companies),
        )

        self.forget_calls()
        self.companies.write({"comment": "<p>no tracked field</p>"})
        self.perform_all()
        self.assertEqual(self.patched(), [], "sent once, then nothing again")

    def test_only_legalsense_managers_resync_in_bulk(self):
        user = new_test_user(
            self.env, "ls_user", groups="base.group_partner_manager,base.group_user"
        )
        with self.assertRaises(AccessError):
            self.companies.with_user(user).action_legalsense_resync()

    def test_a_changed_setting_offers_to_resync_what_reads_it(self):
        self.assertFalse(self.config.resync_models)
        self.config.write({"default_tax_country_code": "BE"})
        self.assertEqual(self.config.resync_models, "res.partner")
        self.config.write({"matter_status_code_new_id": 7})
        self.assertEqual(self.config.resync_models, "legal.matter,res.partner")
        self.assertIn("contacts and addresses", self.config.resync_hint)
        self.config.write({"matter_status_code_new_id": 1, "disabled": False})

        self.config.action_resync_reading_settings()
        self.assertFalse(self.config.resync_models)
        jobs = self.export_jobs()
        self.assertEqual(jobs.mapped("method_name"), [BATCH])
        self.assertEqual(jobs.records, self.companies)
        self.perform_all()
        self.assertEqual(
            [p for p in self.patched() if p.startswith("contacts/")],
            self.contact_paths(self.companies),
        )
