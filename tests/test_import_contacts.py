import datetime

from odoo.tests import tagged

from .import_common import (
    LegalSenseImportDataCase,
    ls_address,
    ls_detail,
    ls_org,
    ls_person,
)

ORG_DETAILS = [
    ls_detail("phone", "+31 20 1234567", 1),
    ls_detail("fax", "+31 20 7654321", 2),
    ls_detail("website", "http://jansen.example", 3),
    ls_detail("email", "info@jansen.example", 4),
    ls_detail("email_2", "facturen@jansen.example", 5),
    ls_detail("email_4", "crediteuren@jansen.example", 6),
    ls_detail("email_3", "aanmaning@jansen.example", 7),
]


@tagged("post_install", "-at_install")
class TestImportContacts(LegalSenseImportDataCase):
    def org(self, ident=10, name="Jansen Holding B.V.", **values):
        values.setdefault("organization_number", "12345678")
        values.setdefault("vat_number", "NL123456789B01")
        return ls_org(ident, name, **values)

    def test_company_row_by_row(self):
        self.load(
            contacts=[
                self.org(
                    number="100010",
                    invoice_language="nl",
                    details=ORG_DETAILS,
                    peppol_id="0106:12345678",
                    modified_date="2026-03-01T10:00:00+01:00",
                )
            ]
        )
        self.config.show_company_peppol_number = True
        run = self.run_import("contacts")
        self.assertEqual(self.counts(run, "contacts"), {"created": 1})
        partner = self.partner(10)
        self.assertRecordValues(
            partner,
            [
                {
                    "is_company": True,
                    "name": "Jansen Holding B.V.",
                    "official_name": "Jansen Holding B.V.",
                    "company_registry": "12345678",
                    "vat": "NL123456789B01",
                    "peppol_id": "0106:12345678",
                    "phone": "+31 20 1234567",
                    "fax": "+31 20 7654321",
                    "website": "http://jansen.example",
                    "email": "info@jansen.example",
                    "billing_email": "facturen@jansen.example; "
                    "crediteuren@jansen.example",
                    "dunning_email": "aanmaning@jansen.example",
                    "lang": "nl_NL",
                    "ref": "100010",
                    "active": True,
                    "legalsense_last_export": datetime.datetime(2026, 3, 1, 9, 0),
                }
            ],
        )
        remote = partner.legalsense_sync_data["contact"]["remote"]
        self.assertEqual(remote["id"], 10)

    def test_person_row_by_row(self):
        self.load(
            contacts=[
                ls_person(
                    20,
                    "Jan",
                    "Vries",
                    "de",
                    initials="J.P.",
                    gender="Male",
                    birthdate="1970-05-04",
                    title="mr.",
                    suffix_title="LL.M.",
                    salutation="Geachte heer De Vries",
                    attention="T.a.v. Jan",
                    address_label_name={"internal": "De heer J.P. de Vries"},
                    details=[ls_detail("cellphone", "06 12345678", 1)],
                    invoice_language="en",
                )
            ]
        )
        self.run_import("contacts")
        person = self.partner(20)
        self.assertRecordValues(
            person,
            [
                {
                    "is_company": False,
                    "firstname": "Jan",
                    "infix": "de",
                    "lastname": "Vries",
                    "initials": "J.P.",
                    "gender": "male",
                    "birthdate_date": datetime.date(1970, 5, 4),
                    "name_suffix": "LL.M.",
                    "salutation": "Geachte heer De Vries",
                    "mobile": "06 12345678",
                    "lang": "en_US",
                    # the attention settings are off by default
                    "attention": False,
                    "custom_attention": False,
                }
            ],
        )
        # an existing title matches by shortcut, in any case
        self.assertEqual(person.title, self.env.ref("base.res_partner_title_mister"))

    def test_archived_contact_is_imported_archived(self):
        self.load(contacts=[self.org(softkill_status=2)])
        self.run_import("contacts")
        self.assertFalse(self.partner(10).active)

    def test_salutation_overwrite_setting(self):
        self.load(contacts=[ls_person(20, "Jan", "Vries", salutation="Geachte heer")])
        self.run_import("contacts")
        person = self.partner(20)
        person.with_context(legalsense_import=True).salutation = "Beste Jan"
        self.config.person_salutation_overwrite = False
        self.run_import("contacts", overwrite=True)
        self.assertEqual(person.salutation, "Beste Jan")
        self.config.person_salutation_overwrite = True
        self.run_import("contacts", overwrite=True)
        self.assertEqual(person.salutation, "Geachte heer")

    def test_attention_settings(self):
        person = ls_person(
            20, "Jan", "Vries", "de", initials="J.", attention="Jan persoonlijk"
        )
        self.load(contacts=[person])
        self.config.person_attention_overwrite = True
        self.run_import("contacts")
        # the simulator computes address_label_name.attention
        self.assertEqual(self.partner(20).attention, "J. de Vries")
        self.config.person_attention_overwrite_with_custom_attention = True
        self.run_import("contacts", overwrite=True)
        self.assertEqual(self.partner(20).attention, "Jan persoonlijk")
        self.assertEqual(self.partner(20).custom_attention, "Jan persoonlijk")

    def test_display_name_setting(self):
        self.config.sync_company_use_display_name = True
        self.load(contacts=[self.org(name="Jansen")])
        self.run_import("contacts")
        self.assertEqual(self.partner(10).name, "Jansen")
        self.assertFalse(self.partner(10).official_name)

    def test_official_name_change_renames_a_name_that_followed_it(self):
        self.load(contacts=[self.org(), self.org(11, "Smit B.V.")])
        self.run_import("contacts")
        self.partner(11).with_context(legalsense_import=True).name = "Smit"
        self.load(
            contacts=[self.org(name="Jansen Groep B.V."), self.org(11, "Smit Groep")]
        )
        self.run_import("contacts", overwrite=True)
        self.assertEqual(self.partner(10).name, "Jansen Groep B.V.")
        self.assertEqual(
            (self.partner(11).name, self.partner(11).official_name),
            ("Smit", "Smit Groep"),
        )

    def test_owner_when_view_owner_lists_the_kind(self):
        user = self.env["res.users"].create(
            {"name": "Anne", "login": "anne", "legalsense_user_id": 3}
        )
        self.load(
            contacts=[
                self.org(account_manager_user={"id": 3}),
                ls_person(20, "Jan", "Vries", account_manager_user={"id": 3}),
            ]
        )
        self.config.view_owner = "Company"
        self.run_import("contacts")
        self.assertEqual(self.partner(10).user_id, user)
        self.assertFalse(self.partner(20).user_id)

    def test_bank_account_when_shown(self):
        self.load(
            contacts=[
                self.org(
                    bank_account_iban="NL91ABNA0417164300", bank_account_bic="ABNANL2A"
                )
            ]
        )
        self.run_import("contacts")
        self.assertFalse(self.partner(10).bank_ids)
        self.config.show_bank_account_number = True
        self.load(
            contacts=[self.org(11, "Smit", bank_account_iban="NL91ABNA0417164300")]
        )
        self.run_import("contacts")
        self.assertEqual(self.partner(11).bank_ids.acc_number, "NL91ABNA0417164300")

    def test_custom_fields_and_no_dunning(self):
        wwft = self.env["legalsense.lookup.field"].create(
            {"code": "WWFT", "name": "WWFT"}
        )
        high = self.Lookup.create(
            {
                "lookup_type": "lookup_field",
                "field_id": wwft.id,
                "code": "HOOG",
                "name": "Hoog",
            }
        )
        exempt = self.Lookup.create(
            {
                "lookup_type": "lookup_field",
                "field_id": wwft.id,
                "code": "GEENAANMANING",
                "name": "Geen aanmaning",
            }
        )
        self.config.write(
            {
                "company_custom_fields": "comment=Opmerking;LookupField.WWFT=WWFT",
                "no_dunning_lookup_field_value_code": "GEENAANMANING",
            }
        )
        self.load(
            contacts=[
                self.org(
                    has_dunning=False,
                    custom_fields={"Opmerking": "Goede klant", "WWFT": "HOOG"},
                )
            ]
        )
        self.run_import("contacts")
        partner = self.partner(10)
        self.assertIn("Goede klant", partner.comment)
        self.assertEqual(partner.lookup_value_ids, high | exempt)

    def test_existing_companies_are_linked_not_duplicated(self):
        by_number = self.Partner.create(
            {"name": "J.H. BV", "is_company": True, "company_registry": "1234 5678"}
        )
        by_vat = self.Partner.create(
            {"name": "Smit", "is_company": True, "vat": "nl 999999999 b01"}
        )
        by_name = self.Partner.create({"name": "bakker  b.v.", "is_company": True})
        other = self.Partner.create(
            {"name": "Visser B.V.", "is_company": True, "legalsense_contact_id": 99}
        )
        self.load(
            contacts=[
                self.org(),
                self.org(
                    11,
                    "Smit Groep",
                    organization_number="",
                    vat_number="NL999999999B01",
                ),
                self.org(12, "Bakker B.V.", organization_number="", vat_number=""),
                self.org(13, "Visser B.V.", organization_number="", vat_number=""),
            ]
        )
        run = self.run_import("contacts")
        self.assertEqual(self.counts(run, "contacts"), {"linked": 3, "created": 1})
        self.assertEqual(self.partner(10), by_number)
        self.assertEqual(self.partner(11), by_vat)
        self.assertEqual(self.partner(12), by_name)
        self.assertNotEqual(self.partner(13), other)
        # linked, not overwritten
        self.assertEqual(by_number.name, "J.H. BV")

    def test_existing_person_is_linked_on_all_person_fields(self):
        same = self.Partner.create(
            {
                "firstname": "Jan",
                "infix": "de",
                "lastname": "Vries",
                "gender": "male",
                "initials": "J.",
                "email": "jan@example.com",
            }
        )
        self.Partner.create({"firstname": "Piet", "lastname": "Smit", "email": "x@y.z"})
        self.load(
            contacts=[
                ls_person(
                    20,
                    "Jan",
                    "Vries",
                    "de",
                    gender="Male",
                    initials="J.",
                    details=[ls_detail("email", "JAN@example.com", 1)],
                ),
                ls_person(21, "Piet", "Smit", details=[ls_detail("email", "p@y.z", 2)]),
            ]
        )
        run = self.run_import("contacts")
        self.assertEqual(self.partner(20), same)
        self.assertEqual(self.counts(run, "contacts"), {"linked": 1, "created": 1})

    def test_a_second_run_creates_nothing_and_overwrite_updates(self):
        self.load(contacts=[self.org(), ls_person(20, "Jan", "Vries")])
        self.run_import("contacts")
        count = self.Partner.search_count([])
        run = self.run_import("contacts")
        self.assertEqual(self.Partner.search_count([]), count)
        self.assertEqual(self.counts(run, "contacts"), {"skipped": 2})
        self.load(
            contacts=[
                self.org(vat_number="NL000000000B01"),
                ls_person(20, "Jan", "Vries"),
            ]
        )
        self.run_import("contacts")
        self.assertEqual(self.partner(10).vat, "NL123456789B01")
        run = self.run_import("contacts", overwrite=True)
        self.assertEqual(self.partner(10).vat, "NL000000000B01")
        self.assertEqual(self.counts(run, "contacts"), {"updated": 2})

    def test_one_bad_record_among_ten(self):
        self.config.person_custom_fields = "birthdate_date=Geboren"
        persons = [ls_person(20 + n, f"Naam{n}", "Smit") for n in range(10)]
        persons[4]["custom_fields"] = {"Geboren": "geen datum"}
        self.load(contacts=persons)
        run = self.run_import("contacts")
        self.assertEqual(self.counts(run, "contacts"), {"created": 9, "failed": 1})
        self.assertEqual([ls_id for ls_id, _reason in self.failures(run)], [24])
        self.assertEqual(
            self.Partner.search_count([("legalsense_contact_id", ">=", 20)]), 9
        )
        self.assertEqual(run.state, "done")

    def test_dry_run_writes_nothing(self):
        self.load(
            contacts=[self.org(), ls_person(20, "Jan", "Vries")],
            addresses=[ls_address(30, 10)],
            contactcontacts=[
                {"id": 40, "organization": {"id": 10}, "person": {"id": 20}}
            ],
        )
        count = self.Partner.search_count([])
        run = self.run_import("contacts", dry_run=True)
        self.assertEqual(self.Partner.search_count([]), count)
        self.assertEqual(self.counts(run, "contacts"), {"created": 2})
        self.assertEqual(self.counts(run, "addresses"), {"created": 1})
        self.assertEqual(self.counts(run, "contact_contacts"), {"created": 1})

    def test_nothing_written_by_an_import_queues_an_export(self):
        self.load(
            contacts=[self.org(), ls_person(20, "Jan", "Vries")],
            addresses=[ls_address(30, 10), ls_address(31, 10, "Dam 1", kind=2)],
            contactcontacts=[
                {"id": 40, "organization": {"id": 10}, "person": {"id": 20}}
            ],
            clients=[{"id": 50, "contact": {"id": 10}, "name": "Jansen"}],
        )
        run = self.Import.create(
            {"action": "contacts_matters", "company_id": self.company.id}
        )
        with self.trapped_jobs() as trap:
            run.action_start()
            self.perform_all(trap)
            names = [call.method.__name__ for call in trap.calls]
        self.assertTrue(self.partner(10).legalsense_client_id)
        self.assertEqual(set(names), {"_job_run_line"})
        self.assertFalse(
            self.env["queue.job"].search_count(
                [("identity_key", "like", "legalsense:res.partner")]
            )
        )
