# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The jobs of an import run: planning, queueing, the timestamp locks, and
running a line.

A chained run queues one job per page (``_job_run_line``); a nightly or
changed-clients run works in one job holding the timestamp locks of its
company (``_job_run_locked``). A line is imported by the step model of its
step (``plan.STEP_MODELS``): ``_step_<step>(run, line, tally, page)``
imports a page and returns the next page or None.
"""

import logging
from contextlib import contextmanager

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.queue_job.exception import RetryableJobError

from ...legalsense_client import LegalSenseError, TransientError
from .plan import (
    ACTION_STEPS,
    LOCKED_ACTIONS,
    LOOKUP_RESOURCES,
    PAGED_STEPS,
    RECORD_STEPS,
    STEP_MODELS,
    STEPS,
)
from .tally import Tally

_logger = logging.getLogger(__name__)

IMPORT_CHANNEL = "root.legalsense.import"


class LegalsenseImport(models.Model):
    _inherit = "legalsense.import"

    # ------------------------------------------------------------ planning

    def _plan(self):
        """One line per step (per lookup list for the lookup step)."""
        lines = []
        for step in ACTION_STEPS[self.action]:
            if step == "lookups":
                for resource, record_type in LOOKUP_RESOURCES:
                    lines.append((step, resource, record_type))
            else:
                lines.append((step, PAGED_STEPS.get(step, ""), STEPS[step]))
        self.line_ids.unlink()
        self.write(
            {
                "line_ids": [
                    fields.Command.create(
                        {
                            "sequence": sequence,
                            "step": step,
                            "resource": resource,
                            "record_type": record_type,
                        }
                    )
                    for sequence, (step, resource, record_type) in enumerate(lines)
                ]
            }
        )

    def _enqueue_next(self, line=None, page=1):
        """Queue the job for ``line`` (default: the first pending line)."""
        self.ensure_one()
        if self.action in LOCKED_ACTIONS:
            stamps = self.env["legalsense.import.timestamp"]
            for key in self._lock_keys():
                stamps._get(self.company_id, key)
            self.with_delay(
                channel=IMPORT_CHANNEL,
                description=self.env._("LegalSense: %s", self.name),
                identity_key=f"legalsense.import:{self.id}",
            )._job_run_locked()
            return
        line = line or self._next_line()
        if not line:
            self._finish()
            return
        self.with_delay(
            channel=IMPORT_CHANNEL,
            description=self.env._(
                "LegalSense: %(run)s — %(step)s, page %(page)s",
                run=self.name,
                step=line.record_type,
                page=page,
            ),
            identity_key=f"legalsense.import:{self.id}:{line.id}:{page}",
        )._job_run_line(line.id, page)

    def _next_line(self):
        return self.line_ids.filtered(lambda line: line.state == "pending")[:1]

    def _finish(self):
        failed = any(line.state == "failed" for line in self.line_ids)
        self.write(
            {
                "state": "failed" if failed else "done",
                "date_end": fields.Datetime.now(),
            }
        )
        _logger.info("LegalSense import %s finished: %s", self.id, self.summary)

    # ------------------------------------------------------------ jobs

    def _job_run_line(self, line_id, page=1):
        """Job: import one page of a line, then queue what comes next.

        The page's data and its counts are written in this job's transaction:
        the next job (queued here) sees both once this one is committed.
        """
        self.ensure_one()
        line = self.line_ids.browse(line_id).exists()
        if self.state not in ("queued", "running") or not line:
            return "The import was stopped: nothing done."
        self._mark_running()
        next_page = self._run_line(line, page)
        if next_page:
            self._enqueue_next(line, next_page)
            return f"{line.record_type}: page {page} imported."
        self._enqueue_next()
        return f"{line.record_type}: done."

    def _job_run_locked(self):
        """Job: the whole run in one job, holding the run's timestamp locks.

        This job's transaction only holds the locks (and moves the timestamps
        when the run finished); every page of a line is imported and counted
        in a transaction of its own (the changed-clients records each in one
        of their own), so the progress shows while the run works. A retry of
        the job goes on where the last try stopped.
        """
        self.ensure_one()
        if self.state not in ("queued", "running"):
            return "The import was stopped: nothing done."
        # A retry keeps the first start: the changes since then are read.
        started = self.date_start or fields.Datetime.now()
        timestamps = self.env["legalsense.import.timestamp"]
        stamps = timestamps._lock_all(self.company_id, self._lock_keys())
        if stamps is None:
            self._write_now(
                self,
                {
                    "state": "failed",
                    "date_end": fields.Datetime.now(),
                    "error": self.env._(
                        "Skipped: another run of this company is still working."
                    ),
                },
            )
            return "Another run holds the lock: skipped."
        self._write_now(self, {"state": "running", "date_start": started})
        since = self._set_changed_since(stamps)
        for line in self.line_ids.sorted("sequence"):
            self._run_line_alone(line)
        outcomes = self._line_outcomes()
        failed = any(state == "failed" for state, _failed in outcomes.values())
        self._write_now(
            self,
            {
                "state": "failed" if failed else "done",
                "date_end": fields.Datetime.now(),
            },
        )
        if not self.dry_run:
            changed = [
                outcome for (step, _resource), outcome in outcomes.items()
                if step.startswith("changed_")
            ]  # fmt: skip
            self._move_timestamps(stamps, started, since, changed)
        with self.env.registry.cursor() as cr:
            summary = self.with_env(self.env(cr=cr)).summary
        _logger.info("LegalSense import %s finished: %s", self.id, summary)
        return summary

    def _line_outcomes(self):
        """{(step, resource): (state, failed records)} as committed."""
        with self.env.registry.cursor() as cr:
            return {
                (line.step, line.resource): (line.state, line.failed)
                for line in self.line_ids.with_env(self.env(cr=cr))
            }

    def _lock_keys(self):
        if self.action == "nightly":
            return ["nightly", "changed_clients"]
        return ["changed_clients"]

    def _changed_lines(self):
        return self.line_ids.filtered(lambda line: line.step.startswith("changed_"))

    def _set_changed_since(self, stamps):
        """The moment the changed-clients steps import from (shown on the run)."""
        if self.last_change_date or not self._changed_lines():
            return self.last_change_date
        if self._skip_reason(self._changed_lines()[:1]):
            return False
        stamp = stamps.filtered(lambda stamp: stamp.key == "changed_clients")
        since = stamp._since()
        self._write_now(self, {"last_change_date": since})
        return since

    @staticmethod
    def _move_timestamps(stamps, started, since, changed_outcomes):
        """The nightly time moves on every finished run; the changed-clients
        time only when its steps all succeeded, without a failed record (the
        next run reads those again), from no later than it."""
        for stamp in stamps:
            if stamp.key == "nightly" or (
                changed_outcomes
                and all(
                    state == "done" and not failed for state, failed in changed_outcomes
                )
                and since
                and (not stamp.last_run or since <= stamp.last_run)
            ):
                stamp._write_last_run(started)

    # ------------------------------------------------------------ running a line

    def _run_line_alone(self, line):
        """Every page of ``line``, each in a transaction of its own, from the
        page the line stopped at (a retried job)."""
        if line.step in RECORD_STEPS:
            self._run_line_by_record(line)
        else:
            page = self._line_position(line)["page"]
            while page:
                with self.env.registry.cursor() as cr:
                    run = self.with_env(self.env(cr=cr))
                    page = run._run_line(line.with_env(run.env), page)
        self.invalidate_recordset()
        line.invalidate_recordset()

    def _line_position(self, line):
        """The committed state of ``line``, the page and the last LegalSense id
        it imported (its records come in ascending id order)."""
        with self.env.registry.cursor() as cr:
            fresh = line.with_env(line.env(cr=cr))
            return {
                "state": fresh.state,
                "page": fresh.next_page or 1,
                "last_id": fresh.last_record_id,
            }

    def _mark_running(self):
        if self.state == "queued":
            self.write({"state": "running", "date_start": fields.Datetime.now()})

    def _run_line(self, line, page):
        """Import one page of ``line``; returns the next page or None.

        The page, its counts and the next page to read are written in one
        transaction. The step works in a savepoint: errors of the step itself
        (LegalSense refusing a list, a bug) roll back only its page and fail
        the line, and the run goes on with the next line; a list that cannot
        be read for a passing trouble is retried by the job queue while
        retries remain.
        """
        if line.state not in ("pending", "running"):
            return None
        tally = Tally()
        values = {"state": "running"}
        try:
            skip_reason = self._skip_reason(line)
            if skip_reason:
                line.write({"state": "skipped", "message": skip_reason})
                return None
            with self._data_savepoint():
                step = getattr(self._step_model(line.step), f"_step_{line.step}")
                next_page = step(self, line, tally, page)
        except Exception as error:  # noqa: BLE001 — a bug must not stop the run
            # The page was rolled back: its counts go with it.
            next_page, values, tally = None, self._step_failure(line, error), Tally()
        if next_page:
            values["next_page"] = next_page
        elif values["state"] == "running":
            values["state"] = "done"
        self._store_tally(line, tally, values)
        return next_page

    def _step_failure(self, line, error):
        """The values of a line whose step stopped with ``error``.

        A passing trouble of LegalSense is raised again for the job queue
        while the job has retries left.
        """
        if isinstance(error, TransientError) and self._may_retry():
            raise RetryableJobError(str(error), seconds=error.retry_after) from error
        if not isinstance(error, (LegalSenseError, UserError, ValueError)):
            _logger.error(
                "LegalSense import %s: %s failed",
                self.id,
                line.step,
                exc_info=error,
            )
        return self._failed_values(error)

    @contextmanager
    def _data_savepoint(self):
        """A savepoint around a page; rolled back in a dry run (writes nothing)."""
        with self.env.cr.savepoint(flush=True) as savepoint:
            yield
            self.env.flush_all()
            if self.dry_run:
                savepoint.rollback()
        if self.dry_run:
            self.env.invalidate_all()

    def _may_retry(self):
        """Whether the running job will be retried after a RetryableJobError."""
        uuid = self.env.context.get("job_uuid")
        if not uuid:
            return False
        job = self.env["queue.job"].sudo().search([("uuid", "=", uuid)], limit=1)
        return bool(job) and (not job.max_retries or job.retry + 1 < job.max_retries)

    @staticmethod
    def _failed_values(error):
        return {"state": "failed", "message": str(error) or error.__class__.__name__}

    def _step_model(self, step):
        """The step model importing the lines of ``step``."""
        return self.env[STEP_MODELS[step]]

    def _skip_reason(self, line):
        """Why a line is not run (the nightly job's conditions), or ""."""
        return self._step_model(line.step)._skip_reason(self, line, self._config())
