# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartnerCategory(models.Model):
    """A contact tag as ContactManager's contact folder (§ Job 3)."""

    _inherit = "res.partner.category"

    legalsense_owner_id = fields.Many2one(
        "res.users",
        "Folder owner",
        ondelete="set null",
        help="The user whose contact folder this tag is "
        "(ImportUsersCreateContactFolder): a new user's folder takes the "
        "user's name, with the LegalSense user id added when a folder of that "
        "name belongs to someone else.",
    )
