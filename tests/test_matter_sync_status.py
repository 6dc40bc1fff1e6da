"""§ Matter: Status Codes, Soft-Kill Status, Archive Date and § Matter Archiving."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.queue_job.job import Job

from ..models.matter.legal_matter_status import resync_after_rollback
from .matter_common import (
    STATUS_ACTIVE,
    STATUS_ARCHIVED,
    STATUS_CLOSED,
    STATUS_NEW,
    LegalSenseMatterCase,
)

REASON = "Er staan nog onbetaalde uren open."


@tagged("post_install", "-at_install")
class TestMatterStatus(LegalSenseMatterCase):
    def assert_ls_state(self, matter, status, softkill, archived_date):
        stored = self.ls_matter(matter)
        self.assertEqual(
            (
                stored["matter_status"],
                stored["softkill_status"],
                stored["archived_date"],
            ),
            ({"id": status}, softkill, archived_date),
        )

    def test_status_machine_over_a_matters_life(self):
        matter = self.create_matter()
        self.assert_ls_state(matter, STATUS_NEW, 1, None)
        self.run_all_jobs(matter.action_verify)
        self.assert_ls_state(matter, STATUS_ACTIVE, 1, None)
        self.run_all_jobs(lambda: matter.write({"close_date": "2024-06-01"}))
        self.assertEqual(matter.state, "closed")
        self.assert_ls_state(matter, STATUS_CLOSED, 2, "2024-06-01")
        self.run_all_jobs(matter.action_reopen)
        self.assert_ls_state(matter, STATUS_ACTIVE, 1, None)
        self.run_all_jobs(
            lambda: matter.write(
                {"close_date": "2024-07-01", "archive_date": "2024-07-02"}
            )
        )
        self.assertEqual(matter.state, "archived")
        self.assert_ls_state(matter, STATUS_ARCHIVED, 2, "2024-07-01")
        self.assertEqual(len(self.ls_matters()), 1)

    def test_closing_is_checked_before_the_date_is_stored(self):
        matter = self.create_matter(is_verified=True)
        self.forget_calls()
        with self.trapped_jobs() as trap:
            matter.write({"close_date": "2024-06-01"})
            # The matter was closed in LegalSense during the save...
            self.assertEqual(
                self.call_lines(), [f"PATCH matters/{matter.legalsense_matter_id}"]
            )
            body = self.calls()[0][2]
            self.assertEqual(
                (body["archived_date"], body["softkill_status"], body["matter_status"]),
                ("2024-06-01", 2, {"id": STATUS_CLOSED}),
            )
            trap.perform_enqueued_jobs()
        # ... and its job has nothing left to send.
        self.assertEqual(len(self.call_lines()), 1)
        self.assert_ls_state(matter, STATUS_CLOSED, 2, "2024-06-01")

    def test_refused_close_keeps_no_date(self):
        matter = self.create_matter()
        self.simulator.refuse_close(matter.legalsense_matter_id, REASON)
        self.forget_calls()
        with self.trapped_jobs() as trap:
            with self.assertRaisesRegex(UserError, REASON):
                matter.write({"close_date": "2024-06-01"})
            self.assertFalse(trap.enqueued_jobs)
        self.assertFalse(matter.close_date)
        self.assertEqual(matter.state, "new")
        self.assert_ls_state(matter, STATUS_NEW, 1, None)
        with self.assertRaisesRegex(UserError, REASON):
            matter.action_archive_matter()
        self.assertFalse(matter.archive_date)

    def test_close_refused_in_the_job_is_undone_and_explained(self):
        # Without the soft-kill setting there is no check at save time: the
        # job meets the refusal (e.g. LegalSense was unreachable at save time).
        self.set_config(sync_matter_soft_kill_status_field=False)
        matter = self.create_matter()
        self.simulator.refuse_close(matter.legalsense_matter_id, REASON)
        self.forget_calls()
        self.run_all_jobs(
            lambda: matter.write({"close_date": "2024-06-01", "client_reference": "R"})
        )
        self.assertFalse(matter.close_date)
        stored = self.ls_matter(matter)
        self.assertIsNone(stored["archived_date"])
        self.assertEqual(stored["client_reference"], "R")
        self.assertIn(REASON, matter.message_ids[0].body)
        activity = matter.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertIn(REASON, activity.note)

    def test_unreachable_at_save_time_the_job_closes(self):
        matter = self.create_matter()
        path = f"matters/{matter.legalsense_matter_id}"
        self.simulator.add_fault("PATCH", path, status=503)
        self.run_all_jobs(lambda: matter.write({"close_date": "2024-06-01"}))
        self.assertEqual(str(matter.close_date), "2024-06-01")
        self.assert_ls_state(matter, STATUS_CLOSED, 2, "2024-06-01")

    def test_archive_matter_role(self):
        self.set_config(archive_matter_role=True)
        matter = self.create_matter(is_verified=True)
        self.forget_calls()
        self.run_all_jobs(lambda: matter.write({"close_date": "2024-06-01"}))
        self.assert_ls_state(matter, STATUS_CLOSED, 1, None)
        self.run_all_jobs(
            lambda: matter.write({"archive_date": "2024-08-01", "archive_number": "9"})
        )
        self.assert_ls_state(matter, STATUS_ARCHIVED, 2, "2024-08-01")

    def test_archive_date_and_soft_kill_from_the_archive_date(self):
        self.set_config(
            sync_matter_archive_date_field="ArchiveDate",
            sync_matter_soft_kill_status_field="ArchiveDate",
        )
        matter = self.create_matter(is_verified=True)
        self.run_all_jobs(lambda: matter.write({"close_date": "2024-06-01"}))
        self.assert_ls_state(matter, STATUS_CLOSED, 1, None)
        self.run_all_jobs(lambda: matter.write({"archive_date": "2024-08-01"}))
        self.assert_ls_state(matter, STATUS_ARCHIVED, 2, "2024-08-01")

    def test_status_ids_of_zero_are_off(self):
        self.set_config(
            matter_status_code_new_id=0,
            matter_status_code_active_id=0,
            matter_status_code_closed_id=0,
            matter_status_code_archived_id=0,
        )
        matter = self.create_matter()
        self.run_all_jobs(lambda: matter.write({"close_date": "2024-06-01"}))
        for _method, _path, body in self.calls():
            if body and "name" in body:
                self.assertNotIn("matter_status", body)
        # LegalSense's own default: the lowest status.
        self.assertEqual(self.ls_matter(matter)["matter_status"], {"id": 1})

    def test_a_save_rolled_back_after_the_close_sends_the_matter_again(self):
        matter = self.create_matter(is_verified=True)
        self.run_all_jobs(lambda: matter.write({"close_date": "2024-06-01"}))
        # As if the save had been rolled back: Odoo has no close date, but
        # LegalSense closed the matter during the save.
        matter.with_context(legalsense_no_export=True).write({"close_date": False})
        self.forget_calls()
        # The hook runs after the rollback, in a transaction of its own.
        resync_after_rollback(self.env.cr.dbname, self.env.uid, matter.ids)
        job = self.env["queue.job"].search(
            [("identity_key", "=", matter._legalsense_identity_key())]
        )
        self.assertEqual(job.state, "pending")
        Job.load(self.env, job.uuid).perform()
        self.assert_ls_state(matter, STATUS_ACTIVE, 1, None)
