"""The addon on the queue_job release it names (``requirements-oca.txt``).

What changed between the queue_job 18.0 releases the addon supports, and
what it relies on: the declared range, the job function records (channel and
retry pattern), identity-key collapse and the requeue of a dead job.
``trap_jobs`` is what every other test of the addon performs jobs with.
"""

import datetime
import logging
import os
import re

from odoo import fields
from odoo.tests import tagged

from odoo.addons.queue_job.job import Job

from ..models.partner.partner_sync import SyncRun
from .partner_common import LegalSensePartnerCase

_logger = logging.getLogger(__name__)

REQUIREMENTS = os.path.join(
    os.path.dirname(os.path.dirname(__file__)), "requirements-oca.txt"
)
RETRY_PATTERN = {1: 10, 5: 60, 10: 300, 15: 1800}


def version_tuple(text):
    return tuple(int(part) for part in text.split("."))


def declared_range(distribution):
    """(lowest, below) versions of ``distribution`` in requirements-oca.txt."""
    with open(REQUIREMENTS, encoding="utf-8") as requirements:
        for line in requirements:
            match = re.match(
                rf"{re.escape(distribution)}>=([\d.]+),<([\d.]+)", line.strip()
            )
            if match:
                return version_tuple(match.group(1)), version_tuple(match.group(2))
    raise AssertionError(f"{distribution} has no range in requirements-oca.txt")


def queue_job_version(env):
    module = env["ir.module.module"].search([("name", "=", "queue_job")])
    return module.latest_version


def has_job_locks(env):
    """queue_job 18.0.2 and later find dead jobs by their lock row."""
    return "queue.job.lock" in env


@tagged("post_install", "-at_install")
class TestQueueJobRelease(LegalSensePartnerCase):
    def test_installed_queue_job_is_in_the_declared_range(self):
        installed = queue_job_version(self.env)
        lowest, below = declared_range("odoo-addon-queue_job")
        _logger.info("legalsense runs on queue_job %s", installed)
        self.assertGreaterEqual(version_tuple(installed)[: len(lowest)], lowest)
        self.assertLess(version_tuple(installed), below)

    def test_job_functions_run_on_the_legalsense_channel_with_back_off(self):
        functions = self.env["queue.job.function"].search(
            [("method", "in", ("_legalsense_job_export", "_legalsense_job_remove"))]
        )
        self.assertEqual(
            set(functions.mapped("model_id.model")),
            {
                "res.partner",
                "legal.matter",
                "legal.matter.debtor",
                "legal.matter.party",
            },
        )
        for function in functions:
            self.assertEqual(function.channel, "root.legalsense")
            pattern = {
                int(tries): seconds for tries, seconds in function.retry_pattern.items()
            }
            self.assertEqual(pattern, RETRY_PATTERN)

    def test_retry_pattern_postpones_the_job(self):
        partner = self.Partner.with_context(legalsense_no_export=True).create(
            self.company_values()
        )
        job = partner.with_delay()._legalsense_job_export()
        seconds = {}
        for retry in (1, 4, 5, 10, 15, 19):
            job.retry = retry
            seconds[retry] = job._get_retry_seconds()
        self.assertEqual(seconds, {1: 10, 4: 10, 5: 60, 10: 300, 15: 1800, 19: 1800})
        self.assertEqual(job._get_retry_seconds(120), 120, "Retry-After wins")

    def test_saves_collapse_into_one_stored_job(self):
        partner = self.Partner.create(self.company_values())
        partner.write({"phone": "+31 20 1"})
        partner.write({"phone": "+31 20 2"})
        jobs = self.env["queue.job"].search(
            [("identity_key", "=", partner._legalsense_identity_key())]
        )
        self.assertEqual(len(jobs), 1)
        self.assertEqual(jobs.state, "pending")

    def test_a_dead_job_is_requeued_and_looks_before_creating(self):
        if not has_job_locks(self.env):
            self.skipTest(
                f"queue_job {queue_job_version(self.env)} does not requeue the "
                "started jobs of a dead worker (18.0.2 and later do)"
            )
        from odoo.addons.queue_job.jobrunner.runner import Database

        partner = self.Partner.create(self.company_values())
        record = self.env["queue.job"].search(
            [("identity_key", "=", partner._legalsense_identity_key())]
        )
        # A worker started the job, created the contact, and was killed:
        # its lock row is there, locked by nobody.
        job = Job.load(self.env, record.uuid)
        job.set_started()
        job.store()
        job.add_lock_record()
        record.date_enqueued = fields.Datetime.now() - datetime.timedelta(minutes=2)
        record.flush_recordset()
        payload = self.simulator_payload_of(partner)
        self.config._get_client().create("contacts", payload)

        self.env.cr.execute(Database._query_requeue_dead_jobs(None))
        self.assertEqual(self.env.cr.fetchall(), [(record.uuid,)])
        record.invalidate_recordset()
        self.assertEqual((record.state, record.retry), ("pending", 1))

        self.forget_calls()
        Job.load(self.env, record.uuid).perform()
        self.assertEqual(len(self.stored("contacts")), 1)
        self.assertNotIn("POST contacts", self.call_lines())
        self.assertEqual(
            partner.legalsense_contact_id, self.stored("contacts")[0]["id"]
        )

    def simulator_payload_of(self, partner):
        client = self.config._get_client()
        return partner._legalsense_contact_builder(
            SyncRun(self.env, self.config, client)
        )(None)

    def test_without_job_locks_a_dead_export_is_requeued_by_the_addon(self):
        partner = self.Partner.create(self.company_values())
        record = self.env["queue.job"].search(
            [("identity_key", "=", partner._legalsense_identity_key())]
        )
        job = Job.load(self.env, record.uuid)
        job.set_started()
        job.store()
        record.date_started = fields.Datetime.now() - datetime.timedelta(minutes=2)
        record.flush_recordset()
        requeued = self.env["queue.job"]._cron_legalsense_requeue_dead_exports()
        record.invalidate_recordset()
        if has_job_locks(self.env):
            # The job runner of this queue_job release requeues it.
            self.assertEqual((requeued, record.state), (0, "started"))
        else:
            self.assertEqual((requeued, record.state, record.retry), (1, "pending", 1))
