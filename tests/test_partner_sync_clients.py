"""§ Contact to LSClients, § Address to LSAddresses and § Employee to
LSContactContacts, through Odoo."""

import base64

from odoo import Command
from odoo.tests import tagged

from ..models.partner.partner_sync import SyncRun
from .partner_common import (
    INVOICE_KIND,
    LS_USER_ANNE,
    LS_USER_JAN,
    POSTAL_KIND,
    VISITOR_KIND,
    LegalSensePartnerCase,
)


@tagged("post_install", "-at_install")
class TestPartnerSyncClients(LegalSensePartnerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = cls.ls_user("jan", LS_USER_JAN)
        cls.originator = cls.ls_user("anne", LS_USER_ANNE)
        cls.segment = cls.Lookup.create(
            {
                "lookup_type": "segment",
                "name": "Bouw",
                "code": "BOUW",
                "legalsense_id": 2,
            }
        )
        cls.referral = cls.Lookup.create(
            {
                "lookup_type": "referral",
                "name": "Netwerk",
                "code": "NETW",
                "legalsense_id": 3,
            }
        )
        cls.industry = cls.env["res.partner.industry"].create({"name": "Zorg"})
        cls.ls_ref(cls.industry, 3)
        cls.tag = cls.env["res.partner.category"].create({"name": "Transport"})
        cls.ls_ref(cls.tag, 3)
        branch_field = cls.env["legalsense.lookup.field"].create(
            {"code": "BRANCHE", "name": "Branche"}
        )
        cls.branch_value = cls.Lookup.create(
            {
                "lookup_type": "lookup_field",
                "field_id": branch_field.id,
                "name": "ICT",
                "code": "ICT",
                "legalsense_id": 1,
            }
        )

    def client_company(self, **values):
        return {**self.client_defaults(), **values}

    def client_defaults(self):
        return self.company_values(
            legalsense_is_client=True,
            ref="K-2001",
            official_name="Jansen Holding B.V.",
            name_alias="Jansen",
            previous_name="Jansen & Zn.",
            user_id=self.owner.id,
            originator_id=self.originator.id,
            identification_document=base64.b64encode(b"passport"),
            identification_filename="id.pdf",
            segment_ids=[Command.set(self.segment.ids)],
            referral_ids=[Command.set(self.referral.ids)],
            industry_id=self.industry.id,
            category_id=[Command.set(self.tag.ids)],
            lookup_value_ids=[Command.set(self.branch_value.ids)],
            billing_instructions="Per kwartaal",
        )

    # ------------------------------------------------------------ clients

    def test_client_new_and_always_rows(self):
        self.set_config(sync_client_status_id=2, sync_client_billing_instructions=True)
        company = self.create_synced(self.client_company())
        self.assertEqual(
            self.body("POST", "clients"),
            {
                # new only
                "contact": {"id": company.legalsense_contact_id},
                "client_status": {"id": 2},
                "is_billable": True,
                "date": company.create_date.date().isoformat(),
                "reduction_rate": "0.00",
                # always
                "name": "Jansen Holding B.V.",
                "alternative_names": "Jansen & Zn.",
                "parent_client": None,
                "originating_user": {"id": LS_USER_ANNE},
                "is_identified": True,
                "sector": {"id": 2},
                "referrer": {"id": 3},
                "billing_instructions": "Per kwartaal",
                "softkill_status": 1,
            },
        )
        # No client code source configured (CreateClientUseClientCodeFrom-
        # ExternalApplication empty): LegalSense numbers the client, and its
        # number is written back as the client code; the Reference stays.
        number = self.stored("clients", company.legalsense_client_id)["number"]
        self.assertTrue(number)
        self.assertNotEqual(number, "K-2001")
        self.assertEqual(company.legalsense_client_code, number)
        self.assertEqual(company.ref, "K-2001")
        # Archived: the client is archived and closed.
        self.forget_calls()
        self.run_jobs(lambda: company.write({"active": False}))
        patch = self.body("PATCH", f"clients/{company.legalsense_client_id}")
        self.assertEqual(patch["softkill_status"], 2)
        self.assertEqual(patch["client_status"], {"id": 2})
        self.assertNotIn("number", patch)

    def test_client_settings(self):
        self.set_config(
            sync_company_use_display_name=True,
            sync_company_use_alias_to_alternative_name=True,
            sync_client_originating_user_to_cm_field="Owner",
            sync_client_referral=False,
            sync_client_sector_to_cm_field="Industry",
            sync_client_branches_to_cm_field="Tag",
            client_status_code_active_id=2,
        )
        self.create_synced(self.client_company())
        body = self.body("POST", "clients")
        self.assertEqual(body["name"], "Jansen Holding")
        self.assertEqual(body["alternative_names"], "Jansen")
        self.assertEqual(body["originating_user"], {"id": LS_USER_JAN})
        self.assertEqual(body["sector"], {"id": 3})  # the industry's LEGALSENSE id
        self.assertEqual(body["branches"], [{"id": 3}])  # the first tag
        self.assertEqual(body["client_status"], {"id": 2})
        self.assertNotIn("referrer", body)
        self.assertNotIn("billing_instructions", body)

    def test_client_segment_off_and_branch_lookup_field(self):
        self.set_config(
            sync_client_segment=False, sync_client_branches_to_cm_field="BRANCHE"
        )
        self.create_synced(self.client_company())
        body = self.body("POST", "clients")
        self.assertNotIn("sector", body)
        self.assertEqual(body["branches"], [{"id": 1}])

    def test_client_number_from_external_application(self):
        self.set_config(
            create_client_use_client_code_from_external_application="ASSYST"
        )
        company = self.run_jobs(
            lambda: self.Partner.create(self.client_company(legalsense_is_client=False))
        )
        self.run_jobs(
            lambda: self.ls_ref(company, "991", application="ASSYST", code="A-991")
        )
        self.run_jobs(lambda: company.write({"legalsense_is_client": True}))
        self.assertEqual(self.body("POST", "clients")["number"], "A-991")
        self.assertEqual(
            self.stored("clients", company.legalsense_client_id)["number"], "A-991"
        )
        self.assertEqual(company.legalsense_client_code, "A-991")
        # Without a code of that application LegalSense numbers the client.
        self.simulator.reset()
        other = self.create_synced(self.client_company(name="Bakker B.V."))
        self.assertNotIn("number", self.body("POST", "clients"))
        self.assertEqual(
            other.legalsense_client_code,
            self.stored("clients", other.legalsense_client_id)["number"],
        )

    def test_client_code_not_stored_without_use_client_code(self):
        self.set_config(use_client_code=False)
        company = self.create_synced(self.client_company())
        self.assertTrue(company.legalsense_client_id)
        self.assertFalse(company.legalsense_client_code)

    def test_parent_client_is_the_member_of_company(self):
        parent = self.create_synced(self.client_company())
        self.forget_calls()
        child = self.create_synced(
            self.client_company(
                name="Jansen Bouw",
                official_name=False,
                ref="K-2002",
                parent_id=parent.id,
            )
        )
        self.assertEqual(
            self.body("POST", "clients")["parent_client"],
            {"id": parent.legalsense_client_id},
        )
        self.assertTrue(child.legalsense_client_id)
        # Before 15.55 LegalSense has no parent clients.
        self.simulator.set_version("15.55")
        self.env["legalsense.config"]._forget_versions()
        self.forget_calls()
        self.run_jobs(lambda: child.write({"previous_name": "Bouw B.V."}))
        self.assertNotIn(
            "parent_client", self.body("PATCH", f"clients/{child.legalsense_client_id}")
        )

    def test_existing_client_of_the_contact_is_linked(self):
        company = self.create_synced(self.company_values())
        existing = self.simulator.store.insert(
            "clients",
            {
                "contact": {"id": company.legalsense_contact_id},
                "name": "Jansen (LS)",
                "number": "77",
            },
        )
        self.forget_calls()
        self.run_jobs(lambda: company.write({"legalsense_is_client": True}))
        self.assertEqual(company.legalsense_client_id, existing["id"])
        self.assertEqual(
            self.call_lines(),
            ["GET clients", "GET version", f"PATCH clients/{existing['id']}"],
        )

    def test_ensure_client_for_a_first_matter(self):
        company = self.create_synced(self.company_values())
        client = self.config._get_client()
        client_id = company._legalsense_ensure_client(self.config, client)
        self.assertTrue(client_id)
        self.assertEqual(company.legalsense_client_id, client_id)
        self.assertTrue(company.legalsense_is_client)
        self.forget_calls()
        self.assertEqual(
            company._legalsense_ensure_client(self.config, client), client_id
        )
        self.assertEqual(self.call_lines(), [])

    # ------------------------------------------------------------ duplicate names

    def test_duplicate_name_appends_city_then_id(self):
        self.simulator.store.insert(
            "contacts",
            {
                "is_organization": True,
                "first_name": "",
                "last_name": "",
                "name_prefix": "",
                "organization_name": "Other",
            },
        )
        for name in ("Jansen Holding B.V.", "Jansen Holding B.V. Amsterdam"):
            self.simulator.store.insert("clients", {"contact": {"id": 1}, "name": name})
        company = self.create_synced(self.client_company())
        posted = [body["name"] for body in self.bodies("POST", "clients")]
        self.assertEqual(
            posted,
            [
                "Jansen Holding B.V.",
                "Jansen Holding B.V. Amsterdam",
                f"Jansen Holding B.V. Amsterdam ({company.id})",
            ],
        )
        client = self.stored("clients", company.legalsense_client_id)
        self.assertEqual(
            client["name"], f"Jansen Holding B.V. Amsterdam ({company.id})"
        )
        # A later update keeps the accepted name and is not refused again.
        self.forget_calls()
        self.run_jobs(lambda: company.write({"previous_name": "JH"}))
        self.assertEqual(
            self.body("PATCH", f"clients/{company.legalsense_client_id}")["name"],
            f"Jansen Holding B.V. Amsterdam ({company.id})",
        )

    # ------------------------------------------------------------ addresses

    def test_address_rows(self):
        self.ls_ref(self.de, 6)
        german = self.env["res.lang"]._activate_lang("de_DE")
        self.de.with_context(lang=german.code).name = "Deutschland"
        company = self.create_synced(
            self.company_values(
                lang="de_DE",
                street="Hauptstraße 1",
                street2="Hinterhaus",
                zip="10115",
                city="Berlin",
                country_id=self.de.id,
            )
        )
        self.assertEqual(
            self.body("POST", "addresses"),
            {
                "contact": {"id": company.legalsense_contact_id},
                "address": "Hauptstraße 1",
                "address_line_2": "Hinterhaus",
                "address_kind": {"id": 1},  # DefaultAddressKind
                "city": "Berlin",
                "country": "Deutschland",
                "normalized_country": "DE",
                "address_template": 6,
                "zipcode": "10115",
            },
        )

    def test_address_kind_and_template_settings(self):
        self.set_config(
            default_address_kind_postal_address=VISITOR_KIND, default_address_template=3
        )
        self.create_synced(self.company_values())
        body = self.body("POST", "addresses")
        self.assertEqual(body["address_kind"], {"id": VISITOR_KIND})
        self.assertEqual(body["address_template"], 3)
        self.simulator.reset()
        self.create_synced(self.company_values(address_kind_id=self.postal_kind.id))
        self.assertEqual(
            self.body("POST", "addresses")["address_kind"], {"id": POSTAL_KIND}
        )

    def test_default_address_kind(self):
        self.set_config(default_address_kind=VISITOR_KIND)
        company = self.create_synced(
            self.company_values(
                child_ids=[
                    Command.create(
                        {"type": "other", "name": "Vestiging", "city": "Utrecht"}
                    )
                ]
            )
        )
        self.assertEqual(
            self.stored("addresses", company.child_ids.legalsense_address_id)[
                "address_kind"
            ],
            {"id": VISITOR_KIND},
        )

    def test_billing_address_type_code(self):
        self.set_config(billing_address_type_code="factuur")
        company = self.create_synced(
            self.company_values(
                child_ids=[
                    Command.create(
                        {
                            "type": "invoice",
                            "name": "Facturen",
                            "street": "Postbus 9",
                            "city": "Amsterdam",
                            "address_kind_id": self.invoice_kind.id,
                        }
                    )
                ]
            )
        )
        invoice = company.child_ids
        self.assertEqual(
            self.stored("contacts", company.legalsense_contact_id)[
                "default_billing_address"
            ],
            {"id": invoice.legalsense_address_id},
        )
        self.assertEqual(
            self.stored("addresses", invoice.legalsense_address_id)["address_kind"],
            {"id": INVOICE_KIND},
        )

    # ------------------------------------------------------------ contact-contacts

    def test_contact_contact_rows_and_company_first(self):
        company = self.Partner.create(self.company_values())
        person = self.run_jobs(
            lambda: self.Partner.create(
                self.person_values(parent_id=company.id, function="Jurist")
            )
        )
        # The company (not queued here) was created first, then the link.
        lines = self.call_lines()
        self.assertEqual(lines[0], "POST contacts")
        self.assertEqual(lines.count("POST contacts"), 2)
        self.assertEqual(
            self.body("POST", "contactcontacts"),
            {
                "organization": {"id": company.legalsense_contact_id},
                "person": {"id": person.legalsense_contact_id},
                "job_description": "Jurist",
            },
        )
        # The contact person has no postal address of its own.
        self.assertFalse(person.legalsense_address_id)
        # A change of the person does not send the company again.
        self.forget_calls()
        self.run_jobs(lambda: person.write({"function": "Partner"}))
        self.assertEqual(
            self.call_lines(),
            [f"PATCH contactcontacts/{person.legalsense_contact_contact_id}"],
        )

    def test_already_linked_corrects_the_link(self):
        company = self.create_synced(self.company_values())
        person = self.run_jobs(lambda: self.Partner.create(self.person_values()))
        existing = self.simulator.store.insert(
            "contactcontacts",
            {
                "organization": {"id": company.legalsense_contact_id},
                "person": {"id": person.legalsense_contact_id},
                "job_description": "",
            },
        )
        self.forget_calls()
        self.run_jobs(
            lambda: person.write({"parent_id": company.id, "function": "CFO"})
        )
        self.assertEqual(person.legalsense_contact_contact_id, existing["id"])
        self.assertEqual(len(self.stored("contactcontacts")), 1)
        self.assertEqual(
            self.stored("contactcontacts", existing["id"])["job_description"], "CFO"
        )
        self.assertIn(f"PATCH contactcontacts/{existing['id']}", self.call_lines())

    def test_inactive_employee_deletes_the_contact_contact(self):
        company = self.create_synced(
            self.company_values(child_ids=[Command.create(self.person_values())])
        )
        person = company.child_ids
        link = person.legalsense_contact_contact_id
        self.assertTrue(link)
        self.forget_calls()
        self.run_jobs(lambda: person.write({"active": False}))
        self.assertEqual(self.call_lines(), [f"DELETE contactcontacts/{link}"])
        self.assertFalse(person.legalsense_contact_contact_id)
        self.assertEqual(self.stored("contactcontacts"), [])
        # The person's own contact is not archived: only the link ended.
        contact = self.stored("contacts", person.legalsense_contact_id)
        self.assertEqual(contact["softkill_status"], 1)
        # Active again: the link is made again; the contact has nothing new.
        self.forget_calls()
        self.run_jobs(lambda: person.write({"active": True}))
        self.assertEqual(self.call_lines(), ["POST contactcontacts"])
        self.assertEqual(
            self.body("POST", "contactcontacts"),
            {
                "organization": {"id": company.legalsense_contact_id},
                "person": {"id": person.legalsense_contact_id},
                "job_description": "",
            },
        )
        self.assertEqual(
            [link["id"] for link in self.stored("contactcontacts")],
            [person.legalsense_contact_contact_id],
        )

    def test_inactive_employee_contact_is_never_archived(self):
        """An archived contact person is not an inactive person: wherever its
        person contact is sent (a matter's party, say), it is not archived."""
        company = self.create_synced(self.company_values())
        person = self.Partner.with_context(legalsense_no_export=True).create(
            self.person_values(parent_id=company.id, active=False)
        )
        sync = SyncRun(self.env, self.config, self.config._get_client())
        self.forget_calls()
        self.assertTrue(person._legalsense_ensure_contact(sync))
        self.assertEqual(self.call_lines(), ["POST contacts"])
        self.assertEqual(self.body("POST", "contacts")["softkill_status"], 1)
        self.assertEqual(
            self.stored("contacts", person.legalsense_contact_id)["softkill_status"],
            1,
        )

    def test_archived_person_of_its_own_is_archived(self):
        """A person (no company above it) archived is the person inactive; so
        is an archived contact person taken out of its company."""
        company = self.create_synced(
            self.company_values(child_ids=[Command.create(self.person_values())])
        )
        person = company.child_ids
        contact_path = f"contacts/{person.legalsense_contact_id}"
        self.run_jobs(lambda: person.write({"active": False}))
        self.forget_calls()
        self.run_jobs(lambda: person.write({"parent_id": False}))
        # A person of its own now: archived, with its own (postal) address.
        self.assertEqual(
            self.call_lines(),
            [f"PATCH {contact_path}", "POST addresses", f"PATCH {contact_path}"],
        )
        self.assertEqual(
            self.bodies("PATCH", contact_path)[0],
            {
                "first_name": "Jan",
                "last_name": "Vries",
                "name_prefix": "de",
                "initials": "J.",
                "gender": None,
                "birthdate": None,
                "title": "",
                "salutation": "Dear Sir/Madam",
                "invoice_language": "en",
                "tax_scheme": 1,
                "softkill_status": 2,
                "has_dunning": True,
                "details": [],
            },
        )
        self.assertEqual(
            self.stored("contacts", person.legalsense_contact_id)["softkill_status"],
            2,
        )
        # Active again: active in LegalSense.
        self.forget_calls()
        self.run_jobs(lambda: person.write({"active": True}))
        self.assertEqual(self.call_lines(), [f"PATCH {contact_path}"])
        self.assertEqual(self.body("PATCH", contact_path)["softkill_status"], 1)
