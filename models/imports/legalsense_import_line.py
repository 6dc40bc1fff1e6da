# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One step of a LegalSense import for one record type, with its counts."""

from odoo import api, fields, models

from .plan import STEPS

LINE_STATES = [
    ("pending", "Pending"),
    ("running", "Running"),
    ("done", "Done"),
    ("skipped", "Skipped"),
    ("failed", "Failed"),
]


class LegalsenseImportLine(models.Model):
    _name = "legalsense.import.line"
    _description = "LegalSense import step"
    _order = "run_id, sequence, id"

    run_id = fields.Many2one(
        "legalsense.import", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer()
    step = fields.Selection(list(STEPS.items()), required=True)
    resource = fields.Char(
        "LegalSense resource", help="The LegalSense list this step reads."
    )
    record_type = fields.Char(required=True)
    state = fields.Selection(LINE_STATES, default="pending", required=True)
    total = fields.Integer(help="Records LegalSense listed for this step.")
    done = fields.Integer(help="Records handled so far.")
    created = fields.Integer()
    linked = fields.Integer(
        help="Existing Odoo records linked to LegalSense instead of duplicated."
    )
    updated = fields.Integer()
    skipped = fields.Integer()
    failed = fields.Integer()
    next_page = fields.Integer(
        readonly=True, help="The page of the LegalSense list to import next."
    )
    last_record_id = fields.Integer(
        "Last LegalSense ID",
        readonly=True,
        help="Steps importing each record in a transaction of its own: the last "
        "record imported (the list comes in ascending id order). A retried job "
        "goes on after it.",
    )
    progress = fields.Float(compute="_compute_progress")
    message = fields.Text(help="Notes and, when the step failed, why.")
    failure_ids = fields.One2many("legalsense.import.failure", "line_id", "Failures")

    @api.depends("done", "total", "state")
    def _compute_progress(self):
        for line in self:
            if line.state in ("done", "skipped"):
                line.progress = 100.0
            elif line.total:
                line.progress = min(100.0, 100.0 * line.done / line.total)
            else:
                line.progress = 0.0
