"""§ Company / Person to LSContacts and § E-mail address mapping, through Odoo."""

import datetime

from odoo import Command
from odoo.tests import tagged

from .partner_common import LS_USER_ANNE, LegalSensePartnerCase


def detail(kind, value, to=False, cc=False, dunning=False):
    return {
        "kind": kind,
        "value": value,
        "is_billing_to_email": to,
        "is_billing_cc_email": cc,
        "is_dunning_to_email": dunning,
    }


@tagged("post_install", "-at_install")
class TestPartnerSyncContacts(LegalSensePartnerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = cls.ls_user("anne", LS_USER_ANNE)
        cls.wwft = cls.env["legalsense.lookup.field"].create(
            {"code": "WWFT", "name": "WWFT"}
        )
        cls.wwft_high = cls.Lookup.create(
            {
                "lookup_type": "lookup_field",
                "field_id": cls.wwft.id,
                "name": "Hoog risico",
                "code": "HIGH",
            }
        )
        cls.no_dunning = cls.Lookup.create(
            {
                "lookup_type": "lookup_field",
                "field_id": cls.wwft.id,
                "name": "Geen aanmaningen",
                "code": "NODUN",
            }
        )

    def full_company(self, **values):
        bank = self.env["res.bank"].create({"name": "ING", "bic": "INGBNL2A"})
        return self.company_values(
            official_name="Jansen Holding B.V.",
            company_registry="12345678",
            vat="NL123456789B01",
            user_id=self.owner.id,
            peppol_id="0106:12345678",
            phone="+31 20 123 4567",
            mobile="+31 6 1234 5678",
            fax="+31 20 765 4321",
            website="www.jansen.example",
            email="info@jansen.example",
            billing_email="facturen@jansen.example",
            dunning_email="aanmaningen@jansen.example",
            lookup_value_ids=[Command.set(self.wwft_high.ids)],
            bank_ids=[
                Command.create(
                    {"acc_number": "NL91 ABNA 0417 1643 00", "bank_id": bank.id}
                )
            ],
            **values,
        )

    # ------------------------------------------------------------ companies

    def test_company_new_and_always_rows(self):
        self.set_config(
            view_owner="Company",
            show_bank_account_number=True,
            show_company_peppol_number=True,
            company_custom_fields="LookupField.WWFT=WWFT;ref=Oude code",
        )
        self.custom_field_definitions(
            "contactcustomfielddefinitions", WWFT="choice", **{"Oude code": "text"}
        )
        company = self.create_synced(self.full_company(ref="K-1"))
        self.assertEqual(
            self.body("POST", "contacts"),
            {
                # new only
                "is_organization": True,
                "is_debtor": False,
                "softkill_status": 1,
                "invoice_language": "en",
                "tax_scheme": 1,
                # always
                "first_name": "",
                "last_name": "",
                "name_prefix": "",
                "organization_number": "12345678",
                "organization_name": "Jansen Holding B.V.",
                "vat_number": "NL123456789B01",
                "account_manager_user": {"id": LS_USER_ANNE},
                "has_dunning": True,
                "bank_account_iban": "NL91ABNA0417164300",
                "bank_account_bic": "INGBNL2A",
                "peppol_id": "0106:12345678",
                "details": [
                    detail("phone", "+31 20 123 4567"),
                    detail("cellphone", "+31 6 1234 5678"),
                    detail("fax", "+31 20 765 4321"),
                    detail("website", "http://www.jansen.example"),
                    detail("email", "info@jansen.example"),
                    detail("email_2", "facturen@jansen.example", to=True),
                    detail("email_4", "info@jansen.example", cc=True),
                    detail("email_3", "aanmaningen@jansen.example", dunning=True),
                ],
                "custom_fields": {"WWFT": "HIGH", "Oude code": "K-1"},
            },
        )
        self.assertEqual(
            company.legalsense_contact_id, self.stored("contacts")[0]["id"]
        )

        # An update sends the always rows only (a PATCH), is_debtor now true.
        self.forget_calls()
        self.run_jobs(
            lambda: company.write({"vat": "DE123456789", "country_id": self.de.id})
        )
        patch = self.body("PATCH", f"contacts/{company.legalsense_contact_id}")
        for new_only in ("is_organization", "softkill_status"):
            self.assertNotIn(new_only, patch)
        self.assertEqual(patch["vat_number"], "DE123456789")
        self.assertEqual(patch["tax_scheme"], 2)  # inside the EU, with a VAT number
        self.assertTrue(patch["is_debtor"])

    def test_company_optional_rows_off(self):
        self.create_synced(self.full_company())
        body = self.body("POST", "contacts")
        self.assertIsNone(body["account_manager_user"])  # ViewOwner lacks Company
        for absent in ("bank_account_iban", "bank_account_bic", "peppol_id"):
            self.assertNotIn(absent, body)
        self.assertNotIn("custom_fields", body)

    def test_company_name_settings(self):
        values = self.full_company()
        self.set_config(sync_company_use_display_name=True)
        self.create_synced(values)
        self.assertEqual(
            self.body("POST", "contacts")["organization_name"], "Jansen Holding"
        )
        self.simulator.reset()
        self.set_config(sync_company_contact_use_official_name=True)
        self.create_synced(values)
        self.assertEqual(
            self.body("POST", "contacts")["organization_name"], "Jansen Holding B.V."
        )

    def test_company_archived_and_reactivated(self):
        company = self.create_synced(self.company_values())
        self.forget_calls()
        self.run_jobs(lambda: company.write({"active": False}))
        self.assertEqual(
            self.body("PATCH", f"contacts/{company.legalsense_contact_id}")[
                "softkill_status"
            ],
            2,
        )
        self.forget_calls()
        self.run_jobs(lambda: company.write({"active": True}))
        self.assertEqual(
            self.body("PATCH", f"contacts/{company.legalsense_contact_id}")[
                "softkill_status"
            ],
            1,
        )

    def test_tax_scheme_and_default_tax_country(self):
        self.create_synced(self.company_values(country_id=self.us.id))
        self.assertEqual(self.body("POST", "contacts")["tax_scheme"], 3)
        self.simulator.reset()
        self.set_config(default_tax_country_code="DE")
        self.create_synced(self.company_values(country_id=False, vat="DE1"))
        self.assertEqual(self.body("POST", "contacts")["tax_scheme"], 2)

    def test_no_dunning_lookup_value(self):
        self.set_config(no_dunning_lookup_field_value_code="NODUN")
        self.create_synced(
            self.company_values(lookup_value_ids=[Command.set(self.no_dunning.ids)])
        )
        self.assertFalse(self.body("POST", "contacts")["has_dunning"])

    def test_sync_to_default_then_custom(self):
        self.set_config(
            company_custom_fields="ref=peppol_id;LookupField.WWFT=WWFT",
            sync_to_default_then_custom=True,
        )
        self.create_synced(
            self.company_values(
                ref="0106:999", lookup_value_ids=[Command.set(self.wwft_high.ids)]
            )
        )
        body = self.body("POST", "contacts")
        self.assertEqual(body["peppol_id"], "0106:999")
        self.assertEqual(body["custom_fields"], {"WWFT": "HIGH"})

    def test_dmsforlegal_and_industry_code_custom_fields(self):
        self.set_config(
            company_custom_fields="DMSFORLEGAL=DMS;IndustryCode=Branche;website=Site"
        )
        self.custom_field_definitions(
            "contactcustomfielddefinitions", DMS="url", Branche="text", Site="url"
        )
        industry = self.env["res.partner.industry"].create({"name": "Zorg"})
        company = self.Partner.with_context(legalsense_no_export=True).create(
            self.company_values(industry_id=industry.id)
        )
        self.run_jobs(
            lambda: self.ls_ref(
                company, "1", application="DMSFORLEGAL", code="https://dms.example/1"
            )
        )
        self.assertEqual(
            self.body("POST", "contacts")["custom_fields"],
            {"DMS": "https://dms.example/1", "Branche": "Zorg", "Site": None},
        )

    # ------------------------------------------------------------ persons

    def person(self, **values):
        title = self.env["res.partner.title"].create(
            {"name": "Meester", "shortcut": "mr."}
        )
        defaults = {
            "initials": "J.P.",
            "gender": "male",
            "birthdate_date": datetime.date(1970, 5, 17),
            "title": title.id,
            "name_suffix": "LL.M.",
            "salutation": "Geachte heer De Vries",
            "attention": "de heer J.P. de Vries",
            "custom_attention": "Jan",
            "vat": "NL000099998B57",
            "user_id": self.owner.id,
            "phone": "+31 20 000 0000",
            "email": "jan@devries.example",
            "street": "Dam 1",
            "city": "Amsterdam",
            "country_id": self.nl.id,
        }
        return self.person_values(**{**defaults, **values})

    def test_person_new_and_always_rows(self):
        self.set_config(
            sync_person_suffix=True,
            person_attention_overwrite=True,
            person_attention_overwrite_with_custom_attention=True,
            show_person_tax_number=True,
            view_owner="Person",
        )
        person = self.create_synced(self.person())
        self.assertEqual(
            self.body("POST", "contacts"),
            {
                "is_organization": False,
                "is_debtor": False,
                "softkill_status": 1,
                "invoice_language": "en",
                "tax_scheme": 1,
                "first_name": "Jan",
                "last_name": "Vries",
                "name_prefix": "de",
                "initials": "J.P.",
                "gender": "Male",
                "birthdate": "1970-05-17",
                "title": "mr.",
                "suffix_title": "LL.M.",
                "salutation": "Geachte heer De Vries",
                "address_label_name": {"internal": "de heer J.P. de Vries"},
                "attention": "Jan",
                "account_manager_user": {"id": LS_USER_ANNE},
                "has_dunning": True,
                "vat_number": "NL000099998B57",
                "details": [
                    detail("phone", "+31 20 000 0000"),
                    detail("email", "jan@devries.example"),
                    detail("email_4", "jan@devries.example", cc=True),
                ],
            },
        )
        # A person's own address is its postal address.
        self.assertEqual(self.body("POST", "addresses")["address"], "Dam 1")
        self.assertTrue(person.legalsense_address_id)

    def test_person_default_settings(self):
        self.create_synced(self.person(initials=False, gender=False))
        body = self.body("POST", "contacts")
        self.assertEqual(body["initials"], "J.")  # derived from the first name
        self.assertIsNone(body["gender"])
        self.assertEqual(body["salutation"], "Geachte heer De Vries")
        for absent in (
            "suffix_title",
            "address_label_name",
            "attention",
            "vat_number",
            "account_manager_user",
        ):
            self.assertNotIn(absent, body)
        self.simulator.reset()
        self.set_config(person_salutation_overwrite=False)
        self.create_synced(self.person())
        self.assertNotIn("salutation", self.body("POST", "contacts"))

    def person_body(self, **changes):
        """The POST contacts body of ``self.person()`` with the default settings."""
        body = {
            "is_organization": False,
            "is_debtor": False,
            "softkill_status": 1,
            "invoice_language": "en",
            "tax_scheme": 1,
            "first_name": "Jan",
            "last_name": "Vries",
            "name_prefix": "de",
            "initials": "J.P.",
            "gender": "Male",
            "birthdate": "1970-05-17",
            "title": "mr.",
            "salutation": "Geachte heer De Vries",
            "has_dunning": True,
            "details": [
                detail("phone", "+31 20 000 0000"),
                detail("email", "jan@devries.example"),
                detail("email_4", "jan@devries.example", cc=True),
            ],
        }
        return {**body, **changes}

    def test_person_salutation_and_attention_are_generated(self):
        """GetSalutation(Formal) and GetAttention() when none is stored."""
        self.set_config(person_attention_overwrite=True)
        self.env["res.lang"]._activate_lang("nl_NL")
        person = self.create_synced(
            self.person(
                infix="van der",
                lastname="Berg",
                salutation=False,
                attention=False,
                lang="nl_NL",
            )
        )
        self.assertEqual(
            self.body("POST", "contacts"),
            self.person_body(
                invoice_language="nl",
                last_name="Berg",
                name_prefix="van der",
                salutation="Geachte heer Van der Berg",
                address_label_name={"internal": "mr. J.P. van der Berg"},
            ),
        )
        contact = self.stored("contacts", person.legalsense_contact_id)
        self.assertEqual(contact["salutation"], "Geachte heer Van der Berg")
        self.assertEqual(
            contact["address_label_name"]["internal"], "mr. J.P. van der Berg"
        )
        # Nothing is written back: the partner's fields stay empty.
        self.assertFalse(person.salutation)
        self.assertFalse(person.attention)

        # A stored value wins over the generated one ...
        contact_path = f"contacts/{person.legalsense_contact_id}"
        patch = {
            key: value
            for key, value in self.person_body(
                is_debtor=True,
                invoice_language="nl",
                last_name="Berg",
                name_prefix="van der",
            ).items()
            if key not in ("is_organization", "softkill_status")
        }
        self.forget_calls()
        self.run_jobs(
            lambda: person.write(
                {"salutation": "Beste Jan", "attention": "de heer Van der Berg"}
            )
        )
        self.assertEqual(
            self.body("PATCH", contact_path),
            {
                **patch,
                "salutation": "Beste Jan",
                "address_label_name": {"internal": "de heer Van der Berg"},
            },
        )
        # ... and emptying it sends the generated one again, never "".
        self.forget_calls()
        self.run_jobs(lambda: person.write({"salutation": False, "attention": " "}))
        self.assertEqual(
            self.body("PATCH", contact_path),
            {
                **patch,
                "salutation": "Geachte heer Van der Berg",
                "address_label_name": {"internal": "mr. J.P. van der Berg"},
            },
        )
        # A change of what it is made of sends it again.
        self.forget_calls()
        self.run_jobs(lambda: person.write({"gender": "female"}))
        self.assertEqual(
            self.body("PATCH", contact_path),
            {
                **patch,
                "gender": "Female",
                "salutation": "Geachte mevrouw Van der Berg",
                "address_label_name": {"internal": "mr. J.P. van der Berg"},
            },
        )

    def test_person_salutation_culture_and_neutral_forms(self):
        """English for an English-speaking person; neutral without a gender."""
        cases = [
            ({"gender": "female"}, {"gender": "Female"}, "Dear Ms De Vries"),
            ({"gender": "male"}, {}, "Dear Mr De Vries"),
            ({"gender": "other"}, {"gender": None}, "Dear Sir/Madam"),
            (
                {"gender": False, "lang": False},
                {"gender": None, "invoice_language": None},
                "Geachte heer/mevrouw De Vries",
            ),
        ]
        for values, changes, salutation in cases:
            with self.subTest(salutation=salutation):
                self.simulator.reset()
                self.create_synced(self.person(salutation=False, **values))
                self.assertEqual(
                    self.body("POST", "contacts"),
                    self.person_body(salutation=salutation, **changes),
                )

    def test_person_deceased_keeps_its_status(self):
        person = self.create_synced(self.person())
        self.forget_calls()
        self.run_jobs(
            lambda: person.write(
                {"is_deceased": True, "active": False, "phone": "+31 20 111 1111"}
            )
        )
        self.assertNotIn(
            "softkill_status",
            self.body("PATCH", f"contacts/{person.legalsense_contact_id}"),
        )

    def test_person_custom_fields(self):
        self.set_config(person_custom_fields="function=Functie;LookupField.WWFT=WWFT")
        self.custom_field_definitions(
            "contactcustomfielddefinitions", WWFT="choice", Functie="text"
        )
        self.create_synced(self.person(function="Advocaat"))
        self.assertEqual(
            self.body("POST", "contacts")["custom_fields"],
            {"Functie": "Advocaat", "WWFT": None},
        )

    # ------------------------------------------------------------ e-mail table

    def emails_sent(self, **values):
        self.simulator.reset()
        self.create_synced(self.company_values(email="info@x.example", **values))
        return [
            item
            for item in self.body("POST", "contacts")["details"]
            if item["kind"].startswith("email")
        ]

    def test_email_address_mapping(self):
        general = detail("email", "info@x.example")
        # 0 billing addresses: the general address is the billing cc address.
        self.assertEqual(
            self.emails_sent(),
            [general, detail("email_4", "info@x.example", cc=True)],
        )
        # 1 billing address: to; the general address is cc.
        self.assertEqual(
            self.emails_sent(billing_email="a@x.example"),
            [
                general,
                detail("email_2", "a@x.example", to=True),
                detail("email_4", "info@x.example", cc=True),
            ],
        )
        # 2 billing addresses (semicolon-separated): to and cc.
        self.assertEqual(
            self.emails_sent(billing_email="a@x.example; b@x.example"),
            [
                general,
                detail("email_2", "a@x.example", to=True),
                detail("email_4", "b@x.example", cc=True),
            ],
        )
        # The dunning address.
        self.assertEqual(
            self.emails_sent(dunning_email="d@x.example")[-1],
            detail("email_3", "d@x.example", dunning=True),
        )
