# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Work locations imported from LegalSense offices (§ Job 3, ImportOffices)."""

from odoo import fields, models


class HrWorkLocation(models.Model):
    _inherit = "hr.work.location"

    legalsense_id = fields.Integer(
        "LegalSense office ID",
        copy=False,
        index=True,
        help="Id of the LegalSense office this location is.",
    )
