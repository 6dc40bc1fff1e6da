# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Settings — Matters: when and how matters are sent to LegalSense (Matters —
General, Matters — Field Mapping) and the matter form options (the manual's
matter.config).
"""

import re

from odoo import api, fields, models

from ...legalsense_mapping import check_codes

USER_FIELD_SELECTION = [
    ("Originator", "Originator"),
    ("Owner", "Owner"),
    ("OwnerSub", "OwnerSub"),
]
MATTER_TYPE_FIELD_SELECTION = [("MatterType", "MatterType"), ("AreaOfLaw", "AreaOfLaw")]
MATTER_FORM_VISIBILITY = [
    ("visible", "Visible"),
    ("required", "Required"),
    ("not_visible", "Not visible"),
]
ORIGINATOR_FIELDS = ("Originator", "Owner", "OwnerSub")
REFERRER_FIELD = "referrer"
LONG_NAME_FIELD = "Name"
EMAIL_ROLES = ("CreatedBy", "ModifiedBy", "Owner", "OwnerSub", "Originator")
CREATE_NEW_TYPES = ("Person", "Company", "Employee")
_CUSTOM_FIELD_NAME_FORBIDDEN = re.compile(r"[;=\x00-\x1f]")


class LegalsenseConfig(models.Model):
    _inherit = "legalsense.config"

    # ------------------------------------------------------------ Matters — General
    new_matter_change_owner_for_client = fields.Boolean(
        tracking=True,
        help="When true, the client owner is updated when the first matter is "
        "created. Default: false.",
    )
    new_matter_send_email = fields.Char(
        default="CreatedBy,OwnerSub",
        tracking=True,
        help="Comma-separated list of recipient roles notified when a new matter is "
        "created in LegalSense. Roles: " + ", ".join(EMAIL_ROLES) + ". "
        "Default: CreatedBy,OwnerSub.",
    )
    change_matter_send_email = fields.Char(
        default="ModifiedBy",
        tracking=True,
        help="Comma-separated list of recipient roles notified when an existing "
        "matter is changed. Roles: " + ", ".join(EMAIL_ROLES) + ". "
        "Default: ModifiedBy.",
    )
    matter_contact_activity_role_code_for_client = fields.Char(
        default="Client",
        tracking=True,
        help="Activity role code used for matter–client relationships. "
        "Default: Client.",
    )
    sync_matter_if_verified = fields.Boolean(
        tracking=True,
        help="When true, a matter is only created/synchronised in LegalSense after "
        "it has been verified. Default: false.",
    )
    sync_matter_enabled_for_activity_types = fields.Char(
        tracking=True,
        help="When specified, only matters of the listed activity types (codes, "
        "comma-separated) are synchronised to LegalSense. Leave empty to sync all "
        "matter types.",
    )
    sync_matter_minimal_open_date = fields.Date(
        tracking=True,
        help="Matters with an open date before this date are not created in "
        "LegalSense if they do not yet exist there. Leave empty to disable.",
    )
    use_owner_for_matter_practice_group = fields.Boolean(
        tracking=True,
        help="When true, the matter's office/location and department are updated "
        "from the selected owner (OwnerSub). Default: false.",
    )
    disable_practice_group = fields.Boolean(
        tracking=True,
        help="When true, the practice group is not set when synchronising a matter. "
        "Set automatically when LegalSense has no practice groups. Default: false.",
    )
    mark_matter_as_removed = fields.Boolean(
        tracking=True,
        help="When true, setting the soft-kill status to 3 in LegalSense is "
        "triggered when a matter is removed, and an e-mail notification is sent. "
        "Default: false.",
    )
    hide_billing_time_keeper = fields.Boolean(
        tracking=True,
        help="When true, the billing time keeper is hidden on matters and "
        "billing_user is not synchronised to LegalSense. Default: false.",
    )
    archive_matter_role = fields.Boolean(
        tracking=True,
        help="When set, a matter is not archived in LegalSense when the close date "
        "is filled, but only when the archive date is entered. At that point the "
        "archive number can also be entered and is synchronised to LegalSense.",
    )

    # ------------------------------------------------------------ Matter form options
    show_matter_type = fields.Selection(
        MATTER_FORM_VISIBILITY,
        default="visible",
        tracking=True,
        help="Whether the matter type is visible, required or not visible on the "
        "matter form (matter.config ShowMatterType).",
    )
    show_area_of_law = fields.Selection(
        MATTER_FORM_VISIBILITY,
        default="visible",
        tracking=True,
        help="Whether the area of law (LegalSense practice area) is visible, "
        "required or not visible on the matter form (matter.config ShowAreaOfLaw).",
    )
    hide_department = fields.Boolean(
        tracking=True,
        help="When true, the department (LegalSense practice group) is hidden on "
        "the matter form (matter.config HideDepartment).",
    )
    show_multiple_matter_payors = fields.Boolean(
        default=True,
        tracking=True,
        help="When true, a matter can have several payors (matter.config "
        "ShowMultipleMatterPayors). Default: true.",
    )
    hide_currency = fields.Boolean(
        default=True,
        tracking=True,
        help="When true, the currency is hidden on the matter form (matter.config "
        "HideCurrency). Default: true.",
    )
    create_new_for_type = fields.Char(
        default="Person,Company,Employee",
        tracking=True,
        help="Contact types (Person, Company, Employee) that can be created from the "
        "matter form (matter.config CreateNewForType). Default: "
        "Person,Company,Employee.",
    )

    # ---------------------------------------------------- Matters — Field Mapping
    sync_matter_description_to_cm_description = fields.Boolean(
        tracking=True,
        help="When true: description (first tab) → billing_instructions in LS, and "
        "comments (last tab) → description in LS.\nWhen false: matter comments → "
        "description in LS, and matter description → billing_instructions in LS.\n"
        "Default: false.",
    )
    sync_matter_practice_area_to_cm_field = fields.Selection(
        MATTER_TYPE_FIELD_SELECTION,
        string="Matter practice area to",
        default="AreaOfLaw",
        tracking=True,
        help="Field that receives the LegalSense practice_area value. Use "
        "MatterType, AreaOfLaw, or leave empty to disable. Default: AreaOfLaw.",
    )
    sync_matter_matter_type_to_cm_field = fields.Selection(
        MATTER_TYPE_FIELD_SELECTION,
        string="Matter type to",
        default="MatterType",
        tracking=True,
        help="Field that receives the LegalSense matter_type value. Use MatterType, "
        "AreaOfLaw, or leave empty to disable. Default: MatterType.",
    )
    sync_matter_referrer_to_cm_field = fields.Char(
        string="Matter referrer to",
        default=REFERRER_FIELD,
        tracking=True,
        help="Field or LS custom field name used for the matter referrer. Use "
        "referrer, a custom field name, or leave empty to disable. "
        "Default: referrer.",
    )
    sync_matter_originator_to_cm_field = fields.Char(
        string="Matter originator from",
        tracking=True,
        help="Field used for the matter originator. Use Originator, Owner, "
        "OwnerSub, or a contact_kind ID (in which case the originator is "
        "synchronised as a matter contact). Leave empty to disable.",
    )
    sync_matter_supervising_user_to_cm_field = fields.Selection(
        USER_FIELD_SELECTION,
        string="Matter supervising user from",
        default="Owner",
        tracking=True,
        help="Field used for the matter supervising user. Use Originator, Owner, or "
        "OwnerSub. Default: Owner.",
    )
    sync_matter_billing_user_to_cm_field = fields.Selection(
        USER_FIELD_SELECTION,
        string="Matter billing user from",
        default="OwnerSub",
        tracking=True,
        help="Field used for the matter billing user. Use Originator, Owner, or "
        "OwnerSub. Default: OwnerSub.",
    )
    sync_matter_long_name_to_cm_field = fields.Char(
        string="Matter long name from",
        tracking=True,
        help="Field used for the matter long name. Use Name or a custom field name. "
        "Leave empty to disable.",
    )
    sync_matter_enable_recofa_for_matter_types = fields.Char(
        tracking=True,
        help="One or more matter type codes (comma-separated) for which IsRecofa "
        "should be set to true in LegalSense. Matters with other types get "
        "IsRecofa = false. Leave empty to leave the value unchanged.",
    )
    sync_matter_aml_required_from_custom_field = fields.Char(
        tracking=True,
        help="Code of the custom field item that is mapped to the aml_required flag "
        "in LegalSense. The code or ExternalID must resolve to a boolean value "
        "(yes, true, 1, -1, ja, etc.). Leave empty to disable.",
    )
    create_matter_use_matter_code_from_cm = fields.Boolean(
        string="Create matter with matter code from Odoo",
        tracking=True,
        help="When true, the matter code is used as the matter code in LegalSense "
        "when creating a new matter. Default: false.",
    )
    sync_matter_payor_department_to_address = fields.Boolean(
        tracking=True,
        help="When true, the department name of the matter payor is written to the "
        "selected address in LegalSense.\nWarning: If the same address is used by "
        "multiple matter payors this will overwrite the value. Default: false.",
    )

    # ------------------------------------------------------------ validation

    @api.constrains("new_matter_send_email", "change_matter_send_email")
    def _check_email_role_lists(self):
        self._check_choices(
            ("new_matter_send_email", "change_matter_send_email"), EMAIL_ROLES
        )

    @api.constrains("create_new_for_type")
    def _check_create_new_for_type(self):
        self._check_choices(("create_new_for_type",), CREATE_NEW_TYPES)

    @api.constrains(
        "sync_matter_enabled_for_activity_types",
        "sync_matter_enable_recofa_for_matter_types",
    )
    def _check_code_lists(self):
        self._check_values(
            (
                "sync_matter_enabled_for_activity_types",
                "sync_matter_enable_recofa_for_matter_types",
            ),
            check_codes,
            self.env._("a comma-separated list of codes, e.g. MATTER_ADV,MATTER_NOT"),
        )

    @api.constrains("sync_matter_originator_to_cm_field")
    def _check_sync_matter_originator_to_cm_field(self):
        for config in self:
            value = config.sync_matter_originator_to_cm_field
            if (
                value
                and value not in ORIGINATOR_FIELDS
                and not (value.isdigit() and int(value) > 0)
            ):
                raise config._invalid(
                    "sync_matter_originator_to_cm_field",
                    self.env._("'%s' is neither a field nor a contact kind ID.", value),
                    self.env._(
                        "%s, or a LegalSense contact_kind ID (a number)",
                        ", ".join(ORIGINATOR_FIELDS),
                    ),
                )

    @api.constrains(
        "sync_matter_referrer_to_cm_field", "sync_matter_long_name_to_cm_field"
    )
    def _check_field_or_custom_field(self):
        keywords = {
            "sync_matter_referrer_to_cm_field": REFERRER_FIELD,
            "sync_matter_long_name_to_cm_field": LONG_NAME_FIELD,
        }
        for config in self:
            for name, keyword in keywords.items():
                problem = self._custom_field_name_problem(config[name], keyword)
                if problem:
                    raise config._invalid(
                        name,
                        problem,
                        self.env._(
                            "%s, or the name of a LegalSense custom field", keyword
                        ),
                    )

    def _custom_field_name_problem(self, value, keyword):
        if not value or value == keyword:
            return None
        if value.lower() == keyword.lower():
            return self.env._(
                "write '%(keyword)s' exactly, not '%(value)s'.",
                keyword=keyword,
                value=value,
            )
        if value != value.strip() or _CUSTOM_FIELD_NAME_FORBIDDEN.search(value):
            return self.env._(
                "'%s' is not a custom field name (no ';', '=' or leading/trailing "
                "spaces).",
                value,
            )
        return None
