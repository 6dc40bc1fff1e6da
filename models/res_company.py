# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model_create_multi
    def create(self, vals_list):
        # A company's partner is the firm itself: never synced, never numbered.
        records = super(
            ResCompany, self.with_context(legalsense_no_export=True)
        ).create(vals_list)
        return records.with_env(self.env)
