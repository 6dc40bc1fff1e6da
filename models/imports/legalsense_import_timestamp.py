# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""When a periodic import of a company last ran, and the lock of its runs.

A run takes the row of its timestamp ``FOR UPDATE`` for as long as it works
(connector-jira's backend timestamps do the same): a second run of the same
company and kind finds the row locked and is skipped, so two runs never
overlap. The time is only moved forward by a run that finished.
"""

from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

KEYS = [("nightly", "Nightly job"), ("changed_clients", "Changed clients")]
# Job 5: "defaults to 1 day ago on the first run".
FIRST_RUN_SINCE = timedelta(days=1)


class LegalsenseImportTimestamp(models.Model):
    _name = "legalsense.import.timestamp"
    _description = "LegalSense import timestamp"
    _rec_name = "key"

    company_id = fields.Many2one(
        "res.company", required=True, ondelete="cascade", index=True
    )
    key = fields.Selection(KEYS, required=True)
    last_run = fields.Datetime(
        readonly=True, help="When the last finished run of this kind started."
    )

    _sql_constraints = [
        ("company_key_unique", "unique(company_id, key)", "One timestamp per kind.")
    ]

    @api.model
    def _get(self, company, key):
        """The timestamp of ``company`` and ``key`` (created when missing).

        Created in the current transaction: runs create theirs when they are
        started, so the job that locks it later finds it committed.
        """
        domain = [("company_id", "=", company.id), ("key", "=", key)]
        stamp = self.sudo().search(domain, limit=1)
        if stamp:
            return stamp
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO legalsense_import_timestamp
                       (company_id, key, create_uid, create_date,
                        write_uid, write_date)
                VALUES (%s, %s, %s, now() at time zone 'UTC',
                        %s, now() at time zone 'UTC')
                ON CONFLICT (company_id, key) DO NOTHING
                """,
                company.id,
                key,
                self.env.uid,
                self.env.uid,
            )
        )
        return self.sudo().search(domain, limit=1)

    @api.model
    def _lock_all(self, company, keys):
        """The timestamps of ``keys`` locked until the transaction ends, or None
        when another run holds one of them."""
        stamps = self.browse()
        for key in keys:
            stamp = self._get(company, key)
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM legalsense_import_timestamp "
                    "WHERE id = %s FOR UPDATE SKIP LOCKED",
                    stamp.id,
                )
            )
            if not self.env.cr.fetchone():
                return None
            stamps |= stamp
        return stamps

    def _since(self):
        """Changes since the last run; one day ago when it never ran."""
        self.ensure_one()
        return self.last_run or fields.Datetime.now() - FIRST_RUN_SINCE

    def _write_last_run(self, moment):
        """Move the last run forward to ``moment`` (never backwards)."""
        for stamp in self:
            if not stamp.last_run or stamp.last_run < moment:
                stamp.sudo().last_run = moment
