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
"""

import datetime
import hashlib
import json
import logging
import time
import traceback
from collections import namedtuple
from contextlib import contextmanager

from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, MissingError
from odoo.tools import SQL

from odoo.addons.queue_job.exception import RetryableJobError

from ..legalsense_client import (
    LegalSenseError,
    NotFoundError,
    ResponseLostError,
    TransientError,
    site_url,
)
from ..legalsense_mapping.compare import holds
from .export_batch import BATCH_CONTEXT, ExportBatch, once_per_job
from .legalsense_external_ref import normalize_application

_logger = logging.getLogger(__name__)

JOB_CHANNEL = "root.legalsense"
IMPORT_CONTEXT = "legalsense_import"
NO_EXPORT_CONTEXT = "legalsense_no_export"
RUNNING_JOB_STATES = ("wait_dependencies", "pending", "enqueued", "started")
WAITING_JOB_STATES = ("wait_dependencies", "pending", "enqueued")
JOINED, STARTING = "joined", "starting"
EXPORT_METHOD = "_legalsense_job_export"
BATCH_METHOD = "_legalsense_job_export_batch"
# A save of more records than this queues batch jobs of up to
# EXPORT_BATCH_SIZE records each instead of one job per record.
EXPORT_BATCH_FROM = 10
EXPORT_BATCH_SIZE = 100
# The transaction's own export jobs, regrouped into batches before it commits.
REGROUP_KEY = "legalsense.own_exports"
# A record another job exports is tried again after this many seconds.
BUSY_SECONDS = 2
NOT_CACHED = object()
# What an export stores about what it sent (no field depends on them).
BOOKKEEPING_FIELDS = frozenset({"legalsense_sync_data", "legalsense_last_export"})
# The fields of queue.job the sync reads in SQL.
JOB_FIELDS_READ = (
    "identity_key",
    "state",
    "date_created",
    "model_name",
    "method_name",
    "records",
)
# The ids of a job's records in SQL (queue_job stores its records as JSON
# text in a jsonb column).
JOB_RECORD_IDS = (
    "(CASE jsonb_typeof(records) WHEN 'string' THEN (records #>> '{}')::jsonb"
    " ELSE records END -> 'ids')"
)
# A job retried on LegalSense's passing troubles (retry pattern in the job
# function data) gives up after this many tries.
JOB_MAX_RETRIES = 20
SYNC_STATES = [
    ("not_synced", "Not synced"),
    ("pending", "Pending"),
    ("synced", "Synced"),
    ("conflict", "Conflict"),
    ("unknown", "Status unknown"),
    ("error", "Error"),
]

# Storing a LegalSense id that meets a user's concurrent save of the record is
# tried again after these pauses (seconds); None: give up, the job fails and
# its next try finds the id in its create in flight.
STORE_PAUSES = (0.1, 0.3, 1, 3, None)
CONCURRENCY_ERRORS = (
    pg_errors.SerializationFailure,
    pg_errors.DeadlockDetected,
    pg_errors.LockNotAvailable,
)

Facet = namedtuple(
    "Facet", "name resource id_field finder removal_key", defaults=(None, None)
)
Facet.__doc__ = """One LegalSense record owned by an Odoo record.

``name`` keys its sync data, ``resource`` is the LegalSense API resource and
``id_field`` the Odoo field holding the LegalSense id. ``finder`` names the
method ``(client, payload)`` that finds the record a create whose answer was
lost made; ``removal_key`` the key of its id in the record's removal values.
"""


def payload_digest(payload):
    """A stable digest of a payload, to skip sending what was sent already."""
    text = json.dumps(payload, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


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

    # ------------------------------------------------------------ jobs

    def _legalsense_job_export(self):
        """Job: write this record to LegalSense as it is now."""
        # The lock comes first: the transaction reads the database as it is
        # when its first statement runs, so it sees what a job that held the
        # lock before has stored.
        self.sudo()._legalsense_lock()
        if not self.sudo().exists():
            return "The record no longer exists: nothing sent."
        with self._legalsense_batch() as record:
            return record._legalsense_export_locked()

    def _legalsense_export_locked(self, config=None, client=None):
        """Export this existing record, its lock held; ``config`` and
        ``client`` are shared by the records of a batch."""
        record = self.sudo()
        config = config or record._legalsense_config()
        if not config:
            return "The LegalSense integration is off: nothing sent."
        skipped = record._legalsense_skip_reason(config)
        if skipped:
            return skipped
        with self._legalsense_job_errors():
            client = client or self._legalsense_client(config)
            try:
                record._legalsense_settle_creates_in_flight(client)
                return record._legalsense_export(config, client) or "Sent."
            except MissingError:
                if record._legalsense_exists_now():
                    raise
                # Deleted while the job ran: its removal job follows.
                record._legalsense_queue_removal_of_late_creates()
                return "The record was deleted meanwhile: nothing more sent."

    def _legalsense_job_export_batch(self, tries=0):
        """Job: export each record as its own job would.

        Its first statement takes the job's lock and the lock of each record
        (so the job reads every record as it is once the locks are held); a
        record another job exports at this moment waits for a later batch.
        The records are read together (Odoo prefetches their fields for all
        of them) and share the settings and the LegalSense client. Each one
        is exported in a savepoint of its own: a record that fails gets a
        failed job of its own, shown on it and requeued from there; after a
        passing trouble of LegalSense the rest of the batch waits for a later
        one. ``tries`` counts those postponements.
        """
        records = self._legalsense_lock_batch()
        later = self - records
        delay = BUSY_SECONDS if later else None
        # Read together: the records' fields are fetched for all of them.
        records = records.sudo().exists()
        sent, failed = 0, 0
        config = records[:1]._legalsense_config()
        if records and not config:
            return "The LegalSense integration is off: nothing sent."
        client = self._legalsense_client(config) if records else None
        with records._legalsense_batch() as records:
            for index, record in enumerate(records):
                try:
                    with self.env.cr.savepoint():
                        record._legalsense_export_locked(config, client)
                    sent += 1
                except (RetryableJobError, *CONCURRENCY_ERRORS) as error:
                    later |= records[index:]
                    delay = getattr(error, "seconds", None) or delay
                    break
                except Exception as error:  # noqa: BLE001 - shown on the record
                    record._legalsense_fail_alone(error)
                    failed += 1
        if later:
            later._legalsense_postpone(tries, delay)
        return (
            f"{sent} exported, {failed} failed (each on its own job), "
            f"{len(later)} postponed."
        )

    @contextmanager
    def _legalsense_batch(self):
        """These records, sharing an :class:`ExportBatch` while a job exports
        them; what they sent is stored when it ends, also when it fails."""
        batch = ExportBatch()
        try:
            yield self.with_context(**{BATCH_CONTEXT: batch})
        finally:
            self._legalsense_store_bookkeeping_of(batch)

    def _legalsense_lock_batch(self):
        """Take the running job's lock and each record's export lock, in the
        transaction's first statement; the records whose lock was free.

        A started job whose lock is free has lost its worker (see queue.job's
        dead export requeue)."""
        uuid = self.env.context.get("job_uuid") or ""
        keys = [record._legalsense_identity_key() for record in self]
        self.env.cr.execute(
            SQL(
                """
                SELECT key, pg_try_advisory_xact_lock(hashtext(key))
                  FROM unnest(%s::text[]) WITH ORDINALITY AS lock(key, position)
                 ORDER BY position
                """,
                [job_lock_key(uuid), *keys],
            )
        )
        free = {key for key, locked in self.env.cr.fetchall() if locked}
        return self.filtered(lambda record: record._legalsense_identity_key() in free)

    def _legalsense_fail_alone(self, error):
        """Show ``error`` on this record: a failed export job of its own,
        which can be requeued like any other."""
        _logger.info("LegalSense: export of %s failed in a batch: %s", self, error)
        job = self._legalsense_queue_own_export(starting=True)
        job.set_failed(
            exc_name=f"{type(error).__module__}.{type(error).__name__}",
            exc_message=error.args[0] if error.args else str(error),
            exc_info=traceback.format_exc(),
        )
        job.store()

    def _legalsense_postpone(self, tries, delay=None):
        """Export these records in a later batch; after ``JOB_MAX_RETRIES``
        postponements each gets a job of its own (retried, then failed)."""
        if tries >= JOB_MAX_RETRIES:
            for record in self:
                record._legalsense_queue_own_export(starting=True)
            return
        seconds = delay or self._legalsense_postpone_seconds(tries + 1)
        self._legalsense_delay(
            self.env._("LegalSense: export of %s records", len(self)),
            eta=datetime.timedelta(seconds=seconds),
        )._legalsense_job_export_batch(tries=tries + 1)

    def _legalsense_postpone_seconds(self, tries):
        """The wait before postponement ``tries``: the batch job function's
        retry pattern, as queue_job waits before a retry."""
        functions = self.env["queue.job.function"].sudo()
        name = functions.job_function_name(self._name, BATCH_METHOD)
        return retry_seconds(functions.job_config(name).retry_pattern, tries)

    def _legalsense_exists_now(self):
        """Whether the record exists, as a transaction started now sees it
        (the job's own transaction still sees it as it was when it began)."""
        with self.env.registry.cursor() as cr:
            return bool(self.with_env(self.env(cr=cr)).exists())

    @api.model
    def _legalsense_job_remove(self, removal):
        """Job: tell LegalSense about a record deleted in Odoo."""
        config = self.sudo()._legalsense_config()
        if not config:
            return "The LegalSense integration is off: nothing sent."
        with self._legalsense_job_errors():
            client = self._legalsense_client(config)
            removal = self._legalsense_find_lost_creates(client, removal)
            return self.sudo()._legalsense_remove(config, client, removal)

    @api.model
    def _legalsense_find_lost_creates(self, client, removal):
        """``removal`` with the ids of what its creates in flight made."""
        removal = dict(removal)
        in_flight = removal.pop("creates_in_flight", None) or ()
        facets = self._legalsense_facets_by_name()
        for name, payload, since, *unanswered in in_flight:
            facet = facets[name]
            finder = getattr(
                self.sudo().with_context(legalsense_search_since=since), facet.finder
            )
            found = finder(client, payload)
            if not found and unanswered:
                self.env["legalsense.sync.attempt"]._await_late_answer(
                    client, unanswered[0], facet.resource
                )
            if found and not removal.get(facet.removal_key):
                log_found(self, facet, found)
                removal[facet.removal_key] = found["id"]
        return removal

    @api.model
    def _legalsense_client(self, config):
        """The client a job uses: it does not retry by itself, the queue does.

        A job that sleeps for a Retry-After would hold the LegalSense channel;
        a passing trouble is a RetryableJobError instead, tried again later
        by the job queue with the server's Retry-After or the retry pattern.
        """
        return config._get_client(max_retries=0)

    @contextmanager
    def _legalsense_job_errors(self):
        """Map LegalSense's passing troubles to a later retry of the job.

        Any other error fails the job with its message: the record shows it
        in red, and the job can be requeued from the job list.
        """
        try:
            yield
        except TransientError as error:
            raise RetryableJobError(str(error), seconds=error.retry_after) from error
        except ResponseLostError as error:
            raise RetryableJobError(str(error)) from error

    def _legalsense_lock(self):
        """Make sure no other job exports this record at the same time.

        An advisory lock, held until the job's transaction ends: the job's
        transaction never writes the record itself (see
        :meth:`_legalsense_store`), so a row lock would only block that.
        """
        self.env.cr.execute(
            SQL(
                "SELECT pg_try_advisory_xact_lock(hashtext(%s))",
                self._legalsense_identity_key(),
            )
        )
        if not self.env.cr.fetchone()[0]:
            raise RecordBusyError(
                "Another job is exporting this record: trying again later.",
                seconds=BUSY_SECONDS,
                ignore_retry=True,
            )

    def _legalsense_skip_reason(self, config):
        """Why this record is not exported now, or "" (the manual's filters)."""
        if not self._legalsense_is_syncable():
            return "Skipped: this record is not synchronised with LegalSense."
        application = normalize_application(config.sync_required_external_application)
        if application and not self._legalsense_passes_required_application(
            application
        ):
            return f"Skipped: no external reference for {application}."
        return ""

    def _legalsense_passes_required_application(self, application):
        """The manual's required external application filter for this record."""
        return self._legalsense_has_external_ref(application)

    def _legalsense_export(self, config, client):
        """Write the record's LegalSense records; return a short summary."""
        raise NotImplementedError

    def _legalsense_removal_values(self):
        """What the removal job needs once the record is gone (JSON-able)."""
        return {}

    def _legalsense_remove(self, config, client, removal):
        raise NotImplementedError

    def _legalsense_job_is_retry(self):
        """Whether the running job ran before (it may have created records)."""
        uuid = self.env.context.get("job_uuid")
        if not uuid:
            return False
        job = self.env["queue.job"].sudo().search([("uuid", "=", uuid)], limit=1)
        return job.retry > 0

    # ------------------------------------------------------------ facets

    def _legalsense_facet_data(self, facet):
        return dict(self._legalsense_sync_data().get(facet.name) or {})

    def _legalsense_sync_data(self):
        """The record's sync data, read-only: the value this transaction
        holds, not the deep copy each read of the JSON field makes (a large
        part of an export's own work)."""
        field = self._fields["legalsense_sync_data"]
        value = self.env.cache.get(self, field, NOT_CACHED)
        if value is NOT_CACHED:
            return self.legalsense_sync_data or {}
        return value or {}

    def _legalsense_remote(self, facet):
        """The LegalSense record of ``facet`` as it was last returned, or None."""
        return self._legalsense_facet_data(facet).get("remote")

    def _legalsense_upsert(self, client, facet, build_payload, find_existing=None):
        """Create or update the LegalSense record of ``facet``.

        ``build_payload(existing)`` builds the payload from the record's
        current values, ``existing`` being the LegalSense record (None when it
        is created). ``find_existing(client, payload)`` finds a record a lost
        create may have made. Returns ``(ls_record, created)``; ``ls_record``
        is None when nothing changed since the last export.
        """
        ls_id = self[facet.id_field]
        if ls_id:
            data = self._legalsense_facet_data(facet)
            existing = data.get("remote") or {}
            payload = build_payload(existing)
            digest = payload_digest(payload)
            if digest == data.get("digest"):
                return None, False
            if self._legalsense_holds_unsent(data, payload):
                # LegalSense holds it already, e.g. as an import found it.
                self._legalsense_remember(facet, data["remote"], digest)
                return None, False
            policy = self._legalsense_conflict_policy(facet, data)
            if policy:
                return self._legalsense_merge(
                    client, facet, data, payload, policy
                ), False
            remote = client.patch(facet.resource, ls_id, payload)
            self._legalsense_remember(facet, remote, digest, conflicts=())
            return remote, False
        payload = build_payload(None)
        remote, sent = self._legalsense_create(client, facet, payload, find_existing)
        if payload_digest(sent) != payload_digest(payload):
            # An earlier try made it from values changed since: send them.
            self._legalsense_remember(facet, remote, None)
            return self._legalsense_upsert(client, facet, build_payload)[0], True
        self._legalsense_remember(facet, remote, payload_digest(build_payload(remote)))
        return remote, True

    @staticmethod
    def _legalsense_holds_unsent(data, payload):
        """Whether a facet never sent from here (imported, or whose last
        payload is unknown) has ``payload`` in LegalSense already. "Sync
        now" (``resend``) sends it whatever LegalSense held."""
        if data.get("digest") is not None or data.get("resend"):
            return False
        return holds(data.get("remote"), payload)

    def _legalsense_patch(self, client, facet, values, build_payload):
        """PATCH ``values`` the mapping does not own on the record of ``facet``.

        E.g. a contact's billing address, set after its address sync. When
        the last payload sent was still the current one, the digest follows
        the new record (nothing is sent again); otherwise the record has
        changes waiting and its digest stays, so they are still sent.
        """
        data = self._legalsense_facet_data(facet)
        current = payload_digest(build_payload(data.get("remote") or {}))
        remote = client.patch(facet.resource, self[facet.id_field], values)
        digest = data.get("digest")
        if digest == current:
            digest = payload_digest(build_payload(remote))
        self._legalsense_remember(facet, remote, digest)
        return remote

    def _legalsense_settle_creates_in_flight(self, client):
        """Link what an earlier try created before this export decides
        anything: a create whose answer was lost is found (by the id it
        stored, else by its payload), so that the export updates it, or
        deletes it when the record no longer wants it (an archived contact
        person's link, say)."""
        if self.id not in once_per_job(
            self.env, ("creates in flight", self._name), self._legalsense_ids_in_flight
        ):
            return
        facets = self._legalsense_facets_by_name()
        for attempt in self._legalsense_attempts():
            facet = facets.get(attempt.facet)
            if not facet or self[facet.id_field] or not facet.finder:
                continue
            finder = getattr(self, facet.finder)
            found, sent = self._legalsense_find_earlier_create(
                client, facet, attempt.payload, finder
            )
            if found:
                log_found(self, facet, found)
                # Made from ``sent``: the export sends what changed since.
                self._legalsense_remember(facet, found, payload_digest(sent))

    @api.model
    def _legalsense_ids_in_flight(self):
        """The ids of this model's records with a create in flight."""
        self.env["legalsense.sync.attempt"].flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT res_id FROM legalsense_sync_attempt"
                " WHERE res_model = %s",
                self._name,
            )
        )
        return frozenset(row[0] for row in self.env.cr.fetchall())

    def _legalsense_create(self, client, facet, payload, find_existing):
        """POST ``payload``, never twice for one record.

        Returns the LegalSense record and the payload it was made from. The
        payload is recorded before the POST and the new id as soon as
        LegalSense answers (``legalsense.sync.attempt``), each committed at
        once; whatever runs the job again finds what the first try made.
        """
        found, sent = self._legalsense_find_earlier_create(
            client, facet, payload, find_existing
        )
        Attempt = self.env["legalsense.sync.attempt"]
        if found:
            log_found(self, facet, found)
            Attempt._record(self, facet, sent, found["id"])
            return found, sent
        sent = fields.Datetime.to_string(fields.Datetime.now())
        Attempt._record(self, facet, payload)
        try:
            remote = client.create(facet.resource, payload)
        except ResponseLostError:
            found = find_existing and find_existing(client, payload)
            if not found:
                Attempt._await_late_answer(client, sent, facet.resource)
                raise
            log_found(self, facet, found)
            remote = found
        except LegalSenseError:
            Attempt._record_answered(self, facet)
            raise
        Attempt._record(self, facet, payload, remote["id"])
        return remote, payload

    def _legalsense_find_earlier_create(self, client, facet, payload, find_existing):
        """What an earlier try of this export created: ``(record, payload)``.

        By the id it stored; else by the payload it sent (the record's values
        may have changed since); else, in a job queue_job retries, by the
        current payload. ``(None, None)`` when there is none.
        """
        attempt = self.env["legalsense.sync.attempt"]._find(self, facet)
        if attempt.remote_id:
            try:
                return client.get(facet.resource, attempt.remote_id), attempt.payload
            except NotFoundError:
                return None, None
        if not find_existing:
            return None, None
        if attempt:
            found = find_existing(client, attempt.payload)
            if not found:
                attempt._await_late_answer(
                    client, attempt._unanswered_since(), facet.resource
                )
            return found, attempt.payload
        if self._legalsense_job_is_retry():
            return find_existing(client, payload), payload
        return None, None

    def _legalsense_remember(self, facet, remote, digest, conflicts=None):
        """Store the LegalSense id of ``facet`` and what was sent.

        ``conflicts``: the facet's open conflicts from now on (None: those it
        had stay; see legalsense_sync_conflicts)."""
        data = dict(self._legalsense_sync_data())
        if conflicts is None:
            conflicts = (data.get(facet.name) or {}).get("conflicts")
        data[facet.name] = {"digest": digest, "remote": remote}
        if conflicts:
            data[facet.name]["conflicts"] = list(conflicts)
        values = {"legalsense_sync_data": data}
        if remote and self[facet.id_field] != remote["id"]:
            values[facet.id_field] = remote["id"]
        if remote:
            values["legalsense_last_export"] = fields.Datetime.now()
            values.update(self._legalsense_link_values(facet, remote))
        self._legalsense_store(values, settled_facet=remote and facet.name)

    def _legalsense_link_values(self, facet, remote):
        """More values to store with the link of ``facet`` (e.g. a number)."""
        return {}

    def _legalsense_forget(self, facet):
        """Drop the link of ``facet`` (its LegalSense record is gone)."""
        data = dict(self._legalsense_sync_data())
        data.pop(facet.name, None)
        self._legalsense_store(
            {facet.id_field: False, "legalsense_sync_data": data},
            settled_facet=facet.name,
        )

    def _legalsense_store(self, values, settled_facet=None):
        """Write ``values`` on the record at once, in a transaction of its own.

        This is how a LegalSense id is stored as soon as the LegalSense record
        exists: when the job fails afterwards, its own transaction is rolled
        back but the id stays. The job's transaction sees the new values
        through its cache. ``settled_facet`` names the facet whose create in
        flight ends with this write. A user saving the record at the same
        moment makes the write fail with a serialization error: it is tried
        again in a new transaction, and never lost to that save.
        """
        self.ensure_one()
        # Nothing of this record may wait in this transaction: it would be
        # written over what the other transaction stores.
        self.flush_recordset()
        batch = self.env.context.get(BATCH_CONTEXT)
        if batch is not None:
            pending = batch.bookkeeping.pop((self._name, self.id), {})
            if set(values) <= BOOKKEEPING_FIELDS:
                # Stored with the rest of the job's bookkeeping, at its end.
                batch.bookkeeping[self._name, self.id] = {**pending, **values}
                self._legalsense_cache_values(values)
                return
            values = {**pending, **values}
        self._legalsense_store_retried(
            self, lambda cr: self._legalsense_store_once(cr, values, settled_facet)
        )
        self._legalsense_cache_values(values)

    def _legalsense_cache_values(self, values):
        """Show ``values``, stored by another transaction, to this one."""
        for name, value in values.items():
            field = self._fields[name]
            self.env.cache.update(self, field, [field.convert_to_cache(value, self)])

    @api.model
    def _legalsense_store_retried(self, what, store):
        """Run ``store(cr)`` in a transaction of its own, again after a
        concurrent save of ``what`` (records, for the log) made it fail."""
        for pause in STORE_PAUSES:
            try:
                with self.env.registry.cursor() as cr:
                    store(cr)
                return
            except CONCURRENCY_ERRORS as error:
                if pause is None:
                    raise
                _logger.info(
                    "LegalSense: storing on %s met a concurrent save (%s); "
                    "trying again",
                    what,
                    error.pgcode,
                )
                time.sleep(pause)

    def _legalsense_store_once(self, cr, values, settled_facet):
        if set(values) <= BOOKKEEPING_FIELDS:
            if not self._legalsense_store_bookkeeping(cr, {self.id: values}):
                raise MissingError(
                    self.env._("Record does not exist or has been deleted.")
                )
            return
        # Keep the record of the other transaction until it is flushed: a
        # transaction holds its environments weakly, and its commit flushes
        # nothing once they are gone.
        stored = self.with_env(self.env(cr=cr)).with_context(
            **{NO_EXPORT_CONTEXT: True}
        )
        stored.write(values)
        stored.env.flush_all()
        if settled_facet:
            stored.env["legalsense.sync.attempt"]._settle(cr, self, settled_facet)

    @api.model
    def _legalsense_store_bookkeeping(self, cr, values_by_id):
        """What updates sent ({record id: values}), without the ORM: no field
        depends on it, and it is no change of the records (their write date
        stays). One statement per set of fields; returns the rows updated."""
        updated = 0
        by_fields = {}
        for record_id, values in sorted(values_by_id.items()):
            by_fields.setdefault(tuple(sorted(values)), []).append((record_id, values))
        for names, rows in by_fields.items():
            columns = [self._fields[name] for name in names]
            cr.execute(
                SQL(
                    "UPDATE %s AS target SET %s FROM (VALUES %s) AS stored(id, %s)"
                    " WHERE target.id = stored.id",
                    SQL.identifier(self._table),
                    SQL(", ").join(
                        SQL("%s = stored.%s", SQL.identifier(n), SQL.identifier(n))
                        for n in names
                    ),
                    SQL(", ").join(
                        SQL(
                            "(%s, %s)",
                            record_id,
                            SQL(", ").join(
                                SQL(
                                    "%s::%s",
                                    field.convert_to_column(values[field.name], self),
                                    SQL(field.column_type[1]),
                                )
                                for field in columns
                            ),
                        )
                        for record_id, values in rows
                    ),
                    SQL(", ").join(SQL.identifier(n) for n in names),
                )
            )
            updated += cr.rowcount
        return updated

    def _legalsense_store_bookkeeping_of(self, batch):
        """Store what the records of ``batch`` sent, in one transaction per
        model. Should concurrent saves keep it from being stored, the next
        export of those records sends their values again."""
        by_model = {}
        for (model, record_id), values in batch.bookkeeping.items():
            by_model.setdefault(model, {})[record_id] = values
        batch.bookkeeping.clear()
        for model, values_by_id in by_model.items():
            Model = self.env[model]
            records = Model.browse(sorted(values_by_id))
            try:
                Model._legalsense_store_retried(
                    records,
                    lambda cr, Model=Model, values=values_by_id: (
                        Model._legalsense_store_bookkeeping(cr, values)
                    ),
                )
            except CONCURRENCY_ERRORS as error:
                _logger.warning(
                    "LegalSense: what was sent for %s could not be stored (%s); "
                    "their next export sends it again",
                    records,
                    error.pgcode,
                )

    def _legalsense_is_linked(self):
        return any(self[facet.id_field] for facet in self._legalsense_facets)

    # ------------------------------------------------------------ status

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


def job_lock_key(uuid):
    """The advisory lock key a running batch export job holds."""
    return f"legalsense:job:{uuid}"


class RecordBusyError(RetryableJobError):
    """Another job exports the record now: this one tries again later."""


def retry_seconds(pattern, tries):
    """The wait before try ``tries`` by a retry ``pattern`` ({tries: seconds},
    seconds or a (min, max) range), 10 s without one."""
    waits = [wait for after, wait in sorted(pattern.items()) if tries >= after]
    wait = waits[-1] if waits else 10
    return wait[0] if isinstance(wait, (list, tuple)) else wait


def delete_if_present(client, resource, ls_id, also=()):
    """DELETE a LegalSense record; one that is gone already is fine.

    A DELETE sent again after its answer was lost finds nothing (404): the
    first one did its work. ``also`` are more errors to accept (logged).
    Returns whether LegalSense deleted it now.
    """
    try:
        client.delete(resource, ls_id)
    except (NotFoundError, *also) as error:
        _logger.info("LegalSense: %s/%s not deleted: %s", resource, ls_id, error)
        return False
    return True


def same_identity(remote, payload, keys):
    """Whether the LegalSense record ``remote`` has ``payload``'s ``keys``.

    LegalSense answers "" for a text sent empty or not sent at all (a
    person's organisation name), so empty values are alike.
    """
    return all((remote.get(key) or None) == (payload.get(key) or None) for key in keys)


def log_found(record, facet, found):
    """Log the LegalSense record a lost create made, found for ``record``."""
    _logger.info("LegalSense: %s found %s/%s", record, *found_ref(facet, found))


def found_ref(facet, found):
    """(resource, id) of a record found after a lost create, for the log."""
    return facet.resource, found.get("id")
