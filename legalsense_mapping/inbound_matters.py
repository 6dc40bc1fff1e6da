"""LegalSense → Odoo: matters, matter debtors and matter contacts.

The tables § Matter to LSMatters, § MatterPayor to LSMatterDebtors and
§ ActivityAttendee to LSMatterContacts read backwards. Relations come back
as LegalSense ids in :class:`InboundMatter`; the Odoo side resolves them.
"""

import dataclasses

from .formats import text
from .inbound import parse_date, ref_id

USER_FIELDS = {
    "owner": "owner_id",
    "ownersub": "originator_id",
    "originator": "originator_id",
}
LOOKUP_FIELDS = {"mattertype": ("matter_type_id", "matter_type"),
                 "areaoflaw": ("area_of_law_id", "area_of_law")}  # fmt: skip
MAIN_DEBTOR = "FullRemainingAmount"


@dataclasses.dataclass(frozen=True)
class MatterSettings:
    """The matter settings the import reads (§ Matters — Field Mapping, Archive)."""

    sync_matter_description_to_cm_description: bool = False
    sync_matter_practice_area_to_cm_field: str = "AreaOfLaw"
    sync_matter_matter_type_to_cm_field: str = "MatterType"
    sync_matter_referrer_to_cm_field: str = "referrer"
    sync_matter_supervising_user_to_cm_field: str = "Owner"
    sync_matter_billing_user_to_cm_field: str = "OwnerSub"
    sync_matter_originator_to_cm_field: str = ""
    sync_matter_long_name_to_cm_field: str = ""
    sync_matter_archive_date_field: str = "CloseDate"
    sync_matter_archive_number_from_ls_to_cm: bool = False
    sync_matter_real_archive_number_from_ls_to_cm: bool = False
    disable_practice_group: bool = False

    @classmethod
    def from_config(cls, config):
        values = {}
        for field in dataclasses.fields(cls):
            value = getattr(config, field.name, None)
            if field.type is bool or field.type == "bool":
                values[field.name] = bool(value)
            else:
                values[field.name] = text(value)
        return cls(**values)


@dataclasses.dataclass
class InboundMatter:
    """An LS matter read for Odoo."""

    values: dict
    client_ls_id: int | None = None
    firm_ls_id: int | None = None
    practice_group_ls_id: int | None = None
    users: dict = dataclasses.field(default_factory=dict)
    lookups: dict = dataclasses.field(default_factory=dict)
    referrer_ls_id: int | None = None
    language: str | None = None


def matter_values(matter, settings):
    """The matter values of an LS matter, row by row backwards."""
    values = {
        "name": text(matter.get("name")) or text(matter.get("number")) or "?",
        "code": text(matter.get("number")) or False,
        "client_reference": text(matter.get("client_reference")) or False,
        # A matter exists in LegalSense only once it may be synced: verified.
        "is_verified": True,
    }
    # Row "name | Matter.Name (LongName when SyncMatterLongNameToCMField = Name)"
    if settings.sync_matter_long_name_to_cm_field.lower() == "name":
        values["long_name"] = values["name"]
    # Rows "description / billing_instructions" by SyncMatterDescriptionToCMDescription
    description = text(matter.get("description")) or False
    instructions = text(matter.get("billing_instructions")) or False
    if settings.sync_matter_description_to_cm_description:
        values.update(description=description, comments=instructions)
    else:
        values.update(comments=description, description=instructions)
    # Row "date | ActivityDate | new only" (falls back to the creation date)
    opened = parse_date(matter.get("date")) or parse_date(matter.get("created_date"))
    if opened:
        values["open_date"] = opened
    # Row "archived_date | CloseDate or ArchiveDate" (SyncMatterArchiveDateField)
    archived = parse_date(matter.get("archived_date"))
    date_field = settings.sync_matter_archive_date_field.lower()
    if date_field == "closedate":
        values["close_date"] = archived
    elif date_field == "archivedate":
        values["archive_date"] = archived
    number = archive_number(matter.get("archive_information") or {}, settings)
    if number is not None:
        values["archive_number"] = number
    status = (matter.get("engagement_letter_status") or {}).get("status")
    if status:
        values["engagement_letter_status"] = status
    inbound = InboundMatter(
        values=values,
        client_ls_id=ref_id(matter.get("client")),
        firm_ls_id=ref_id(matter.get("firm")),
        language=text(matter.get("invoice_language")).lower() or None,
    )
    if not settings.disable_practice_group:
        inbound.practice_group_ls_id = ref_id(matter.get("practice_group"))
    _user_rows(inbound, matter, settings)
    _lookup_rows(inbound, matter, settings)
    # Row "referrer.internal.id | Referral" (SyncMatterReferrerToCMField = referrer)
    if settings.sync_matter_referrer_to_cm_field == "referrer":
        inbound.referrer_ls_id = ref_id((matter.get("referrer") or {}).get("internal"))
    return inbound


def _user_rows(inbound, matter, settings):
    """supervising_user, billing_user, originating_user → owner / originator.

    The first row that names a field wins it (supervising, billing, then
    originating); an originator setting that is a contact kind id is a
    matter contact, not a user.
    """
    for key, setting in (
        ("supervising_user", settings.sync_matter_supervising_user_to_cm_field),
        ("billing_user", settings.sync_matter_billing_user_to_cm_field),
        ("originating_user", settings.sync_matter_originator_to_cm_field),
    ):
        field = USER_FIELDS.get(setting.lower())
        ls_id = ref_id(matter.get(key))
        if field and ls_id and field not in inbound.users:
            inbound.users[field] = ls_id


def _lookup_rows(inbound, matter, settings):
    for key, setting in (
        ("matter_type", settings.sync_matter_matter_type_to_cm_field),
        ("practice_area", settings.sync_matter_practice_area_to_cm_field),
    ):
        target = LOOKUP_FIELDS.get(setting.lower())
        ls_id = ref_id(matter.get(key))
        if target and target[0] not in inbound.lookups:
            inbound.lookups[target[0]] = (target[1], ls_id)


def archive_number(information, settings):
    """§ Matter: Archive Number LS → CM: archive_number and/or real_archive_number,
    joined with "/" when both options are on; None when neither is."""
    parts = []
    if settings.sync_matter_archive_number_from_ls_to_cm:
        parts.append(
            text(information.get("archive_number") or information.get("notes"))
        )
    if settings.sync_matter_real_archive_number_from_ls_to_cm:
        real = information.get("real_archive_number", information.get("number"))
        parts.append(text(real) if real is not None else "")
    if not parts:
        return None
    return "/".join(part for part in parts if part) or False


def debtor_values(debtor):
    """The debtor values of an LS matter debtor (§ MatterPayor backwards)."""
    main = debtor.get("split_type") == MAIN_DEBTOR
    percentage = debtor.get("percentage")
    invoice = [
        *(debtor.get("to_emails_custom") or ()),
        *(debtor.get("cc_emails_custom") or ()),
    ]
    dunning = [
        *(debtor.get("dunning_to_emails_custom") or ()),
        *(debtor.get("dunning_cc_emails_custom") or ()),
    ]
    values = {
        "legalsense_debtor_id": debtor["id"],
        "legalsense_is_main_debtor": main,
        "billing_reference": text(debtor.get("billing_reference")) or False,
        "invoice_emails": "; ".join(text(e) for e in invoice if text(e)) or False,
        "dunning_emails": "; ".join(text(e) for e in dunning if text(e)) or False,
    }
    if percentage not in (None, ""):
        values["percentage"] = float(percentage)
    department = text((debtor.get("address") or {}).get("department"))
    if department:
        values["department"] = department
    return values


def matter_contact_values(matter_contact):
    """The party values of an LS matter contact."""
    return {
        "legalsense_matter_contact_id": matter_contact["id"],
        "their_reference": text(matter_contact.get("their_reference")) or False,
    }
