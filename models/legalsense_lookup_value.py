# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Lookup values: the lists a LegalSense sync reads and the import fills.

One model serves every lookup list of the manual, told apart by
``lookup_type``: the address kinds, segments (LegalSense sectors),
interests and stock exchanges (other sources of the sector), referrals,
activity roles (contact kinds), matter types and areas of law
(matter types or practice areas), and the values of the free lookup fields.
``legalsense_id`` is the id of the LegalSense record a value stands for
(the manual's LEGALSENSE external id of a lookup item).
"""

from odoo import api, fields, models

from ..legalsense_mapping import LookupValue
from .sync.legalsense_external_ref import LEGALSENSE

LOOKUP_TYPES = [
    ("address_kind", "Address kind"),
    ("segment", "Segment"),
    ("interest", "Interest"),
    ("stock_exchange", "Stock exchange"),
    ("referral", "Referral"),
    ("activity_role", "Activity role"),
    ("matter_type", "Matter type"),
    ("area_of_law", "Area of law"),
    ("lookup_field", "Lookup field value"),
]


class LegalsenseLookupValue(models.Model):
    _name = "legalsense.lookup.value"
    _inherit = ["legalsense.external.ref.mixin"]
    _description = "Lookup value"
    _order = "lookup_type, field_id, sequence, name"
    _parent_store = True

    lookup_type = fields.Selection(LOOKUP_TYPES, required=True, index=True)
    field_id = fields.Many2one(
        "legalsense.lookup.field",
        "Lookup field",
        ondelete="cascade",
        index=True,
        help="For values of a lookup field: the field they belong to.",
    )
    code = fields.Char(help="Code of the value, sent to LegalSense custom fields.")
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    parent_id = fields.Many2one(
        "legalsense.lookup.value",
        "Parent",
        ondelete="restrict",
        index=True,
        domain="[('lookup_type', '=', lookup_type), ('field_id', '=', field_id)]",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("legalsense.lookup.value", "parent_id", "Children")
    legalsense_id = fields.Integer(
        "LegalSense ID",
        copy=False,
        index=True,
        help="Id of the LegalSense lookup record this value stands for.",
    )

    _sql_constraints = [
        (
            "code_unique",
            "unique(lookup_type, field_id, code)",
            "A code is used once per lookup list.",
        )
    ]

    @api.depends("name", "code")
    def _compute_display_name(self):
        for value in self:
            value.display_name = (
                f"{value.code} - {value.name}"
                if value.code and value.code != value.name
                else value.name
            )

    def _legalsense_root(self):
        """The top value of this value's hierarchy."""
        self.ensure_one()
        root = self
        while root.parent_id:
            root = root.parent_id
        return root

    def _legalsense_mapping_values(self):
        """These values as the mapping rules read them, in order."""
        return tuple(value._legalsense_mapping_value() for value in self)

    def _legalsense_mapping_value(self):
        """This value as a mapping ``LookupValue``, with its parents."""
        self.ensure_one()
        return LookupValue(
            code=self.code or self.name or "",
            name=self.name or "",
            ls_id=self.legalsense_id or None,
            external_id=self._legalsense_external_id(LEGALSENSE) or None,
            parent=self.parent_id._legalsense_mapping_value()
            if self.parent_id
            else None,
            field_code=self.field_id.code or "",
        )
