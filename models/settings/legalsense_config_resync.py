# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Resync everything that reads a changed setting.

The outbound mapping reads the settings of ``MappingSettings`` (partners:
contacts, clients, addresses, contact persons) and ``MatterSettings``
(matters, their debtors and parties). A change of one of them is sent with
each record's next change; the settings form offers to send every record
that reads it now, in batch jobs.
"""

import dataclasses

from odoo import fields, models

from ...legalsense_mapping.matter_settings import MatterSettings
from ...legalsense_mapping.settings import MappingSettings

READERS = {
    "res.partner": frozenset(f.name for f in dataclasses.fields(MappingSettings)),
    "legal.matter": frozenset(f.name for f in dataclasses.fields(MatterSettings)),
}
# The records of each model that have LegalSense records to send again.
LINKED = {
    "res.partner": [
        "|",
        ("legalsense_contact_id", "!=", 0),
        ("legalsense_address_id", "!=", 0),
    ],
    "legal.matter": [("legalsense_matter_id", "!=", 0)],
}


class LegalsenseConfig(models.Model):
    _inherit = "legalsense.config"

    resync_models = fields.Char(
        readonly=True,
        copy=False,
        help="The synchronised models whose mapping reads a setting changed "
        "since their last resync (comma-separated).",
    )
    resync_hint = fields.Char(compute="_compute_resync_hint")

    def write(self, vals):
        result = super().write(vals)
        readers = {model for model, names in READERS.items() if names & set(vals)}
        for config in self if readers else ():
            pending = set(filter(None, (config.resync_models or "").split(",")))
            models_ = ",".join(sorted(pending | readers))
            super(LegalsenseConfig, config).write({"resync_models": models_})
        return result

    def _compute_resync_hint(self):
        labels = {
            "res.partner": self.env._("contacts and addresses"),
            "legal.matter": self.env._("matters with their debtors and parties"),
        }
        for config in self:
            names = filter(None, (config.resync_models or "").split(","))
            config.resync_hint = ", ".join(labels[name] for name in names)

    def action_resync_reading_settings(self):
        """Send every record whose mapping reads a changed setting again."""
        self.ensure_one()
        after = self.env["res.partner"]._legalsense_last_job_id()
        for model in filter(None, (self.resync_models or "").split(",")):
            records = self.env[model].search(
                [*LINKED[model], ("company_id", "in", (self.company_id.id, False))]
            )
            records.action_legalsense_resync()
        self.resync_models = False
        return self.env["res.partner"]._legalsense_jobs_action(after)
