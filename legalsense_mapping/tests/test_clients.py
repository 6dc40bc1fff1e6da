"""§ Contact to LSClients, one case per row of the table, plus the settings."""

import datetime
from types import MappingProxyType

import pytest

from legalsense_mapping.clients import (
    accepted_client_name,
    client_payload,
    duplicate_name_candidates,
)
from legalsense_mapping.settings import MappingSettings
from legalsense_mapping.sources import ContactSource, LookupValue
from legalsense_mapping.tests.rows import DROP, NEW, PayloadTable

SEGMENT = LookupValue("ADV", "Advocatuur", ls_id=11)
REFERRAL = LookupValue("NETW", "Netwerk", ls_id=21)
SOURCE = ContactSource(
    odoo_id=42,
    is_company=True,
    name="Acme",
    official_name="Acme B.V.",
    alias_name="ACME",
    previous_name="Acme Trading",
    create_date=datetime.date(2020, 1, 31),
    owner_ls_user_id=9,
    owner_sub_ls_user_id=10,
    segments=(SEGMENT, LookupValue("OTH", ls_id=12)),
    referrals=(REFERRAL,),
    industry=LookupValue("IT", "ICT", ls_id=31),
    tags=(LookupValue("T1", ls_id=41),),
    tags2=(LookupValue("T2", ls_id=51),),
    billing_instructions="Per kwartaal factureren",
    parent_client_ls_id=300,
    external_client_code="C-0042",
    postal_city="Utrecht",
    ls_contact_id=5,
)
EXISTING = MappingProxyType({"id": 8, "contact": {"id": 5}, "softkill_status": 1})
VERSION = "18.120"
ALWAYS = {
    "name": "Acme B.V.",
    "alternative_names": "Acme Trading",
    "parent_client": {"id": 300},
    "originating_user": {"id": 10},
    "is_identified": False,
    "sector": {"id": 11},
    "referrer": {"id": 21},
    "softkill_status": 1,
    "client_status": {"id": 1},
}
NEW_ONLY = {
    "contact": {"id": 5},
    "is_billable": True,
    "date": "2020-01-31",
    "reduction_rate": "0.00",
}
TABLE = PayloadTable(
    client_payload,
    SOURCE,
    MappingSettings,
    EXISTING,
    ALWAYS,
    NEW_ONLY,
    extra={"version": VERSION},
)
row = TABLE.row
payload_for = TABLE.payload
expected_payload = TABLE.expected


ROWS = [
    row("new only | contact.id | contact external ID", existing=NEW),
    row(
        "new only | client_status | SyncClientStatusId | only when > 0",
        existing=NEW,
        settings={"sync_client_status_id": 4},
        expect={"client_status": {"id": 4}},
    ),
    row("new only | is_billable | true", existing=NEW, expect={"is_billable": True}),
    row(
        "new only | number | external app ExternalCode | only when "
        "CreateClientUseClientCodeFromExternalApplication is set",
        existing=NEW,
        settings={"create_client_use_client_code_from_external_application": "ASSYST"},
        expect={"number": "C-0042"},
    ),
    row(
        "new only | date | Contact.CreateDate | format yyyy-MM-dd",
        existing=NEW,
        source={"create_date": datetime.datetime(2019, 12, 1, 8, 0)},
        expect={"date": "2019-12-01"},
    ),
    row(
        "new only | reduction_rate | 0.00",
        existing=NEW,
        expect={"reduction_rate": "0.00"},
    ),
    row(
        "always | name | Company.OfficialName",
        source={"official_name": "Acme Holding B.V."},
        expect={"name": "Acme Holding B.V."},
    ),
    row(
        "always | name | Company.Name when SyncCompanyUseDisplayName = true",
        settings={"sync_company_use_display_name": True},
        expect={"name": "Acme"},
    ),
    row(
        "always | name | person: Person.GetName()",
        source={"is_company": False, "name": "Jan de Vries", "official_name": ""},
        expect={"name": "Jan de Vries"},
    ),
    row(
        "always | alternative_names | Company.AliasName when "
        "SyncCompanyUseAliasToAlternativeName = true",
        settings={"sync_company_use_alias_to_alternative_name": True},
        expect={"alternative_names": "ACME"},
    ),
    row(
        "always | alternative_names | otherwise Company.PreviousName",
        source={"previous_name": ""},
        expect={"alternative_names": ""},
    ),
    row(
        "always | parent_client | Company.MemberOf | null when no parent",
        source={"parent_client_ls_id": None},
        expect={"parent_client": None},
    ),
    row(
        "always | parent_client | LS version > 15.55 only",
        version="15.55",
        expect={"parent_client": DROP},
    ),
    row(
        "always | originating_user | Owner (SyncClientOriginatingUserToCMField)",
        settings={"sync_client_originating_user_to_cm_field": "Owner"},
        expect={"originating_user": {"id": 9}},
    ),
    row(
        "always | is_identified | Identification.FileName | true when present",
        source={"identification_present": True},
        expect={"is_identified": True},
    ),
    row(
        "always | sector | first segment (SyncClientSegment)",
        source={"segments": (LookupValue("OTH", ls_id=12), SEGMENT)},
        expect={"sector": {"id": 12}},
    ),
    row(
        "always | branches | SyncClientBranchesToCMField; only first item synced",
        source={"tags": (LookupValue("T1", ls_id=41), LookupValue("T3", ls_id=43))},
        settings={"sync_client_branches_to_cm_field": "Tag"},
        expect={"branches": [{"id": 41}]},
    ),
    row(
        "always | referrer | first referral | only when SyncClientReferral = true",
        settings={"sync_client_referral": False},
        expect={"referrer": DROP},
    ),
    row(
        "always | billing_instructions | only when SyncClientBillingInstructions",
        settings={"sync_client_billing_instructions": True},
        expect={"billing_instructions": "Per kwartaal factureren"},
    ),
    row(
        "always | softkill_status | Contact.InActive | Archived",
        source={"active": False},
        expect={"softkill_status": 2, "client_status": {"id": 2}},
    ),
    row(
        "always | client_status.id | ClosedID / ClientStatusCodeActiveID (active)",
        settings={"client_status_code_active_id": 6},
        expect={"client_status": {"id": 6}},
    ),
]


@pytest.mark.parametrize(("source", "settings", "existing", "expect", "version"), ROWS)
def test_contact_to_lsclients_row(source, settings, existing, expect, version):
    actual = payload_for(source, settings, existing, version)
    assert actual == expected_payload(existing, expect)


def sector_case(setting, expected_id, source=None):
    return row(
        f"SyncClientSectorToCMField = {setting}",
        source=source,
        settings={"sync_client_sector_to_cm_field": setting},
        expect={"sector": None if expected_id is None else {"id": expected_id}},
    )


def branch_case(setting, expected_ids, source=None):
    return row(
        f"SyncClientBranchesToCMField = {setting}",
        source=source,
        settings={"sync_client_branches_to_cm_field": setting},
        expect={"branches": [{"id": ls_id} for ls_id in expected_ids]},
    )


EXPERTISE = LookupValue("TAX", ls_id=61, field_code="EXPERTISE")
SETTINGS_AND_FALLBACKS = [
    sector_case("Industry", 31),
    sector_case("IndustryCode", 31),
    sector_case("Segment", 11),
    sector_case("Tag", 41),
    sector_case("Tag2", 51),
    sector_case("Referral", 21),
    sector_case(
        "Interest",
        71,
        source={"interests": (LookupValue("I", ls_id=71), LookupValue("J", ls_id=72))},
    ),
    sector_case(
        "StockExchange",
        81,
        source={"stock_exchange": LookupValue("AEX", "Euronext Amsterdam", ls_id=81)},
    ),
    sector_case("Interest", None),
    sector_case("StockExchange", None),
    sector_case("Interest", None, source={"interests": (LookupValue("I"),)}),
    sector_case("industry", 31),
    sector_case("Industry", None, source={"industry": None}),
    sector_case("Segment", None, source={"segments": (LookupValue("X"),)}),
    row(
        "SyncClientSegment false and no sector field: sector not sent",
        settings={"sync_client_segment": False},
        expect={"sector": DROP},
    ),
    row(
        "SyncClientSegment true, no segments: sector null",
        source={"segments": ()},
        expect={"sector": None},
    ),
    row(
        "SyncClientSectorToCMField overrides SyncClientSegment = false",
        settings={
            "sync_client_segment": False,
            "sync_client_sector_to_cm_field": "Tag",
        },
        expect={"sector": {"id": 41}},
    ),
    branch_case("Industry", [31]),
    branch_case("IndustryCode", [31]),
    branch_case("Segment", [11]),
    branch_case("Tag2", [51]),
    branch_case("EXPERTISE", [61], source={"lookup_values": (EXPERTISE,)}),
    branch_case("LookupField.EXPERTISE", [61], source={"lookup_values": (EXPERTISE,)}),
    branch_case("EXPERTISE", []),
    branch_case("Tag", [], source={"tags": ()}),
    # Interest, StockExchange and Referral are no branch sources: a lookup
    # field of that code.
    branch_case(
        "Interest",
        [],
        source={"interests": (LookupValue("I", ls_id=71),)},
    ),
    branch_case(
        "StockExchange",
        [62],
        source={
            "stock_exchange": LookupValue("AEX", ls_id=81),
            "lookup_values": (LookupValue("X", ls_id=62, field_code="StockExchange"),),
        },
    ),
    row(
        "SyncClientBranchesToCMField empty: branches not sent",
        settings={"sync_client_branches_to_cm_field": ""},
    ),
    row(
        "referrer: SyncClientReferral, no referral: null",
        source={"referrals": ()},
        expect={"referrer": None},
    ),
    row(
        "originating_user: OwnerSub without owner: null",
        source={"owner_sub_ls_user_id": None},
        expect={"originating_user": None},
    ),
    row(
        "name: empty official name falls back to Company.Name",
        source={"official_name": ""},
        expect={"name": "Acme"},
    ),
    row(
        "person: SyncCompanyUseAliasToAlternativeName applies as well",
        source={"is_company": False, "name": "Jan", "alias_name": "JJ"},
        settings={"sync_company_use_alias_to_alternative_name": True},
        expect={"name": "Jan", "alternative_names": "JJ"},
    ),
    row(
        "number: setting set but the contact has no ExternalCode: not sent",
        existing=NEW,
        source={"external_client_code": ""},
        settings={"create_client_use_client_code_from_external_application": "ASSYST"},
    ),
    row(
        "number: setting empty (LegalSense-generated codes): not sent, code or not",
        existing=NEW,
    ),
    row(
        "number: setting set, ExternalCode with spaces: stripped",
        existing=NEW,
        source={"external_client_code": " C-0042 "},
        settings={"create_client_use_client_code_from_external_application": "ASSYST"},
        expect={"number": "C-0042"},
    ),
    row(
        "number: never on an existing client",
        settings={"create_client_use_client_code_from_external_application": "ASSYST"},
    ),
    row(
        "client_status: a new inactive client gets ClientStatusCodeClosedID",
        existing=NEW,
        source={"active": False},
        settings={"sync_client_status_id": 4},
        expect={"softkill_status": 2, "client_status": {"id": 2}},
    ),
    row(
        "client_status: SyncClientStatusId is new only",
        settings={"sync_client_status_id": 4},
    ),
    row(
        "client_status: ClientStatusCodeActiveID 0 is not sent",
        settings={"client_status_code_active_id": 0},
        expect={"client_status": DROP},
    ),
    row(
        "date: no create date: not sent",
        existing=NEW,
        source={"create_date": None},
        expect={"date": DROP},
    ),
    row(
        "parent_client: version object above 15.55",
        version=type("V", (), {"__str__": lambda self: "17.10"})(),
    ),
    row("parent_client: version 15.55.1 is above 15.55", version="15.55.1"),
    row(
        "parent_client: unknown version: not sent",
        version=None,
        expect={"parent_client": DROP},
    ),
]


@pytest.mark.parametrize(
    ("source", "settings", "existing", "expect", "version"), SETTINGS_AND_FALLBACKS
)
def test_client_settings_and_fallbacks(source, settings, existing, expect, version):
    actual = payload_for(source, settings, existing, version)
    assert actual == expected_payload(existing, expect)


@pytest.mark.parametrize(
    ("setting_name", "value"),
    [
        ("sync_client_sector_to_cm_field", "Colour"),
        ("sync_client_originating_user_to_cm_field", "Originator"),
    ],
)
def test_unknown_source_setting_raises(setting_name, value):
    with pytest.raises(ValueError, match=value):
        payload_for({}, {setting_name: value}, EXISTING, VERSION)


@pytest.mark.parametrize(
    ("name", "city", "odoo_id", "expected"),
    [
        pytest.param(
            "Acme B.V.",
            "Utrecht",
            42,
            ["Acme B.V.", "Acme B.V. Utrecht", "Acme B.V. Utrecht (42)"],
            id="Duplicate name: postal city appended, then the id in brackets",
        ),
        pytest.param(
            "Acme B.V.",
            "",
            42,
            ["Acme B.V.", "Acme B.V. (42)"],
            id="no postal city: the city step is skipped",
        ),
        pytest.param(
            " Acme ",
            False,
            7,
            ["Acme", "Acme (7)"],
            id="Odoo False city, name stripped",
        ),
    ],
)
def test_duplicate_name_candidates(name, city, odoo_id, expected):
    assert duplicate_name_candidates(name, city, odoo_id) == expected


@pytest.mark.parametrize(
    "name, existing_name, expected",
    [
        pytest.param("Acme", "Acme Utrecht", "Acme Utrecht", id="city accepted"),
        pytest.param("Acme", "Acme Utrecht (42)", "Acme Utrecht (42)", id="id"),
        pytest.param("Acme", "Acme", "Acme", id="plain name"),
        pytest.param("Acme2", "Acme Utrecht", "Acme2", id="renamed"),
        pytest.param("Acme", "", "Acme", id="no existing name"),
        pytest.param("Acme", "Other", "Acme", id="changed in LegalSense"),
    ],
)
def test_accepted_client_name(name, existing_name, expected):
    assert accepted_client_name(name, existing_name, "Utrecht", 42) == expected
