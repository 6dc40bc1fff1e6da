# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Users matched with or created from LegalSense users (§ Job 3)."""

from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    legalsense_user_id = fields.Integer(
        "LegalSense user ID",
        copy=False,
        index=True,
        help="Id of the LegalSense user this user is. Set by the user import; "
        "the outbound sync reads it for owners, originators and matter users.",
    )

    legalsense_authentication = fields.Selection(
        [
            ("windows", "Windows (domain account)"),
            ("forms", "Forms (login and password)"),
        ],
        "LegalSense authentication",
        copy=False,
        help="How the user import set this user up (§ Job 3): with a Windows "
        "domain name the login is DOMAIN\\username and no password is set; "
        "otherwise the initial password is <login><LegalSense user id>, shown "
        "once on the import run.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["legalsense_user_id"]
