# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""How contacts are numbered: their Reference from a sequence of the
settings' choice, their client code from LegalSense."""

from odoo import api, fields, models

NUMBERING_SEQUENCES = [
    ("client", "Clients"),
    ("vendor", "Vendors"),
    ("other", "Other contacts"),
]
SEQUENCE_CODE = "legalsense.partner.%s"


class ResPartner(models.Model):
    _inherit = "res.partner"

    legalsense_numbering_sequence = fields.Selection(
        NUMBERING_SEQUENCES,
        "Numbering sequence",
        default="client",
        copy=False,
        help="The sequence the Reference of a new contact is taken from, when "
        "the LegalSense settings use separate numbering sequences.",
    )
    legalsense_use_client_code = fields.Boolean(compute="_compute_legalsense_settings")
    legalsense_use_separate_sequences = fields.Boolean(
        compute="_compute_legalsense_settings"
    )

    @api.depends_context("company")
    def _compute_legalsense_settings(self):
        config = self.env["legalsense.config"]._get_enabled_config()
        for partner in self:
            partner.legalsense_use_client_code = bool(config.use_client_code)
            partner.legalsense_use_separate_sequences = bool(
                config.use_separate_numbering_sequences
            )

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        if not self._legalsense_export_suppressed():
            partners._legalsense_assign_reference()
        return partners

    def _legalsense_assign_reference(self):
        """Number new contacts from the chosen sequence (their Reference)."""
        for partner in self:
            if partner.ref or partner._legalsense_kind() == "address":
                continue
            config = partner._legalsense_config()
            if not config or not partner._legalsense_is_syncable():
                continue
            kind = "client"
            if config.use_separate_numbering_sequences:
                kind = partner.legalsense_numbering_sequence or "client"
            number = self.env["ir.sequence"].sudo().next_by_code(SEQUENCE_CODE % kind)
            if number:
                partner._legalsense_silent().write({"ref": number})

    def _legalsense_silent(self):
        """This partner for a write that must not queue an export."""
        return self.with_context(legalsense_no_export=True)
