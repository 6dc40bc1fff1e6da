from odoo.tests import tagged

from .import_common import LegalSenseImportDataCase, ls_address, ls_org, ls_person


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
