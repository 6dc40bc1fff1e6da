"""§ Matter to LSMatters: the rows that close, archive and give a matter its status.

Also § Matter: Archive Date, Archive Number, Soft-Kill Status, Status Codes
and § Matter Archiving: the archived_date and softkill_status rows, the
matter_status id of each state, the archive information sent to LegalSense
and the archive number read back from it.
"""

from .custom_field_values import lookup_code, lookup_value_of
from .formats import format_date, text
from .matter_settings import (
    ARCHIVE_DATE,
    ARCHIVE_NUMBER,
    CLOSE_DATE,
    REAL_ARCHIVE_NUMBER,
)

# The softkill_status of a matter.
ACTIVE = 1
ARCHIVED = 2

# The states of § Matter: Status Codes, in the order they are checked.
STATE_ARCHIVED = "archived"
STATE_CLOSED = "closed"
STATE_NEW = "new"
STATE_ACTIVE = "active"


# ------------------------------------------------------------ dates and status


def closing_date(source, field, settings):
    """The matter's date behind a CloseDate/ArchiveDate setting.

    § Matter Archiving: with ArchiveMatterRole set, the matter is archived
    only when the archive date is entered, so a setting naming CloseDate
    reads the archive date.
    """
    if field == CLOSE_DATE:
        return (
            source.archive_date if settings.archive_matter_role else source.close_date
        )
    if field == ARCHIVE_DATE:
        return source.archive_date
    return None


def closing_rows(source, settings):
    """The rows that close or archive a matter: archived_date and softkill_status."""
    rows = {}
    # Row "always | archived_date | Matter.CloseDate or Matter.ArchiveDate |
    # controlled by SyncMatterArchiveDateField; null when date is not set"
    if settings.sync_matter_archive_date_field:
        rows["archived_date"] = format_date(
            closing_date(source, settings.sync_matter_archive_date_field, settings)
        )
    # Row "always | softkill_status | Matter.CloseDate or Matter.ArchiveDate |
    # controlled by SyncMatterSoftKillStatusField; Archived (2) when date is
    # set, Active (1) otherwise"
    if settings.sync_matter_soft_kill_status_field:
        date = closing_date(
            source, settings.sync_matter_soft_kill_status_field, settings
        )
        rows["softkill_status"] = ARCHIVED if date else ACTIVE
    return rows


def closes(payload, existing):
    """Whether sending ``payload`` closes or archives the LS matter ``existing``.

    The contract's closing writes: softkill_status 1 → 2, archived_date
    null → a date. Only these can be refused with ``cannot_close``.
    """
    existing = existing or {}
    if (
        payload.get("softkill_status") == ARCHIVED
        and existing.get("softkill_status", ACTIVE) == ACTIVE
    ):
        return True
    return bool(payload.get("archived_date")) and not existing.get("archived_date")


def matter_state(source, settings, is_new):
    """The state of § Matter: Status Codes: archived, closed, new or active.

    Checked in the manual's order. "New/unverified": the row "new only |
    matter_status | MatterStatusCodeNewID" makes every new matter New,
    verified or not (with SyncMatterIfVerified a matter is created once
    verified, and still New); a matter in LegalSense is New while it is not
    verified, and Active once it is, so a matter created verified moves to
    Active on its next sync. ``settings`` does not change the state; it is
    kept for the callers.
    """
    if source.archive_date:
        return STATE_ARCHIVED
    if source.close_date:
        return STATE_CLOSED
    if is_new or not source.verified:
        return STATE_NEW
    return STATE_ACTIVE


def matter_status_id(source, settings, is_new):
    """The matter_status id: ArchivedID → ClosedID → NewID → ActiveID (0 = off).

    Each level applies when its state holds and its id is set. An archived
    matter whose ArchivedID is 0 counts as closed when it has a close date;
    a closed or archived matter never falls through to New or Active (that
    would reopen it in LS). 0 means nothing is sent.
    """
    archived_id = settings.matter_status_code_archived_id
    closed_id = settings.matter_status_code_closed_id
    state = matter_state(source, settings, is_new)
    if state == STATE_ARCHIVED:
        if archived_id:
            return archived_id
        return closed_id if source.close_date else 0
    if state == STATE_CLOSED:
        return closed_id
    if state == STATE_NEW and settings.matter_status_code_new_id:
        return settings.matter_status_code_new_id
    return settings.matter_status_code_active_id


# ------------------------------------------------------------ archive information


def archive_information(source, settings):
    """The LSMatterArchiveInformation keys the settings ask for; {} when none."""
    info = {}
    notes = []
    # Row "notes | Matter.ArchiveNumber | when SyncMatterArchiveNumberFromCMtoLS
    # = ArchiveNumber"
    to_ls = settings.sync_matter_archive_number_from_cm_to_ls
    if to_ls == ARCHIVE_NUMBER:
        notes.append(text(source.archive_number))
    # Row "notes | Matter.Text1 or Matter.Text2 | when SyncMatterNotesFromCMtoLS"
    notes_field = settings.sync_matter_notes_from_cm_to_ls
    if notes_field in ("Text1", "Text2"):
        notes.append(text(source.text1 if notes_field == "Text1" else source.text2))
    if notes:
        info["notes"] = "\n".join(note for note in notes if note)
    # Row "number | Matter.ArchiveNumber (int) | when
    # SyncMatterArchiveNumberFromCMtoLS = RealArchiveNumber; value must be a
    # valid integer"
    if to_ls == REAL_ARCHIVE_NUMBER:
        info["number"] = integer_or_none(source.archive_number)
    # Row "retention_period | LookupField value (int) | configured by
    # RetentionPeriod; value must be numeric"
    if text(settings.retention_period):
        value = lookup_value_of(source, settings.retention_period)
        info["retention_period"] = integer_or_none(lookup_code(value))
    return info


def integer_or_none(value):
    """An integer from text such as "42"; None for anything else."""
    value = text(value)
    if value.lstrip("-").isdigit():
        return int(value)
    return None


def archive_number_from_ls(remote, settings):
    """§ Matter: Archive Number LS → CM: the Odoo archive number, or None.

    None when neither LS → CM setting is on, or when SyncMatterArchiveNumber
    FromCMtoLS is set (one direction only). With both settings on, the two
    values are joined by "/"; an empty one is left out.
    """
    from_ls = settings.sync_matter_archive_number_from_ls_to_cm
    real_from_ls = settings.sync_matter_real_archive_number_from_ls_to_cm
    if settings.sync_matter_archive_number_from_cm_to_ls or not (
        from_ls or real_from_ls
    ):
        return None
    info = (remote or {}).get("archive_information") or {}
    parts = []
    if from_ls:
        parts.append(text(info.get("archive_number")))
    if real_from_ls:
        number = info.get("real_archive_number")
        parts.append("" if number is None else str(number))
    return "/".join(part for part in parts if part)
