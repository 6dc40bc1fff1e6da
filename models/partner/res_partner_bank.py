# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# What the contact payload reads of a bank account (bank_account_iban/bic).
TRACKED_FIELDS = {"acc_number", "bank_id", "bank_bic", "partner_id", "sequence"}


class ResPartnerBank(models.Model):
    _inherit = "res.partner.bank"

    @api.model_create_multi
    def create(self, vals_list):
        accounts = super().create(vals_list)
        accounts.partner_id._legalsense_queue_bank_change()
        return accounts

    def write(self, vals):
        partners = self.partner_id
        result = super().write(vals)
        if TRACKED_FIELDS & set(vals):
            (partners | self.partner_id)._legalsense_queue_bank_change()
        return result

    def unlink(self):
        partners = self.partner_id
        result = super().unlink()
        partners.exists()._legalsense_queue_bank_change()
        return result
