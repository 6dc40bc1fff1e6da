"""§ Matter to LSMatters: the matter payload.

Also § Matter: When to Create, Chinese Wall and § AML Required. The rows
that close and archive a matter and its status (§ Matter: Archive Date,
Archive Number, Soft-Kill Status, Status Codes, § Matter Archiving) are in
``matter_status``.

``existing`` is the LS matter as it is now (a dict from the API), ``None``
when the matter is new. "new only" rows are written only for a new matter;
"always" rows on every sync. For an existing matter the payload is meant
for PATCH: it leaves out what must not change (``number``, ``date``).
"""

import dataclasses
import datetime
from collections.abc import Mapping

from .booleans import parse_bool
from .contacts import invoice_language
from .custom_field_values import (
    custom_field_values,
    lookup_code,
    lookup_value_of,
    wire_value,
)
from .custom_fields import parse_custom_fields
from .formats import format_date, id_ref, text
from .lists import split_list
from .matter_settings import AREA_OF_LAW, MATTER_TYPE
from .matter_status import (
    ACTIVE,
    archive_information,
    closing_rows,
    matter_status_id,
)
from .sources import LookupValue
from .versions import is_after

# § Matter to LSMatters row "date": "only when LS version > 17.10 and year > 1800"
MATTER_DATE_AFTER = "17.10"
MIN_OPEN_YEAR = 1800
ENGAGEMENT_UNKNOWN = "Unknown"
REFERRER_FIELD = "referrer"
LONG_NAME_FIELD = "name"
USER_FIELDS = ("Originator", "Owner", "OwnerSub")


@dataclasses.dataclass(frozen=True)
class MatterSource:
    """A matter as the mapping rules read it.

    ``owner_ls_user_id`` is Matter.Owner's LS user, ``owner_sub_ls_user_id``
    Matter.OwnerSub's, which the manual's label translations call
    "Originator": the settings' ``Originator`` and ``OwnerSub`` both read it.
    ``firm_ls_id`` and ``chinese_wall_kind`` are the activity type's
    LEGALSENSE_INTERNAL and LEGALSENSE_CHINESEWALL external ids,
    ``practice_group_ls_id`` the department's LEGALSENSE_INTERNAL external id.
    ``matter_type`` / ``area_of_law`` / ``referral`` carry their LS ids and
    codes. ``lookup_values`` are the matter's lookup field values (retention
    period, AML flag, ``LookupField.`` custom fields); ``field_values`` the
    values of the fields named by ``<field>=`` custom-field rules.
    """

    odoo_id: int
    name: str = ""
    long_name: str = ""
    code: str = ""
    description: str = ""
    comments: str = ""
    language: str | None = None
    open_date: datetime.date | None = None
    close_date: datetime.date | None = None
    archive_date: datetime.date | None = None
    archive_number: str = ""
    text1: str = ""
    text2: str = ""
    client_reference: str = ""
    engagement_letter_status: str = ENGAGEMENT_UNKNOWN
    verified: bool = False
    client_ls_id: int | None = None
    activity_type_code: str = ""
    firm_ls_id: int | None = None
    chinese_wall_kind: int | None = None
    practice_group_ls_id: int | None = None
    matter_type: LookupValue | None = None
    area_of_law: LookupValue | None = None
    referral: LookupValue | None = None
    owner_ls_user_id: int | None = None
    owner_sub_ls_user_id: int | None = None
    lookup_values: tuple[LookupValue, ...] = ()
    field_values: Mapping = dataclasses.field(default_factory=dict)
    dmsforlegal_code: str = ""
    # Read by the custom-field rules ("IndustryCode"); a matter has none.
    industry: LookupValue | None = None


# ------------------------------------------------------------ when to create


def creation_blocked(source, settings):
    """Why a matter not yet in LS is not created now, or "" (§ When to Create).

    The three settings only keep a matter from being *created*: a matter
    that exists in LS is synchronised whatever they say.
    """
    # SyncMatterIfVerified: only create the matter in LS when it is verified
    if settings.sync_matter_if_verified and not source.verified:
        return "the matter is not verified yet (SyncMatterIfVerified)"
    # SyncMatterEnabledForActivityTypes: only for the listed activity types
    codes = {
        code.lower()
        for code in split_list(settings.sync_matter_enabled_for_activity_types)
    }
    if codes and text(source.activity_type_code).lower() not in codes:
        return (
            f"its activity type {text(source.activity_type_code) or '(none)'!s} is "
            "not listed in SyncMatterEnabledForActivityTypes"
        )
    # SyncMatterMinimalOpenDate: only if the open date is on or after the date
    minimal = settings.sync_matter_minimal_open_date
    if minimal and source.open_date and source.open_date < minimal:
        return (
            f"its open date {format_date(source.open_date)} is before "
            f"{format_date(minimal)} (SyncMatterMinimalOpenDate)"
        )
    return ""


# ------------------------------------------------------------ the payload


def matter_payload(source, settings, version=None, existing=None):
    """The LS matter payload, row by row of § Matter to LSMatters."""
    payload = {}
    if existing is None:
        _new_only_rows(payload, source, settings, version)
    # Row "always | client.id | matter client external ID"
    payload["client"] = id_ref(source.client_ls_id)
    # Row "always | firm.id | Matter.ActivityType LEGALSENSE_INTERNAL external ID"
    payload["firm"] = id_ref(source.firm_ls_id)
    # Row "always | name | Matter.Name | Matter.LongName when
    # SyncMatterLongNameToCMField = name"
    payload["name"] = matter_name(source, settings, existing)
    _description_rows(payload, source, settings)
    # Row "always | invoice_language | Matter.Language"
    payload["invoice_language"] = invoice_language(source.language)
    _lookup_rows(payload, source, settings)
    # Row "always | practice_group.id | Matter.Department LEGALSENSE_INTERNAL
    # external ID | null when DisablePracticeGroup = true"
    payload["practice_group"] = (
        None if settings.disable_practice_group else id_ref(source.practice_group_ls_id)
    )
    _user_rows(payload, source, settings)
    # Row "always | client_reference | Matter.ClientReference"
    payload["client_reference"] = text(source.client_reference)
    # Row "always | engagement_letter_status | Matter.EngagementLetter |
    # is_derived = true when status is Unknown"
    payload["engagement_letter_status"] = engagement_letter_status(source)
    # Row "always | chinese_wall_kind | Matter.ActivityType LEGALSENSE_CHINESEWALL
    # external ID | only when SyncMatterChineseWallFromActivityType = true"
    if settings.sync_matter_chinese_wall_from_activity_type:
        payload["chinese_wall_kind"] = chinese_wall_kind(source)
    payload.update(closing_rows(source, settings))
    # Rows "new only | matter_status | MatterStatusCodeNewID | only when > 0"
    # (a new matter is New, verified or not) and "always | matter_status.id |
    # state-based"
    status_id = matter_status_id(source, settings, is_new=existing is None)
    if status_id:
        payload["matter_status"] = {"id": status_id}
    # Row "always | is_recofa | Matter.MatterTypeCode | not set when list is empty"
    recofa = is_recofa(source, settings)
    if recofa is not None:
        payload["is_recofa"] = recofa
    # § AML Required
    aml = aml_required(source, settings)
    if aml is not None:
        payload["aml_required"] = aml
    # Archive information (LSMatterArchiveInformation)
    archive = archive_information(source, settings)
    if archive:
        payload["archive_information"] = archive
    # Row "always | custom_fields | MatterCustomFields"
    custom = matter_custom_fields(source, settings)
    if custom:
        payload["custom_fields"] = custom
    return payload


def _new_only_rows(payload, source, settings, version):
    # Row "new only | date | Matter.ActivityDate | yyyy-MM-dd; only when LS
    # version > 17.10 and year > 1800"
    if (
        source.open_date
        and source.open_date.year > MIN_OPEN_YEAR
        and version is not None
        and is_after(version, MATTER_DATE_AFTER)
    ):
        payload["date"] = format_date(source.open_date)
    # Row "new only | softkill_status | Active"
    payload["softkill_status"] = ACTIVE
    # Row "new only | is_billable | true"
    payload["is_billable"] = True
    # Row "new only | number | Matter.MatterCode | only when
    # CreateMatterUseMatterCodeFromCM = true"
    if settings.create_matter_use_matter_code_from_cm and text(source.code):
        payload["number"] = text(source.code)


def _description_rows(payload, source, settings):
    if settings.sync_matter_description_to_cm_description:
        # Rows "description | Matter.Description" and "billing_instructions |
        # Matter.Comments" when SyncMatterDescriptionToCMDescription = true
        payload["description"] = text(source.description)
        payload["billing_instructions"] = text(source.comments)
    else:
        # Rows "description | Matter.Comments" and "billing_instructions |
        # Matter.Description" when SyncMatterDescriptionToCMDescription = false
        payload["description"] = text(source.comments)
        payload["billing_instructions"] = text(source.description)


def _lookup_rows(payload, source, settings):
    # Row "always | matter_type.id | Matter.MatterType or Matter.AreaOfLaw |
    # controlled by SyncMatterMatterTypeToCMField" (empty: not sent)
    value = _matter_lookup(source, settings.sync_matter_matter_type_to_cm_field)
    if value is not _NOT_MAPPED:
        payload["matter_type"] = value
    # Row "always | practice_area.id | Matter.MatterType or Matter.AreaOfLaw |
    # controlled by SyncMatterPracticeAreaToCMField" (empty: not sent)
    value = _matter_lookup(source, settings.sync_matter_practice_area_to_cm_field)
    if value is not _NOT_MAPPED:
        payload["practice_area"] = value
    # Row "always | referrer.internal.id | Matter.Referral LEGALSENSE_INTERNAL
    # external ID | when SyncMatterReferrerToCMField = referrer; otherwise
    # stored in a custom field" (the custom field: see matter_custom_fields)
    if text(settings.sync_matter_referrer_to_cm_field).lower() == REFERRER_FIELD:
        referral = source.referral
        payload["referrer"] = {"internal": id_ref(referral.ls_id if referral else None)}


_NOT_MAPPED = object()


def _matter_lookup(source, field):
    if field == MATTER_TYPE:
        return id_ref(source.matter_type.ls_id if source.matter_type else None)
    if field == AREA_OF_LAW:
        return id_ref(source.area_of_law.ls_id if source.area_of_law else None)
    return _NOT_MAPPED


def _user_rows(payload, source, settings):
    # Row "always | supervising_user.id | Matter.Owner, Matter.OwnerSub, or
    # Matter.Originator | controlled by SyncMatterSupervisingUserToCMField"
    if settings.sync_matter_supervising_user_to_cm_field:
        payload["supervising_user"] = id_ref(
            user_ls_id(source, settings.sync_matter_supervising_user_to_cm_field)
        )
    # Row "always | billing_user.id | ... | controlled by
    # SyncMatterBillingUserToCMField; not set when HideBillingTimeKeeper"
    if (
        settings.sync_matter_billing_user_to_cm_field
        and not settings.hide_billing_time_keeper
    ):
        payload["billing_user"] = id_ref(
            user_ls_id(source, settings.sync_matter_billing_user_to_cm_field)
        )
    # Row "always | originating_user.id | ... | controlled by
    # SyncMatterOriginatorToCMField; when set to a contact_kind ID the
    # originator is synced as a matter contact instead" (empty: not sent)
    originator = settings.sync_matter_originator_to_cm_field
    if originator in USER_FIELDS:
        payload["originating_user"] = id_ref(user_ls_id(source, originator))


def user_ls_id(source, field):
    """The LS user of Owner, OwnerSub or Originator (OwnerSub's label)."""
    if field == "Owner":
        return source.owner_ls_user_id
    if field in ("OwnerSub", "Originator"):
        return source.owner_sub_ls_user_id
    raise ValueError(f"{field!r} is not Originator, Owner or OwnerSub")


def originator_contact_kind(settings):
    """The contact_kind id when SyncMatterOriginatorToCMField is one, else None."""
    value = text(settings.sync_matter_originator_to_cm_field)
    return int(value) if value.isdigit() and int(value) > 0 else None


def engagement_letter_status(source):
    status = text(source.engagement_letter_status) or ENGAGEMENT_UNKNOWN
    return {"status": status, "is_derived": status == ENGAGEMENT_UNKNOWN}


def chinese_wall_kind(source):
    """The LEGALSENSE_CHINESEWALL external id as an integer; None when none."""
    value = text(source.chinese_wall_kind)
    return int(value) if value.isdigit() and int(value) > 0 else None


# ------------------------------------------------------------ names


def duplicate_matter_name(name, odoo_id):
    """§ Matter to LSMatters "Duplicate name": the Odoo id appended in brackets."""
    return f"{text(name)} ({odoo_id})"


def matter_name(source, settings, existing=None):
    """Matter.Name, or Matter.LongName when SyncMatterLongNameToCMField = Name.

    An empty long name falls back to the name. When LS holds the name with
    the Odoo id appended (after a duplicate), that name is kept: the plain
    name would be refused again.
    """
    name = text(source.name)
    if text(settings.sync_matter_long_name_to_cm_field).lower() == LONG_NAME_FIELD:
        name = text(source.long_name) or name
    if existing and text(existing.get("name")) == duplicate_matter_name(
        name, source.odoo_id
    ):
        return duplicate_matter_name(name, source.odoo_id)
    return name


# ------------------------------------------------------------ flags


def is_recofa(source, settings):
    """True when the matter type code is listed; None when the list is empty."""
    codes = {
        code.lower()
        for code in split_list(settings.sync_matter_enable_recofa_for_matter_types)
    }
    if not codes:
        return None
    code = text(source.matter_type.code if source.matter_type else "").lower()
    return code in codes


def aml_required(source, settings):
    """§ AML Required: the matter's value of the configured custom field.

    The value's LEGALSENSE external id, else its code, read as a boolean
    word. No value: False. A value that is no boolean word: None (not sent).
    None as well when the setting is empty.
    """
    field_code = text(settings.sync_matter_aml_required_from_custom_field)
    if not field_code:
        return None
    value = lookup_value_of(source, field_code)
    if value is None:
        return False
    return parse_bool(lookup_code(value))


# ------------------------------------------------------------ custom fields


def matter_custom_fields(source, settings):
    """custom_fields: MatterCustomFields, plus the referrer and long name rows
    when their settings name a custom field."""
    values = custom_field_values(
        parse_custom_fields(settings.matter_custom_fields), source
    )
    referrer_field = text(settings.sync_matter_referrer_to_cm_field)
    if referrer_field and referrer_field.lower() != REFERRER_FIELD:
        # "otherwise stored in a custom field"
        values[referrer_field] = wire_value(lookup_code(source.referral))
    long_name_field = text(settings.sync_matter_long_name_to_cm_field)
    if long_name_field and long_name_field.lower() != LONG_NAME_FIELD:
        # SyncMatterLongNameToCMField "Use Name or a custom field name"
        values[long_name_field] = wire_value(source.long_name)
    return values


# ------------------------------------------------------------ after a sync


def find_created_matter(ls_matters, payload):
    """The matter a lost create made: same client and name (and number when
    one was sent); the newest one when several match."""
    name = text(payload.get("name")).lower()
    number = payload.get("number")
    found = [
        matter
        for matter in ls_matters
        if text(matter.get("name")).lower() == name
        and (matter.get("client") or {}).get("id")
        == (payload.get("client") or {}).get("id")
        and (not number or matter.get("number") == number)
    ]
    return max(found, key=lambda matter: matter["id"]) if found else None


def notification_roles(setting):
    """The roles of NewMatterSendEmail / ChangeMatterSendEmail, in order."""
    return list(dict.fromkeys(split_list(setting)))
