import datetime

from odoo.tests import tagged

from .import_common import (
    LegalSenseImportDataCase,
    ls_address,
    ls_client,
    ls_link,
    ls_org,
    ls_person,
)


def ls_matter(ident, client, name, **values):
    return {
        "id": ident,
        "client": {"id": client},
        "name": name,
        "number": f"5000{ident}",
        "date": "2025-02-03",
        "modified_date": "2026-03-01T10:00:00+00:00",
        **values,
    }


@tagged("post_install", "-at_install")
class TestImportMatters(LegalSenseImportDataCase):
    def setUp(self):
        super().setUp()
        self.owner = self.env["res.users"].create(
            {"name": "Jan", "login": "jan_matter", "legalsense_user_id": 2}
        )
        self.originator = self.env["res.users"].create(
            {"name": "Anne", "login": "anne_matter", "legalsense_user_id": 3}
        )
        self.fixture = {
            "contacts": [
                ls_org(10, "Jansen", default_billing_address={"id": 30}),
                ls_person(20, "Jan", "Vries"),
                ls_org(11, "Wederpartij B.V."),
            ],
            "addresses": [ls_address(30, 10), ls_address(31, 10, "Postbus 1", kind=3)],
            "contactcontacts": [ls_link(40, 10, 20)],
            "clients": [ls_client(50, 10, "Jansen")],
            "matters": [
                ls_matter(
                    60,
                    50,
                    "Jansen / huur",
                    description="Huurgeschil",
                    billing_instructions="Maandelijks",
                    client_reference="REF-1",
                    supervising_user={"id": 2},
                    billing_user={"id": 3},
                    matter_type={"id": 2},
                    practice_area={"id": 1},
                    referrer={"internal": {"id": 1}},
                    archived_date="2025-12-31",
                    engagement_letter_status={"status": "Signed", "is_derived": False},
                    invoice_language="nl",
                )
            ],
            "matterdebtors": [
                {
                    "id": 70,
                    "matter": {"id": 60},
                    "debtor": {"id": 10},
                    "address": {"id": 31},
                    "split_type": "FullRemainingAmount",
                    "percentage": None,
                    "billing_reference": "PO-9",
                    "to_emails_custom": ["facturen@jansen.example"],
                },
                {
                    "id": 71,
                    "matter": {"id": 60},
                    "debtor": {"id": 10},
                    "contact_person": {"id": 20},
                    "split_type": "Percentage",
                    "percentage": "40.00",
                },
            ],
            "mattercontacts": [
                {
                    "id": 80,
                    "matter": {"id": 60},
                    "contact": {"id": 11},
                    "kind": {"id": 2},
                    "their_reference": "W-1",
                }
            ],
        }
        self.load(**self.fixture)

    def matter(self, ls_id=60):
        return self.env["legal.matter"].search([("legalsense_matter_id", "=", ls_id)])

    def test_matter_row_by_row(self):
        run = self.run_import("contacts_matters")
        self.assertEqual(self.counts(run, "matters"), {"created": 1})
        matter = self.matter()
        self.assertRecordValues(
            matter,
            [
                {
                    "name": "Jansen / huur",
                    "code": "500060",
                    "client_id": self.partner(10).id,
                    "open_date": datetime.date(2025, 2, 3),
                    # SyncMatterDescriptionToCMDescription off: comments ← description
                    "comments": "Huurgeschil",
                    "description": "Maandelijks",
                    "client_reference": "REF-1",
                    "owner_id": self.owner.id,
                    "originator_id": self.originator.id,
                    "matter_type_id": self.lookups["matter_type", 2].id,
                    "area_of_law_id": self.lookups["area_of_law", 1].id,
                    "referral_id": self.lookups["referral", 1].id,
                    "close_date": datetime.date(2025, 12, 31),
                    "engagement_letter_status": "Signed",
                    "is_verified": True,
                    "lang": "nl_NL",
                    "company_id": self.company.id,
                }
            ],
        )

    def test_debtors_and_matter_contacts(self):
        run = self.run_import("contacts_matters")
        self.assertEqual(self.counts(run, "matter_debtors"), {"created": 2})
        debtors = self.matter().debtor_ids.sorted("legalsense_debtor_id")
        company = self.partner(10)
        self.assertRecordValues(
            debtors,
            [
                {
                    "legalsense_debtor_id": 70,
                    "legalsense_is_main_debtor": True,
                    "partner_id": company.id,
                    "billing_reference": "PO-9",
                    "invoice_emails": "facturen@jansen.example",
                },
                {
                    "legalsense_debtor_id": 71,
                    "legalsense_is_main_debtor": False,
                    "partner_id": company.child_ids.filtered(
                        lambda c: c.legalsense_contact_contact_id == 40
                    ).id,
                    "billing_reference": False,
                    "invoice_emails": False,
                },
            ],
        )
        self.assertEqual(debtors[0].address_id, self.address(31))
        self.assertEqual(debtors[1].percentage, 40.0)
        party = self.matter().party_ids
        self.assertRecordValues(
            party,
            [
                {
                    "partner_id": self.partner(11).id,
                    "role_id": self.lookups["activity_role", 2].id,
                    "their_reference": "W-1",
                    "legalsense_matter_contact_id": 80,
                }
            ],
        )

    def test_description_setting_and_archive_date_field(self):
        self.config.write(
            {
                "sync_matter_description_to_cm_description": True,
                "sync_matter_archive_date_field": "ArchiveDate",
            }
        )
        self.run_import("contacts_matters")
        matter = self.matter()
        self.assertEqual(
            (matter.description, matter.comments), ("Huurgeschil", "Maandelijks")
        )
        self.assertEqual(matter.archive_date, datetime.date(2025, 12, 31))
        self.assertFalse(matter.close_date)

    def test_existing_unlinked_debtor_and_party_are_linked(self):
        self.run_import("contacts")
        client = self.partner(10)
        client.legalsense_client_id = 50
        matter = self.env["legal.matter"].create(
            {
                "name": "Jansen / huur",
                "client_id": client.id,
                "legalsense_matter_id": 60,
            }
        )
        debtor = self.env["legal.matter.debtor"].create(
            {"matter_id": matter.id, "partner_id": client.id}
        )
        party = self.env["legal.matter.party"].create(
            {
                "matter_id": matter.id,
                "partner_id": self.partner(11).id,
                "role_id": self.lookups["activity_role", 2].id,
            }
        )
        run = self.run_import("matters")
        self.assertEqual(debtor.legalsense_debtor_id, 70)
        self.assertEqual(party.legalsense_matter_contact_id, 80)
        self.assertEqual(self.counts(run, "matter_contacts"), {"linked": 1})
        self.assertEqual(self.counts(run, "matter_debtors")["linked"], 1)

    def test_matter_of_a_client_not_in_odoo_is_skipped(self):
        run = self.run_import("matters")
        self.assertEqual(self.counts(run, "matters"), {"skipped": 1})
        self.assertFalse(self.matter())

    def test_matters_only_links_clients_of_imported_contacts(self):
        self.run_import("contacts")
        self.assertFalse(self.partner(10).legalsense_client_id)
        run = self.run_import("matters")
        self.assertEqual(self.counts(run, "matters"), {"created": 1})
        self.assertEqual(self.partner(10).legalsense_client_id, 50)

    def test_a_second_run_creates_nothing(self):
        self.run_import("contacts_matters")
        run = self.run_import("contacts_matters")
        for step in ("matters", "matter_debtors", "matter_contacts"):
            self.assertNotIn("created", self.counts(run, step), step)
        self.assertEqual(len(self.matter().debtor_ids), 2)
