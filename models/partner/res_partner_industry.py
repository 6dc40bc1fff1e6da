# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartnerIndustry(models.Model):
    """ContactManager's IndustryCode: an industry with its code and parent.

    A Dutch firm files its clients under SBI codes (Standaard
    Bedrijfsindeling), a tree: the code is what the IndustryCode sources of
    the settings send, the parent what ``.Parent`` and ``.Root`` read.
    """

    _inherit = "res.partner.industry"
    _parent_name = "parent_id"

    code = fields.Char(
        help="The industry's code, e.g. its SBI code '6910' (legal services)."
    )
    parent_id = fields.Many2one(
        "res.partner.industry",
        "Parent industry",
        index=True,
        ondelete="restrict",
        help="The broader industry this one belongs to, e.g. SBI '69' for '6910'.",
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "Another industry has this code already.")
    ]
