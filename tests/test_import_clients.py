"""The import of clients and contact persons: steps clients and contact_contacts."""

from odoo.tests import tagged

from .import_common import (
    LegalSenseImportDataCase,
    ls_client,
    ls_detail,
    ls_link,
    ls_org,
    ls_person,
)


@tagged("post_install", "-at_install")
class TestImportContactPersons(LegalSenseImportDataCase):
    def setUp(self):
        super().setUp()
        self.person = ls_person(
            20,
            "Jan",
            "Vries",
            "de",
            gender="Male",
            details=[
                ls_detail("phone", "020 1", 1),
                ls_detail("fax", "020 2", 2),
                ls_detail("email", "jan@jansen.example", 3),
            ],
        )

    def employees(self, org_id):
        return self.partner(org_id).child_ids.filtered(lambda c: c.type == "contact")

    def test_contact_person_gets_the_persons_phone_fax_and_email(self):
        self.load(
            contacts=[ls_org(10, "Jansen"), self.person],
            contactcontacts=[ls_link(40, 10, 20, "Directeur")],
        )
        run = self.run_import("contacts")
        self.assertEqual(self.counts(run, "contact_contacts"), {"created": 1})
        employee = self.employees(10)
        self.assertRecordValues(
            employee,
            [
                {
                    "firstname": "Jan",
                    "infix": "de",
                    "lastname": "Vries",
                    "function": "Directeur",
                    "phone": "020 1",
                    "fax": "020 2",
                    "email": "jan@jansen.example",
                    "legalsense_contact_id": 20,
                    "legalsense_contact_contact_id": 40,
                }
            ],
        )
        # the person itself stays a contact of its own
        self.assertFalse(self.partner(20).parent_id)

    def test_a_person_at_two_companies(self):
        self.load(
            contacts=[ls_org(10, "Jansen"), ls_org(11, "Smit"), self.person],
            contactcontacts=[ls_link(40, 10, 20), ls_link(41, 11, 20)],
        )
        self.run_import("contacts")
        self.assertEqual(self.employees(10).legalsense_contact_contact_id, 40)
        self.assertEqual(self.employees(11).legalsense_contact_contact_id, 41)

    def test_unlinked_person_at_the_company_is_matched(self):
        company = self.Partner.create(
            {"name": "Jansen", "is_company": True, "legalsense_contact_id": 10}
        )
        other = self.Partner.create(
            {"parent_id": company.id, "firstname": "Piet", "lastname": "Vries"}
        )
        woman = self.Partner.create(
            {
                "parent_id": company.id,
                "firstname": "Anna",
                "lastname": "Vries",
                "gender": "female",
            }
        )
        jan = self.Partner.create(
            {
                "parent_id": company.id,
                "firstname": "J.",
                "lastname": "vries",
                "gender": "male",
            }
        )
        self.load(contacts=[self.person], contactcontacts=[ls_link(40, 10, 20)])
        run = self.run_import("contacts")
        self.assertEqual(self.counts(run, "contact_contacts"), {"linked": 1})
        self.assertEqual(jan.legalsense_contact_contact_id, 40)
        self.assertEqual(jan.legalsense_contact_id, 20)
        self.assertFalse(other.legalsense_contact_id or woman.legalsense_contact_id)

    def test_first_name_breaks_a_tie(self):
        company = self.Partner.create(
            {"name": "Jansen", "is_company": True, "legalsense_contact_id": 10}
        )
        self.Partner.create(
            {
                "parent_id": company.id,
                "firstname": "Piet",
                "lastname": "Vries",
                "gender": "male",
            }
        )
        jan = self.Partner.create(
            {
                "parent_id": company.id,
                "firstname": "Jan",
                "lastname": "Vries",
                "gender": "male",
            }
        )
        self.load(contacts=[self.person], contactcontacts=[ls_link(40, 10, 20)])
        self.run_import("contacts")
        self.assertEqual(jan.legalsense_contact_contact_id, 40)

    def test_organisation_not_in_odoo(self):
        self.load(contacts=[self.person], contactcontacts=[ls_link(40, 10, 20)])
        run = self.run_import("contacts")
        self.assertEqual(self.counts(run, "contact_contacts"), {"skipped": 1})


@tagged("post_install", "-at_install")
class TestImportClients(LegalSenseImportDataCase):
    def setUp(self):
        super().setUp()
        self.load(contacts=[ls_org(10, "Jansen", default_billing_address={"id": 30})])
        self.run_import("contacts")
        self.company_partner = self.partner(10)

    def test_client_row_by_row(self):
        user = self.env["res.users"].create(
            {"name": "Anne", "login": "anne", "legalsense_user_id": 3}
        )
        self.config.sync_client_billing_instructions = True
        self.load(
            clients=[
                ls_client(
                    50,
                    10,
                    "Jansen",
                    number="10050",
                    alternative_names="Jansen & Zn",
                    originating_user={"id": 3},
                    sector={"id": 2},
                    referrer={"id": 3},
                    billing_instructions="Per kwartaal",
                )
            ]
        )
        run = self.run_import("update_client_code")
        self.assertEqual(self.counts(run, "client_codes"), {"updated": 1})
        run = self.run_import("contacts_matters")
        self.assertEqual(self.counts(run, "clients"), {"skipped": 1})
        self.company_partner.legalsense_client_id = 0
        run = self.run_import("contacts_matters")
        self.assertEqual(self.counts(run, "clients"), {"created": 1})
        self.assertRecordValues(
            self.company_partner,
            [
                {
                    "legalsense_client_id": 50,
                    "legalsense_is_client": True,
                    "legalsense_client_code": "10050",
                    "previous_name": "Jansen & Zn",
                    "name_alias": False,
                    "originator_id": user.id,
                    "billing_instructions": "Per kwartaal",
                }
            ],
        )
        self.assertEqual(self.company_partner.segment_ids, self.lookups["segment", 2])
        self.assertEqual(self.company_partner.referral_ids, self.lookups["referral", 3])

    def test_client_settings(self):
        self.config.write(
            {
                "use_client_code": False,
                "sync_company_use_alias_to_alternative_name": True,
                "sync_client_originating_user_to_cm_field": "Owner",
                "sync_client_referral": False,
            }
        )
        user = self.env["res.users"].create(
            {"name": "Anne", "login": "anne", "legalsense_user_id": 3}
        )
        self.load(
            clients=[
                ls_client(
                    50,
                    10,
                    "Jansen",
                    number="10050",
                    alternative_names="JZ",
                    originating_user={"id": 3},
                    referrer={"id": 3},
                    billing_instructions="Per kwartaal",
                )
            ]
        )
        self.run_import("contacts_matters")
        self.assertRecordValues(
            self.company_partner,
            [
                {
                    "legalsense_client_code": False,
                    "name_alias": "JZ",
                    "user_id": user.id,
                    "billing_instructions": False,
                }
            ],
        )
        self.assertFalse(self.company_partner.referral_ids)

    def test_retroactive_billing_instructions_overwrite(self):
        self.company_partner.with_context(
            legalsense_import=True
        ).billing_instructions = "Oud"
        self.load(clients=[ls_client(50, 10, "Jansen", billing_instructions="Nieuw")])
        run = self.run_import("billing_instructions")
        self.assertEqual(self.company_partner.billing_instructions, "Nieuw")
        self.assertEqual(self.counts(run, "billing_instructions"), {"updated": 1})

    def test_retroactive_bank_accounts_overwrite(self):
        self.env["res.partner.bank"].create(
            {"partner_id": self.company_partner.id, "acc_number": "NL02ABNA0123456789"}
        )
        self.load(
            contacts=[ls_org(10, "Jansen", bank_account_iban="NL91ABNA0417164300")]
        )
        run = self.run_import("bank_account_numbers")
        self.assertEqual(self.counts(run, "bank_accounts"), {"updated": 1})
        self.assertEqual(
            self.company_partner.bank_ids.mapped("acc_number"), ["NL91ABNA0417164300"]
        )

    def test_retroactive_branches(self):
        self.config.sync_client_branches_to_cm_field = "Industry"
        self.run_import("lookups")
        self.load(
            clients=[ls_client(50, 10, "Jansen", branches=[{"id": 1}, {"id": 2}])]
        )
        run = self.run_import("branches")
        self.assertEqual(self.company_partner.industry_id.name, "ICT")
        self.assertEqual(self.counts(run, "branches"), {"updated": 1})

    def test_sector_into_the_interests(self):
        """SyncClientSectorToCMField = Interest: the sector list is the
        interests list, the client's sector one of its interests."""
        self.config.write(
            {"sync_client_segment": False, "sync_client_sector_to_cm_field": "Interest"}
        )
        self.run_import("lookups")
        zorg = self.Lookup.search(
            [("lookup_type", "=", "interest"), ("legalsense_id", "=", 3)]
        )
        self.assertEqual(zorg.name, "Zorg")
        self.load(clients=[ls_client(50, 10, "Jansen", sector={"id": 3})])
        self.run_import("contacts_matters")
        self.assertEqual(self.company_partner.interest_ids, zorg)
        self.assertFalse(self.company_partner.segment_ids)

    def test_sector_into_the_stock_exchange(self):
        self.config.write(
            {
                "sync_client_segment": False,
                "sync_client_sector_to_cm_field": "StockExchange",
            }
        )
        self.run_import("lookups")
        self.load(clients=[ls_client(50, 10, "Jansen", sector={"id": 4})])
        self.run_import("contacts_matters")
        self.assertRecordValues(
            self.company_partner.stock_exchange_id,
            [{"lookup_type": "stock_exchange", "name": "Overheid", "legalsense_id": 4}],
        )

    def test_branches_into_tags_2(self):
        """SyncClientBranchesToCMField = Tag2: Tags 2, not the tags."""
        self.config.sync_client_branches_to_cm_field = "Tag2"
        self.run_import("lookups")
        Tag = self.env["res.partner.category"]
        self.load(clients=[ls_client(50, 10, "Jansen", branches=[{"id": 2}])])
        self.run_import("contacts_matters")
        retail = Tag.search([("name", "=", "Detailhandel")])
        self.assertEqual(self.company_partner.legalsense_tag2_ids, retail)
        self.assertFalse(self.company_partner.category_id)
        # ImportBranch fills Tags 2 as well.
        self.company_partner.with_context(legalsense_no_export=True).write(
            {"legalsense_tag2_ids": [(5, 0, 0)]}
        )
        self.load(clients=[ls_client(50, 10, "Jansen", branches=[{"id": 3}])])
        run = self.run_import("branches")
        self.assertEqual(self.counts(run, "branches"), {"updated": 1})
        self.assertEqual(
            self.company_partner.legalsense_tag2_ids.mapped("name"),
            ["Transport en logistiek"],
        )

    def test_retroactive_branches_into_a_lookup_field(self):
        self.config.sync_client_branches_to_cm_field = "BRANCHE"
        self.run_import("lookups")
        self.load(clients=[ls_client(50, 10, "Jansen", branches=[{"id": 3}])])
        run = self.run_import("branches")
        self.assertEqual(self.counts(run, "branches"), {"updated": 1})
        self.assertRecordValues(
            self.company_partner.lookup_value_ids,
            [{"name": "Transport en logistiek", "legalsense_id": 3}],
        )
        self.assertEqual(self.company_partner.lookup_value_ids.field_id.code, "BRANCHE")

    def test_branches_without_setting(self):
        run = self.run_import("branches")
        self.assertIn(
            "SyncClientBranchesToCMField is empty", self.line(run, "branches").message
        )
