"""The sync health: every synced record with the status of its last job.

Its jobs are stored in the job queue and failed as the job runner fails
them, so each record's own ``legalsense_sync_state`` reads the same jobs.
"""

import re
import traceback
from unittest import mock

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.queue_job.job import Job

from ..models.sync import common as sync
from .admin_urls_common import AdminUrlsCase, queue
from .matter_common import LegalSenseMatterCase

# A record's own status, named as the sync health names it.
HEALTH_STATUS = {"error": "failed"}
BATCH_FAILURE = "LegalSense is down for maintenance.\nTry again after 18:00."


def set_job_date(job, date):
    """Date ``job`` as if it was queued at ``date`` (queue_job protects it)."""
    job.flush_recordset()
    job.env.cr.execute(
        "UPDATE queue_job SET date_created = %s WHERE id = %s", (date, job.id)
    )
    job.invalidate_recordset()


@tagged("post_install", "-at_install")
class TestSyncHealth(LegalSenseMatterCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Health = cls.env["legalsense.sync.health"]
        cls.Job = cls.env["queue.job"]

    def setUp(self):
        super().setUp()
        # Exported by jobs that ran: synced.
        self.synced = self.create_synced(self.company_values(name="Gesynct B.V."))
        self.matter = self.create_matter(client=self.synced)
        self.not_synced = self.Partner.with_context(legalsense_no_export=True).create(
            self.company_values(name="Niet gesynct B.V.")
        )
        # A save queues a job that has not run yet.
        self.pending = self.create_synced(self.company_values(name="Wacht B.V."))
        self.pending.phone = "+31 20 555 0101"
        # A job cancelled: what LegalSense holds is not known.
        self.cancelled = self.create_synced(self.company_values(name="Gestopt B.V."))
        self.cancelled.phone = "+31 20 555 0202"
        self.own_job(self.cancelled).button_cancelled()
        # LegalSense refuses a new contact: its job fails.
        self.simulator.add_fault(
            "POST",
            "contacts",
            status=400,
            body={"detail": "Name refused.", "code": "invalid", "field": "name"},
        )
        self.failed = self.Partner.create(self.company_values(name="Fout B.V."))
        self.run_failing(self.own_job(self.failed))
        # A batch of records whose job failed as a whole.
        self.batch = self.create_synced(
            [self.company_values(name=f"Batch {n:02d} B.V.") for n in range(11)]
        )
        self.batch.write({"phone": "+31 20 555 0303"})
        batch_job = self.Job.search([("method_name", "=", sync.BATCH_METHOD)])
        self.assertEqual(batch_job.records, self.batch)
        with mock.patch.object(
            type(self.Partner),
            "_legalsense_lock_batch",
            side_effect=UserError(BATCH_FAILURE),
        ):
            self.run_failing(batch_job)

    # ------------------------------------------------------------ helpers

    def own_job(self, record):
        return self.Job.search(
            [("identity_key", "=", record._legalsense_identity_key())],
            order="id desc",
            limit=1,
        )

    def run_failing(self, job_record):
        """Perform a stored job that fails; store its failure as the job
        runner does."""
        self.env.flush_all()
        job = Job.load(self.env, job_record.uuid)
        job.set_started()
        try:
            job.perform()
        except Exception as error:  # noqa: BLE001 - as the job runner
            job.set_failed(
                exc_info=traceback.format_exc(),
                exc_name=f"{type(error).__module__}.{type(error).__name__}",
                exc_message=error.args[0] if error.args else str(error),
            )
            job.store()
        else:
            self.fail(f"{job_record.name} did not fail")
        self.env.invalidate_all()

    def rows(self, records):
        return self.Health.search(
            [("res_model", "=", records._name), ("res_id", "in", records.ids)]
        )

    def statuses(self, records):
        """{record: its status in the sync health}."""
        return {records.browse(row.res_id): row.status for row in self.rows(records)}

    def health_status(self, record):
        state = record.legalsense_sync_state
        return HEALTH_STATUS.get(state, state)

    # ------------------------------------------------------------ rows

    def test_each_record_in_its_status(self):
        expected = {
            self.synced: "synced",
            self.not_synced: "not_synced",
            self.pending: "pending",
            self.cancelled: "unknown",
            self.failed: "failed",
            **dict.fromkeys(self.batch, "failed"),
        }
        records = self.Partner.concat(*expected)
        self.assertEqual(self.statuses(records), expected)
        self.assertEqual(self.statuses(self.matter), {self.matter: "synced"})
        row = self.rows(self.failed)
        self.assertEqual(row.display_name, "Fout B.V.")
        self.assertEqual(row.job_id, self.own_job(self.failed))
        self.assertEqual(row.job_date, row.job_id.date_created)
        self.assertEqual(row.company_id, self.failed.company_id)

    def test_every_row_says_what_its_record_says(self):
        for model_name in self.Health._synced_models():
            records = self.env[model_name].with_context(active_test=False).search([])
            if model_name == "res.partner":
                records = records.filtered(lambda r: r._legalsense_is_syncable())
            self.assertEqual(
                self.statuses(records),
                {record: self.health_status(record) for record in records},
                model_name,
            )

    def test_partners_the_sync_never_exports_are_left_out(self):
        partners = self.Partner.with_context(active_test=False).search([])
        counted = partners.browse(
            self.Health.search([("res_model", "=", "res.partner")]).mapped("res_id")
        )
        never = partners.filtered(lambda partner: not partner._legalsense_is_syncable())
        self.assertEqual(partners - counted, never)
        self.assertIn(self.company.partner_id, never)
        self.assertIn(self.jan.partner_id, never)
        portal = new_test_user(self.env, "ls_health_portal", groups="base.group_portal")
        self.assertTrue(self.rows(portal.partner_id), "a portal user's partner syncs")

    def test_a_record_of_another_company_without_legalsense_has_status_unknown(self):
        other = self.env["res.company"].create({"name": "Kantoor zonder LegalSense"})
        self.synced.company_id = other
        self.env.flush_all()
        self.assertEqual(self.synced.legalsense_sync_state, "unknown")
        self.assertEqual(self.statuses(self.synced), {self.synced: "unknown"})

    def test_failures_grouped_by_reason(self):
        groups = self.Health._read_group(
            [("status", "=", "failed")], ["reason"], ["__count"]
        )
        refused = self.own_job(self.failed).exc_message
        self.assertIn("Name refused.", refused)
        self.assertEqual(
            dict(groups),
            {
                refused.splitlines()[0]: 1,
                "LegalSense is down for maintenance.": len(self.batch),
            },
        )
        self.assertIn(BATCH_FAILURE, self.batch[0].legalsense_sync_error)

    def test_counts_per_type_and_status(self):
        counts = self.Health._status_counts()
        self.assertEqual(sorted(counts), sorted(self.Health._synced_models()))
        for model_name, numbers in counts.items():
            records = self.env[model_name].with_context(active_test=False).search([])
            if model_name == "res.partner":
                records = records.filtered(lambda r: r._legalsense_is_syncable())
            expected = dict.fromkeys(numbers, 0)
            for record in records:
                expected[self.health_status(record)] += 1
            self.assertEqual(numbers, expected, model_name)
        self.assertEqual(counts["res.partner"]["failed"], 1 + len(self.batch))
        self.assertGreaterEqual(counts["legal.matter"]["synced"], 1)

    def test_the_oldest_pending_job_comes_first(self):
        later = self.create_synced(self.company_values(name="Later B.V."))
        later.phone = "+31 20 555 0404"
        set_job_date(self.own_job(self.pending), "2024-05-06 07:08:09")
        rows = self.Health.search([("status", "=", "pending")])
        self.assertEqual(rows[0].res_id, self.pending.id)
        self.assertEqual(self.Health._oldest_pending(), rows[0])
        set_job_date(self.own_job(self.pending), "2099-01-01 00:00:00")
        self.assertEqual(self.Health._oldest_pending().res_id, later.id)

    # ------------------------------------------------------------ actions

    def run_server_action(self, xmlid, rows):
        action = self.env.ref(xmlid)
        return action.with_context(
            active_model=rows._name, active_ids=rows.ids, active_id=rows[:1].id
        ).run()

    def test_requeue_puts_the_failed_jobs_back_to_pending(self):
        rows = self.rows(self.failed | self.pending | self.synced | self.batch[:1])
        pending_job = self.own_job(self.pending)
        result = self.run_server_action(
            "legalsense.legalsense_sync_health_action_requeue_failed", rows
        )
        self.assertEqual(result["tag"], "display_notification")
        self.assertEqual(self.own_job(self.failed).state, "pending")
        batch_job = self.Job.search([("method_name", "=", sync.BATCH_METHOD)])
        self.assertEqual(batch_job.state, "pending")
        self.assertEqual(self.own_job(self.pending), pending_job)
        self.env.invalidate_all()
        self.assertEqual(self.failed.legalsense_sync_state, "pending")
        self.assertEqual(
            set(self.statuses(self.failed | self.batch).values()), {"pending"}
        )
        self.assertEqual(self.statuses(self.synced), {self.synced: "synced"})
        self.assertFalse(self.Health.search([("status", "=", "failed")]))

    def test_resync_queues_the_export_of_the_selected_records(self):
        rows = self.rows(self.synced) | self.rows(self.matter)
        action = self.run_server_action(
            "legalsense.legalsense_sync_health_action_resync", rows
        )
        self.assertEqual(action["res_model"], "queue.job")
        jobs = self.Job.search(action["domain"])
        for record in (self.synced, self.matter):
            self.assertIn(self.own_job(record), jobs)
            self.assertEqual(self.own_job(record).state, "pending")
        self.env.invalidate_all()
        self.assertEqual(self.synced.legalsense_sync_state, "pending")
        self.assertEqual(self.statuses(self.synced), {self.synced: "pending"})
        self.assertEqual(self.statuses(self.matter), {self.matter: "pending"})

    # ------------------------------------------------------------ access and views

    def test_only_managers_see_the_sync_health(self):
        user = new_test_user(
            self.env,
            "ls_health_user",
            groups="base.group_user,legalsense.group_legalsense_user",
            company_id=self.company.id,
            company_ids=self.company.ids,
        )
        with self.assertRaises(AccessError):
            self.Health.with_user(user).search([])
        menu = self.env.ref("legalsense.legalsense_sync_health_menu")
        manager = self.env.ref("legalsense.group_legalsense_manager")
        self.assertEqual(menu.groups_id, manager)
        for xmlid in (
            "legalsense.legalsense_sync_health_action_requeue_failed",
            "legalsense.legalsense_sync_health_action_resync",
        ):
            self.assertEqual(self.env.ref(xmlid).groups_id, manager, xmlid)
        self.assertLess(
            menu.sequence,
            self.env.ref("legalsense.legalsense_queue_job_failed_menu").sequence,
        )

    def test_views(self):
        views = self.Health.get_views(
            [(False, kind) for kind in ("list", "pivot", "graph", "kanban", "search")]
        )["views"]
        pivot = etree.fromstring(views["pivot"]["arch"])
        self.assertEqual(
            [(f.get("name"), f.get("type")) for f in pivot.iter("field")],
            [("res_model", "row"), ("status", "col")],
        )
        graph = etree.fromstring(views["graph"]["arch"])
        self.assertEqual(graph.get("stacked"), "1")
        self.assertEqual(
            [f.get("name") for f in graph.iter("field")], ["status", "res_model"]
        )
        search = etree.fromstring(views["search"]["arch"])
        filters = {f.get("name") for f in search.iter("filter")}
        self.assertLessEqual(
            {"failed", "pending", "synced", "not_synced", "group_reason"}, filters
        )

    def test_partner_and_matter_filters(self):
        self.matter.name = "Jansen / huurgeschil, hoger beroep"
        self.assertEqual(self.matter.legalsense_sync_state, "pending")
        for model_name, failed, pending in (
            ("res.partner", self.failed | self.batch, self.pending),
            ("legal.matter", self.Matter, self.matter),
        ):
            Model = self.env[model_name]
            arch = Model.get_views([(False, "search")])["views"]["search"]["arch"]
            filters = {
                node.get("name"): node for node in etree.fromstring(arch).iter("filter")
            }
            for name, label, expected in (
                ("legalsense_error", "LegalSense: failed", failed),
                ("legalsense_pending", "LegalSense: pending", pending),
            ):
                node = filters[name]
                self.assertEqual(node.get("string"), label, model_name)
                domain = [("id", "in", (failed | pending).ids)]
                domain += safe_eval(node.get("domain"))
                self.assertEqual(Model.search(domain), expected, label)


@tagged("post_install", "-at_install")
class TestSyncHealthStartPage(AdminUrlsCase):
    def page_counts(self, html):
        cells = re.findall(
            r'o_legalsense_sync_count" data-model="([^"]+)" '
            r'data-state="([^"]+)">\s*(?:<a[^>]*>)?\s*(\d+)',
            html,
        )
        counts = {}
        for model_name, state, number in cells:
            counts.setdefault(model_name, {})[state] = int(number)
        return counts

    def test_the_start_page_counts_what_the_sync_health_counts(self):
        Partner = self.env["res.partner"].with_context(legalsense_import=True)
        Partner.create({"name": "Gekoppeld", "legalsense_contact_id": 11})
        pending = Partner.create({"name": "Wacht", "legalsense_contact_id": 13})
        failed = Partner.create({"name": "Fout"})
        Partner.create({"name": "Niet gekoppeld"})
        set_job_date(queue(pending, self.company), "2024-05-06 07:08:09")
        queue(failed, self.company).write({"state": "failed", "exc_message": "refused"})
        self.login(self.manager)
        page = self.get("").text
        health = self.env["legalsense.sync.health"].with_user(self.manager)
        health = health.with_company(self.company)
        self.assertEqual(self.page_counts(page), health._status_counts())
        partners = self.page_counts(page)["res.partner"]
        self.assertEqual(
            (partners["synced"], partners["pending"], partners["failed"]), (1, 1, 1)
        )
        self.assertGreaterEqual(partners["not_synced"], 2)
        oldest = re.search(
            r'o_legalsense_oldest_pending">(.*?)</span>\s*</p>', page, re.DOTALL
        ).group(1)
        self.assertIn("Wacht", oldest)
        self.assertIn("2024", oldest)
        self.assertIn(
            'href="/odoo/action-legalsense.legalsense_sync_health_action"', page
        )
