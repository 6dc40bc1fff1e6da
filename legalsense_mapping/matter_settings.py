"""The settings the matter mapping rules read, with the manual's defaults.

Field names are the manual's setting names in snake_case, the same names as
the fields of the Odoo ``legalsense.config`` record (§ Configuration
Reference › Matters — General, Field Mapping, Archive / Status, Custom
Fields, RetentionPeriod, and the debtor display options of the contact
configuration).
"""

import dataclasses
import datetime

from .booleans import parse_bool

CLOSE_DATE = "CloseDate"
ARCHIVE_DATE = "ArchiveDate"
MATTER_TYPE = "MatterType"
AREA_OF_LAW = "AreaOfLaw"
ARCHIVE_NUMBER = "ArchiveNumber"
REAL_ARCHIVE_NUMBER = "RealArchiveNumber"
_MISSING = object()


@dataclasses.dataclass(frozen=True)
class MatterSettings:
    """legalsense.config as the matter, debtor and party mapping rules see it."""

    # Matters — General
    matter_contact_activity_role_code_for_client: str = "Client"
    sync_matter_if_verified: bool = False
    sync_matter_enabled_for_activity_types: str = ""
    sync_matter_minimal_open_date: datetime.date | None = None
    disable_practice_group: bool = False
    hide_billing_time_keeper: bool = False
    archive_matter_role: bool = False
    # Matters — Field Mapping
    sync_matter_description_to_cm_description: bool = False
    sync_matter_practice_area_to_cm_field: str = AREA_OF_LAW
    sync_matter_matter_type_to_cm_field: str = MATTER_TYPE
    sync_matter_referrer_to_cm_field: str = "referrer"
    sync_matter_originator_to_cm_field: str = ""
    sync_matter_supervising_user_to_cm_field: str = "Owner"
    sync_matter_billing_user_to_cm_field: str = "OwnerSub"
    sync_matter_long_name_to_cm_field: str = ""
    sync_matter_enable_recofa_for_matter_types: str = ""
    sync_matter_aml_required_from_custom_field: str = ""
    create_matter_use_matter_code_from_cm: bool = False
    sync_matter_payor_department_to_address: bool = False
    # Matters — Archive / Status
    sync_matter_archive_date_field: str = CLOSE_DATE
    sync_matter_soft_kill_status_field: str = CLOSE_DATE
    matter_status_code_new_id: int = 0
    matter_status_code_active_id: int = 0
    matter_status_code_closed_id: int = 0
    matter_status_code_archived_id: int = 0
    sync_matter_archive_number_from_ls_to_cm: bool = False
    sync_matter_real_archive_number_from_ls_to_cm: bool = False
    sync_matter_archive_number_from_cm_to_ls: str = ""
    sync_matter_notes_from_cm_to_ls: str = ""
    sync_matter_chinese_wall_from_activity_type: bool = False
    # Matters — Custom Fields, RetentionPeriod
    matter_custom_fields: str = ""
    retention_period: str = ""
    # Matter payor display options (contact configuration)
    show_debtor_bill_reference: bool = False
    debtor_hide_department: bool = False
    show_debtor_bill_email_address: bool = False
    show_debtor_bill_email_address_existing_email_addresses_only: bool = False
    show_debtor_dunning_email_address: bool = False

    @classmethod
    def from_config(cls, config):
        """The settings read from the same-named attributes of ``config``.

        A missing attribute gives the manual's default. ``None`` or ``False``
        (Odoo's empty field) is an empty setting: "" for texts (which the
        manual reads as "disabled"), 0 for numbers, no date. Yes/no words are
        read with ``parse_bool``.
        """
        values = {}
        for field in dataclasses.fields(cls):
            value = getattr(config, field.name, _MISSING)
            if value is not _MISSING:
                values[field.name] = _convert(field, value)
        return cls(**values)


def _convert(field, value):
    if field.type is bool:
        parsed = parse_bool(bool(value) if value is None else value)
        if parsed is None:
            raise ValueError(f"{field.name}: {value!r} is not yes or no")
        return parsed
    if field.type is int:
        return int(value) if value else 0
    if field.name == "sync_matter_minimal_open_date":
        return _as_date(value)
    return "" if value is None or value is False else str(value).strip()


def _as_date(value):
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value).strip())
