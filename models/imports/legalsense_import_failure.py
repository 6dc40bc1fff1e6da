# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A LegalSense record an import could not bring into Odoo, and why."""

from odoo import fields, models


class LegalsenseImportFailure(models.Model):
    _name = "legalsense.import.failure"
    _description = "LegalSense import failure"
    _order = "run_id, line_id, id"

    run_id = fields.Many2one(
        "legalsense.import", required=True, ondelete="cascade", index=True
    )
    line_id = fields.Many2one("legalsense.import.line", ondelete="cascade", index=True)
    step = fields.Selection(related="line_id.step")
    record_type = fields.Char(related="line_id.record_type")
    legalsense_id = fields.Integer("LegalSense ID")
    name = fields.Char("Record")
    reason = fields.Text(required=True)
