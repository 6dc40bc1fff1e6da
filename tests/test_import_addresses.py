from odoo.tests import tagged

from .import_common import (
    LegalSenseImportDataCase,
    ls_address,
    ls_client,
    ls_detail,
    ls_link,
    ls_org,
    ls_person,
)


@tagged("post_install", "-at_install")
class TestImportAddresses(LegalSenseImportDataCase):
    def test_own_address_is_the_default_billing_address(self):
        self.load(
            contacts=[ls_org(10, "Jansen", default_billing_address={"id": 31})],
            addresses=[
                ls_address(30, 10, "Dam 1", kind=2, city="Rotterdam"),
                ls_address(31, 10, "Keizersgracht 1"),
            ],
        )
        run = self.run_import("contacts")
        self.assertEqual(self.counts(run, "addresses"), {"created": 2})
        company = self.partner(10)
        self.assertRecordValues(
            company,
            [
                {
                    "street": "Keizersgracht 1",
                    "zip": "1015 CJ",
                    "city": "Amsterdam",
                    "country_id": self.env.ref("base.nl").id,
                    "legalsense_address_id": 31,
                    "address_kind_id": self.lookups["address_kind", 1].id,
                }
            ],
        )
        visit = self.address(30)
        self.assertRecordValues(
            visit,
            [
                {
                    "parent_id": company.id,
                    "type": "other",
                    "street": "Dam 1",
                    "city": "Rotterdam",
                    "address_kind_id": self.lookups["address_kind", 2].id,
                    "address_inactive": False,
                }
            ],
        )

    def test_without_billing_address_the_first_address_is_the_own_address(self):
        self.load(
            contacts=[ls_person(20, "Jan", "Vries")],
            addresses=[ls_address(30, 20, "Dam 1", kind=2), ls_address(31, 20)],
        )
        self.run_import("contacts")
        self.assertEqual(self.partner(20).legalsense_address_id, 30)
        self.assertEqual(self.address(31).parent_id, self.partner(20))

    def test_postal_kind_setting_decides_the_own_address(self):
        self.config.default_address_kind_postal_address = 1
        self.load(
            contacts=[ls_org(10, "Jansen")],
            addresses=[ls_address(30, 10, "Dam 1", kind=2), ls_address(31, 10)],
        )
        self.run_import("contacts")
        self.assertEqual(self.partner(10).legalsense_address_id, 31)
        self.assertEqual(self.address(30).type, "other")

    def test_billing_address_type_code_gives_an_invoice_address(self):
        self.config.billing_address_type_code = "3"
        self.load(
            contacts=[ls_org(10, "Jansen", default_billing_address={"id": 30})],
            addresses=[ls_address(30, 10), ls_address(31, 10, "Postbus 1", kind=3)],
        )
        self.run_import("contacts")
        self.assertEqual(self.address(31).type, "invoice")

    def test_inactive_addresses(self):
        self.config.address_kinds_in_active = "Vorig adres"
        self.load(
            contacts=[ls_org(10, "Jansen", default_billing_address={"id": 30})],
            addresses=[
                ls_address(30, 10),
                ls_address(31, 10, "Oud 1", kind=4),
                ls_address(32, 10, "Weg 2", kind=2, city="Utrecht !INACTIVE!"),
            ],
        )
        self.run_import("contacts")
        self.assertTrue(self.address(31).address_inactive)
        self.assertRecordValues(
            self.address(32), [{"address_inactive": True, "city": "Utrecht"}]
        )
        self.config.address_kinds_in_active = "Bezoekadres"
        self.load(addresses=[ls_address(33, 10, "Oud 2", kind=4)])
        self.run_import("contacts")
        self.assertFalse(self.address(33).address_inactive)

    def test_country_by_code_mapping_and_name(self):
        self.config.import_country_mapping = "Holland=NL;Duitsland=DE"
        self.load(
            contacts=[ls_org(10, "Jansen", default_billing_address={"id": 30})],
            addresses=[
                ls_address(30, 10),
                ls_address(31, 10, "A 1", country="Duitsland", normalized_country=""),
                ls_address(32, 10, "B 2", country="Belgium", normalized_country=""),
                ls_address(33, 10, "C 3", country="Atlantis", normalized_country=""),
            ],
        )
        self.run_import("contacts")
        self.assertEqual(self.address(31).country_id, self.env.ref("base.de"))
        self.assertEqual(self.address(32).country_id, self.env.ref("base.be"))
        self.assertFalse(self.address(33).country_id)

    def test_existing_unlinked_addresses_are_linked(self):
        company = self.Partner.create(
            {
                "name": "Jansen",
                "is_company": True,
                "legalsense_contact_id": 10,
                "street": "Keizersgracht 1",
                "zip": "1015CJ",
                "city": "amsterdam",
            }
        )
        child = self.Partner.create(
            {
                "parent_id": company.id,
                "type": "other",
                "street": "Dam 1",
                "zip": "1015 CJ",
                "city": "Amsterdam",
            }
        )
        self.load(
            contacts=[ls_org(10, "Jansen", default_billing_address={"id": 31})],
            addresses=[ls_address(30, 10, "Dam 1", kind=2), ls_address(31, 10)],
        )
        run = self.run_import("contacts")
        self.assertEqual(self.counts(run, "addresses"), {"linked": 2})
        self.assertEqual(company.legalsense_address_id, 31)
        self.assertEqual(child.legalsense_address_id, 30)
        self.assertEqual(len(company.child_ids), 1)

    def test_a_matched_contacts_unlinked_address_is_linked(self):
        """Import All: "an existing unlinked record" is linked "instead of
        creating a duplicate". The company is matched (Chamber of Commerce
        number), not linked before; its own address and its child address are
        linked by street, postal code and city, written nowhere a second time."""
        company = self.Partner.create(
            {
                "name": "Jansen Holding",
                "is_company": True,
                "company_registry": "12345678",
                "street": "Keizersgracht 1",
                "zip": "1015CJ",
                "city": "AMSTERDAM",
            }
        )
        child = self.Partner.create(
            {
                "parent_id": company.id,
                "type": "other",
                "street": "Dam  1",
                "zip": "1012 js",
                "city": "Amsterdam",
            }
        )
        self.load(
            contacts=[
                ls_org(
                    10,
                    "Jansen",
                    organization_number="12.34.56.78",
                    default_billing_address={"id": 31},
                )
            ],
            addresses=[
                ls_address(30, 10, "Dam 1", kind=2, zipcode="1012 JS"),
                ls_address(31, 10),
            ],
        )
        run = self.run_import("contacts")
        self.assertEqual(self.counts(run, "contacts"), {"linked": 1})
        self.assertEqual(self.counts(run, "addresses"), {"linked": 2})
        self.assertEqual(self.partner(10), company)
        self.assertEqual(company.legalsense_address_id, 31)
        self.assertEqual(company.child_ids, child)
        self.assertRecordValues(
            child,
            [
                {
                    "legalsense_address_id": 30,
                    "street": "Dam  1",
                    "zip": "1012 js",
                    "address_inactive": False,
                }
            ],
        )
        self.assertEqual(
            child.legalsense_sync_data["address"]["remote"]["address"], "Dam 1"
        )
        # Nothing went to LegalSense, and a second run links nothing again.
        self.assertFalse(self.calls("POST") + self.calls("PATCH"))
        run = self.run_import("contacts")
        self.assertEqual(self.counts(run, "addresses"), {"skipped": 2})
        self.assertEqual(company.child_ids, child)

    def test_visiting_addresses(self):
        """Address.IsVisitorAddress read back: an address of the
        DefaultAddressKindVisitorAddress kind is a visiting address."""
        self.load(
            contacts=[ls_org(10, "Jansen", default_billing_address={"id": 30})],
            addresses=[
                ls_address(30, 10),
                ls_address(31, 10, "Dam 1", kind=2),
                ls_address(32, 10, "Postbus 5", kind=3),
            ],
        )
        self.run_import("contacts")
        visit = self.address(31)
        self.assertFalse(visit.is_visitor_address, "no visitor kind configured")
        self.config.default_address_kind_visitor_address = 2
        self.run_import("contacts", overwrite=True)
        self.assertRecordValues(
            self.partner(10) + visit + self.address(32),
            [
                {
                    "is_visitor_address": False,
                    "type": "contact",
                    "address_kind_id": self.lookups["address_kind", 1].id,
                },
                {
                    "is_visitor_address": True,
                    "type": "other",
                    "address_kind_id": self.lookups["address_kind", 2].id,
                },
                {
                    "is_visitor_address": False,
                    "type": "other",
                    "address_kind_id": self.lookups["address_kind", 3].id,
                },
            ],
        )
        # A new visiting address is one from the start.
        self.load(
            addresses=[
                ls_address(30, 10),
                ls_address(31, 10, "Dam 1", kind=2),
                ls_address(32, 10, "Postbus 5", kind=3),
                ls_address(33, 10, "Coolsingel 1", kind=2, city="Rotterdam"),
            ]
        )
        self.run_import("contacts")
        self.assertTrue(self.address(33).is_visitor_address)

    def test_overwrite_updates_addresses(self):
        self.load(
            contacts=[ls_org(10, "Jansen", default_billing_address={"id": 30})],
            addresses=[ls_address(30, 10), ls_address(31, 10, "Dam 1", kind=2)],
        )
        self.run_import("contacts")
        self.load(
            addresses=[ls_address(30, 10, "Herengracht 2"), ls_address(31, 10, "Dam 3")]
        )
        run = self.run_import("contacts")
        self.assertEqual(self.counts(run, "addresses"), {"skipped": 2})
        run = self.run_import("contacts", overwrite=True)
        self.assertEqual(self.counts(run, "addresses"), {"updated": 2})
        self.assertEqual(self.partner(10).street, "Herengracht 2")
        self.assertEqual(self.address(31).street, "Dam 3")

    def test_address_of_a_contact_not_in_odoo_is_skipped(self):
        self.load(contacts=[], addresses=[ls_address(30, 99)])
        run = self.run_import("contacts")
        self.assertEqual(self.counts(run, "addresses"), {"skipped": 1})
        self.assertIn("contact 99 is not in Odoo", self.line(run, "addresses").message)


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
