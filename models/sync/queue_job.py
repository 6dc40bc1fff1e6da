# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import create_index

from .common import BATCH_METHOD, JOB_RECORD_IDS, job_lock_key

_logger = logging.getLogger(__name__)

EXPORT_KEY_PREFIX = "legalsense:"
# A started export job holds its record's lock from its first statement on:
# one started longer ago whose lock is free has lost its worker.
DEAD_AFTER_SECONDS = 60


class QueueJob(models.Model):
    _inherit = "queue.job"

    # The LegalSense sync status of a record is its last job, found by its
    # identity key in every state (queue_job only indexes the pending ones).
    identity_key = fields.Char(index=True)

    def init(self):
        result = super().init()
        # The sync status of a record also looks for the batch export jobs
        # holding it (their records' ids contain it).
        create_index(
            self.env.cr,
            "queue_job_legalsense_batch_record_ids_index",
            self._table,
            [f"({JOB_RECORD_IDS}) jsonb_path_ops"],
            method="gin",
            where=f"method_name = '{BATCH_METHOD}'",
        )
        return result

    @api.model
    def _cron_legalsense_requeue_dead_exports(self):
        """Requeue the LegalSense export jobs whose worker died.

        queue_job 18.0.2 and later find dead jobs by their lock row and
        requeue them in the job runner; earlier releases leave a killed job
        *started* for ever, holding the LegalSense channel. Where there is no
        lock row, a started export job whose record lock nobody holds is
        requeued here, with one more try counted (so it looks before it
        creates again).
        """
        if "queue.job.lock" in self.env:
            return 0
        dead = self._legalsense_dead_exports()
        for job in dead:
            _logger.warning("LegalSense: requeued the dead job %s", job.uuid)
            job.write(
                {
                    "state": "pending",
                    "date_enqueued": False,
                    "date_started": False,
                    "retry": job.retry + 1,
                }
            )
        return len(dead)

    def _legalsense_dead_exports(self):
        """Started export jobs whose lock nobody holds: a record's own job
        holds its record's lock, a batch its job lock."""
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM queue_job
                 WHERE state = 'started'
                   AND (identity_key LIKE %(prefix)s OR method_name = %(batch)s)
                   AND date_started
                       < (now() at time zone 'utc') - make_interval(secs => %(dead)s)
                   AND pg_try_advisory_xact_lock(hashtext(
                       CASE WHEN method_name = %(batch)s
                            THEN %(job_prefix)s || uuid ELSE identity_key END))
                """,
                prefix=EXPORT_KEY_PREFIX + "%",
                batch=BATCH_METHOD,
                dead=DEAD_AFTER_SECONDS,
                job_prefix=job_lock_key(""),
            )
        )
        return self.browse(row[0] for row in self.env.cr.fetchall())
