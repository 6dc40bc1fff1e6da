# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A create sent to LegalSense whose id the Odoo record does not hold yet.

The sync mixin writes one before each POST and its LegalSense id as soon as
LegalSense answers, each in a transaction of its own that touches no synced
record (so a user saving that record at the same moment cannot make it
fail). The row goes in the same transaction that stores the id on the
record. Whatever runs a job again after its POST (queue_job's retry, Odoo's
retry of a serialization failure, a requeue by hand or of a dead worker's
job) finds the row, and with it the LegalSense record the first try made:
by its id, or else by the payload that try sent.
"""

import json
import math

from psycopg2.extras import Json

from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.queue_job.exception import RetryableJobError

# A POST whose answer was lost may still be carried out by LegalSense: it is
# not sent again until this many read time-outs after it was sent.
LATE_ANSWER_TIMEOUTS = 2


def _dumps(value):
    return json.dumps(value, default=str)


class LegalsenseSyncAttempt(models.Model):
    _name = "legalsense.sync.attempt"
    _description = "LegalSense create in flight"
    _order = "id"

    res_model = fields.Char("Model", required=True, readonly=True)
    res_id = fields.Many2oneReference(
        "Record", model_field="res_model", required=True, readonly=True
    )
    facet = fields.Char(required=True, readonly=True)
    payload = fields.Json(readonly=True, help="What the first try sent.")
    remote_id = fields.Integer(
        "LegalSense id", readonly=True, help="Set once LegalSense answered."
    )
    answered = fields.Boolean(
        readonly=True,
        help="LegalSense answered the POST (with its id, or with an error): "
        "no late answer can come.",
    )

    _sql_constraints = [
        (
            "record_facet_unique",
            "unique(res_model, res_id, facet)",
            "One create in flight per LegalSense record of an Odoo record.",
        )
    ]

    def _find(self, record, facet):
        """The attempt of ``record``'s ``facet``, or an empty recordset."""
        return self.sudo().search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("facet", "=", facet.name),
            ],
            limit=1,
        )

    def _record(self, record, facet, payload, remote_id=None, answered=False):
        """Write the attempt of ``record``'s ``facet`` and commit it at once.

        Its ``write_date`` is the moment its POST is sent (``remote_id`` and
        ``answered`` unset), or answered."""
        with self.env.registry.cursor() as cr:
            cr.execute(
                SQL(
                    """
                    INSERT INTO legalsense_sync_attempt
                           (res_model, res_id, facet, payload, remote_id, answered,
                            create_uid, create_date, write_uid, write_date)
                    VALUES (%(model)s, %(id)s, %(facet)s, %(payload)s, %(remote)s,
                            %(answered)s, %(uid)s, now() at time zone 'utc',
                            %(uid)s, now() at time zone 'utc')
                    ON CONFLICT (res_model, res_id, facet) DO UPDATE
                       SET payload = EXCLUDED.payload,
                           remote_id = EXCLUDED.remote_id,
                           answered = EXCLUDED.answered,
                           write_uid = EXCLUDED.write_uid,
                           write_date = EXCLUDED.write_date
                    """,
                    model=record._name,
                    id=record.id,
                    facet=facet.name,
                    payload=Json(payload, dumps=_dumps),
                    remote=remote_id,
                    answered=bool(remote_id or answered),
                    uid=self.env.uid,
                )
            )

    def _record_answered(self, record, facet):
        """LegalSense answered the POST of ``record``'s ``facet`` with an
        error: no late answer can come (committed at once)."""
        with self.env.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "UPDATE legalsense_sync_attempt SET answered = TRUE"
                    " WHERE res_model = %s AND res_id = %s AND facet = %s",
                    record._name,
                    record.id,
                    facet.name,
                )
            )

    def _unanswered_since(self):
        """When this create was sent, if its answer never came (a lost
        answer, a worker killed during its POST): a datetime string, or
        None. LegalSense may still carry it out for a while."""
        if self.remote_id or self.answered:
            return None
        return fields.Datetime.to_string(self.write_date)

    @staticmethod
    def _await_late_answer(client, sent, resource):
        """Before a create sent at ``sent`` (string, UTC) and not found is
        sent again: while LegalSense may still carry it out, try later."""
        if not sent:
            return
        window = LATE_ANSWER_TIMEOUTS * client.timeout[1]
        age = (
            fields.Datetime.now() - fields.Datetime.to_datetime(sent)
        ).total_seconds()
        if age >= window:
            return
        seconds = math.ceil(window - age)
        raise RetryableJobError(
            f"The answer of LegalSense to creating {resource} never came and "
            f"the record is not found yet: looking again in {seconds} s, "
            "before creating it again.",
            seconds=seconds,
            ignore_retry=True,
        )

    def _settle(self, cr, record, facet_name):
        """Remove the attempt in ``cr``, the transaction storing the id."""
        cr.execute(
            SQL(
                "DELETE FROM legalsense_sync_attempt"
                " WHERE res_model = %s AND res_id = %s AND facet = %s",
                record._name,
                record.id,
                facet_name,
            )
        )
