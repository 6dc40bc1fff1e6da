# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Settings — Import — Addresses: the LegalSense address kinds and templates."""

from odoo import api, fields, models

ADDRESS_ID_FIELDS = (
    "default_address_kind",
    "default_address_kind_postal_address",
    "default_address_kind_visitor_address",
)


class LegalsenseConfig(models.Model):
    _inherit = "legalsense.config"

    # ------------------------------------------------------------ Import — Addresses
    address_kinds_in_active = fields.Char(
        string="Address kinds inactive",
        default="Vorig adres",
        tracking=True,
        help="One or more address type names (from LegalSense) whose addresses "
        "should be marked as inactive during import, separated by commas or "
        "semicolons. Default: Vorig adres (Previous address).",
    )
    default_address_kind = fields.Integer(
        string="Default address kind ID",
        default=1,
        tracking=True,
        help="Default LegalSense address kind ID used when no kind is specified. "
        "Default: 1.",
    )
    default_address_kind_postal_address = fields.Integer(
        string="Address kind ID of the postal address",
        tracking=True,
        help="LegalSense address kind ID that maps to the postal address. When an "
        "imported address has this kind, it is set as the postal address of the "
        "contact.",
    )
    default_address_kind_visitor_address = fields.Integer(
        string="Address kind ID of the visitor address",
        tracking=True,
        help="LegalSense address kind ID that maps to the visitor address. When an "
        "imported address has this kind, it is set as the visitor address of the "
        "contact.",
    )
    default_address_template = fields.Integer(
        default=4,
        tracking=True,
        help="Default LegalSense address template ID (1..18) used when no template "
        "is configured for the country. Default: 4 (UK with attention).",
    )

    # ------------------------------------------------------------ validation

    @api.constrains(*ADDRESS_ID_FIELDS)
    def _check_address_kind_ids(self):
        self._check_ids(ADDRESS_ID_FIELDS)

    @api.constrains("default_address_template")
    def _check_default_address_template(self):
        for config in self:
            if not 1 <= config.default_address_template <= 18:
                raise config._invalid(
                    "default_address_template",
                    self.env._(
                        "%s is not an address template.",
                        config.default_address_template,
                    ),
                    self.env._(
                        "a template ID from 1 to 18, e.g. 4 (UK with attention)"
                    ),
                )
