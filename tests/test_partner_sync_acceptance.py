from odoo import Command
from odoo.tests import tagged

from .partner_common import INVOICE_KIND, POSTAL_KIND, LegalSensePartnerCase


@tagged("post_install", "-at_install")
class TestPartnerSyncAcceptance(LegalSensePartnerCase):
    """A company with its addresses and contact persons, end to end."""

    def create_company(self):
        return self.Partner.create(
            self.company_values(
                address_kind_id=self.postal_kind.id,
                phone="+31 20 123 4567",
                email="info@jansen.example",
                child_ids=[
                    Command.create(
                        {
                            "type": "invoice",
                            "name": "Crediteurenadministratie",
                            "street": "Postbus 100",
                            "zip": "1000 AA",
                            "city": "Amsterdam",
                            "country_id": self.nl.id,
                            "address_kind_id": self.invoice_kind.id,
                        }
                    ),
                    Command.create(
                        self.person_values(
                            function="Directeur", email="jan@jansen.example"
                        )
                    ),
                    Command.create(
                        self.person_values(
                            firstname="Anne",
                            infix=False,
                            lastname="Bakker",
                            function="Office manager",
                        )
                    ),
                ],
            )
        )

    def test_company_with_addresses_and_contact_persons(self):
        self.ls_ref(self.nl, 2)  # the Dutch address template "NL with t.a.v."
        company = self.run_jobs(self.create_company)
        invoice, jan, anne = company.child_ids.sorted("id")

        # One LegalSense contact per partner, each linked once.
        contacts = self.stored("contacts")
        self.assertEqual(len(contacts), 3)
        self.assertEqual(
            sorted(p.legalsense_contact_id for p in (company, jan, anne)),
            sorted(contact["id"] for contact in contacts),
        )
        organization = self.stored("contacts", company.legalsense_contact_id)
        self.assertTrue(organization["is_organization"])
        self.assertEqual(organization["organization_name"], "Jansen Holding")
        self.assertEqual(organization["first_name"], "")
        self.assertEqual(organization["tax_scheme"], 1)
        self.assertEqual(organization["softkill_status"], 1)
        person = self.stored("contacts", jan.legalsense_contact_id)
        self.assertFalse(person["is_organization"])
        self.assertEqual(
            (person["first_name"], person["name_prefix"], person["last_name"]),
            ("Jan", "de", "Vries"),
        )
        self.assertEqual(person["initials"], "J.")

        # The postal and the invoice address, with their kinds and template.
        addresses = {a["id"]: a for a in self.stored("addresses")}
        self.assertEqual(
            set(addresses),
            {company.legalsense_address_id, invoice.legalsense_address_id},
        )
        postal = addresses[company.legalsense_address_id]
        self.assertEqual(postal["contact"], {"id": company.legalsense_contact_id})
        self.assertEqual(postal["address_kind"], {"id": POSTAL_KIND})
        self.assertEqual(postal["address_template"], 2)
        self.assertEqual(
            (postal["address"], postal["zipcode"], postal["city"]),
            ("Keizersgracht 1", "1015 CJ", "Amsterdam"),
        )
        self.assertEqual(postal["normalized_country"], "NL")
        billing = addresses[invoice.legalsense_address_id]
        self.assertEqual(billing["address_kind"], {"id": INVOICE_KIND})
        self.assertEqual(billing["address"], "Postbus 100")
        # The postal address is the billing address; the contact is a debtor.
        self.assertEqual(organization["default_billing_address"], {"id": postal["id"]})
        self.assertTrue(organization["is_debtor"])

        # Two contact-contacts linking the persons to the company.
        links = {link["person"]["id"]: link for link in self.stored("contactcontacts")}
        self.assertEqual(len(links), 2)
        self.assertEqual(
            links[jan.legalsense_contact_id]["organization"],
            {"id": company.legalsense_contact_id},
        )
        self.assertEqual(
            links[jan.legalsense_contact_id]["job_description"], "Directeur"
        )
        self.assertEqual(
            links[anne.legalsense_contact_id]["id"],
            anne.legalsense_contact_contact_id,
        )
        # No client until one is asked for.
        self.assertEqual(self.stored("clients"), [])

        self.run_jobs(lambda: company.write({"legalsense_is_client": True}))
        clients = self.stored("clients")
        self.assertEqual(len(clients), 1)
        self.assertEqual(clients[0]["id"], company.legalsense_client_id)
        self.assertEqual(clients[0]["contact"], {"id": company.legalsense_contact_id})
        self.assertEqual(clients[0]["name"], "Jansen Holding")
        # No client code source configured: LegalSense numbers the client.
        self.assertNotIn("number", self.body("POST", "clients"))
        self.assertTrue(clients[0]["number"])
        self.assertEqual(company.legalsense_client_code, clients[0]["number"])
        for partner in (company, invoice, jan, anne):
            self.assertEqual(partner.legalsense_sync_state, "synced", partner.name)

        # Renaming the company: one contact update, one client update, nothing else.
        self.forget_calls()
        self.run_jobs(lambda: company.write({"name": "Jansen Groep"}))
        self.assertEqual(
            self.call_lines(),
            [
                f"PATCH contacts/{company.legalsense_contact_id}",
                f"PATCH clients/{company.legalsense_client_id}",
            ],
        )
        contact_patch, client_patch = (body for _m, _p, body in self.calls())
        self.assertEqual(contact_patch["organization_name"], "Jansen Groep")
        self.assertTrue(contact_patch["is_debtor"])
        self.assertNotIn("is_organization", contact_patch)
        self.assertEqual(client_patch["name"], "Jansen Groep")
        self.assertNotIn("contact", client_patch)
        self.assertNotIn("number", client_patch)
        self.assertEqual(company.legalsense_sync_state, "synced")

    def test_nothing_changed_sends_nothing(self):
        company = self.run_jobs(self.create_company)
        self.forget_calls()
        self.run_jobs(company.action_legalsense_sync_now)
        # Sync now sends the records again (the digests were forgotten) ...
        self.assertIn(
            f"PATCH contacts/{company.legalsense_contact_id}", self.call_lines()
        )
        self.forget_calls()
        # ... and a second export of an unchanged company sends nothing.
        self.run_jobs(lambda: company._legalsense_queue_export())
        self.assertEqual(self.call_lines(), [])
