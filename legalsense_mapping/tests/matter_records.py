"""The matter, the LegalSense matter and the § Matter to LSMatters table the
matter tests map."""

import datetime
from types import MappingProxyType

from legalsense_mapping.matter_settings import MatterSettings
from legalsense_mapping.matters import MatterSource, matter_payload
from legalsense_mapping.sources import LookupValue
from legalsense_mapping.tests.rows import PayloadTable

SOURCE = MatterSource(
    odoo_id=42,
    name="Jansen / huurgeschil",
    long_name="Jansen Holding B.V. / huurgeschil Keizersgracht",
    code="2024-0001",
    description="Maandelijks factureren",
    comments="Spoed",
    language="nl_NL",
    open_date=datetime.date(2024, 3, 4),
    client_reference="REF-9",
    client_ls_id=501,
    activity_type_code="MATTER_ADV",
    firm_ls_id=1,
    chinese_wall_kind=7,
    practice_group_ls_id=2,
    matter_type=LookupValue("ADV", ls_id=1),
    area_of_law=LookupValue("ARB", ls_id=4),
    referral=LookupValue("WEB", ls_id=3, external_id="website"),
    owner_ls_user_id=2,
    owner_sub_ls_user_id=3,
)
EXISTING = MappingProxyType(
    {"id": 9001, "name": "Jansen / huurgeschil", "softkill_status": 1}
)
# What every sync of SOURCE writes with the default settings.
ALWAYS = {
    "client": {"id": 501},
    "firm": {"id": 1},
    "name": "Jansen / huurgeschil",
    "description": "Spoed",
    "billing_instructions": "Maandelijks factureren",
    "invoice_language": "nl",
    "matter_type": {"id": 1},
    "practice_area": {"id": 4},
    "referrer": {"internal": {"id": 3}},
    "practice_group": {"id": 2},
    "supervising_user": {"id": 2},
    "billing_user": {"id": 3},
    "client_reference": "REF-9",
    "engagement_letter_status": {"status": "Unknown", "is_derived": True},
    "archived_date": None,
    "softkill_status": 1,
}
NEW_ONLY = {"date": "2024-03-04", "softkill_status": 1, "is_billable": True}
CLOSED = {"close_date": datetime.date(2024, 6, 1)}
ARCHIVED = {
    "close_date": datetime.date(2024, 6, 1),
    "archive_date": datetime.date(2024, 7, 1),
}
STATUS_IDS = {
    "matter_status_code_new_id": 1,
    "matter_status_code_active_id": 2,
    "matter_status_code_closed_id": 3,
    "matter_status_code_archived_id": 4,
}


TABLE = PayloadTable(
    matter_payload,
    SOURCE,
    MatterSettings,
    EXISTING,
    ALWAYS,
    NEW_ONLY,
    extra={"version": "18.120"},
)
row = TABLE.row
payload_for = TABLE.payload
expected_payload = TABLE.expected
