"""ContactManager fields that have an Odoo home: christian names, the address
line, the visiting address, Tag2, the industry code with its parent, the
interests, the stock exchange and the job title."""

from odoo.tests import tagged

from .partner_common import LegalSensePartnerCase

VISITOR_KIND = 2  # simulator seed address kinds: Bezoekadres


@tagged("post_install", "-at_install")
class TestPartnerSyncCmFields(LegalSensePartnerCase):
    def test_christian_names_are_the_first_name_fallback(self):
        """Person table: first_name "falls back to Person.ChristianNames"."""
        self.create_synced(
            self.person_values(firstname=False, christian_names="Johannes Petrus")
        )
        body = self.body("POST", "contacts")
        self.assertEqual(body["first_name"], "Johannes Petrus")
        self.assertEqual(body["initials"], "J.P.")
        self.simulator.reset()
        self.create_synced(self.person_values(christian_names="Johannes Petrus"))
        self.assertEqual(self.body("POST", "contacts")["first_name"], "Jan")

    def test_address_line_moves_the_street_to_the_second_line(self):
        company = self.create_synced(
            self.company_values(address_line="Postbus 1234", street2="3e etage")
        )
        self.assertEqual(
            {
                key: self.body("POST", "addresses")[key]
                for key in ("address", "address_line_2")
            },
            {"address": "Postbus 1234", "address_line_2": "Keizersgracht 1, 3e etage"},
        )
        self.forget_calls()
        self.run_jobs(lambda: company.write({"address_line": False}))
        self.assertEqual(
            self.body("PATCH", f"addresses/{company.legalsense_address_id}")["address"],
            "Keizersgracht 1",
        )

    def test_visiting_address_gets_the_visitor_kind(self):
        self.set_config(default_address_kind_visitor_address=VISITOR_KIND)
        company = self.create_synced(self.company_values())
        visit = self.run_jobs(
            lambda: self.Partner.create(
                {
                    "parent_id": company.id,
                    "type": "other",
                    "name": "Bezoekadres",
                    "street": "Dam 1",
                    "city": "Amsterdam",
                    "is_visitor_address": True,
                }
            )
        )
        self.assertEqual(
            self.stored("addresses", visit.legalsense_address_id)["address_kind"],
            {"id": VISITOR_KIND},
        )

    def test_tag2_as_the_sector_and_branches_source(self):
        self.set_config(
            sync_client_segment=False,
            sync_client_sector_to_cm_field="Tag2",
            sync_client_branches_to_cm_field="Tag2",
        )
        tag = self.env["res.partner.category"].create({"name": "Scheepvaart"})
        self.ls_ref(tag, 2)
        self.create_synced(
            self.company_values(
                legalsense_is_client=True, legalsense_tag2_ids=[(6, 0, tag.ids)]
            )
        )
        body = self.body("POST", "clients")
        self.assertEqual(body["sector"], {"id": 2})
        self.assertEqual(body["branches"], [{"id": 2}])

    def test_industry_code_and_its_parent(self):
        """IndustryCode (an SBI code) and ``.Parent`` in custom fields."""
        self.set_config(
            company_custom_fields="IndustryCode=Code;IndustryCode.Parent=Groep"
        )
        self.custom_field_definitions(
            "contactcustomfielddefinitions", Code="text", Groep="text"
        )
        Industry = self.env["res.partner.industry"]
        group = Industry.create({"name": "Juridische dienstverlening", "code": "69"})
        industry = Industry.create(
            {"name": "Advocatuur", "code": "6910", "parent_id": group.id}
        )
        self.create_synced(self.company_values(industry_id=industry.id))
        self.assertEqual(
            self.body("POST", "contacts")["custom_fields"],
            {"Code": "6910", "Groep": "69"},
        )

    def test_the_first_segment_and_referral_are_the_first_added(self):
        """ "first segment", "first referral": the first the user gave."""
        self.set_config(sync_client_segment=True, sync_client_referral=True)
        Lookup = self.Lookup
        bouw = Lookup.create(
            {"lookup_type": "segment", "name": "Bouw", "legalsense_id": 2}
        )
        zorg = Lookup.create(
            {"lookup_type": "segment", "name": "Zorg", "legalsense_id": 3}
        )
        web = Lookup.create(
            {"lookup_type": "referral", "name": "Website", "legalsense_id": 2}
        )
        beurs = Lookup.create(
            {"lookup_type": "referral", "name": "Beurs", "legalsense_id": 1}
        )
        company = self.Partner.with_context(legalsense_no_export=True).create(
            self.company_values(legalsense_is_client=True)
        )
        company.with_context(legalsense_no_export=True).write(
            {"segment_ids": [(4, zorg.id)], "referral_ids": [(4, web.id)]}
        )
        company.with_context(legalsense_no_export=True).write(
            {"segment_ids": [(4, bouw.id)], "referral_ids": [(4, beurs.id)]}
        )
        company.invalidate_recordset()
        self.assertEqual(company.segment_ids[0], bouw, "the list's own order")
        self.assertEqual(company.referral_ids[0], beurs, "the list's own order")
        self.run_jobs(company._legalsense_queue_export)
        body = self.body("POST", "clients")
        self.assertEqual((body["sector"], body["referrer"]), ({"id": 3}, {"id": 2}))
        # Removed and added again, Zorg comes after Bouw.
        company = company.with_context(legalsense_no_export=False)
        self.forget_calls()
        self.run_jobs(lambda: company.write({"segment_ids": [(3, zorg.id)]}))
        self.run_jobs(lambda: company.write({"segment_ids": [(4, zorg.id)]}))
        self.assertEqual(
            self.stored("clients", company.legalsense_client_id)["sector"],
            {"id": 2},
        )

    def test_the_first_interest_added_is_the_sector(self):
        """SyncClientSectorToCMField = Interest: the first interest added."""
        self.set_config(
            sync_client_segment=False, sync_client_sector_to_cm_field="Interest"
        )
        zorg = self.Lookup.create(
            {"lookup_type": "interest", "name": "Zorg", "legalsense_id": 3}
        )
        bouw = self.Lookup.create(
            {"lookup_type": "interest", "name": "Bouw", "legalsense_id": 2}
        )
        company = self.Partner.with_context(legalsense_no_export=True).create(
            self.company_values(legalsense_is_client=True)
        )
        company.with_context(legalsense_no_export=True).write(
            {"interest_ids": [(4, zorg.id)]}
        )
        company.with_context(legalsense_no_export=True).write(
            {"interest_ids": [(4, bouw.id)]}
        )
        company.invalidate_recordset()
        self.assertEqual(company.interest_ids[0], bouw, "the list's own order")
        self.run_jobs(company._legalsense_queue_export)
        always = {
            "name": "Jansen Holding",
            "alternative_names": "",
            "parent_client": None,
            "originating_user": None,
            "is_identified": False,
            "sector": {"id": 3},
            "referrer": None,
            "softkill_status": 1,
            "client_status": {"id": 1},
        }
        self.assertEqual(
            self.body("POST", "clients"),
            {
                "contact": {"id": company.legalsense_contact_id},
                "is_billable": True,
                "date": str(company.create_date.date()),
                "reduction_rate": "0.00",
                **always,
            },
        )
        # Zorg removed: Bouw is the first interest, and the sector.
        company = company.with_context(legalsense_no_export=False)
        self.forget_calls()
        self.run_jobs(lambda: company.write({"interest_ids": [(3, zorg.id)]}))
        self.assertEqual(
            self.body("PATCH", f"clients/{company.legalsense_client_id}"),
            dict(always, sector={"id": 2}),
        )

    def test_the_stock_exchange_is_the_sector(self):
        """SyncClientSectorToCMField = StockExchange."""
        self.set_config(
            sync_client_segment=False, sync_client_sector_to_cm_field="StockExchange"
        )
        euronext = self.Lookup.create(
            {
                "lookup_type": "stock_exchange",
                "name": "Euronext Amsterdam",
                "code": "AEX",
                "legalsense_id": 4,
            }
        )
        company = self.create_synced(
            self.company_values(
                legalsense_is_client=True, stock_exchange_id=euronext.id
            )
        )
        self.assertEqual(self.body("POST", "clients")["sector"], {"id": 4})
        self.forget_calls()
        self.run_jobs(lambda: company.write({"stock_exchange_id": False}))
        self.assertEqual(
            self.body("PATCH", f"clients/{company.legalsense_client_id}"),
            {
                "name": "Jansen Holding",
                "alternative_names": "",
                "parent_client": None,
                "originating_user": None,
                "is_identified": False,
                "sector": None,
                "referrer": None,
                "softkill_status": 1,
                "client_status": {"id": 1},
            },
        )
        self.assertIsNone(
            self.stored("clients", company.legalsense_client_id)["sector"]
        )

    def test_the_job_title_is_the_job_description_fallback(self):
        """Employee table: job_description "falls back to Employee.JobTitle"."""
        company = self.create_synced(self.company_values())
        person = self.run_jobs(
            lambda: self.Partner.create(
                self.person_values(
                    parent_id=company.id, function=False, job_title="Senior advocaat"
                )
            )
        )
        self.assertEqual(
            self.body("POST", "contactcontacts"),
            {
                "organization": {"id": company.legalsense_contact_id},
                "person": {"id": person.legalsense_contact_id},
                "job_description": "Senior advocaat",
            },
        )
        link = person.legalsense_contact_contact_id
        # The job position (the job function) comes first.
        self.forget_calls()
        self.run_jobs(lambda: person.write({"function": "Partner"}))
        self.assertEqual(self.call_lines(), [f"PATCH contactcontacts/{link}"])
        self.assertEqual(
            self.body("PATCH", f"contactcontacts/{link}"),
            {
                "organization": {"id": company.legalsense_contact_id},
                "person": {"id": person.legalsense_contact_id},
                "job_description": "Partner",
            },
        )
        # A new job title under a job position sends nothing.
        self.forget_calls()
        self.run_jobs(lambda: person.write({"job_title": "Managing partner"}))
        self.assertEqual(self.call_lines(), [])
        self.assertEqual(
            self.stored("contactcontacts", link)["job_description"], "Partner"
        )
