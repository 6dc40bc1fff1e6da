# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The sync status a record shows (from its last job), the sync actions of
the lists and forms, and the data steward's e-mails."""

import json
import logging

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ...legalsense_client import (
    site_url,
)
from .common import (
    BATCH_METHOD,
    JOB_CHANNEL,
    JOB_FIELDS_READ,
    JOB_RECORD_IDS,
    RUNNING_JOB_STATES,
)

_logger = logging.getLogger(__name__)


class LegalsenseSyncMixin(models.AbstractModel):
    _inherit = "legalsense.sync.mixin"

    def _legalsense_last_jobs(self):
        """The last LegalSense job of each record: {record id: queue.job}."""
        if not self.ids:
            return {}
        Job = self.env["queue.job"].sudo()
        return {
            record_id: Job.browse(job_id)
            for record_id, (job_id, _state) in self._legalsense_last_job_rows(
                self.ids
            ).items()
        }

    @api.model
    def _legalsense_last_job_rows(self, ids=None):
        """{record id: (job id, state)} of each record's last export job: its
        own (by identity key) or a batch it was in. ``ids`` None: of every
        record of the model that has one."""
        self.env["queue.job"].flush_model(JOB_FIELDS_READ)
        self.env.cr.execute(self._legalsense_last_job_query(ids))
        return {
            res_id: (job_id, state) for res_id, job_id, state in self.env.cr.fetchall()
        }

    @api.model
    def _legalsense_last_job_query(self, ids=None):
        """The SQL of each record's last export job: rows (res_id, id, state),
        ``id`` that of the job (see ``_legalsense_last_job_rows``)."""
        prefix = f"legalsense:{self._name}:"
        own = SQL(
            """
            SELECT substr(identity_key, %s)::int AS res_id, id, date_created, state
              FROM queue_job WHERE identity_key LIKE %s
            """,
            len(prefix) + 1,
            prefix + "%",
        )
        batch = SQL(
            """
            SELECT job_record.id::int, job.id, job.date_created, job.state
              FROM queue_job AS job, jsonb_array_elements_text(%s) AS job_record(id)
             WHERE job.method_name = %s AND job.model_name = %s
            """,
            SQL(JOB_RECORD_IDS),
            BATCH_METHOD,
            self._name,
        )
        if ids is not None:
            keys = tuple(f"{prefix}{id_}" for id_ in ids)
            own = SQL("%s AND identity_key IN %s", own, keys)
            # Each test a containment the index on the batches' records serves.
            holds_one = SQL(" OR ").join(
                SQL("%s @> %s::jsonb", SQL(JOB_RECORD_IDS), json.dumps([id_]))
                for id_ in ids
            )
            batch = SQL(
                "%s AND (%s) AND job_record.id::int IN %s", batch, holds_one, tuple(ids)
            )
        return SQL(
            """
            SELECT DISTINCT ON (res_id) res_id, id, state
              FROM (%s UNION ALL %s) AS jobs
          ORDER BY res_id, date_created DESC, id DESC
            """,
            own,
            batch,
        )

    def _legalsense_failed(self):
        """The records whose last export job failed."""
        if not self.ids:
            return self.browse()
        last = self._legalsense_last_jobs()
        return self.filtered(
            lambda record: record.id in last and last[record.id].state == "failed"
        )

    @api.depends_context("uid")
    def _compute_legalsense_sync_state(self):
        last = self._legalsense_last_jobs() if self.ids else {}
        for record in self:
            job = last.get(record.id)
            record.legalsense_sync_error = False
            if job and job.state in RUNNING_JOB_STATES:
                record.legalsense_sync_state = "pending"
            elif job and job.state == "failed":
                record.legalsense_sync_state = "error"
                record.legalsense_sync_error = job.exc_message or job.exc_name
            elif job and job.state == "cancelled":
                record.legalsense_sync_state = "unknown"
            elif record._legalsense_is_linked():
                enabled = bool(record._legalsense_config())
                record.legalsense_sync_state = "synced" if enabled else "unknown"
            else:
                record.legalsense_sync_state = "not_synced"

    @api.model
    def _search_legalsense_sync_state(self, operator, value):
        if operator not in ("=", "!=") or value not in ("pending", "error"):
            raise NotImplementedError(
                self.env._(
                    "Search the LegalSense status for 'Pending', 'Error' or 'Conflict'."
                )
            )
        states = RUNNING_JOB_STATES if value == "pending" else ("failed",)
        ids = [
            record_id
            for record_id, (_job, state) in self._legalsense_last_job_rows().items()
            if state in states
        ]
        return [("id", "in" if operator == "=" else "not in", ids)]

    def _compute_legalsense_url(self):
        for record in self:
            path = record._legalsense_url_path()
            config = path and record._legalsense_config()
            record.legalsense_url = site_url(config.url) + path if config else False

    def _legalsense_url_path(self):
        """The path of this record in LegalSense's web interface, or ""."""
        return ""

    # ------------------------------------------------------------ actions

    def action_legalsense_sync_now(self):
        """Queue a full export of the selected records, whatever changed."""
        self.check_access("write")
        self.sudo()._legalsense_mark_resend()
        self._legalsense_queue_export()
        return True

    def action_legalsense_resync(self):
        """*Resync with LegalSense* (list action of LegalSense Managers): send
        every selected record again, whatever changed, in batch jobs. Opens
        those jobs, grouped by state: their progress."""
        if not self.env.user.has_group("legalsense.group_legalsense_manager"):
            raise AccessError(
                self.env._("Only LegalSense Managers can resync records in bulk.")
            )
        after = self._legalsense_last_job_id()
        self.action_legalsense_sync_now()
        return self._legalsense_jobs_action(after)

    @api.model
    def _legalsense_last_job_id(self):
        """The id of the newest job: the jobs queued from now on come after it."""
        return self.env["queue.job"].sudo().search([], order="id desc", limit=1).id

    def _legalsense_jobs_action(self, after):
        """The LegalSense jobs this user queued after job ``after``, by state
        (not by date: a date holds whole seconds)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "queue_job.action_queue_job"
        )
        action.update(
            name=self.env._("LegalSense resync"),
            domain=[
                ("channel", "=", JOB_CHANNEL),
                ("user_id", "=", self.env.uid),
                ("id", ">", after or 0),
            ],
            context={"group_by": ["state"]},
        )
        return action

    def _legalsense_mark_resend(self):
        """Make the next export of these records send each LegalSense record
        again, whatever it held (one statement, however many records)."""
        if not self.ids:
            return
        self.flush_recordset(["legalsense_sync_data"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE %s SET legalsense_sync_data = (
                    SELECT jsonb_object_agg(
                        facet.key,
                        facet.value || '{"digest": null, "resend": true}'::jsonb)
                      FROM jsonb_each(legalsense_sync_data) AS facet
                )
                 WHERE id IN %s AND jsonb_typeof(legalsense_sync_data) = 'object'
                   AND legalsense_sync_data != '{}'::jsonb
                """,
                SQL.identifier(self._table),
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["legalsense_sync_data"])

    # ------------------------------------------------------------ notifications

    def _legalsense_notify_data_steward(self, config, subject, body):
        """E-mail the data steward of ``config`` (the manual's notifications).

        The e-mail is queued in a transaction of its own: it is often about a
        job that fails right after, and must not be rolled back with it.
        """
        steward = config.data_steward_id
        if not steward.email:
            _logger.warning(
                "LegalSense: no data steward e-mail to send '%s' to", subject
            )
            return False
        values = {
            "subject": subject,
            "body_html": body,
            "email_to": steward.email_formatted,
            "auto_delete": False,
        }
        with self.env.registry.cursor() as cr:
            mail = self.env(cr=cr, su=True)["mail.mail"].create(values)
            mail.env.flush_all()
        return True
