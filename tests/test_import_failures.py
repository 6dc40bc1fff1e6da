import datetime
from unittest import mock

from odoo.tests import tagged

from ..legalsense_client import ServerError
from ..models.imports import legalsense_import_records
from .import_common import (
    LegalSenseImportDataCase,
    ls_address,
    ls_client,
    ls_link,
    ls_org,
    ls_person,
)
from .test_import_matters import ls_matter

SINCE = datetime.datetime(2026, 3, 1, 0, 0)
OLD = "2026-01-01T10:00:00+00:00"
NEW = "2026-03-02T10:00:00+00:00"
# A passing trouble answered at once (no waiting between the client's tries).
THROTTLED = {"status": 429, "retry_after": 0}
# One request and the client's three retries.
TRIES = 4
KIND = {"id": 2}  # simulator seed: a contact kind (Wederpartij)


@tagged("post_install", "-at_install")
class TestImportRecordFailures(LegalSenseImportDataCase):
    """A record that fails in any import step is counted and listed as failed;
    the others are imported; a passing trouble is retried for that record only."""

    def trouble(self, path, times=TRIES):
        """LegalSense answers ``GET path`` with 429 ``times`` times."""
        self.simulator.add_fault("GET", path, times=times, **THROTTLED)

    def changed(self, **values):
        return self.run_import("changed_clients", last_change_date=SINCE, **values)

    def linked_company(self, ls_id, name="Jansen", **values):
        return self.Partner.create(
            {
                "name": name,
                "is_company": True,
                "legalsense_contact_id": ls_id,
                **values,
            }
        )

    def assertFailed(self, run, step, ls_id, *reason_texts, **counts):
        """The line's counts, and ``ls_id`` as its only failure."""
        self.assertEqual(self.counts(run, step), dict(counts, failed=1))
        failures = self.line(run, step).failure_ids
        self.assertEqual(failures.mapped("legalsense_id"), [ls_id])
        for text in reason_texts:
            self.assertIn(text, failures.reason)
        self.assertCountsAddUp(run)

    # ------------------------------------------------------------ initial import

    def test_contacts(self):
        self.load(
            contacts=[ls_org(10, "Jansen"), ls_org(11, "Smit"), ls_org(12, "Bos")]
        )
        with self.failing("_contact_vals", 11):
            run = self.run_import("contacts")
        self.assertFailed(run, "contacts", 11, "Record 11 is broken", created=2)
        self.assertEqual(run.failure_ids.name, "Smit")
        self.assertFalse(self.Partner.search([("legalsense_contact_id", "=", 11)]))
        self.assertTrue(self.partner(12))
        self.assertEqual(run.state, "done")
        self.assertIn("1 failed", run.summary)

    def test_addresses(self):
        self.load(
            contacts=[ls_org(10, "Jansen"), ls_org(11, "Smit")],
            addresses=[
                ls_address(30, 10),
                ls_address(31, 10, "Postbus 1", kind=3),
                ls_address(32, 11, "Dam 1"),
            ],
        )
        with self.failing("_address_vals", 31):
            run = self.run_import("contacts")
        self.assertFailed(run, "addresses", 31, created=2)
        self.assertEqual(self.partner(10).street, "Keizersgracht 1")
        self.assertEqual(self.partner(11).street, "Dam 1")
        self.assertFalse(self.address(31))

    def test_contact_persons_reading_a_person(self):
        self.load(
            contacts=[
                ls_org(10, "Jansen"),
                ls_person(20, "Jan", "Vries"),
                ls_person(25, "Piet", "Bos"),
            ],
            contactcontacts=[ls_link(40, 10, 20), ls_link(41, 10, 25)],
        )
        # Person 25 is not imported: its link reads it from LegalSense.
        self.trouble("contacts/25")
        with self.failing("_contact_vals", 25):
            run = self.run_import("contacts")
        self.assertFailed(run, "contact_contacts", 41, "too many requests", created=1)
        self.assertEqual(self.requested("contacts/25"), TRIES)
        self.assertEqual(self.requested("contactcontacts", page=1), 1)
        persons = self.partner(10).child_ids
        self.assertEqual(persons.mapped("legalsense_contact_contact_id"), [40])

    def test_clients(self):
        self.load(
            contacts=[ls_org(10, "Jansen"), ls_org(11, "Smit")],
            clients=[ls_client(50, 10, "Jansen"), ls_client(51, 11, "Smit")],
            matters=[],
            matterdebtors=[],
            mattercontacts=[],
        )
        with self.failing("_client_vals", 51):
            run = self.run_import("contacts_matters")
        self.assertFailed(run, "clients", 51, created=1)
        self.assertEqual(self.partner(10).legalsense_client_id, 50)
        self.assertFalse(self.partner(11).legalsense_client_id)

    def test_matters_reading_a_client(self):
        self.load(
            contacts=[ls_org(10, "Jansen"), ls_org(11, "Smit")],
            clients=[ls_client(50, 10, "Jansen"), ls_client(51, 11, "Smit")],
            matters=[
                ls_matter(60, 50, "Jansen / huur"),
                ls_matter(61, 51, "Smit / koop"),
                ls_matter(62, 50, "Jansen / pacht"),
            ],
            matterdebtors=[],
            mattercontacts=[],
        )
        self.run_import("contacts")
        self.trouble("clients/51")
        self.simulator.clear_requests()
        # Client 51 is not linked by the clients step: its matter reads it.
        with self.failing("_client_vals", 51):
            run = self.run_import("matters")
        self.assertFailed(run, "clients", 51, created=1)
        self.assertFailed(run, "matters", 61, "too many requests", created=2)
        self.assertEqual(self.requested("clients/51"), TRIES)
        # a client linked by the clients step is not read again
        self.assertEqual(self.requested("clients/50"), 0)
        self.assertEqual(self.partner(10).legalsense_client_id, 50)
        matters = self.env["legal.matter"].search([("client_id", "!=", False)])
        self.assertEqual(
            sorted(matters.mapped("legalsense_matter_id")), [60, 62], matters
        )

    def test_matter_debtors_and_matter_contacts(self):
        self.load(
            contacts=[ls_org(10, "Jansen"), ls_org(11, "Smit")],
            clients=[ls_client(50, 10, "Jansen")],
            matters=[ls_matter(60, 50, "Jansen / huur")],
            matterdebtors=[
                {"id": 70, "matter": {"id": 60}, "debtor": {"id": 10}},
                {
                    "id": 71,
                    "matter": {"id": 60},
                    "debtor": {"id": 11},
                    "split_type": "Percentage",
                    "percentage": "40.00",
                },
            ],
            mattercontacts=[
                {"id": 80, "matter": {"id": 60}, "contact": {"id": 11}, "kind": KIND},
                {"id": 81, "matter": {"id": 60}, "contact": {"id": 10}, "kind": KIND},
            ],
        )
        with self.failing("_child_vals", 71), self.failing("_child_vals", 81):
            run = self.run_import("contacts_matters")
        self.assertFailed(run, "matter_debtors", 71, created=1)
        self.assertFailed(run, "matter_contacts", 81, created=1)

    def test_retroactive_imports(self):
        self.config.sync_client_branches_to_cm_field = "Industry"
        self.run_import("lookups")
        jansen = self.linked_company(10)
        smit = self.linked_company(11, "Smit")
        self.load(
            contacts=[
                ls_org(10, "Jansen", bank_account_iban="NL91ABNA0417164300"),
                ls_org(11, "Smit", bank_account_iban="NL02ABNA0123456789"),
            ],
            clients=[
                ls_client(
                    50, 10, "Jansen", number="10050", billing_instructions="Maand",
                    branches=[{"id": 1}],
                ),
                ls_client(
                    51, 11, "Smit", number="10051", billing_instructions="Week",
                    branches=[{"id": 2}],
                ),
            ],
        )  # fmt: skip
        partner_class = type(self.Partner)
        original_write = partner_class.write

        def write(partners, values):
            if smit in partners:
                raise ValueError("Smit is locked")
            return original_write(partners, values)

        for action, step in (
            ("update_client_code", "client_codes"),
            ("billing_instructions", "billing_instructions"),
            ("branches", "branches"),
        ):
            with self.subTest(action), mock.patch.object(partner_class, "write", write):
                run = self.run_import(action)
            self.assertFailed(run, step, 51, "Smit is locked", updated=1)
        self.assertEqual(jansen.legalsense_client_code, "10050")
        self.assertEqual(jansen.billing_instructions, "Maand")
        self.assertEqual(jansen.industry_id.name, "ICT")
        self.assertFalse(smit.legalsense_client_code or smit.billing_instructions)
        with self.failing("_import_bank_account", 11):
            run = self.run_import("bank_account_numbers")
        self.assertFailed(run, "bank_accounts", 11, updated=1)
        self.assertEqual(jansen.bank_ids.acc_number, "NL91ABNA0417164300")
        self.assertFalse(smit.bank_ids)

    def test_users_offices_and_practice_groups(self):
        with (
            self.failing("_import_office", 2),
            self.failing("_import_user", 3),
            self.failing("_import_practice_group", 2),
        ):
            run = self.run_import("users")
            groups = self.run_import("practice_groups")
        self.assertFailed(run, "offices", 2, created=1)
        self.assertFailed(run, "users", 3, created=3, skipped=1)
        self.assertFailed(groups, "practice_groups", 2, created=2)
        users = self.env["res.users"].with_context(active_test=False)
        self.assertFalse(users.search([("legalsense_user_id", "=", 3)]))
        self.assertTrue(users.search([("legalsense_user_id", "=", 4)]))

    def test_lookup_items(self):
        with self.failing("_import_lookup_item", 2):
            run = self.run_import("lookups")
        line = self.line(run, "lookups", "addresskinds")
        self.assertEqual(line.failure_ids.mapped("legalsense_id"), [2])
        self.assertEqual(line.failed, 1)
        self.assertEqual(line.state, "done")
        self.assertEqual(self.requested("addresskinds"), 1)
        self.assertCountsAddUp(run)

    # ------------------------------------------------------------ changed clients

    def test_changed_contacts_a_new_client_whose_addresses_fail(self):
        """LegalSense answers 500 for one new client's addresses: only that
        client fails, the renamed linked contact and the other new client
        are imported, and the changed-clients time stays for the next run."""
        linked = self.linked_company(10)
        self.load(
            contacts=[
                ls_org(10, "Jansen Groep", modified_date=NEW),
                ls_person(20, "Piet", "Bos", modified_date=NEW),
                ls_org(21, "Smit B.V.", modified_date=NEW),
            ],
            clients=[ls_client(50, 20, "Bos"), ls_client(51, 21, "Smit")],
            addresses=[
                ls_address(30, 20, modified_date=OLD),
                ls_address(31, 21, "Dam 1", modified_date=OLD),
            ],
            contactcontacts=[],
        )
        self.simulator.add_fault("GET", "addresses", status=500, times=TRIES)
        run = self.changed()
        self.assertFailed(
            run,
            "changed_contacts",
            20,
            "server error (HTTP 500)",
            updated=1,
            created=1,
        )
        self.assertEqual(run.failure_ids.name, "Piet Bos")
        self.assertEqual(linked.official_name, "Jansen Groep")
        self.assertFalse(self.Partner.search([("legalsense_contact_id", "=", 20)]))
        self.assertEqual(self.partner(21).street, "Dam 1")
        self.assertEqual(self.partner(21).legalsense_client_id, 51)
        # the retry stays with the failing request
        self.assertEqual(self.requested("addresses", contact=20), TRIES)
        self.assertEqual(self.requested("addresses", contact=21), 1)
        self.assertEqual(self.requested("clients", contact=20), 1)
        self.assertEqual(self.requested("contacts", page=1), 1)
        self.assertEqual(run.state, "done")
        self.assertIn("1 updated", run.summary)
        stamp = self.env["legalsense.import.timestamp"]._get(
            self.company, "changed_clients"
        )
        self.assertFalse(stamp.last_run, "the next run reads the failed client again")

    def test_changed_contacts_a_failing_contact_person_fails_its_client(self):
        self.load(
            contacts=[
                ls_org(12, "Bos B.V.", modified_date=NEW),
                ls_org(13, "Smit B.V.", modified_date=NEW),
                ls_person(25, "Piet", "Bos", modified_date=OLD),
            ],
            clients=[ls_client(52, 12, "Bos"), ls_client(53, 13, "Smit")],
            addresses=[],
            contactcontacts=[ls_link(41, 12, 25, "Directeur")],
        )
        self.trouble("contacts/25")
        run = self.changed()
        self.assertFailed(
            run,
            "changed_contacts",
            12,
            "Record 41 of this client failed",
            "too many requests",
            created=1,
        )
        self.assertFalse(self.Partner.search([("legalsense_contact_id", "=", 12)]))
        self.assertTrue(self.partner(13))
        self.assertEqual(self.requested("contacts/25"), TRIES)

    def test_changed_addresses(self):
        company = self.linked_company(10)
        for ls_id in (30, 31):
            self.Partner.create(
                {
                    "parent_id": company.id,
                    "type": "other",
                    "street": "Dam 1",
                    "legalsense_address_id": ls_id,
                }
            )
        self.load(
            contacts=[ls_org(10, "Jansen", modified_date=OLD)],
            addresses=[
                ls_address(30, 10, "Dam 2", kind=2, modified_date=NEW),
                ls_address(31, 10, "Dam 3", kind=2, modified_date=NEW),
            ],
        )
        with self.failing("_update_address", 30):
            run = self.changed()
        self.assertFailed(run, "changed_addresses", 30, updated=1)
        self.assertEqual(self.address(30).street, "Dam 1")
        self.assertEqual(self.address(31).street, "Dam 3")

    def test_changed_contact_persons_reading_a_person(self):
        company = self.linked_company(10)
        for person_id, link_id in ((20, 40), (21, 41)):
            self.Partner.create(
                {
                    "parent_id": company.id,
                    "lastname": f"Person {person_id}",
                    "legalsense_contact_id": person_id,
                    "legalsense_contact_contact_id": link_id,
                }
            )
        self.load(
            contacts=[
                ls_org(10, "Jansen", modified_date=OLD),
                ls_person(20, "Jan", "Vries", modified_date=OLD),
                ls_person(21, "Piet", "Bos", modified_date=OLD),
            ],
            contactcontacts=[
                dict(ls_link(40, 10, 20, "Partner"), modified_date=NEW),
                dict(ls_link(41, 10, 21, "Jurist"), modified_date=NEW),
            ],
        )
        self.trouble("contacts/20")
        run = self.changed()
        self.assertFailed(run, "changed_contact_contacts", 40, updated=1)
        self.assertEqual(self.requested("contacts/20"), TRIES)
        self.assertEqual(self.requested("contacts/21"), 1)
        persons = company.child_ids.sorted("legalsense_contact_contact_id")
        self.assertEqual(persons.mapped("function"), [False, "Jurist"])

    def test_a_dry_run_counts_a_failing_record(self):
        self.load(
            contacts=[
                ls_person(20, "Piet", "Bos", modified_date=NEW),
                ls_person(21, "Jan", "Smit", modified_date=NEW),
            ],
            clients=[ls_client(50, 20, "Bos"), ls_client(51, 21, "Smit")],
        )
        self.trouble("clients")
        run = self.changed(dry_run=True)
        self.assertFailed(run, "changed_contacts", 20, created=1)
        self.assertFalse(self.Partner.search([("legalsense_contact_id", "=", 21)]))

    # ------------------------------------------------------------ retried jobs

    def test_a_list_page_is_read_again_by_the_job_queue(self):
        self.load(contacts=[ls_org(10, "Jansen"), ls_org(11, "Smit")])
        self.trouble("contacts")
        run, retried = self.run_import_retried("contacts")
        self.assertEqual(len(retried), 1)
        self.assertEqual(self.counts(run, "contacts"), {"created": 2})
        self.assertEqual(self.requested("contacts", page=1), TRIES + 1)
        self.assertCountsAddUp(run)
        self.assertEqual(run.state, "done")

    def test_a_retried_changed_run_goes_on_at_the_page_it_stopped(self):
        partners = [
            self.linked_company(ls_id, f"Oud {ls_id}") for ls_id in (10, 11, 12)
        ]
        self.load(
            contacts=[
                ls_org(ls_id, f"Nieuw {ls_id}", modified_date=NEW)
                for ls_id in (10, 11, 12)
            ]
        )
        run_class = type(self.Import)
        read_page = run_class._read_page
        failed_pages = []

        def page_two_fails_once(run, line, page, **filters):
            if page == 2 and not failed_pages:
                failed_pages.append(page)
                raise ServerError(status=503)
            return read_page(run, line, page, **filters)

        with (
            mock.patch.object(legalsense_import_records, "PAGE_SIZE", 2),
            mock.patch.object(run_class, "_read_page", page_two_fails_once),
        ):
            run, retried = self.run_import_retried(
                "changed_clients", last_change_date=SINCE
            )
        self.assertEqual(len(retried), 1)
        self.assertEqual(self.counts(run, "changed_contacts"), {"updated": 3})
        self.assertEqual(self.line(run, "changed_contacts").done, 3)
        self.assertEqual(self.requested("contacts", page=1), 1, "page 1 not again")
        self.assertEqual(self.requested("contacts", page=2), 1)
        self.assertEqual(
            [partner.official_name for partner in partners],
            ["Nieuw 10", "Nieuw 11", "Nieuw 12"],
        )
        self.assertCountsAddUp(run)

    def test_legalsense_down_stops_the_page_and_the_retry_goes_on(self):
        """Three records in a row failing with passing troubles: the job is
        retried later and goes on after the last record it imported."""
        self.load(
            contacts=[
                ls_person(ls_id, "Naam", f"Smit {ls_id}", modified_date=NEW)
                for ls_id in (20, 21, 22, 23)
            ],
            clients=[ls_client(30 + n, 20 + n, f"Smit {n}") for n in range(4)],
            addresses=[],
        )
        self.trouble("clients", times=3 * TRIES)
        run, retried = self.run_import_retried(
            "changed_clients", last_change_date=SINCE
        )
        self.assertEqual(len(retried), 1)
        self.assertEqual(
            self.counts(run, "changed_contacts"), {"created": 2, "failed": 2}
        )
        self.assertEqual(run.failure_ids.mapped("legalsense_id"), [20, 21])
        for ls_id, tries in ((20, TRIES), (21, TRIES), (22, TRIES + 1), (23, 1)):
            self.assertEqual(self.requested("clients", contact=ls_id), tries, ls_id)
        self.assertTrue(self.partner(22))
        self.assertTrue(self.partner(23))
        self.assertCountsAddUp(run)

    def test_legalsense_down_during_a_page_rolls_it_back_for_the_retry(self):
        """A page of the initial import stops in the same way; the job queue
        imports the whole page again (nothing of it was kept)."""
        persons = (21, 22, 23)
        self.load(
            contacts=[ls_org(10, "Jansen")]
            + [ls_person(ls_id, "Naam", f"Smit {ls_id}") for ls_id in persons],
            contactcontacts=[ls_link(20 + ls_id, 10, ls_id) for ls_id in persons],
        )
        self.trouble("contacts/*", times=3 * TRIES)
        with (
            self.failing("_contact_vals", 21),
            self.failing("_contact_vals", 22),
            self.failing("_contact_vals", 23),
        ):
            run, retried = self.run_import_retried("contacts")
        self.assertEqual(len(retried), 1)
        self.assertEqual(self.counts(run, "contact_contacts"), {"created": 3})
        self.assertFalse(self.line(run, "contact_contacts").failure_ids)
        self.assertEqual(len(self.partner(10).child_ids), 3)
        for ls_id in persons:
            self.assertEqual(self.requested(f"contacts/{ls_id}"), TRIES + 1)
        self.assertCountsAddUp(run)
