# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""An import from LegalSense and its result log (the manual's "Initial Import").

A run is created with an action (the manual's import choices, the nightly
job and the retroactive imports), then ``action_start()`` queues it. The
run is planned as lines, one per step and record type; jobs work through
the lines in order, a page of LegalSense records at a time, each page in a
transaction of its own. Per line the run counts what was created, linked,
updated, skipped and what failed (with the LegalSense id and the reason).

Two ways of running:

* chained (the initial import and the retroactive actions): one job per
  page; when a page is done the job queues the next page or line;
* in one job holding the run's timestamp lock (the nightly job and the
  changed-clients import): two such runs of a company never overlap, and
  each changed record is imported in a transaction of its own.

Every record works in a savepoint (a changed record of Job 5 in a
transaction of its own): a record that fails is rolled back with its
counts, counted as failed with its reason, and the others go on. A passing
trouble of LegalSense is retried for that record's request by the client,
within its bounds, then the record fails; only a list page that cannot be
read is retried by the job queue. A page is imported and counted in one
transaction, a changed record with its counts in one transaction, so a
retried job never imports or counts a record twice.

The step methods ``_step_<step>(line, tally, page)`` live in the
``legalsense_import_*`` files; each returns the next page to import or None.
"""

import collections
import logging
from contextlib import contextmanager
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.queue_job.exception import RetryableJobError

from ...legalsense_client import LegalSenseError, TransientError
from .. import legalsense_secret

_logger = logging.getLogger(__name__)

IMPORT_CHANNEL = "root.legalsense.import"
IMPORT_CONTEXT = "legalsense_import"
PAGE_SIZE = 500
# The import's client: a passing trouble of one request is retried three
# times, waiting 0.5, 1 and 2 seconds (a Retry-After up to 10 seconds).
CLIENT_OPTIONS = {"max_retries": 3, "backoff_factor": 0.5, "max_backoff": 10}
# After this many records in a row failing with passing troubles LegalSense is
# taken to be down: the page stops and the job queue retries it later.
TRANSIENT_FAILURES_IN_A_ROW = 3
# A run that should hold the timestamp lock (one job) instead of chaining jobs.
LOCKED_ACTIONS = ("nightly", "changed_clients")

ACTIONS = [
    ("complete", "Complete import"),
    ("lookups", "Lookup items"),
    ("users", "Users and offices"),
    ("practice_groups", "Practice groups"),
    ("contacts", "Contacts and addresses"),
    ("contacts_matters", "Contacts, addresses and matters"),
    ("matters", "Matters only"),
    ("all", "Import all"),
    ("changed_clients", "Changed clients"),
    ("update_client_code", "Client codes"),
    ("bank_account_numbers", "Bank account numbers"),
    ("billing_instructions", "Billing instructions"),
    ("branches", "Branches"),
    ("nightly", "Nightly job"),
]
STATES = [
    ("draft", "Draft"),
    ("queued", "Queued"),
    ("running", "Running"),
    ("done", "Done"),
    ("failed", "Failed"),
]
LINE_STATES = [
    ("pending", "Pending"),
    ("running", "Running"),
    ("done", "Done"),
    ("skipped", "Skipped"),
    ("failed", "Failed"),
]
OUTCOMES = ("created", "linked", "updated", "skipped", "failed")

# step: label
STEPS = {
    "cleanup": "Clean up the log directory",
    "lookups": "Lookup items",
    "languages": "Languages",
    "address_templates": "Address templates",
    "offices": "Offices",
    "users": "Users",
    "practice_groups": "Practice groups",
    "contacts": "Contacts",
    "addresses": "Addresses",
    "contact_contacts": "Contact persons",
    "clients": "Clients",
    "matters": "Matters",
    "matter_debtors": "Matter debtors",
    "matter_contacts": "Matter contacts",
    "changed_contacts": "Changed contacts",
    "changed_addresses": "Changed addresses",
    "changed_contact_contacts": "Changed contact persons",
    "client_codes": "Client codes",
    "bank_accounts": "Bank account numbers",
    "billing_instructions": "Billing instructions",
    "branches": "Branches",
}
# The lookup lists of Job 2, in the manual's order: resource, record type.
LOOKUP_RESOURCES = [
    ("addresskinds", "AddressKind"),
    ("practiceareas", "PracticeArea"),
    ("mattertypes", "MatterType"),
    ("sectors", "Sector"),
    ("contactkinds", "ContactKind"),
    ("referrers", "Referrer"),
    ("branches", "Branch"),
]
_DATA = ["contacts", "addresses", "contact_contacts"]
_MATTERS = ["clients", "matters", "matter_debtors", "matter_contacts"]
_PREPARATION = ["lookups", "languages", "address_templates"]
_USERS = ["offices", "users", "practice_groups"]
_CHANGED = ["changed_contacts", "changed_addresses", "changed_contact_contacts"]
ACTION_STEPS = {
    "complete": _PREPARATION + _USERS + _DATA + _MATTERS,
    "all": _PREPARATION + _USERS + _DATA + _MATTERS,
    "lookups": _PREPARATION,
    "users": ["offices", "users"],
    "practice_groups": ["practice_groups"],
    "contacts": _DATA,
    "contacts_matters": _DATA + _MATTERS,
    "matters": _MATTERS,
    "changed_clients": _CHANGED,
    "update_client_code": ["client_codes"],
    "bank_account_numbers": ["bank_accounts"],
    "billing_instructions": ["billing_instructions"],
    "branches": ["branches"],
    "nightly": ["cleanup", *_PREPARATION, *_USERS, *_CHANGED],
}
# Steps that read a LegalSense list page by page: step -> resource.
PAGED_STEPS = {
    "contacts": "contacts",
    "addresses": "addresses",
    "contact_contacts": "contactcontacts",
    "clients": "clients",
    "matters": "matters",
    "matter_debtors": "matterdebtors",
    "matter_contacts": "mattercontacts",
    "client_codes": "clients",
    "bank_accounts": "contacts",
    "billing_instructions": "clients",
    "branches": "clients",
    "changed_contacts": "contacts",
    "changed_addresses": "addresses",
    "changed_contact_contacts": "contactcontacts",
}
# Steps importing each record in a transaction of its own (§ Job 5); they run
# in the one job of a nightly or changed-clients run.
RECORD_STEPS = ("changed_contacts", "changed_addresses", "changed_contact_contacts")


class RecordFailed(Exception):
    """A record could not be imported (the reason is the message)."""


class LegalSenseUnavailable(TransientError):
    """Records failed one after another with passing troubles: LegalSense is down."""

    def _describe(self):
        return (
            f"LegalSense is unavailable: {TRANSIENT_FAILURES_IN_A_ROW} records in a "
            f"row failed ({self.detail})"
        )


class Tally:
    """What one batch of a line did: counts per outcome and the failures.

    ``related`` counts what was imported along with the records (the
    addresses and contact persons of a new client); ``transient_in_a_row``
    the records failing with passing troubles of LegalSense one after another.
    """

    def __init__(self):
        self.counts = collections.Counter()
        self.failures = []
        self.done = 0
        self.total = None
        self.notes = []
        self.related = collections.Counter()
        self.transient_in_a_row = 0

    def count(self, outcome, number=1):
        self.counts[outcome] += number

    def fail(self, ls_id, reason, name=""):
        self.counts["failed"] += 1
        self.failures.append((ls_id, str(reason), name or ""))

    def note(self, text):
        self.notes.append(text)

    def passing_trouble(self, error):
        """Count a record failing with a passing trouble; after
        ``TRANSIENT_FAILURES_IN_A_ROW`` in a row LegalSense is taken to be down."""
        self.transient_in_a_row += 1
        if self.transient_in_a_row >= TRANSIENT_FAILURES_IN_A_ROW:
            raise LegalSenseUnavailable(str(error)) from error

    def mark(self):
        """What the tally holds now, to ``undo`` what a failing record added."""
        return self.counts.copy(), len(self.failures), len(self.notes)

    def undo(self, mark):
        counts, failures, notes = mark
        self.counts = counts
        del self.failures[failures:]
        del self.notes[notes:]

    def __bool__(self):
        return bool(self.counts or self.failures or self.done or self.notes) or (
            self.total is not None
        )


class RemoteRecords:
    """LegalSense records read by id when a record needs one, each read once.

    ``known`` holds the records known already. A read that failed (after the
    client's retries) fails every record needing it; only the first asks.
    """

    def __init__(self, client_factory, resource, known=None):
        self._client_factory = client_factory
        self._client = None
        self.resource = resource
        self._records = dict(known or {})

    def get(self, ls_id):
        """The LegalSense record ``ls_id`` (None without an id); raises the
        read's error, ``RecordFailed`` when it failed before."""
        if not ls_id:
            return None
        if ls_id not in self._records:
            self._client = self._client or self._client_factory()
            try:
                self._records[ls_id] = self._client.get(self.resource, ls_id)
            except LegalSenseError as error:
                self._records[ls_id] = RecordFailed(_error_text(error))
                raise
        found = self._records[ls_id]
        if isinstance(found, RecordFailed):
            raise found
        return found


class LegalsenseImport(models.Model):
    _name = "legalsense.import"
    _description = "LegalSense import"
    _order = "id desc"

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        readonly=True,
        index=True,
    )
    action = fields.Selection(ACTIONS, required=True, readonly=True, default="all")
    overwrite = fields.Boolean(
        readonly=True,
        help="Also update records that exist in Odoo already with the LegalSense "
        "values. Without it a run only creates and links what is missing.",
    )
    dry_run = fields.Boolean(
        readonly=True,
        help="Count what would be created, linked, updated or skipped, without "
        "writing anything.",
    )
    last_change_date = fields.Datetime(
        "Changed since",
        readonly=True,
        help="Changed clients: import what changed in LegalSense since this moment. "
        "Empty: since the last run (one day ago on the first run).",
    )
    trigger = fields.Selection(
        [("manual", "Manual"), ("nightly", "Nightly job"), ("url", "Admin URL")],
        default="manual",
        required=True,
        readonly=True,
    )
    state = fields.Selection(STATES, default="draft", required=True, readonly=True)
    date_start = fields.Datetime("Started", readonly=True)
    date_end = fields.Datetime("Finished", readonly=True)
    user_id = fields.Many2one(
        "res.users", "Started by", default=lambda self: self.env.user, readonly=True
    )
    line_ids = fields.One2many("legalsense.import.line", "run_id", "Steps")
    failure_ids = fields.One2many("legalsense.import.failure", "run_id", "Failures")
    password_ids = fields.One2many(
        "legalsense.import.password",
        "run_id",
        "Initial passwords",
        groups="legalsense.group_legalsense_manager",
    )
    password_count = fields.Integer(
        compute="_compute_password_count", groups="legalsense.group_legalsense_manager"
    )
    failure_count = fields.Integer(compute="_compute_failure_count")
    progress_done = fields.Integer(compute="_compute_progress")
    progress_total = fields.Integer(compute="_compute_progress")
    progress = fields.Float(compute="_compute_progress", help="Percentage done.")
    error = fields.Text(readonly=True, help="Why the run stopped.")
    summary = fields.Text(compute="_compute_summary")

    @api.depends("action", "dry_run")
    def _compute_name(self):
        labels = dict(self._fields["action"]._description_selection(self.env))
        for run in self:
            name = labels.get(run.action, run.action or "")
            if run.dry_run:
                name = self.env._("%s (dry run)", name)
            run.name = name

    def _compute_password_count(self):
        for run in self:
            run.password_count = len(run.password_ids)

    def _compute_failure_count(self):
        groups = self.env["legalsense.import.failure"]._read_group(
            [("run_id", "in", self.ids)], ["run_id"], ["__count"]
        )
        counts = {run.id: count for run, count in groups}
        for run in self:
            run.failure_count = counts.get(run.id, 0)

    @api.depends("line_ids.done", "line_ids.total", "line_ids.state")
    def _compute_progress(self):
        for run in self:
            done = total = 0
            for line in run.line_ids:
                line_total = max(line.total, line.done)
                if line.state in ("done", "skipped", "failed"):
                    line_total = line_total or 1
                    done += line_total
                else:
                    done += line.done
                total += line_total or 1
            run.progress_done = done
            run.progress_total = total
            run.progress = 100.0 * done / total if total else 0.0

    @api.depends(
        "state",
        "error",
        "line_ids.state",
        "line_ids.message",
        *(f"line_ids.{outcome}" for outcome in OUTCOMES),
    )
    def _compute_summary(self):
        for run in self:
            run.summary = run._summary_text()

    def _summary_text(self):
        totals = collections.Counter()
        parts = []
        for line in self.line_ids:
            for outcome in OUTCOMES:
                totals[outcome] += line[outcome]
        labels = {
            "created": self.env._("created"),
            "linked": self.env._("linked"),
            "updated": self.env._("updated"),
            "skipped": self.env._("skipped"),
            "failed": self.env._("failed"),
        }
        counts = ", ".join(
            f"{totals[outcome]} {labels[outcome]}" for outcome in OUTCOMES
        )
        state = dict(self._fields["state"]._description_selection(self.env))[self.state]
        parts.append(f"{state}: {counts}.")
        if self.dry_run:
            parts.append(self.env._("Dry run: nothing was written."))
        if self.error:
            parts.append(self.error)
        for line in self.line_ids.filtered(lambda line: line.state == "failed"):
            reason = (line.message or "").strip().splitlines()[-1:]
            parts.append(
                self.env._(
                    "%(step)s stopped: %(reason)s",
                    step=line.record_type,
                    reason=reason[0] if reason else "",
                )
            )
        return " ".join(parts)

    # ------------------------------------------------------------ start

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("action") not in ACTION_STEPS:
                raise UserError(
                    self.env._("Unknown LegalSense import: %s", vals.get("action"))
                )
        return super().create(vals_list)

    def action_start(self):
        """Plan the run and queue its jobs; UserError when it cannot run."""
        for run in self:
            if run.state != "draft":
                raise UserError(self.env._("This import has been started already."))
            run._config()
            run._plan()
            run.state = "queued"
            run._enqueue_next()
        return True

    def _config(self):
        """The enabled LegalSense config of the run's company; UserError if off."""
        self.ensure_one()
        config = self.env["legalsense.config"]._get_config(self.company_id)
        if not config._is_enabled():
            raise UserError(config._disabled_message())
        return config

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
        if self._skip_changed_clients(self._config()):
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
                next_page = getattr(self, f"_step_{line.step}")(line, tally, page)
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

    def _skip_reason(self, line):
        """Why a line is not run (the nightly job's conditions), or ""."""
        return getattr(self, f"_skip_{line.step}", lambda _config: "")(self._config())

    def _finish(self):
        failed = any(line.state == "failed" for line in self.line_ids)
        self.write(
            {
                "state": "failed" if failed else "done",
                "date_end": fields.Datetime.now(),
            }
        )
        _logger.info("LegalSense import %s finished: %s", self.id, self.summary)

    # ------------------------------------------------------------ progress

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

    # ------------------------------------------------------------ helpers for steps

    def _client(self):
        """A LegalSense client reading pages of ``PAGE_SIZE`` records.

        It retries a request failing with a passing trouble within
        ``CLIENT_OPTIONS``: only the record needing it waits.
        """
        client = self._config()._get_client(**CLIENT_OPTIONS)
        client.page_size = PAGE_SIZE
        return client

    def _import_env(self):
        """The environment imports write with: no export, no tracking, no mails."""
        return self.env(
            context=dict(
                self.env.context,
                **{IMPORT_CONTEXT: True},
                tracking_disable=True,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                mail_notrack=True,
                no_reset_password=True,
            ),
            su=True,
        )

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
        tally.fail(ls_id, _error_text(error), name)
        if isinstance(error, TransientError):
            tally.passing_trouble(error)
        else:
            tally.transient_in_a_row = 0

    # ------------------------------------------------------------ actions

    def action_cancel(self):
        for run in self.filtered(
            lambda run: run.state in ("draft", "queued", "running")
        ):
            run.write(
                {
                    "state": "failed",
                    "date_end": fields.Datetime.now(),
                    "error": self.env._("Stopped by %s.", self.env.user.name),
                }
            )
            run.line_ids.filtered(
                lambda line: line.state in ("pending", "running")
            ).write({"state": "skipped"})
        return True

    def action_refresh(self):
        return True

    def _related_action_import_run(self):
        """The job's related action: the import run it works for."""
        return {
            "type": "ir.actions.act_window",
            "res_model": "legalsense.import",
            "res_id": self.id,
            "view_mode": "form",
            "name": self.name,
        }

    def action_show_passwords(self):
        """Show the initial passwords of the created users once, then forget them."""
        self.ensure_one()
        self.check_access("write")
        passwords = self.sudo().password_ids
        if not passwords:
            raise UserError(
                self.env._("The initial passwords of this import were shown already.")
            )
        lines = [
            "{}: {}".format(
                password.login,
                legalsense_secret.decrypt(
                    self.env, password.password_encrypted, password.login
                ),
            )
            for password in passwords
        ]
        passwords.unlink()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Initial passwords (shown once)"),
                "message": "\n".join(lines),
                "type": "warning",
                "sticky": True,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_view_failures(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Failures"),
            "res_model": "legalsense.import.failure",
            "view_mode": "list,form",
            "domain": [("run_id", "=", self.id)],
        }

    @api.model
    def _cron_cleanup_runs(self, days=90):
        """Remove finished runs older than ``days`` days."""
        limit = fields.Datetime.now() - timedelta(days=days)
        self.search(
            [("state", "in", ("done", "failed")), ("create_date", "<", limit)]
        ).unlink()


def _error_text(error):
    """A one-line reason for the result log."""
    text = str(error).strip() or error.__class__.__name__
    return text.splitlines()[0] if len(text) > 500 else text
