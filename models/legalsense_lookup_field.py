# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Lookup fields: the manual's CM "LookupField" (e.g. WWFT, Expertise).

A lookup field is a named list of values set on contacts or matters. The
LegalSense settings name them by code: custom fields
(``LookupField.<code>=<LS name>``), ``NoDunningLookupFieldValueCode``,
``RetentionPeriod``, ``SyncClientBranchesToCMField`` and the AML flag.
"""

from odoo import fields, models


class LegalsenseLookupField(models.Model):
    _name = "legalsense.lookup.field"
    _description = "Lookup field"
    _order = "name"

    code = fields.Char(required=True, help="Code used in the LegalSense settings.")
    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    value_ids = fields.One2many("legalsense.lookup.value", "field_id", "Values")

    _sql_constraints = [
        ("code_unique", "unique(code)", "The code of a lookup field must be unique.")
    ]
