"""LegalSense → Odoo: matters, debtors and matter contacts, row by row."""

import datetime

import pytest

from legalsense_mapping.inbound_matters import (
    MatterSettings,
    archive_number,
    debtor_values,
    matter_contact_values,
    matter_values,
)

MATTER = {
    "id": 60,
    "number": "500060",
    "name": "Jansen / huur",
    "client": {"id": 50},
    "firm": {"id": 1},
    "date": "2025-02-03",
    "description": "Huurgeschil",
    "billing_instructions": "Maandelijks",
    "client_reference": "REF",
    "invoice_language": "nl",
    "matter_type": {"id": 2},
    "practice_area": {"id": 3},
    "practice_group": {"id": 4},
    "supervising_user": {"id": 5},
    "billing_user": {"id": 6},
    "originating_user": {"id": 7},
    "referrer": {"internal": {"id": 8}},
    "engagement_letter_status": {"status": "Signed", "is_derived": False},
    "archived_date": "2025-12-31",
    "archive_information": {"archive_number": "A-1", "real_archive_number": 42},
}


def matter(**settings):
    return matter_values(MATTER, MatterSettings(**settings))


@pytest.mark.parametrize(
    "settings, expect",
    [
        pytest.param(
            {},
            {
                "name": "Jansen / huur",
                "code": "500060",
                "client_reference": "REF",
                "comments": "Huurgeschil",
                "description": "Maandelijks",
                "open_date": datetime.date(2025, 2, 3),
                "close_date": datetime.date(2025, 12, 31),
                "engagement_letter_status": "Signed",
                "is_verified": True,
            },
            id="defaults",
        ),
        pytest.param(
            {"sync_matter_description_to_cm_description": True},
            {"description": "Huurgeschil", "comments": "Maandelijks"},
            id="SyncMatterDescriptionToCMDescription",
        ),
        pytest.param(
            {"sync_matter_archive_date_field": "ArchiveDate"},
            {"archive_date": datetime.date(2025, 12, 31)},
            id="SyncMatterArchiveDateField ArchiveDate",
        ),
        pytest.param(
            {"sync_matter_long_name_to_cm_field": "Name"},
            {"long_name": "Jansen / huur"},
            id="SyncMatterLongNameToCMField Name",
        ),
        pytest.param(
            {
                "sync_matter_archive_number_from_ls_to_cm": True,
                "sync_matter_real_archive_number_from_ls_to_cm": True,
            },
            {"archive_number": "A-1/42"},
            id="both archive numbers joined with /",
        ),
    ],
)
def test_matter_values(settings, expect):
    values = matter(**settings).values
    assert {key: values.get(key) for key in expect} == expect


def test_relations_for_odoo():
    inbound = matter()
    assert (inbound.client_ls_id, inbound.firm_ls_id, inbound.practice_group_ls_id) == (
        50,
        1,
        4,
    )
    # supervising user → Owner, billing user → OwnerSub (the originator)
    assert inbound.users == {"owner_id": 5, "originator_id": 6}
    assert inbound.lookups == {
        "matter_type_id": ("matter_type", 2),
        "area_of_law_id": ("area_of_law", 3),
    }
    assert inbound.referrer_ls_id == 8
    assert inbound.language == "nl"


def test_settings_that_turn_rows_off():
    inbound = matter(
        disable_practice_group=True,
        sync_matter_referrer_to_cm_field="Verwijzer",
        sync_matter_matter_type_to_cm_field="",
        sync_matter_practice_area_to_cm_field="MatterType",
        sync_matter_supervising_user_to_cm_field="OwnerSub",
        sync_matter_archive_date_field="",
    )
    assert inbound.practice_group_ls_id is None
    assert inbound.referrer_ls_id is None
    assert inbound.lookups == {"matter_type_id": ("matter_type", 3)}
    assert inbound.users == {"originator_id": 5}
    assert "close_date" not in inbound.values and "archive_date" not in inbound.values


def test_archive_number_only_with_a_setting():
    assert archive_number({"archive_number": "A"}, MatterSettings()) is None
    assert (
        archive_number(
            {"archive_number": "", "real_archive_number": None},
            MatterSettings(sync_matter_archive_number_from_ls_to_cm=True),
        )
        is False
    )


def test_debtor_and_matter_contact_values():
    main = debtor_values(
        {
            "id": 70,
            "split_type": "FullRemainingAmount",
            "percentage": None,
            "billing_reference": "PO",
            "to_emails_custom": ["a@x"],
            "cc_emails_custom": ["b@x"],
            "dunning_to_emails_custom": ["c@x"],
        }
    )
    assert main == {
        "legalsense_debtor_id": 70,
        "legalsense_is_main_debtor": True,
        "billing_reference": "PO",
        "invoice_emails": "a@x; b@x",
        "dunning_emails": "c@x",
    }
    share = debtor_values({"id": 71, "split_type": "Percentage", "percentage": "40.00"})
    assert share["percentage"] == 40.0 and not share["legalsense_is_main_debtor"]
    assert matter_contact_values({"id": 80, "their_reference": "W"}) == {
        "legalsense_matter_contact_id": 80,
        "their_reference": "W",
    }
