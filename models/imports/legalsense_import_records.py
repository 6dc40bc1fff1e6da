# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What an import run gives its steps, and how it counts their records.

The steps read LegalSense with the run's client (``_client``, a page with
``_fetch_page``) and import each record in ``_record``, a savepoint that
counts the record as failed when it fails. What a batch counted is written
on its line with ``_store_tally``.

The records of Job 5 are imported each in a transaction of its own
(``_run_line_by_record``): a failing record never rolls back another, and
a retried job goes on after the last record it imported.
"""

import collections
import logging
from contextlib import contextmanager

from odoo import models

from odoo.addons.queue_job.exception import RetryableJobError

from ...legalsense_client import LegalSenseError, TransientError
from .tally import OUTCOMES, RecordFailed, Tally, error_text

_logger = logging.getLogger(__name__)

PAGE_SIZE = 500
# The import's client: a passing trouble of one request is retried three
# times, waiting 0.5, 1 and 2 seconds (a Retry-After up to 10 seconds).
CLIENT_OPTIONS = {"max_retries": 3, "backoff_factor": 0.5, "max_backoff": 10}


class LegalsenseImport(models.Model):
    _inherit = "legalsense.import"

    # ------------------------------------------------------------ helpers for steps

    def _client(self):
        """A LegalSense client reading pages of ``PAGE_SIZE`` records.

        It retries a request failing with a passing trouble within
        ``CLIENT_OPTIONS``: only the record needing it waits.
        """
        client = self._config()._get_client(**CLIENT_OPTIONS)
        client.page_size = PAGE_SIZE
        return client

    def _read_page(self, line, page, **filters):
        """``(records, next page or None, count)`` of a page of the line's list."""
        result = self._client().list_page(line.resource, page=page, **filters)
        next_page = page + 1 if result.get("next") else None
        return result.get("results") or [], next_page, result.get("count") or 0

    def _fetch_page(self, line, tally, page, **filters):
        """One page of the line's LegalSense list; sets the line's total."""
        records, next_page, count = self._read_page(line, page, **filters)
        if page == 1:
            tally.total = count
        tally.done += len(records)
        return records, next_page

    @contextmanager
    def _record(self, tally, ls_id, name=""):
        """One record of a batch in a savepoint: when it fails, it is rolled
        back with what it counted, and counted as failed with its reason.

        A passing trouble of LegalSense reaches here after the client's
        retries of that record's request; several records in a row failing
        so stop the page (``LegalSenseUnavailable``).
        """
        mark = tally.mark()
        try:
            with self.env.cr.savepoint():
                yield
        except RetryableJobError:
            raise
        except Exception as error:  # noqa: BLE001 — one bad record never stops the others
            tally.undo(mark)
            self._count_failed(tally, ls_id, name, error)
        else:
            tally.transient_in_a_row = 0

    @staticmethod
    def _count_failed(tally, ls_id, name, error):
        _logger.info(
            "LegalSense import: record %s failed: %s",
            ls_id,
            error,
            exc_info=not isinstance(error, LegalSenseError | RecordFailed),
        )
        tally.fail(ls_id, error_text(error), name)
        if isinstance(error, TransientError):
            tally.passing_trouble(error)
        else:
            tally.transient_in_a_row = 0

    # ------------------------------------------------------------ counts

    def _write_now(self, records, values):
        """Write ``values`` on ``records`` in a transaction of its own.

        For a run holding its locks in one long job: what it writes about
        itself shows while it works.
        """
        self.env.flush_all()
        with self.env.registry.cursor() as cr:
            # Keep the environment alive until the commit flushes it.
            target = records.with_env(records.env(cr=cr)).sudo()
            target.write(values)
        records.invalidate_recordset(list(values))

    def _store_tally_now(self, line, tally, values=None):
        """``_store_tally`` in a transaction of its own."""
        self.env.flush_all()
        with self.env.registry.cursor() as cr:
            run = self.with_env(self.env(cr=cr))
            run._store_tally(line.with_env(run.env), tally, values)
            run.env.flush_all()
        line.invalidate_recordset()

    def _store_tally(self, line, tally, values=None):
        """Add the counts and failures of ``tally`` to ``line``, with ``values``.

        Written in the page's (or record's) transaction, after its data (the
        data of a dry run is rolled back by then, the counts stay).
        """
        line = line.sudo()
        values = dict(values or {})
        for outcome in OUTCOMES:
            if tally.counts[outcome]:
                values[outcome] = line[outcome] + tally.counts[outcome]
        if tally.done:
            values["done"] = line.done + tally.done
        if tally.total is not None:
            values["total"] = tally.total
        notes = [*tally.notes, values.get("message")]
        if any(notes):
            values["message"] = "\n".join(filter(None, [line.message, *notes]))
        line.write(values)
        if tally.failures:
            self.env["legalsense.import.failure"].sudo().create(
                [
                    {
                        "run_id": line.run_id.id,
                        "line_id": line.id,
                        "legalsense_id": ls_id or 0,
                        "name": name,
                        "reason": reason,
                    }
                    for ls_id, reason, name in tally.failures
                ]
            )

    # ------------------------------------------------------------ record by record

    def _run_line_by_record(self, line):
        """Every changed record of ``line`` in a transaction of its own.

        The line remembers its page and the last record imported (with the
        record, in its transaction): a retried job goes on from there.
        """
        position = self._line_position(line)
        if position["state"] not in ("pending", "running"):
            return
        skip_reason = self._skip_reason(line)
        if skip_reason:
            self._store_tally_now(
                line, Tally(), {"state": "skipped", "message": skip_reason}
            )
            return
        try:
            self._import_pages_by_record(line, position)
            values = {"state": "done"}
        except Exception as error:  # noqa: BLE001 — the run goes on
            values = self._step_failure(line, error)
        self._store_tally_now(line, Tally(), values)

    def _import_pages_by_record(self, line, position):
        steps = self._step_model(line.step)
        page, last_id = position["page"], position["last_id"]
        while page:
            records, next_page, count = steps._changed_page(self, line, page)
            started = Tally()
            if page == 1:
                started.total = count
            self._store_tally_now(line, started, {"state": "running"})
            todo = [record for record in records if record["id"] > last_id]
            related = self._import_records_alone(line, todo)
            self._store_tally_now(
                line, self._related_note(related), {"next_page": next_page or page}
            )
            page = next_page

    def _related_note(self, related):
        tally = Tally()
        if not related:
            return tally
        tally.note(
            self.env._(
                "With new or linked clients: %(created)s address(es) and contact "
                "person(s) created, %(linked)s linked.",
                created=related["created"],
                linked=related["linked"],
            )
        )
        return tally

    def _import_records_alone(self, line, records):
        """Import ``records``, each in a transaction of its own; what was
        imported along with them (``Tally.related``)."""
        steps = self._step_model(line.step)
        related = collections.Counter()
        in_a_row = 0
        for record in records:
            tally = Tally()
            tally.transient_in_a_row = in_a_row
            name = steps._changed_record_name(line, record)
            self._import_alone(line, record, name, tally)
            in_a_row = tally.transient_in_a_row
            related.update(tally.related)
        return related

    def _import_alone(self, line, record, name, tally):
        """One record and its counts in a transaction of its own; a dry run
        keeps only the counts."""
        tally.done = 1
        position = {"last_record_id": record["id"]}
        try:
            with self.env.registry.cursor() as cr:
                run = self.with_env(self.env(cr=cr))
                steps = run._step_model(line.step)
                with run._record(tally, record["id"], name), run._data_savepoint():
                    steps._import_changed_record(run, line, record, tally)
                run._store_tally(line.with_env(run.env), tally, position)
                run.env.flush_all()
        except TransientError:
            raise  # LegalSense seems down: the page stops
        except Exception as error:  # noqa: BLE001 — the commit failed
            _logger.info("LegalSense import: record %s not committed", record["id"])
            failed = Tally()
            failed.done = 1
            failed.fail(record["id"], error_text(error), name)
            self._store_tally_now(line, failed, position)
