# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The sync's jobs: an export (one record or a batch), a removal, the lock
that keeps two jobs of one record apart, and what a failing try does."""

import datetime
import logging
import traceback
from contextlib import contextmanager

from odoo import api, models
from odoo.exceptions import MissingError
from odoo.tools import SQL

from odoo.addons.queue_job.exception import RetryableJobError

from ...legalsense_client import (
    ResponseLostError,
    TransientError,
)
from .common import (
    BATCH_METHOD,
    BUSY_SECONDS,
    CONCURRENCY_ERRORS,
    JOB_MAX_RETRIES,
    RecordBusyError,
    job_lock_key,
    log_found,
    retry_seconds,
)
from .export_batch import BATCH_CONTEXT, ExportBatch
from .legalsense_external_ref import normalize_application

_logger = logging.getLogger(__name__)


class LegalsenseSyncMixin(models.AbstractModel):
    _inherit = "legalsense.sync.mixin"

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
