# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The first password of a user an import created (Forms Authentication).

§ Job 3: "the initial password is set to <username><userId> and is included
in the import log". It is stored encrypted until a Manager has seen it once.
"""

from odoo import fields, models


class LegalsenseImportPassword(models.Model):
    _name = "legalsense.import.password"
    _description = "Initial password of an imported user"
    _order = "run_id, login"

    run_id = fields.Many2one(
        "legalsense.import", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one("res.users", ondelete="cascade")
    login = fields.Char(required=True)
    password_encrypted = fields.Char(required=True, groups="base.group_system")
