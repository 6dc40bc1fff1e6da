# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The start page of the administration URLs: the connection, the jobs, the
nightly run, the last imports and the records per LegalSense status."""

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from ..legalsense_client import LegalSenseError
from .legalsense_configuration_page import BASE, IMPORT_MODEL, AdminPage, admin_page

NIGHTLY_CRON = "legalsense.ir_cron_legalsense_nightly"
JOB_CHANNEL_DOMAIN = [
    "|",
    ("channel", "=", "root.legalsense"),
    ("channel", "=like", "root.legalsense.%"),
]
PENDING_JOB_STATES = ("wait_dependencies", "pending", "enqueued", "started")
# The statuses counted on the start page (the sync health's), and the name of
# the records' own lists of a status, where it differs.
HEALTH_MODEL = "legalsense.sync.health"
SYNC_COUNT_STATES = (
    "synced",
    "conflict",
    "pending",
    "failed",
    "not_synced",
    "unknown",
)
RECORD_LIST_STATES = {"failed": "error"}


class StartPage(AdminPage):
    @http.route([BASE, BASE + "/"], type="http", auth="user", methods=["GET"])
    @admin_page
    def start_page(self, **params):
        company = self._company()
        config = request.env["legalsense.config"]._get_config(company)
        runs, nightly_run = self._last_runs(company)
        values = {
            "company": company,
            "config": config,
            "enabled": config._is_enabled(),
            "off_message": "" if config._is_enabled() else config._disabled_message(),
            "connection": self._connection(config),
            "job_runner_configured": self._job_runner_configured(),
            "jobs": self._job_counts(),
            "nightly_cron": self._nightly_cron(),
            "runs": runs,
            "nightly_run": nightly_run,
            "sync_counts": self._sync_counts(),
            "sync_health": self._sync_health(),
            "import_wizard_url": self._action_url(
                "legalsense.legalsense_import_wizard_action"
            ),
            "imports_url": self._action_url("legalsense.legalsense_import_action"),
            "settings_url": self._action_url("legalsense.legalsense_config_action"),
        }
        return self._render("legalsense.configuration_start", values)

    def _connection(self, config):
        """``{"ok", "version", "error"}`` of a live check, None when off."""
        if not config._is_enabled():
            return None
        try:
            client = self._client(config)
            if config._can_request_token():
                client.authenticate()
            version = client.version(refresh=True)
        except (LegalSenseError, UserError, ValueError) as error:
            return {"ok": False, "version": False, "error": str(error)}
        return {"ok": True, "version": str(version), "error": False}

    def _job_counts(self):
        Job = request.env["queue.job"]
        return {
            "pending": Job.search_count(
                JOB_CHANNEL_DOMAIN + [("state", "in", PENDING_JOB_STATES)]
            ),
            "failed": Job.search_count(JOB_CHANNEL_DOMAIN + [("state", "=", "failed")]),
            "pending_url": self._action_url("legalsense.legalsense_queue_job_action"),
            "failed_url": self._action_url(
                "legalsense.legalsense_queue_job_failed_action"
            ),
        }

    @staticmethod
    def _nightly_cron():
        """The scheduled action of the nightly job (read with superuser rights)."""
        cron = request.env.ref(NIGHTLY_CRON, raise_if_not_found=False)
        return cron.sudo() if cron else request.env["ir.cron"].sudo()

    def _last_runs(self, company):
        """The last imports of ``company`` and its last nightly run."""
        Import = request.env[IMPORT_MODEL]
        domain = [("company_id", "=", company.id)]
        last_runs = Import.search(domain, order="id desc", limit=5)
        nightly = Import.search(
            domain + [("action", "=", "nightly")], order="id desc", limit=1
        )
        return last_runs, nightly

    def _sync_counts(self):
        """Per synced model: its records per LegalSense status, as the sync
        health counts them, with links to the records where a list exists."""
        Health = request.env[HEALTH_MODEL]
        labels = dict(Health._fields["res_model"]._description_selection(request.env))
        counts = []
        for model_name, numbers in Health._status_counts().items():
            states = []
            for state in SYNC_COUNT_STATES:
                xmlid = self._sync_state_action(
                    model_name, RECORD_LIST_STATES.get(state, state)
                )
                states.append(
                    {
                        "state": state,
                        "count": numbers[state],
                        "url": xmlid and self._action_url(xmlid),
                    }
                )
            counts.append(
                {"model": model_name, "label": labels[model_name], "states": states}
            )
        return counts

    def _sync_health(self):
        """The links to the sync health and its oldest pending record."""
        return {
            "url": self._action_url("legalsense.legalsense_sync_health_action"),
            "failures_url": self._action_url(
                "legalsense.legalsense_sync_health_failed_action"
            ),
            "oldest_pending": request.env[HEALTH_MODEL]._oldest_pending(),
        }

    @staticmethod
    def _sync_state_action(model_name, state):
        """The xml id of the action listing the records of ``state``, or False."""
        stem = f"legalsense.{model_name.replace('.', '_')}"
        for xmlid in (f"{stem}_legalsense_{state}_action", f"{stem}_{state}_action"):
            if request.env.ref(xmlid, raise_if_not_found=False):
                return xmlid
        return False
