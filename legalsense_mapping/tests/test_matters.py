"""§ Matter to LSMatters, one case per row of the table, plus the § Matter sections."""

import dataclasses
import datetime

import pytest

from legalsense_mapping.matter_settings import MatterSettings
from legalsense_mapping.matters import (
    creation_blocked,
    duplicate_matter_name,
    find_created_matter,
    notification_roles,
    originator_contact_kind,
)
from legalsense_mapping.sources import LookupValue
from legalsense_mapping.tests.matter_records import (
    ARCHIVED,
    CLOSED,
    EXISTING,
    SOURCE,
    expected_payload,
    payload_for,
    row,
)
from legalsense_mapping.tests.rows import DROP, NEW

ROWS = [
    row("new only | date | Matter.ActivityDate | yyyy-MM-dd", existing=NEW),
    row(
        "new only | date | only when LS version > 17.10",
        existing=NEW,
        version="17.10",
        expect={"date": DROP},
    ),
    row(
        "new only | date | only when year > 1800",
        existing=NEW,
        source={"open_date": datetime.date(1800, 12, 31)},
        expect={"date": DROP},
    ),
    row(
        "new only | date | not sent when the LS version is unknown",
        existing=NEW,
        version=None,
        expect={"date": DROP},
    ),
    row("new only | softkill_status | Active", existing=NEW),
    row("new only | is_billable | true", existing=NEW),
    row(
        "new only | number | Matter.MatterCode | only when "
        "CreateMatterUseMatterCodeFromCM = true",
        existing=NEW,
        settings={"create_matter_use_matter_code_from_cm": True},
        expect={"number": "2024-0001"},
    ),
    row(
        "new only | number | not sent for an existing matter",
        settings={"create_matter_use_matter_code_from_cm": True},
    ),
    row(
        "new only | matter_status | MatterStatusCodeNewID | only when > 0",
        existing=NEW,
        settings={"matter_status_code_new_id": 5},
        expect={"matter_status": {"id": 5}},
    ),
    row(
        "always | client.id | matter client external ID",
        source={"client_ls_id": 777},
        expect={"client": {"id": 777}},
    ),
    row(
        "always | firm.id | Matter.ActivityType LEGALSENSE_INTERNAL external ID",
        source={"firm_ls_id": None},
        expect={"firm": None},
    ),
    row(
        "always | name | Matter.LongName when SyncMatterLongNameToCMField = name",
        settings={"sync_matter_long_name_to_cm_field": "Name"},
        expect={"name": "Jansen Holding B.V. / huurgeschil Keizersgracht"},
    ),
    row(
        "always | name | Matter.Name when the long name is empty",
        settings={"sync_matter_long_name_to_cm_field": "Name"},
        source={"long_name": ""},
    ),
    row(
        "always | name | long name to a custom field",
        settings={"sync_matter_long_name_to_cm_field": "Lange naam"},
        expect={
            "custom_fields": {
                "Lange naam": "Jansen Holding B.V. / huurgeschil Keizersgracht"
            }
        },
    ),
    row(
        "always | description = Comments, billing_instructions = Description "
        "when SyncMatterDescriptionToCMDescription = false",
        source={"comments": False, "description": "  Vaste prijs "},
        expect={"description": "", "billing_instructions": "Vaste prijs"},
    ),
    row(
        "always | description = Description, billing_instructions = Comments "
        "when SyncMatterDescriptionToCMDescription = true",
        settings={"sync_matter_description_to_cm_description": True},
        expect={
            "description": "Maandelijks factureren",
            "billing_instructions": "Spoed",
        },
    ),
    row(
        "always | invoice_language | Matter.Language",
        source={"language": "en_GB"},
        expect={"invoice_language": "en"},
    ),
    row(
        "always | matter_type.id | Matter.AreaOfLaw when "
        "SyncMatterMatterTypeToCMField = AreaOfLaw",
        settings={"sync_matter_matter_type_to_cm_field": "AreaOfLaw"},
        expect={"matter_type": {"id": 4}},
    ),
    row(
        "always | matter_type.id | not sent when SyncMatterMatterTypeToCMField "
        "is empty",
        settings={"sync_matter_matter_type_to_cm_field": ""},
        expect={"matter_type": DROP},
    ),
    row(
        "always | practice_area.id | Matter.MatterType when "
        "SyncMatterPracticeAreaToCMField = MatterType",
        settings={"sync_matter_practice_area_to_cm_field": "MatterType"},
        expect={"practice_area": {"id": 1}},
    ),
    row(
        "always | practice_area.id | null when the matter has no area of law",
        source={"area_of_law": None},
        expect={"practice_area": None},
    ),
    row(
        "always | practice_area.id | not sent when SyncMatterPracticeAreaToCMField "
        "is empty",
        settings={"sync_matter_practice_area_to_cm_field": ""},
        expect={"practice_area": DROP},
    ),
    row(
        "always | practice_group.id | Matter.Department LEGALSENSE_INTERNAL "
        "external ID",
        source={"practice_group_ls_id": 3},
        expect={"practice_group": {"id": 3}},
    ),
    row(
        "always | practice_group.id | null when DisablePracticeGroup = true",
        settings={"disable_practice_group": True},
        expect={"practice_group": None},
    ),
    row(
        "always | supervising_user.id | Matter.OwnerSub per "
        "SyncMatterSupervisingUserToCMField",
        settings={"sync_matter_supervising_user_to_cm_field": "OwnerSub"},
        expect={"supervising_user": {"id": 3}},
    ),
    row(
        "always | supervising_user.id | Originator is OwnerSub's label",
        settings={"sync_matter_supervising_user_to_cm_field": "Originator"},
        expect={"supervising_user": {"id": 3}},
    ),
    row(
        "always | billing_user.id | Matter.Owner per SyncMatterBillingUserToCMField",
        settings={"sync_matter_billing_user_to_cm_field": "Owner"},
        expect={"billing_user": {"id": 2}},
    ),
    row(
        "always | billing_user.id | not set when HideBillingTimeKeeper",
        settings={"hide_billing_time_keeper": True},
        expect={"billing_user": DROP},
    ),
    row(
        "always | originating_user.id | Matter.Owner per SyncMatterOriginatorToCMField",
        settings={"sync_matter_originator_to_cm_field": "Owner"},
        expect={"originating_user": {"id": 2}},
    ),
    row(
        "always | originating_user.id | a contact_kind ID: synced as matter "
        "contact instead",
        settings={"sync_matter_originator_to_cm_field": "5"},
    ),
    row(
        "always | client_reference | Matter.ClientReference",
        source={"client_reference": None},
        expect={"client_reference": ""},
    ),
    row(
        "always | referrer.internal.id | Matter.Referral when "
        "SyncMatterReferrerToCMField = referrer",
        source={"referral": None},
        expect={"referrer": {"internal": None}},
    ),
    row(
        "always | referrer | otherwise stored in a custom field",
        settings={"sync_matter_referrer_to_cm_field": "Aanbrenger"},
        expect={"referrer": DROP, "custom_fields": {"Aanbrenger": "website"}},
    ),
    row(
        "always | referrer | not sent when SyncMatterReferrerToCMField is empty",
        settings={"sync_matter_referrer_to_cm_field": ""},
        expect={"referrer": DROP},
    ),
    row(
        "always | engagement_letter_status | Matter.EngagementLetter | "
        "is_derived = true when status is Unknown",
        source={"engagement_letter_status": "Signed"},
        expect={"engagement_letter_status": {"status": "Signed", "is_derived": False}},
    ),
    row(
        "always | chinese_wall_kind | LEGALSENSE_CHINESEWALL external ID | only "
        "when SyncMatterChineseWallFromActivityType = true",
        settings={"sync_matter_chinese_wall_from_activity_type": True},
        expect={"chinese_wall_kind": 7},
    ),
    row(
        "always | chinese_wall_kind | null when the activity type has none",
        settings={"sync_matter_chinese_wall_from_activity_type": True},
        source={"chinese_wall_kind": None},
        expect={"chinese_wall_kind": None},
    ),
    row(
        "always | archived_date | Matter.CloseDate (SyncMatterArchiveDateField)",
        source=CLOSED,
        expect={"archived_date": "2024-06-01", "softkill_status": 2},
    ),
    row(
        "always | archived_date | Matter.ArchiveDate (SyncMatterArchiveDateField)",
        source=ARCHIVED,
        settings={"sync_matter_archive_date_field": "ArchiveDate"},
        expect={"archived_date": "2024-07-01", "softkill_status": 2},
    ),
    row(
        "always | archived_date | not sent when SyncMatterArchiveDateField is empty",
        source=CLOSED,
        settings={"sync_matter_archive_date_field": ""},
        expect={"archived_date": DROP, "softkill_status": 2},
    ),
    row(
        "always | softkill_status | Matter.ArchiveDate: Active while only closed",
        source=CLOSED,
        settings={"sync_matter_soft_kill_status_field": "ArchiveDate"},
        expect={"archived_date": "2024-06-01", "softkill_status": 1},
    ),
    row(
        "always | softkill_status | not sent when SyncMatterSoftKillStatusField "
        "is empty",
        source=CLOSED,
        settings={"sync_matter_soft_kill_status_field": ""},
        expect={"archived_date": "2024-06-01", "softkill_status": DROP},
    ),
    row(
        "Matter.ArchiveMatterRole | closing only when the archive date is set",
        source=CLOSED,
        settings={"archive_matter_role": True},
        expect={"archived_date": None, "softkill_status": 1},
    ),
    row(
        "Matter.ArchiveMatterRole | archived on the archive date",
        source=ARCHIVED,
        settings={"archive_matter_role": True},
        expect={"archived_date": "2024-07-01", "softkill_status": 2},
    ),
    row(
        "always | is_recofa | true when code is in "
        "SyncMatterEnableRecofaForMatterTypes",
        settings={"sync_matter_enable_recofa_for_matter_types": "PRO, adv"},
        expect={"is_recofa": True},
    ),
    row(
        "always | is_recofa | false otherwise",
        settings={"sync_matter_enable_recofa_for_matter_types": "PRO"},
        expect={"is_recofa": False},
    ),
    row(
        "always | custom_fields | MatterCustomFields",
        settings={
            "matter_custom_fields": "client_reference=Referentie;"
            "LookupField.DMS_KIND=Soort;DMSFORLEGAL=DMS"
        },
        source={
            "field_values": {"client_reference": "REF-9"},
            "lookup_values": (LookupValue("ARCH", field_code="DMS_KIND"),),
            "dmsforlegal_code": "https://dms.example/42",
        },
        expect={
            "custom_fields": {
                "Referentie": "REF-9",
                "Soort": "ARCH",
                "DMS": "https://dms.example/42",
            }
        },
    ),
]


@pytest.mark.parametrize("source, settings, existing, expect, version", ROWS)
def test_matter_rows(source, settings, existing, version, expect):
    assert payload_for(source, settings, existing, version) == expected_payload(
        existing, expect
    )


# ------------------------------------------------------------ when to create


@pytest.mark.parametrize(
    "changes, settings, blocked",
    [
        pytest.param({}, {}, False, id="no settings"),
        pytest.param({}, {"sync_matter_if_verified": True}, True, id="unverified"),
        pytest.param(
            {"verified": True}, {"sync_matter_if_verified": True}, False, id="verified"
        ),
        pytest.param(
            {},
            {"sync_matter_enabled_for_activity_types": "MATTER_NOT"},
            True,
            id="activity type not listed",
        ),
        pytest.param(
            {},
            {"sync_matter_enabled_for_activity_types": "matter_not, matter_adv"},
            False,
            id="activity type listed (any case)",
        ),
        pytest.param(
            {"activity_type_code": ""},
            {"sync_matter_enabled_for_activity_types": "MATTER_ADV"},
            True,
            id="no activity type",
        ),
        pytest.param(
            {},
            {"sync_matter_minimal_open_date": datetime.date(2024, 3, 5)},
            True,
            id="open date before the minimal date",
        ),
        pytest.param(
            {},
            {"sync_matter_minimal_open_date": datetime.date(2024, 3, 4)},
            False,
            id="open date on the minimal date",
        ),
    ],
)
def test_when_to_create(changes, settings, blocked):
    source = dataclasses.replace(SOURCE, **changes)
    reason = creation_blocked(source, MatterSettings(**settings))
    assert bool(reason) is blocked


def test_when_to_create_says_why():
    settings = MatterSettings(sync_matter_minimal_open_date=datetime.date(2025, 1, 1))
    assert creation_blocked(SOURCE, settings) == (
        "its open date 2024-03-04 is before 2025-01-01 (SyncMatterMinimalOpenDate)"
    )


# ------------------------------------------------------------ AML Required


@pytest.mark.parametrize(
    "values, expected",
    [
        pytest.param((LookupValue("ja", field_code="AML"),), True, id="code ja"),
        pytest.param((LookupValue("-1", field_code="aml"),), True, id="code -1"),
        pytest.param((LookupValue("nee", field_code="AML"),), False, id="code nee"),
        pytest.param(
            (LookupValue("HIGH", field_code="AML", external_id="yes"),),
            True,
            id="LEGALSENSE external id wins",
        ),
        pytest.param((), False, id="no value: false"),
        pytest.param(
            (LookupValue("HIGH", field_code="AML"),), DROP, id="not a boolean word"
        ),
    ],
)
def test_aml_required(values, expected):
    payload = payload_for(
        {"lookup_values": values},
        {"sync_matter_aml_required_from_custom_field": "AML"},
        EXISTING,
    )
    assert payload.get("aml_required", DROP) == expected


def test_aml_required_not_sent_without_setting():
    values = (LookupValue("ja", field_code="AML"),)
    assert "aml_required" not in payload_for({"lookup_values": values}, {}, EXISTING)


# ------------------------------------------------------------ names and more


def test_duplicate_name_is_kept_once_accepted():
    accepted = duplicate_matter_name("Jansen / huurgeschil", 42)
    assert accepted == "Jansen / huurgeschil (42)"
    payload = payload_for({}, {}, EXISTING | {"name": accepted})
    assert payload["name"] == accepted
    renamed = payload_for({"name": "Nieuw"}, {}, EXISTING | {"name": accepted})
    assert renamed["name"] == "Nieuw"


def test_find_created_matter():
    matters = [
        {"id": 1, "name": "jansen / huurgeschil", "client": {"id": 501}},
        {"id": 2, "name": "Jansen / huurgeschil", "client": {"id": 502}},
        {"id": 3, "name": "Ander", "client": {"id": 501}},
    ]
    payload = payload_for({}, {}, NEW)
    assert find_created_matter(matters, payload)["id"] == 1
    assert find_created_matter(matters, payload | {"number": "X"}) is None


def test_originator_contact_kind_and_roles():
    assert originator_contact_kind(MatterSettings()) is None
    assert (
        originator_contact_kind(MatterSettings(sync_matter_originator_to_cm_field="5"))
        == 5
    )
    assert notification_roles("CreatedBy, OwnerSub,CreatedBy") == [
        "CreatedBy",
        "OwnerSub",
    ]
