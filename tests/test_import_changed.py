import datetime
from unittest import mock

from odoo import fields
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

SINCE = datetime.datetime(2026, 3, 1, 0, 0)
OLD = "2026-01-01T10:00:00+00:00"
NEW = "2026-03-02T10:00:00+00:00"


@tagged("post_install", "-at_install")
class TestImportChangedClients(LegalSenseImportDataCase):
    """§ Job 5: what changed since a moment, Phase 1 steps 1–4, Phases 2 and 3."""

    def changed(self, **values):
        return self.run_import("changed_clients", last_change_date=SINCE, **values)

    def test_modified_date_filter_is_sent(self):
        self.load(contacts=[], addresses=[], contactcontacts=[])
        self.changed()
        queries = {
            path: query for path, query in self.calls() if "modified" in str(query)
        }
        self.assertEqual(
            queries["contacts"]["modified_date__gte"], "2026-03-01T00:00:00+00:00"
        )
        self.assertIn("addresses", queries)
        self.assertIn("contactcontacts", queries)

    def test_only_records_changed_since_are_read(self):
        self.load(
            contacts=[
                ls_org(10, "Oud B.V.", modified_date=OLD),
                ls_org(11, "Nieuw B.V.", modified_date=NEW),
            ],
            clients=[ls_client(50, 10, "Oud"), ls_client(51, 11, "Nieuw")],
        )
        run = self.changed()
        self.assertEqual(self.counts(run, "changed_contacts"), {"created": 1})
        self.assertFalse(self.Partner.search([("legalsense_contact_id", "=", 10)]))

    def test_step_1_linked_contact_gets_its_data_only(self):
        partner = self.Partner.create(
            {
                "name": "Jansen",
                "is_company": True,
                "legalsense_contact_id": 10,
                "street": "Oude straat 1",
            }
        )
        self.load(
            contacts=[
                ls_org(
                    10,
                    "Jansen Groep",
                    modified_date=NEW,
                    details=[ls_detail("phone", "020 9", 1)],
                )
            ],
            addresses=[ls_address(30, 10, "Dam 1", modified_date=OLD)],
        )
        run = self.changed()
        self.assertEqual(self.counts(run, "changed_contacts"), {"updated": 1})
        self.assertEqual(partner.phone, "020 9")
        self.assertEqual(partner.official_name, "Jansen Groep")
        self.assertEqual(partner.street, "Oude straat 1")
        self.assertEqual(
            partner.legalsense_last_export, datetime.datetime(2026, 3, 2, 10, 0)
        )
        # no client check for a linked contact
        self.assertNotIn("clients", [path for path, _query in self.calls()])

    def test_step_2_a_contact_that_is_no_client_is_skipped(self):
        self.load(
            contacts=[ls_person(20, "Jan", "Vries", modified_date=NEW)], clients=[]
        )
        run = self.changed()
        self.assertEqual(self.counts(run, "changed_contacts"), {"skipped": 1})
        self.assertIn(
            ("clients", {"contact": "20", "page": "1", "page_size": "1"}), self.calls()
        )
        self.assertFalse(self.Partner.search([("legalsense_contact_id", "=", 20)]))

    def test_step_3_a_matching_partner_is_linked_with_addresses_and_persons(self):
        company = self.Partner.create(
            {"name": "Jansen", "is_company": True, "company_registry": "12345678"}
        )
        colleague = self.Partner.create(
            {"parent_id": company.id, "firstname": "Jan", "lastname": "Vries"}
        )
        other = self.Partner.create(
            {"name": "Smit", "is_company": True, "legalsense_contact_id": 99}
        )
        self.load(
            contacts=[
                ls_org(
                    10,
                    "Jansen Holding",
                    organization_number="12345678",
                    modified_date=NEW,
                ),
                ls_org(11, "Smit", modified_date=NEW),
                ls_person(20, "Jan", "Vries", modified_date=OLD),
                ls_person(21, "Piet", "Bos", modified_date=OLD),
            ],
            clients=[ls_client(50, 10, "Jansen"), ls_client(51, 11, "Smit")],
            addresses=[ls_address(30, 10, modified_date=OLD)],
            contactcontacts=[
                ls_link(40, 10, 20, "Directeur"),
                ls_link(41, 10, 21, "Jurist"),
            ],
        )
        run = self.changed()
        self.assertEqual(
            self.counts(run, "changed_contacts"), {"linked": 1, "created": 1}
        )
        self.assertEqual(self.partner(10), company)
        self.assertEqual(company.legalsense_client_id, 50)
        self.assertEqual(company.legalsense_address_id, 30)
        self.assertEqual(colleague.legalsense_contact_contact_id, 40)
        self.assertEqual(colleague.function, "Directeur")
        persons = company.child_ids.filtered(lambda child: child.type == "contact")
        self.assertEqual(len(persons), 2)
        # a match linked to another LegalSense contact is no match: created
        self.assertNotEqual(self.partner(11), other)
        self.assertIn(
            "2 address(es) and contact person(s) created, 1 linked",
            self.line(run, "changed_contacts").message,
        )

    def test_step_4_a_new_client_is_created(self):
        self.load(
            contacts=[ls_person(20, "Jan", "Vries", modified_date=NEW)],
            clients=[ls_client(50, 20, "Jan de Vries", number="10050")],
            addresses=[ls_address(30, 20, modified_date=OLD)],
        )
        self.changed()
        person = self.partner(20)
        self.assertEqual(person.legalsense_client_code, "10050")
        self.assertEqual(person.street, "Keizersgracht 1")
        self.assertEqual(
            person.legalsense_last_export, datetime.datetime(2026, 3, 2, 10)
        )

    def test_phase_2_updates_only_linked_addresses(self):
        company = self.Partner.create(
            {"name": "Jansen", "is_company": True, "legalsense_contact_id": 10}
        )
        child = self.Partner.create(
            {
                "parent_id": company.id,
                "type": "other",
                "street": "Dam 1",
                "legalsense_address_id": 30,
            }
        )
        self.load(
            contacts=[ls_org(10, "Jansen", modified_date=OLD)],
            addresses=[
                ls_address(30, 10, "Dam 2", kind=2, modified_date=NEW),
                ls_address(31, 10, "Nieuw 1", kind=2, modified_date=NEW),
            ],
        )
        run = self.changed()
        self.assertEqual(child.street, "Dam 2")
        self.assertFalse(self.address(31))
        self.assertEqual(
            self.counts(run, "changed_addresses"), {"updated": 1, "skipped": 1}
        )

    def test_phase_3_updates_only_linked_contact_persons(self):
        company = self.Partner.create(
            {"name": "Jansen", "is_company": True, "legalsense_contact_id": 10}
        )
        person = self.Partner.create(
            {
                "parent_id": company.id,
                "firstname": "Jan",
                "lastname": "Vries",
                "legalsense_contact_id": 20,
                "legalsense_contact_contact_id": 40,
            }
        )
        self.load(
            contacts=[
                ls_org(10, "Jansen", modified_date=OLD),
                ls_person(20, "Jan", "Vries", modified_date=OLD),
            ],
            contactcontacts=[
                dict(ls_link(40, 10, 20, "Partner"), modified_date=NEW),
                dict(ls_link(41, 10, 20, "Nieuw"), modified_date=NEW),
            ],
        )
        run = self.changed()
        self.assertEqual(person.function, "Partner")
        self.assertEqual(
            self.counts(run, "changed_contact_contacts"), {"updated": 1, "skipped": 1}
        )

    def test_phase_3_the_job_description_goes_back_where_it_came_from(self):
        """job_description is the job function, else the job title: a person
        with only a job title gets it there."""
        company = self.Partner.create(
            {"name": "Jansen", "is_company": True, "legalsense_contact_id": 10}
        )
        titled, positioned = self.Partner.create(
            [
                {
                    "parent_id": company.id,
                    "firstname": "Jan",
                    "lastname": "Vries",
                    "job_title": "Senior advocaat",
                    "legalsense_contact_id": 20,
                    "legalsense_contact_contact_id": 40,
                },
                {
                    "parent_id": company.id,
                    "firstname": "Piet",
                    "lastname": "Bos",
                    "function": "Advocaat",
                    "job_title": "Senior advocaat",
                    "legalsense_contact_id": 21,
                    "legalsense_contact_contact_id": 41,
                },
            ]
        )
        self.load(
            contacts=[
                ls_org(10, "Jansen", modified_date=OLD),
                ls_person(20, "Jan", "Vries", modified_date=OLD),
                ls_person(21, "Piet", "Bos", modified_date=OLD),
            ],
            contactcontacts=[
                dict(ls_link(40, 10, 20, "Partner"), modified_date=NEW),
                dict(ls_link(41, 10, 21, "Partner"), modified_date=NEW),
            ],
        )
        run = self.changed()
        self.assertEqual(self.counts(run, "changed_contact_contacts"), {"updated": 2})
        self.assertRecordValues(
            titled + positioned,
            [
                {"function": False, "job_title": "Partner"},
                {"function": "Partner", "job_title": "Senior advocaat"},
            ],
        )

    def test_one_record_per_transaction(self):
        self.config.person_custom_fields = "birthdate_date=Geboren"
        persons = [
            ls_person(20 + n, f"Naam{n}", "Smit", modified_date=NEW) for n in range(10)
        ]
        persons[3]["custom_fields"] = {"Geboren": "geen datum"}
        self.load(
            contacts=persons,
            clients=[ls_client(50 + n, 20 + n, f"Client {n}") for n in range(10)],
        )
        run = self.changed()
        self.assertEqual(
            self.counts(run, "changed_contacts"), {"created": 9, "failed": 1}
        )
        self.assertEqual([ls_id for ls_id, _reason in self.failures(run)], [23])

    def test_default_since_is_one_day_ago_and_the_timestamp_moves(self):
        self.load(contacts=[], addresses=[], contactcontacts=[])
        before = fields.Datetime.now() - datetime.timedelta(days=1, seconds=5)
        run = self.run_import("changed_clients")
        self.assertGreaterEqual(run.last_change_date, before)
        self.assertLess(
            run.last_change_date, fields.Datetime.now() - datetime.timedelta(hours=23)
        )
        stamp = self.env["legalsense.import.timestamp"]._get(
            self.company, "changed_clients"
        )
        first_run = stamp.last_run
        self.assertTrue(first_run)
        second = self.run_import("changed_clients")
        self.assertEqual(second.last_change_date, first_run)
        self.assertGreaterEqual(stamp.last_run, first_run)

    def test_a_dry_run_writes_nothing_and_keeps_the_timestamp(self):
        self.load(
            contacts=[ls_person(20, "Jan", "Vries", modified_date=NEW)],
            clients=[ls_client(50, 20, "Jan")],
        )
        run = self.changed(dry_run=True)
        self.assertEqual(self.counts(run, "changed_contacts"), {"created": 1})
        self.assertFalse(self.Partner.search([("legalsense_contact_id", "=", 20)]))
        stamp = self.env["legalsense.import.timestamp"]._get(
            self.company, "changed_clients"
        )
        self.assertFalse(stamp.last_run)

    def test_a_run_holding_the_lock_makes_another_skip(self):
        timestamps = type(self.env["legalsense.import.timestamp"])
        with mock.patch.object(timestamps, "_lock_all", return_value=None):
            run = self.changed()
        self.assertEqual(run.state, "failed")
        self.assertIn("another run of this company is still working", run.error)
        self.assertEqual(set(run.line_ids.mapped("state")), {"pending"})
