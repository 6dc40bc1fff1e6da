# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Settings — Matters — Archive / Status: archive date, soft-kill status,
matter status IDs and the archive number in either direction.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

MATTER_DATE_FIELD_SELECTION = [
    ("CloseDate", "CloseDate"),
    ("ArchiveDate", "ArchiveDate"),
]
MATTER_STATUS_ID_FIELDS = (
    "matter_status_code_new_id",
    "matter_status_code_active_id",
    "matter_status_code_closed_id",
    "matter_status_code_archived_id",
)


class LegalsenseConfig(models.Model):
    _inherit = "legalsense.config"

    # ---------------------------------------------------- Matters — Archive / Status
    sync_matter_archive_date_field = fields.Selection(
        MATTER_DATE_FIELD_SELECTION,
        string="Matter archive date from",
        default="CloseDate",
        tracking=True,
        help="Date field synchronised to archive_date in LegalSense. Use CloseDate, "
        "ArchiveDate, or leave empty to disable. Default: CloseDate.",
    )
    sync_matter_soft_kill_status_field = fields.Selection(
        MATTER_DATE_FIELD_SELECTION,
        string="Matter soft-kill status from",
        default="CloseDate",
        tracking=True,
        help="Date field that drives the softkillstatus in LegalSense. When the "
        "field has a value, status becomes 2 (inactive); otherwise 1 (active). Use "
        "CloseDate, ArchiveDate, or leave empty to disable. Default: CloseDate.",
    )
    matter_status_code_new_id = fields.Integer(
        string="New matter status ID",
        tracking=True,
        help="LegalSense matter_status ID assigned when a new matter is created (or "
        "when SyncMatterIfVerified is active and the matter is not yet verified). "
        "Set to 0 to disable. Default: 0.",
    )
    matter_status_code_active_id = fields.Integer(
        string="Active matter status ID",
        tracking=True,
        help="LegalSense matter_status ID assigned when a matter is reopened (close "
        "date cleared). Set to 0 to disable. Default: 0.",
    )
    matter_status_code_closed_id = fields.Integer(
        string="Closed matter status ID",
        tracking=True,
        help="LegalSense matter_status ID assigned when the close date has a value. "
        "Set to 0 to disable. Default: 0.",
    )
    matter_status_code_archived_id = fields.Integer(
        string="Archived matter status ID",
        tracking=True,
        help="LegalSense matter_status ID assigned when the archive date has a "
        "value. Set to 0 to disable. Default: 0.",
    )
    sync_matter_archive_number_from_ls_to_cm = fields.Boolean(
        string="Archive number from LegalSense",
        tracking=True,
        help="When true, the LS archive_number (comment field) is copied when a "
        "matter is updated from LegalSense. Default: false.",
    )
    sync_matter_real_archive_number_from_ls_to_cm = fields.Boolean(
        string="Real archive number from LegalSense",
        tracking=True,
        help="When true, the LS real_archive_number is copied when a matter is "
        "updated. When both this and SyncMatterArchiveNumberFromLStoCM are "
        "enabled, both values are combined in the archive number (separated by /). "
        "Default: false.",
    )
    sync_matter_archive_number_from_cm_to_ls = fields.Selection(
        [
            ("ArchiveNumber", "ArchiveNumber"),
            ("RealArchiveNumber", "RealArchiveNumber"),
        ],
        string="Archive number to LegalSense",
        tracking=True,
        help="Syncs the archive number back to LegalSense. Set to ArchiveNumber to "
        "update archive_number in LS, or RealArchiveNumber to update "
        "real_archive_number (the value must be an integer). Leave empty to "
        "disable.\nNote: Mutually exclusive with SyncMatterArchiveNumberFromLStoCM "
        "and SyncMatterRealArchiveNumberFromLStoCM. Configure the sync in one "
        "direction only.",
    )
    sync_matter_notes_from_cm_to_ls = fields.Selection(
        [("Text1", "Text1"), ("Text2", "Text2")],
        string="Matter notes from",
        tracking=True,
        help="Field synchronised to the LS matter notes. Use Text1 or Text2. Leave "
        "empty to disable.",
    )
    sync_matter_chinese_wall_from_activity_type = fields.Boolean(
        tracking=True,
        help="When true, the chinese_wall_kind field in LegalSense is populated from "
        "the ExternalID of the LEGALSENSE_CHINESEWALL application stored on the "
        "activity type. Default: false.",
    )

    # ------------------------------------------------------------ validation

    @api.constrains(*MATTER_STATUS_ID_FIELDS)
    def _check_matter_status_ids(self):
        self._check_ids(MATTER_STATUS_ID_FIELDS)

    @api.constrains(
        "sync_matter_archive_number_from_cm_to_ls",
        "sync_matter_archive_number_from_ls_to_cm",
        "sync_matter_real_archive_number_from_ls_to_cm",
    )
    def _check_archive_number_direction(self):
        for config in self:
            if config.sync_matter_archive_number_from_cm_to_ls and (
                config.sync_matter_archive_number_from_ls_to_cm
                or config.sync_matter_real_archive_number_from_ls_to_cm
            ):
                raise ValidationError(
                    self.env._(
                        "LegalSense settings '%(to_ls)s' and '%(from_ls)s' / "
                        "'%(real_from_ls)s' are mutually exclusive: configure the "
                        "archive number sync in one direction only.",
                        to_ls=self._setting("sync_matter_archive_number_from_cm_to_ls"),
                        from_ls=self._setting(
                            "sync_matter_archive_number_from_ls_to_cm"
                        ),
                        real_from_ls=self._setting(
                            "sync_matter_real_archive_number_from_ls_to_cm"
                        ),
                    )
                )
