# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one outbound mechanism shared by every model synced to LegalSense.

A synced model inherits ``legalsense.sync.mixin`` and declares

* ``_legalsense_tracked_fields``: the fields its mapping reads; a change of
  one of them (create, write, archive) queues an export job (a model whose
  settings name more fields extends ``_legalsense_tracked_field_names``);
* ``_legalsense_facets``: the LegalSense records it owns, each a
  :class:`Facet` (e.g. a company partner owns a contact, a client and its
  postal address);
* ``_legalsense_export(config, client)``: what the job does, reading the
  record as it is when the job runs.

The mechanism guarantees:

* saves of one record before its job runs collapse into one job
  (``identity_key``), and a job reads the record's current state;
* no call to LegalSense in the user's transaction: only jobs call it;
* values written by an import (context ``legalsense_import``) never queue
  an export;
* a LegalSense id is stored, in a transaction of its own, as soon as the
  LegalSense record exists, so a job failing later cannot lose the link; a
  create whose response was lost, or a retried job, first looks for the
  record it may have created, so a LegalSense record is never created twice;
* a payload identical to the last one sent, or one LegalSense's record
  already holds (as an import found it), is not sent again;
* the sync status shown on the record comes from its last job.

This file holds the model, its fields and the queueing of jobs; the other
files of this package add, each to the same model, one concern: the jobs
(``legalsense_sync_jobs``), what a facet sends and remembers
(``legalsense_sync_upsert``), storing it beside the job's transaction
(``legalsense_sync_store``), the status and actions
(``legalsense_sync_status``) and conflicting changes
(``legalsense_sync_conflicts``).
"""

from odoo import api, fields, models
from odoo.tools import SQL

from .common import (
    BATCH_METHOD,
    IMPORT_CONTEXT,
    JOB_CHANNEL,
    JOB_FIELDS_READ,
    JOB_MAX_RETRIES,
    JOB_RECORD_IDS,
    JOINED,
    NO_EXPORT_CONTEXT,
    REGROUP_KEY,
    STARTING,
    SYNC_STATES,
    WAITING_JOB_STATES,
)

# A save of more records than this queues batch jobs of up to
# EXPORT_BATCH_SIZE records each instead of one job per record.
EXPORT_BATCH_FROM = 10
EXPORT_BATCH_SIZE = 100


class LegalsenseSyncMixin(models.AbstractModel):
    _name = "legalsense.sync.mixin"
    _inherit = ["legalsense.external.ref.mixin"]
    _description = "LegalSense outbound sync"

    _legalsense_tracked_fields = ()
    _legalsense_facets = ()

    legalsense_last_export = fields.Datetime(
        "Last export date",
        copy=False,
        readonly=True,
        help="When this record was last written to LegalSense (or imported from "
        "it: then LegalSense's modification date).",
    )
    legalsense_sync_data = fields.Json(
        copy=False,
        readonly=True,
        help="Per LegalSense record: the digest of the last payload sent and the "
        "record as LegalSense last returned it.",
    )
    legalsense_sync_state = fields.Selection(
        SYNC_STATES,
        "LegalSense status",
        compute="_compute_legalsense_sync_state",
        search="_search_legalsense_sync_state",
        help="Green: synchronised. Gray: not synchronised. Light blue: pending. "
        "Purple: synchronised, but LegalSense and Odoo both changed a value. "
        "Yellow: the status cannot be shown. Red: the last sync failed.",
    )
    legalsense_sync_error = fields.Text(
        "LegalSense error", compute="_compute_legalsense_sync_state"
    )
    legalsense_url = fields.Char(
        "Open in LegalSense", compute="_compute_legalsense_url"
    )

    # ------------------------------------------------------------ queueing

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if not records._legalsense_export_suppressed():
            records._legalsense_queue_export()
        return records

    def write(self, vals):
        result = super().write(vals)
        if not self._legalsense_export_suppressed():
            if set(vals) & self._legalsense_tracked_field_names():
                self._legalsense_queue_export()
            else:
                # Saving a record whose last sync failed tries it again.
                self._legalsense_failed()._legalsense_queue_export()
        return result

    def unlink(self):
        if not self._legalsense_export_suppressed():
            lost = self._legalsense_adopt_creates_in_flight()
            self._legalsense_queue_removal(lost)
        self._legalsense_attempts().unlink()
        return super().unlink()

    def _legalsense_attempts(self):
        return (
            self.env["legalsense.sync.attempt"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        )

    def _legalsense_adopt_creates_in_flight(self):
        """Records deleted before their job stored the id LegalSense gave
        them: take the id from the create in flight, so that their removal
        reaches that LegalSense record too.

        Returns the creates in flight whose answer was lost, for the removal
        job to look for: {record id: [(facet name, payload, since, unanswered
        since)]}; the last is set while LegalSense may still carry it out.
        """
        facets = self._legalsense_facets_by_name()
        lost = {}
        for attempt in self._legalsense_attempts():
            record = self.browse(attempt.res_id)
            facet = facets.get(attempt.facet)
            if not facet or record[facet.id_field]:
                continue
            if attempt.remote_id:
                record.with_context(**{NO_EXPORT_CONTEXT: True}).write(
                    {facet.id_field: attempt.remote_id}
                )
            elif facet.finder and facet.removal_key:
                since = fields.Datetime.to_string(attempt.create_date)
                lost.setdefault(record.id, []).append(
                    (facet.name, attempt.payload, since, attempt._unanswered_since())
                )
        return lost

    def _legalsense_queue_removal_of_late_creates(self):
        """Remove what this job created after its record was deleted.

        The deletion queued the removal of the LegalSense records it saw:
        those linked, and those of the creates in flight that had their id.
        A create LegalSense answered after the deletion committed is in a
        create in flight written after it, which only a new transaction
        sees: its removal is queued here, as the deletion would have.
        """
        with self.env.registry.cursor() as cr:
            attempts = (
                self.with_env(self.env(cr=cr))
                ._legalsense_attempts()
                .filtered("remote_id")
            )
            created = {attempt.facet: attempt.remote_id for attempt in attempts}
            if not created:
                return
            for facet in self._legalsense_facets:
                field = self._fields[facet.id_field]
                value = field.convert_to_cache(created.get(facet.name, 0), self)
                self.env.cache.update(self, field, [value])
            self._legalsense_queue_removal()
            attempts.unlink()

    @classmethod
    def _legalsense_facets_by_name(cls):
        return {facet.name: facet for facet in cls._legalsense_facets}

    def _legalsense_tracked_field_names(self):
        """The fields whose change queues an export (the mapping's sources)."""
        return set(self._legalsense_tracked_fields)

    def _legalsense_export_suppressed(self):
        context = self.env.context
        return context.get(IMPORT_CONTEXT) or context.get(NO_EXPORT_CONTEXT)

    def _legalsense_company(self):
        """The company whose LegalSense settings apply to this record."""
        company = self["company_id"] if "company_id" in self._fields else False
        return company or self.env.company

    def _legalsense_config(self):
        return self.env["legalsense.config"]._get_enabled_config(
            self._legalsense_company()
        )

    def _legalsense_is_syncable(self):
        """Whether this record is synced at all (a model narrows it)."""
        return True

    @api.model
    def _legalsense_never_synced_sql(self, alias):
        """An SQL condition on this model's table (``alias``) that holds for
        the records the sync never exports, whatever their settings (a model
        whose ``_legalsense_is_syncable`` leaves some out for good names
        them here; the sync health leaves them out)."""
        return SQL("FALSE")

    def _legalsense_identity_key(self):
        return f"legalsense:{self._name}:{self.id}"

    def _legalsense_queue_export(self):
        """Queue the export of these records as they will be when it runs.

        A record whose export job waits already joins it. The others get one
        job each, or, when a save touches more than ``EXPORT_BATCH_FROM``
        records, batch jobs of up to ``EXPORT_BATCH_SIZE`` records, which
        export each record as its own job would.
        """
        records = self.filtered(
            lambda record: (
                record._legalsense_is_syncable() and record._legalsense_config()
            )
        )
        waiting = records._legalsense_waiting_jobs()
        records = records.filtered(lambda record: waiting.get(record.id) != JOINED)
        if len(records) <= EXPORT_BATCH_FROM:
            for record in records:
                record._legalsense_queue_own_export(waiting.get(record.id) == STARTING)
            return
        records._legalsense_queue_batches()

    def _legalsense_queue_batches(self):
        for batch in self._legalsense_batches():
            batch._legalsense_delay(
                self.env._("LegalSense: export of %s records", len(batch))
            )._legalsense_job_export_batch()

    def _legalsense_queue_own_export(self, starting=False):
        """Queue this record's own export job (found by its identity key)."""
        key = self._legalsense_identity_key()
        # A job being started is not joined (see _legalsense_waiting_jobs).
        job = self._legalsense_delay(
            self.env._("LegalSense: export %s", self.display_name or self.id),
            identity_key=None if starting else key,
        )._legalsense_job_export()
        if starting:
            job.identity_key = key
            job.store()
        else:
            self._legalsense_note_own_export(job)
        return job

    def _legalsense_note_own_export(self, job):
        """Remember the record's new job for the transaction's regrouping."""
        precommit = self.env.cr.precommit
        if REGROUP_KEY not in precommit.data:
            precommit.add(self.browse()._legalsense_regroup_own_exports)
        models = precommit.data.setdefault(REGROUP_KEY, {})
        models.setdefault(self._name, {})[self.id] = job.uuid

    def _legalsense_regroup_own_exports(self):
        """Before the commit: a transaction that queued a job for each of many
        records (one save each, e.g. an import of a spreadsheet) queues
        batch jobs for them instead, as one save of them all would."""
        models = self.env.cr.precommit.data.pop(REGROUP_KEY, {})
        for model, jobs in models.items():
            if len(jobs) <= EXPORT_BATCH_FROM:
                continue
            waiting = (
                self.env["queue.job"]
                .sudo()
                .search(
                    [("uuid", "in", list(jobs.values())), ("state", "=", "pending")]
                )
            )
            uuids = set(waiting.mapped("uuid"))
            records = self.env[model].browse(
                id_ for id_, uuid in jobs.items() if uuid in uuids
            )
            if len(records) <= EXPORT_BATCH_FROM:
                continue
            waiting.unlink()
            records.exists()._legalsense_queue_batches()

    def _legalsense_delay(self, description, company=None, **options):
        """These records' ``with_delay`` on the LegalSense channel, in the
        company whose settings apply (``company``: for a model-level job)."""
        company = company or self[:1]._legalsense_company()
        return self.with_company(company).with_delay(
            channel=JOB_CHANNEL,
            max_retries=JOB_MAX_RETRIES,
            description=description,
            **options,
        )

    def _legalsense_batches(self):
        """These records by company, in batches of ``EXPORT_BATCH_SIZE``."""
        by_company = {}
        for record in self.sorted("id"):
            company = record._legalsense_company()
            by_company.setdefault(company, self.browse())
            by_company[company] |= record
        for records in by_company.values():
            for start in range(0, len(records), EXPORT_BATCH_SIZE):
                yield records[start : start + EXPORT_BATCH_SIZE]

    def _legalsense_waiting_jobs(self):
        """Whether a save of these records joins their export job that has not
        started: {record id: JOINED or STARTING}.

        queue_job's identity-key collapse would also join a job the job runner
        is starting at this moment: that job could read the record before this
        save commits, and the save would never be sent. Here the waiting job's
        row (the record's own job, or a batch it is in) is locked until this
        transaction ends, so the runner cannot start it before (it tries again
        a little later): JOINED. A waiting job whose row is locked already is
        being started: STARTING, the record gets a job of its own. A record
        without a waiting job is not in the result.
        """
        if not self.ids:
            return {}
        self.env["queue.job"].flush_model(JOB_FIELDS_READ)
        outcomes = {}
        for outcome, lock in (
            (JOINED, "FOR NO KEY UPDATE SKIP LOCKED"),
            (STARTING, ""),
        ):
            ids = [id_ for id_ in self.ids if id_ not in outcomes]
            if not ids:
                break
            keys = {self.browse(id_)._legalsense_identity_key(): id_ for id_ in ids}
            self.env.cr.execute(
                SQL(
                    """
                    SELECT identity_key, %s FROM queue_job
                     WHERE state IN %s
                       AND (identity_key IN %s
                            OR (method_name = %s AND model_name = %s
                                AND EXISTS (
                                    SELECT FROM jsonb_array_elements_text(%s)
                                             AS job_record(id)
                                     WHERE job_record.id::int IN %s)))
                    %s
                    """,
                    SQL(JOB_RECORD_IDS),
                    WAITING_JOB_STATES,
                    tuple(keys),
                    BATCH_METHOD,
                    self._name,
                    SQL(JOB_RECORD_IDS),
                    tuple(ids),
                    SQL(lock),
                )
            )
            for key, batch_ids in self.env.cr.fetchall():
                covered = [keys[key]] if key in keys else batch_ids
                for id_ in set(covered) & set(ids):
                    outcomes[id_] = outcome
        return outcomes

    def _legalsense_queue_removal(self, lost=None):
        """Queue what LegalSense must do about records being deleted.

        ``lost``: creates in flight whose answer was lost, by record id; the
        removal job looks for what they made (``creates_in_flight``).
        """
        lost = lost or {}
        for record in self:
            in_flight = lost.get(record.id)
            if not record._legalsense_config():
                continue
            if not record._legalsense_is_linked() and not in_flight:
                continue
            removal = record._legalsense_removal_values()
            if in_flight:
                removal = dict(removal, creates_in_flight=in_flight)
            if not removal:
                continue
            name = record.display_name or record.id
            self.browse()._legalsense_delay(
                self.env._("LegalSense: deletion of %s", name),
                company=record._legalsense_company(),
            )._legalsense_job_remove(removal)
