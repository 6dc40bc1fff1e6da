"""§ Matter to LSMatters: the status machine, the closing rows and the archive
information (§ Matter: Status Codes, Archive Number, § Matter Archiving)."""

import dataclasses
import datetime

import pytest

from legalsense_mapping.matter_settings import MatterSettings
from legalsense_mapping.matter_status import (
    archive_number_from_ls,
    closes,
    closing_rows,
    matter_status_id,
)
from legalsense_mapping.sources import LookupValue
from legalsense_mapping.tests.matter_records import (
    ARCHIVED,
    CLOSED,
    EXISTING,
    SOURCE,
    STATUS_IDS,
    payload_for,
)
from legalsense_mapping.tests.rows import DROP, NEW

# ------------------------------------------------------------ status machine

LIFE = [
    # (step, source changes, is_new, expected status id)
    ("created", {}, True, 1),
    ("updated before verification", {}, False, 1),
    ("created verified (SyncMatterIfVerified)", {"verified": True}, True, 1),
    ("synced again after its creation", {"verified": True}, False, 2),
    ("verified", {"verified": True}, False, 2),
    ("closed", {"verified": True, **CLOSED}, False, 3),
    ("reopened", {"verified": True}, False, 2),
    ("archived", {"verified": True, **ARCHIVED}, False, 4),
]


@pytest.mark.parametrize(
    "changes, is_new, expected", [pytest.param(*step[1:], id=step[0]) for step in LIFE]
)
def test_status_machine_over_a_life(changes, is_new, expected):
    source = dataclasses.replace(SOURCE, **changes)
    assert matter_status_id(source, MatterSettings(**STATUS_IDS), is_new) == expected


@pytest.mark.parametrize(
    "changes, settings, is_new, expected",
    [
        pytest.param({}, {"sync_matter_if_verified": True}, False, 1, id="unverified"),
        pytest.param(
            {"verified": True}, {"sync_matter_if_verified": True}, False, 2, id="ok"
        ),
        pytest.param({}, {"matter_status_code_new_id": 0}, True, 2, id="new off"),
        pytest.param({}, {}, False, 1, id="unverified without the setting"),
        pytest.param(
            ARCHIVED,
            {"matter_status_code_archived_id": 0},
            False,
            3,
            id="archived off: closed",
        ),
        pytest.param(
            {"archive_date": datetime.date(2024, 7, 1)},
            {"matter_status_code_archived_id": 0},
            False,
            0,
            id="archived off, no close date: nothing",
        ),
        pytest.param(
            CLOSED,
            {"matter_status_code_closed_id": 0},
            False,
            0,
            id="closed off: never active",
        ),
        pytest.param(
            {"verified": True},
            {"matter_status_code_active_id": 0},
            False,
            0,
            id="active off",
        ),
    ],
)
def test_status_ids_zero_is_off(changes, settings, is_new, expected):
    source = dataclasses.replace(SOURCE, **changes)
    settings = MatterSettings(**(STATUS_IDS | settings))
    assert matter_status_id(source, settings, is_new) == expected


def test_no_status_sent_when_all_ids_are_zero():
    assert "matter_status" not in payload_for(CLOSED, {}, EXISTING)
    assert "matter_status" not in payload_for({}, {}, NEW)


def test_status_in_the_payload():
    payload = payload_for(ARCHIVED, STATUS_IDS, EXISTING)
    assert payload["matter_status"] == {"id": 4}


# ------------------------------------------------------------ closing


def test_closing_rows_and_closes():
    settings = MatterSettings()
    rows = closing_rows(dataclasses.replace(SOURCE, **CLOSED), settings)
    assert rows == {"archived_date": "2024-06-01", "softkill_status": 2}
    assert closes(rows, EXISTING)
    assert closes(rows, None)
    already = {"softkill_status": 2, "archived_date": "2024-06-01"}
    assert not closes(rows, already)
    assert not closes(closing_rows(SOURCE, settings), EXISTING)
    # only the archive date closes when the soft-kill setting is empty
    assert closes({"archived_date": "2024-06-01"}, EXISTING)


# ------------------------------------------------------------ archive information


@pytest.mark.parametrize(
    "source, settings, expected",
    [
        pytest.param(
            {"archive_number": "A-17"},
            {"sync_matter_archive_number_from_cm_to_ls": "ArchiveNumber"},
            {"notes": "A-17"},
            id="notes | Matter.ArchiveNumber",
        ),
        pytest.param(
            {"text1": "Doos 4", "text2": "Kast 2"},
            {"sync_matter_notes_from_cm_to_ls": "Text2"},
            {"notes": "Kast 2"},
            id="notes | Matter.Text2",
        ),
        pytest.param(
            {"archive_number": "A-17", "text1": "Doos 4"},
            {
                "sync_matter_archive_number_from_cm_to_ls": "ArchiveNumber",
                "sync_matter_notes_from_cm_to_ls": "Text1",
            },
            {"notes": "A-17\nDoos 4"},
            id="notes | both rows: joined",
        ),
        pytest.param(
            {"archive_number": " 1234 "},
            {"sync_matter_archive_number_from_cm_to_ls": "RealArchiveNumber"},
            {"number": 1234},
            id="number | Matter.ArchiveNumber (int)",
        ),
        pytest.param(
            {"archive_number": "A-17"},
            {"sync_matter_archive_number_from_cm_to_ls": "RealArchiveNumber"},
            {"number": None},
            id="number | not an integer: null",
        ),
        pytest.param(
            {"lookup_values": (LookupValue("7", field_code="BEWAAR"),)},
            {"retention_period": "BEWAAR"},
            {"retention_period": 7},
            id="retention_period | LookupField value (int)",
        ),
        pytest.param(
            {"lookup_values": (LookupValue("LANG", external_id="20", field_code="B"),)},
            {"retention_period": "b"},
            {"retention_period": 20},
            id="retention_period | LEGALSENSE external id of the value",
        ),
        pytest.param(
            {"lookup_values": (LookupValue("LANG", field_code="BEWAAR"),)},
            {"retention_period": "BEWAAR"},
            {"retention_period": None},
            id="retention_period | not numeric: null",
        ),
        pytest.param({"archive_number": "A-17"}, {}, DROP, id="no settings: not sent"),
    ],
)
def test_archive_information(source, settings, expected):
    payload = payload_for(source, settings, EXISTING)
    assert payload.get("archive_information", DROP) == expected


@pytest.mark.parametrize(
    "settings, expected",
    [
        pytest.param({}, None, id="disabled"),
        pytest.param(
            {"sync_matter_archive_number_from_ls_to_cm": True}, "A-17", id="archive"
        ),
        pytest.param(
            {"sync_matter_real_archive_number_from_ls_to_cm": True}, "88", id="real"
        ),
        pytest.param(
            {
                "sync_matter_archive_number_from_ls_to_cm": True,
                "sync_matter_real_archive_number_from_ls_to_cm": True,
            },
            "A-17/88",
            id="both: combined with /",
        ),
        pytest.param(
            {
                "sync_matter_archive_number_from_ls_to_cm": True,
                "sync_matter_archive_number_from_cm_to_ls": "ArchiveNumber",
            },
            None,
            id="one direction only",
        ),
    ],
)
def test_archive_number_from_ls(settings, expected):
    remote = {
        "archive_information": {"archive_number": "A-17", "real_archive_number": 88}
    }
    assert archive_number_from_ls(remote, MatterSettings(**settings)) == expected


def test_archive_number_from_ls_leaves_out_an_empty_part():
    settings = MatterSettings(
        sync_matter_archive_number_from_ls_to_cm=True,
        sync_matter_real_archive_number_from_ls_to_cm=True,
    )
    remote = {"archive_information": {"archive_number": "", "real_archive_number": 88}}
    assert archive_number_from_ls(remote, settings) == "88"
