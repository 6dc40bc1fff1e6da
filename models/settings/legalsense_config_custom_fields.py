# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Settings — Custom Fields: which company, person and matter fields are sent
to LegalSense custom fields, and the retention period of archived matters.
"""

from odoo import api, fields, models

from ...legalsense_mapping import parse_custom_fields
from ...legalsense_mapping.custom_fields import SYNTAX as CUSTOM_FIELDS_SYNTAX

CUSTOM_FIELD_SETTINGS = (
    "company_custom_fields",
    "person_custom_fields",
    "matter_custom_fields",
)


class LegalsenseConfig(models.Model):
    _inherit = "legalsense.config"

    # ------------------------------------------------------------ Custom fields
    company_custom_fields = fields.Text(
        tracking=True,
        help="Defines which company fields are synchronised to LegalSense custom "
        "fields.\nFormat: <field name>=<LS custom field name>, semicolon-separated. "
        "Also LookupField.<code>[.Parent|.Root]=<LS name>, "
        "IndustryCode[.Parent|.Root]=<LS name> and DMSFORLEGAL=<LS name>.",
    )
    person_custom_fields = fields.Text(
        tracking=True,
        help="Defines which person fields are synchronised to LegalSense custom "
        "fields.\nFormat: <field name>=<LS custom field name>, semicolon-separated. "
        "Also LookupField.<code>[.Parent|.Root]=<LS name>, "
        "IndustryCode[.Parent|.Root]=<LS name> and DMSFORLEGAL=<LS name>.",
    )
    matter_custom_fields = fields.Text(
        tracking=True,
        help="Defines which matter fields are synchronised to LegalSense custom "
        "fields.\nFormat: <field name>=<LS custom field name>, semicolon-separated. "
        "Also LookupField.<code>[.Parent|.Root]=<LS name>, "
        "IndustryCode[.Parent|.Root]=<LS name> and DMSFORLEGAL=<LS name>.",
    )
    retention_period = fields.Char(
        tracking=True,
        help="LookupField code used to populate the retention_period field in "
        "LegalSense Matter Archive Information. Leave empty to disable.",
    )

    # ------------------------------------------------------------ validation

    @api.constrains(*CUSTOM_FIELD_SETTINGS)
    def _check_custom_fields(self):
        self._check_values(
            CUSTOM_FIELD_SETTINGS, parse_custom_fields, CUSTOM_FIELDS_SYNTAX
        )
