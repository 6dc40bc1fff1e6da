# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The sync health: every synced record with the status of its last job.

One read-only row per record of each model synced to LegalSense (those
with the sync mixin), as the record's own ``legalsense_sync_state`` says
it: its last export job (its own or a batch it was in) pending, failed or
cancelled, else synced when it is linked to LegalSense (and LegalSense is
on for its company), else not synced. The records the sync never exports
(the firm's own partners) are left out. The rows are a query, run on each
read: they are never out of date.
"""

from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from .common import JOB_FIELDS_READ, RUNNING_JOB_STATES
from .legalsense_sync_conflicts import has_conflicts_sql

MIXIN = "legalsense.sync.mixin"
STATUSES = [
    ("synced", "Synced"),
    ("conflict", "Conflict"),
    ("pending", "Pending"),
    ("failed", "Failed"),
    ("not_synced", "Not synced"),
    ("unknown", "Status unknown"),
]
# What the query reads besides the synced records themselves.
JOB_FIELDS = (*JOB_FIELDS_READ, "exc_message", "exc_name")
CONFIG_FIELDS = ("company_id", "disabled", "url")


class LegalsenseSyncHealth(models.Model):
    _name = "legalsense.sync.health"
    _description = "LegalSense sync health"
    _auto = False
    # Filtered on pending: the record waiting longest comes first.
    _order = "job_date, id"

    res_model = fields.Selection("_selection_res_model", "Record type", readonly=True)
    res_id = fields.Many2oneReference(
        "Record ID", model_field="res_model", readonly=True
    )
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    status = fields.Selection(
        STATUSES,
        "LegalSense status",
        readonly=True,
        help="The status of the record's last LegalSense job: pending, failed, or "
        "cancelled (status unknown); without one, synced when the record is "
        "linked to LegalSense (conflict when LegalSense and Odoo both changed one "
        "of its values), else not synced.",
    )
    reason = fields.Char(
        readonly=True, help="The first line of the error of the failed job."
    )
    job_id = fields.Many2one("queue.job", "Last job", readonly=True)
    job_date = fields.Datetime(
        "Last job date", readonly=True, help="When the record's last job was queued."
    )

    # ------------------------------------------------------------ models

    @api.model
    def _synced_models(self):
        """The models synced to LegalSense (with the sync mixin), partners first."""
        mixin = self.env.registry[MIXIN]
        names = [
            name
            for name, model in self.env.registry.items()
            if issubclass(model, mixin) and not model._abstract
        ]
        return sorted(names, key=lambda name: (name != "res.partner", name))

    @api.model
    def _selection_res_model(self):
        IrModel = self.env["ir.model"]
        return [(name, IrModel._get(name).name) for name in self._synced_models()]

    # ------------------------------------------------------------ query

    @property
    def _table_query(self):
        names = self._synced_models()
        return SQL(" UNION ALL ").join(
            self._model_rows(name, index, len(names))
            for index, name in enumerate(names)
        )

    @api.model
    def _model_rows(self, model_name, index, model_count):
        """The rows of ``model_name``; row ids ``record id * model_count + index``."""
        Model = self.env[model_name]
        Job = self.env["queue.job"]
        Config = self.env["legalsense.config"]
        company = self._company_column(Model)
        return SQL(
            """
            SELECT record.id * %(count)s + %(index)s AS id,
                   %(model)s AS res_model,
                   record.id AS res_id,
                   %(company)s AS company_id,
                   job.id AS job_id,
                   job.date_created AS job_date,
                   CASE WHEN job.state IN %(running)s THEN 'pending'
                        WHEN job.state = 'failed' THEN 'failed'
                        WHEN job.state = 'cancelled' THEN 'unknown'
                        WHEN %(linked)s THEN
                             CASE WHEN NOT %(enabled)s THEN 'unknown'
                                  WHEN %(conflict)s THEN 'conflict'
                                  ELSE 'synced' END
                        ELSE 'not_synced'
                   END AS status,
                   CASE WHEN job.state = 'failed' THEN btrim(split_part(
                        COALESCE(NULLIF(job.exc_message, ''), job.exc_name), E'\\n', 1))
                   END AS reason
              FROM %(table)s AS record
              LEFT JOIN (%(last_jobs)s) AS last_job ON last_job.res_id = record.id
              LEFT JOIN queue_job AS job ON job.id = last_job.id
             WHERE NOT %(never_synced)s
            %(flush)s
            """,
            count=model_count,
            index=index,
            model=model_name,
            company=company,
            running=RUNNING_JOB_STATES,
            linked=self._linked_condition(Model),
            enabled=self._enabled_condition(company),
            conflict=has_conflicts_sql(SQL("record.legalsense_sync_data")),
            table=SQL.identifier(Model._table),
            last_jobs=Model._legalsense_last_job_query(),
            never_synced=Model._legalsense_never_synced_sql("record"),
            flush=SQL().join(
                SQL(to_flush=field)
                for field in (
                    *(Job._fields[name] for name in JOB_FIELDS),
                    *(Config._fields[name] for name in CONFIG_FIELDS),
                    *self._record_fields(Model),
                )
            ),
        )

    @staticmethod
    def _company_column(Model):
        field = Model._fields.get("company_id")
        if field and field.store:
            return SQL("record.company_id")
        return SQL("NULL::integer")

    @staticmethod
    def _record_fields(Model):
        """The fields of ``Model`` the rows read (to write before reading)."""
        names = [facet.id_field for facet in Model._legalsense_facets]
        names.append("legalsense_sync_data")
        if "company_id" in Model._fields:
            names.append("company_id")
        return [Model._fields[name] for name in names if Model._fields[name].store]

    @staticmethod
    def _linked_condition(Model):
        """``_legalsense_is_linked`` in SQL: any LegalSense id set."""
        conditions = []
        for facet in Model._legalsense_facets:
            field = Model._fields[facet.id_field]
            column = SQL("record.%s", SQL.identifier(field.name))
            if field.type in ("integer", "float", "monetary"):
                conditions.append(SQL("COALESCE(%s, 0) != 0", column))
            elif field.type in ("char", "text"):
                conditions.append(SQL("COALESCE(%s, '') != ''", column))
            else:
                conditions.append(SQL("%s IS NOT NULL", column))
        return SQL("(%s)", SQL(" OR ").join(conditions)) if conditions else SQL("FALSE")

    def _enabled_condition(self, company):
        """``_legalsense_config()`` in SQL: LegalSense is on for the record's
        company (without one, the current company)."""
        return SQL(
            """
            EXISTS (SELECT 1 FROM legalsense_config AS config
                     WHERE config.company_id = COALESCE(%s, %s)
                       AND config.disabled IS NOT TRUE
                       AND COALESCE(config.url, '') != '')
            """,
            company,
            self.env.company.id,
        )

    # ------------------------------------------------------------ display

    @api.depends("res_model", "res_id")
    def _compute_display_name(self):
        names = {}
        ids_by_model = defaultdict(set)
        for row in self:
            ids_by_model[row.res_model].add(row.res_id)
        for model_name, ids in ids_by_model.items():
            records = self.env[model_name].sudo().browse(ids).exists()
            names.update(
                ((model_name, record.id), record.display_name) for record in records
            )
        for row in self:
            key = (row.res_model, row.res_id)
            row.display_name = names.get(key) or f"{row.res_model},{row.res_id}"

    # ------------------------------------------------------------ counts

    @api.model
    def _status_counts(self):
        """{model: {status: number of records}} of every synced model."""
        counts = {
            name: dict.fromkeys(dict(STATUSES), 0) for name in self._synced_models()
        }
        for model_name, status, count in self._read_group(
            [], ["res_model", "status"], ["__count"]
        ):
            counts[model_name][status] = count
        return counts

    @api.model
    def _oldest_pending(self):
        """The row of the record whose pending job waits longest (or empty)."""
        return self.search([("status", "=", "pending")], order="job_date, id", limit=1)

    # ------------------------------------------------------------ actions

    def action_requeue_failed(self):
        """*Requeue failed jobs*: the failed last jobs of these rows run again."""
        jobs = self.filtered(lambda row: row.status == "failed").job_id
        jobs.requeue()
        return self._notification(
            self.env._("%s failed jobs requeued.", len(jobs))
            if jobs
            else self.env._("None of the selected records has a failed job.")
        )

    def action_resync(self):
        """*Resync with LegalSense*: send the selected records again, in batch
        jobs per model; opens those jobs."""
        ids_by_model = defaultdict(list)
        for row in self:
            ids_by_model[row.res_model].append(row.res_id)
        actions = [
            self.env[model_name]
            .browse(ids_by_model[model_name])
            .exists()
            .action_legalsense_resync()
            for model_name in self._synced_models()
            if ids_by_model.get(model_name)
        ]
        # The jobs since the first one started include the later ones.
        return actions[0] if actions else False

    def _notification(self, message):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "info",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
