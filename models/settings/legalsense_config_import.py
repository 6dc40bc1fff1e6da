# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Settings — Import — General: what the imports and the nightly job do."""

from odoo import api, fields, models

from ...legalsense_mapping import parse_country_mapping
from ...legalsense_mapping.country_mapping import SYNTAX as COUNTRY_MAPPING_SYNTAX


class LegalsenseConfig(models.Model):
    _inherit = "legalsense.config"

    # ------------------------------------------------------------ Import — General
    import_country_mapping = fields.Text(
        tracking=True,
        help="Mapping from LegalSense country name to ISO2 country code, used during "
        "import when the country cannot be resolved automatically.\n"
        "Syntax: <LS country name>=<ISO2 code>, semicolon-separated for multiple "
        "entries.\nExample: The Netherlands=NL;Germany=DE",
    )
    import_users_is_disabled = fields.Boolean(
        tracking=True,
        help="When true, users and offices are not imported during the nightly "
        "sync. Disables the Users and Practice Groups nightly jobs entirely. "
        "Default: false.",
    )
    import_users_create_contact_folder = fields.Char(
        tracking=True,
        help="Specifies the parent folder name (or / for root) in which a contact "
        "folder should be created for each new user. Leave empty to disable "
        "automatic folder creation.",
    )
    import_users_use_email_address_part_for_username = fields.Boolean(
        tracking=True,
        help="When true, the part of the user's e-mail address before the @ is used "
        "as the username. Default: false.",
    )
    import_users_skip_inactive_users = fields.Boolean(
        tracking=True,
        help="When true, inactive LS users that do not yet exist are not created. "
        "Default: false.",
    )
    import_changed_clients_is_enabled = fields.Boolean(
        tracking=True,
        help="When true, the nightly job imports all clients changed in LegalSense "
        "since the last run. Default: false.",
    )
    sync_required_external_application = fields.Char(
        tracking=True,
        help="When set, only objects that have a synchronisation record for this "
        "external application are synchronised to LegalSense. For example, "
        "setting this to ASSYST ensures that only contacts already registered in "
        "ASSYST are pushed to LegalSense. Leave empty (default) to sync all "
        "objects without restriction.",
    )

    # ------------------------------------------------------------ validation

    @api.constrains("import_country_mapping")
    def _check_import_country_mapping(self):
        self._check_values(
            ("import_country_mapping",), parse_country_mapping, COUNTRY_MAPPING_SYNTAX
        )
