# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The nightly job of the LegalSense settings (§ Nightly Job).

Each night, per company whose integration is on, one run of the five jobs
in the manual's order: clean up the log directory, lookup items, users and
offices, practice groups, changed clients. The run is a
``legalsense.import`` (action ``nightly``) so its result log shows what
each job did.
"""

import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class LegalsenseConfig(models.Model):
    _inherit = "legalsense.config"

    address_templates_imported = fields.Datetime(
        readonly=True,
        copy=False,
        help="When the default address templates were applied by an import "
        "(the nightly job applies them once).",
    )
    nightly_last_run = fields.Datetime(
        compute="_compute_last_runs", help="Start of the last finished nightly run."
    )
    changed_clients_last_run = fields.Datetime(
        compute="_compute_last_runs",
        help="Start of the last finished changed-clients import: the next one "
        "imports what changed since then.",
    )

    def _compute_last_runs(self):
        stamps = self.env["legalsense.import.timestamp"].sudo()
        for config in self:
            found = stamps.search([("company_id", "=", config.company_id.id)])
            last = {stamp.key: stamp.last_run for stamp in found}
            config.nightly_last_run = last.get("nightly") or False
            config.changed_clients_last_run = last.get("changed_clients") or False

    @api.model
    def _cron_nightly(self):
        """Queue the nightly run of every company whose integration is on."""
        runs = self.env["legalsense.import"]
        for config in self.sudo().search([("company_id", "!=", False)]):
            if not config._is_enabled():
                _logger.info(
                    "LegalSense nightly job of %s skipped: the integration is off",
                    config.company_id.name,
                )
                continue
            run = runs.sudo().create(
                {
                    "action": "nightly",
                    "trigger": "nightly",
                    "company_id": config.company_id.id,
                    "user_id": self.env.user.id,
                }
            )
            run.action_start()
            runs |= run
        return runs

    def action_open_import_wizard(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "legalsense.legalsense_import_wizard_action"
        )
        action["context"] = {"default_company_id": self.company_id.id}
        return action
