# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A matter debtor's e-mail addresses (§ Invoice e-mail address).

The invoice and dunning e-mail addresses (and the invoice address) are copied
from the contact when it is chosen, and can then be changed per matter. With
ExistingEmailAddressesOnly, the invoice addresses are sent to LegalSense as
the ids of the contact's e-mail details.
"""

from odoo import api, models

from ...legalsense_mapping.matter_debtors import split_addresses


class LegalMatterDebtor(models.Model):
    _inherit = "legal.matter.debtor"

    # ------------------------------------------------------------ e-mail copy

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        self.update(self._partner_defaults(self.partner_id))

    @api.model
    def _partner_defaults(self, partner):
        """§ Invoice e-mail address: the contact's addresses, copied once."""
        if not partner:
            return {}
        company = partner.commercial_partner_id
        source = partner if partner.billing_email else company
        address = company.address_get(["invoice"]).get("invoice")
        return {
            "invoice_emails": source.billing_email or False,
            "dunning_emails": (partner.dunning_email or source.dunning_email) or False,
            "address_id": address or False,
        }

    @api.model_create_multi
    def create(self, vals_list):
        partners = self.env["res.partner"]
        for vals in vals_list:
            defaults = self._partner_defaults(partners.browse(vals.get("partner_id")))
            for key, value in defaults.items():
                vals.setdefault(key, value)
        return super().create(vals_list)

    def write(self, vals):
        if "partner_id" in vals and not self._legalsense_export_suppressed():
            defaults = self._partner_defaults(
                self.env["res.partner"].browse(vals["partner_id"])
            )
            for key, value in defaults.items():
                vals.setdefault(key, value)
        return super().write(vals)

    # ------------------------------------------------------------ e-mail details

    def _legalsense_needs_email_details(self, run):
        """Invoice addresses are sent by detail id: ExistingEmailAddressesOnly."""
        settings = run.settings
        return bool(
            settings.show_debtor_bill_email_address
            and settings.show_debtor_bill_email_address_existing_email_addresses_only
            and split_addresses(self.invoice_emails)
        )

    @api.model
    def _legalsense_email_details(self, run, contact):
        """The details of ``contact``'s LegalSense contact: as the partner sync
        last saw them, else as LegalSense has them (e.g. an imported contact)."""
        from ..partner.partner_sync import CONTACT

        remote = contact._legalsense_remote(CONTACT)
        if remote is None:
            remote = run.client.get("contacts", contact.legalsense_contact_id)
        return remote.get("details") or ()
