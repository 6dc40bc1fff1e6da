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

The run is one model in three files: this one (its fields, progress,
summary and buttons), ``legalsense_import_jobs`` (planning, the jobs, the
timestamp locks, running a line) and ``legalsense_import_records`` (what
the steps use: the client, pages, a record's savepoint, the counts; the
records of Job 5 each in a transaction of its own). The steps are abstract
models of their own, ``legalsense.import.step.*``, one per step of the
manual (``plan.STEP_MODELS``).
"""

import collections
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import legalsense_secret
from .plan import ACTION_STEPS
from .tally import OUTCOMES

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
