"""Failure paths and deletion (§ Deletion, § Address to LSAddresses "On delete")."""

from odoo import Command
from odoo.tests import tagged

from odoo.addons.queue_job.exception import RetryableJobError

from ..legalsense_client import LegalSenseError
from ..models.partner.partner_sync import SyncRun
from .partner_common import INVOICE_KIND, LegalSensePartnerCase


class PartnerFailureMixin:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.steward = cls.env["res.users"].create(
            {
                "name": "Data Steward",
                "login": "steward",
                "email": "steward@advocaten.example",
                "company_id": cls.company.id,
                "company_ids": [Command.set(cls.company.ids)],
            }
        )
        cls.config.data_steward_id = cls.steward

    def steward_mails(self):
        return self.env["mail.mail"].search(
            [("email_to", "ilike", "steward@advocaten.example")]
        )

    def perform_expecting_failure(self, trap):
        """Perform the trapped jobs, which must fail with a LegalSense error.

        Not ``assertRaises``: it rolls back to a savepoint, and what a
        failing job commits on its own (an e-mail) must stay.
        """
        try:
            trap.perform_enqueued_jobs()
        except LegalSenseError:
            return
        self.fail("The job did not fail.")

    def invoice_address_body(self, company, **changes):
        """The address payload of ``company_with_invoice_address``'s child."""
        return {
            "contact": {"id": company.legalsense_contact_id},
            "address": "Postbus 9",
            "address_line_2": "",
            "address_kind": {"id": INVOICE_KIND},
            "city": "Amsterdam",
            "country": "",
            "normalized_country": "",
            "address_template": 4,
            "zipcode": "",
            **changes,
        }

    def company_with_invoice_address(self):
        self.set_config(billing_address_type_code="FACTUUR")
        return self.create_synced(
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


@tagged("post_install", "-at_install")
class TestPartnerSyncFailures(PartnerFailureMixin, LegalSensePartnerCase):
    # ------------------------------------------------------------ passing troubles

    def perform_failing(self, action):
        """Queue ``action()``'s jobs, perform them; return (jobs, error)."""
        with self.trapped_jobs() as trap:
            action()
            jobs = list(trap.enqueued_jobs)
            with self.assertRaises(RetryableJobError) as caught:
                trap.perform_enqueued_jobs()
        return jobs, caught.exception

    def test_server_error_is_retried_later(self):
        self.simulator.add_fault("POST", "contacts", status=503)
        jobs, error = self.perform_failing(
            lambda: self.Partner.create(self.company_values())
        )
        self.assertIsNone(error.seconds)  # the retry pattern decides
        partner = jobs[0].recordset
        self.assertFalse(partner.legalsense_contact_id)
        # The next try succeeds and creates the contact once.
        jobs[0].perform()
        self.assertEqual(len(self.stored("contacts")), 1)
        self.assertTrue(partner.legalsense_contact_id)

    def test_throttled_passes_retry_after_on(self):
        self.simulator.add_fault("POST", "contacts", status=429, retry_after=120)
        _jobs, error = self.perform_failing(
            lambda: self.Partner.create(self.company_values())
        )
        self.assertEqual(error.seconds, 120)
        self.assertEqual(self.stored("contacts"), [])

    def test_lost_create_response_finds_the_contact(self):
        self.simulator.add_fault("POST", "contacts", lost_response=True)
        partner = self.create_synced(self.company_values())
        contacts = self.stored("contacts")
        self.assertEqual(len(contacts), 1)
        self.assertEqual(partner.legalsense_contact_id, contacts[0]["id"])
        self.assertEqual(
            [line.split("?")[0] for line in self.call_lines()[:2]],
            ["POST contacts", "GET contacts"],
        )

    def test_retried_job_looks_before_creating(self):
        partner = self.Partner.with_context(legalsense_no_export=True).create(
            self.company_values()
        )
        # A first try created the contact, then failed before storing the id.
        client = self.config._get_client()
        payload = partner._legalsense_contact_builder(
            SyncRun(self.env, self.config, client)
        )(None)
        client.create("contacts", payload)
        job = partner.with_delay(identity_key="test")._legalsense_job_export()
        job.db_record().retry = 1
        self.forget_calls()
        job.perform()
        self.assertEqual(len(self.stored("contacts")), 1)
        self.assertEqual(
            partner.legalsense_contact_id, self.stored("contacts")[0]["id"]
        )
        self.assertNotIn("POST contacts", self.call_lines())

    # ------------------------------------------------------------ addresses

    def test_inactive_address_is_marked_and_stays(self):
        """Address table: city + " !INACTIVE!" when Address.InActive."""
        company = self.company_with_invoice_address()
        invoice = company.child_ids
        address_id = invoice.legalsense_address_id
        contact_path = f"contacts/{company.legalsense_contact_id}"
        self.forget_calls()
        self.run_jobs(lambda: invoice.write({"address_inactive": True}))
        self.assertEqual(
            self.call_lines(),
            [f"PATCH addresses/{address_id}", f"PATCH {contact_path}"],
        )
        self.assertEqual(
            self.body("PATCH", f"addresses/{address_id}"),
            self.invoice_address_body(company, city="Amsterdam !INACTIVE!"),
        )
        # No longer the billing address: the postal address is.
        self.assertEqual(
            self.body("PATCH", contact_path),
            {
                "default_billing_address": {"id": company.legalsense_address_id},
                "is_debtor": True,
            },
        )
        self.assertEqual(invoice.legalsense_address_id, address_id)
        self.assertEqual(
            self.stored("addresses", address_id)["city"], "Amsterdam !INACTIVE!"
        )
        # Active again: the city without the mark, the billing address again.
        self.forget_calls()
        self.run_jobs(lambda: invoice.write({"address_inactive": False}))
        self.assertEqual(
            self.call_lines(),
            [f"PATCH addresses/{address_id}", f"PATCH {contact_path}"],
        )
        self.assertEqual(
            self.body("PATCH", f"addresses/{address_id}"),
            self.invoice_address_body(company),
        )
        self.assertEqual(
            self.body("PATCH", contact_path),
            {"default_billing_address": {"id": address_id}, "is_debtor": True},
        )

    def test_archived_address_is_deleted(self):
        """Address table "On delete (LS >= 18.120)": an archived address."""
        company = self.company_with_invoice_address()
        invoice = company.child_ids
        address_id = invoice.legalsense_address_id
        self.forget_calls()
        self.run_jobs(lambda: invoice.write({"active": False}))
        self.assertEqual(
            self.call_lines(),
            [
                "GET version",
                f"DELETE addresses/{address_id}",
                f"PATCH contacts/{company.legalsense_contact_id}",
            ],
        )
        self.assertFalse(invoice.legalsense_address_id)

    def test_new_inactive_address_is_created_marked(self):
        """A new inactive address is created, with " !INACTIVE!"."""
        company = self.create_synced(self.company_values())
        self.forget_calls()
        address = self.run_jobs(
            lambda: self.Partner.create(
                {
                    "parent_id": company.id,
                    "type": "other",
                    "name": "Oud kantoor",
                    "street": "Dam 1",
                    "zip": "2011 AB",
                    "city": "Haarlem",
                    "country_id": self.nl.id,
                    "address_inactive": True,
                }
            )
        )
        # The billing address stays the postal address: nothing else is sent.
        self.assertEqual(self.call_lines(), ["POST addresses"])
        self.assertEqual(
            self.body("POST", "addresses"),
            {
                "contact": {"id": company.legalsense_contact_id},
                "address": "Dam 1",
                "address_line_2": "",
                "address_kind": {"id": 1},
                "city": "Haarlem !INACTIVE!",
                "country": "Netherlands",
                "normalized_country": "NL",
                "address_template": 4,
                "zipcode": "2011 AB",
            },
        )
        self.assertEqual(
            self.stored("addresses", address.legalsense_address_id)["city"],
            "Haarlem !INACTIVE!",
        )

    def test_inactive_own_address_is_marked(self):
        """The contact's own (postal) address, inactive: sent with the mark."""
        company = self.create_synced(self.company_values())
        own_address = {
            "contact": {"id": company.legalsense_contact_id},
            "address": "Keizersgracht 1",
            "address_line_2": "",
            "address_kind": {"id": 1},
            "city": "Amsterdam !INACTIVE!",
            "country": "Netherlands",
            "normalized_country": "NL",
            "address_template": 4,
            "zipcode": "1015 CJ",
        }
        self.forget_calls()
        self.run_jobs(lambda: company.write({"address_inactive": True}))
        self.assertEqual(
            self.call_lines(), [f"PATCH addresses/{company.legalsense_address_id}"]
        )
        self.assertEqual(
            self.body("PATCH", f"addresses/{company.legalsense_address_id}"),
            own_address,
        )
        # A new contact whose own address is inactive: created with the mark,
        # and not made its billing address.
        self.simulator.reset()
        other = self.create_synced(
            self.company_values(name="Bakker B.V.", address_inactive=True)
        )
        self.assertEqual(self.call_lines(), ["POST contacts", "POST addresses"])
        self.assertEqual(
            self.body("POST", "addresses"),
            {**own_address, "contact": {"id": other.legalsense_contact_id}},
        )
        self.assertIsNone(
            self.stored("contacts", other.legalsense_contact_id)[
                "default_billing_address"
            ]
        )

    def test_unlinked_address_is_deleted(self):
        company = self.company_with_invoice_address()
        invoice = company.child_ids
        address_id = invoice.legalsense_address_id
        self.forget_calls()
        self.run_jobs(invoice.unlink)
        self.assertEqual(
            self.call_lines()[:2], ["GET version", f"DELETE addresses/{address_id}"]
        )
        self.assertEqual(
            self.stored("contacts", company.legalsense_contact_id)[
                "default_billing_address"
            ],
            {"id": company.legalsense_address_id},
        )

    def test_failed_address_deletion_mails_the_data_steward(self):
        """§ Deletion: the e-mail names the address by street, postal code and
        city, not only by "Company, Invoice Address"."""
        company = self.create_synced(
            self.company_values(
                child_ids=[
                    Command.create(
                        {
                            "type": "invoice",
                            "street": "Postbus 9",
                            "zip": "1000 AA",
                            "city": "Amsterdam",
                        }
                    )
                ]
            )
        )
        invoice = company.child_ids
        self.simulator.add_fault(
            "DELETE",
            f"addresses/{invoice.legalsense_address_id}",
            status=400,
            body={"detail": "In use", "code": "invalid", "field": None},
        )
        with self.trapped_jobs() as trap:
            invoice.write({"active": False})
            self.perform_expecting_failure(trap)
        mail = self.steward_mails()
        self.assertEqual(len(mail), 1)
        label = "Jansen Holding, Invoice Address (Postbus 9, 1000 AA Amsterdam)"
        self.assertEqual(
            mail.subject, f"LegalSense: address {label} could not be removed"
        )
        self.assertIn(
            f"The address <b>{label}</b> was deleted or archived", mail.body_html
        )
        self.assertIn("In use", mail.body_html)
        # The address stays linked: the next try deletes it.
        self.assertTrue(invoice.legalsense_address_id)

    def test_failed_removal_of_a_deleted_address_names_it(self):
        company = self.company_with_invoice_address()
        invoice = company.child_ids
        self.simulator.add_fault(
            "DELETE",
            f"addresses/{invoice.legalsense_address_id}",
            status=400,
            body={"detail": "In use", "code": "invalid", "field": None},
        )
        with self.trapped_jobs() as trap:
            invoice.unlink()
            self.perform_expecting_failure(trap)
        self.assertEqual(
            self.steward_mails().subject,
            "LegalSense: address Jansen Holding, Facturen (Postbus 9, Amsterdam) "
            "could not be removed",
        )

    # ------------------------------------------------------------ contacts

    def test_unlinked_contact_is_archived_and_reported(self):
        company = self.create_synced(self.company_values())
        contact_id = company.legalsense_contact_id
        self.forget_calls()
        self.run_jobs(company.unlink)
        self.assertEqual(self.call_lines(), [f"PATCH contacts/{contact_id}"])
        self.assertEqual(
            self.body("PATCH", f"contacts/{contact_id}"), {"softkill_status": 2}
        )
        self.assertEqual(self.stored("contacts", contact_id)["softkill_status"], 2)
        mail = self.steward_mails()
        self.assertEqual(len(mail), 1)
        self.assertIn("Jansen Holding", mail.subject)
        self.assertIn(str(contact_id), mail.body_html)

    def test_unlinked_contact_person_deletes_its_link(self):
        company = self.create_synced(
            self.company_values(child_ids=[Command.create(self.person_values())])
        )
        person = company.child_ids
        link, contact_id = (
            person.legalsense_contact_contact_id,
            person.legalsense_contact_id,
        )
        self.forget_calls()
        self.run_jobs(person.unlink)
        self.assertEqual(
            self.call_lines(),
            [f"DELETE contactcontacts/{link}", f"PATCH contacts/{contact_id}"],
        )
        self.assertEqual(self.stored("contactcontacts"), [])

    def test_unlinked_unsynced_partner_queues_nothing(self):
        partner = self.Partner.with_context(legalsense_no_export=True).create(
            self.company_values()
        )
        self.assertEqual(self.queued(partner.unlink).jobs_count(), 0)


@tagged("post_install", "-at_install")
class TestPartnerSyncOldVersion(PartnerFailureMixin, LegalSensePartnerCase):
    """Before LegalSense 18.120 addresses cannot be deleted."""

    version = "18.99"

    def test_inactive_address_is_marked_and_billing_moves(self):
        company = self.company_with_invoice_address()
        invoice = company.child_ids
        address_id = invoice.legalsense_address_id
        self.forget_calls()
        self.run_jobs(lambda: invoice.write({"address_inactive": True}))
        self.assertEqual(
            self.call_lines(),
            [
                f"PATCH addresses/{address_id}",
                f"PATCH contacts/{company.legalsense_contact_id}",
            ],
        )
        self.assertEqual(
            self.body("PATCH", f"addresses/{address_id}")["city"],
            "Amsterdam !INACTIVE!",
        )
        self.assertEqual(
            self.body("PATCH", f"contacts/{company.legalsense_contact_id}")[
                "default_billing_address"
            ],
            {"id": company.legalsense_address_id},
        )
        self.assertEqual(invoice.legalsense_address_id, address_id)
        self.assertEqual(
            self.stored("addresses", address_id)["address_kind"], {"id": INVOICE_KIND}
        )

    def test_archived_address_is_marked_inactive(self):
        """Address table "On delete (LS < 18.120)": city + " !INACTIVE!", the
        billing address moves; the address keeps its link."""
        company = self.company_with_invoice_address()
        invoice = company.child_ids
        address_id = invoice.legalsense_address_id
        contact_path = f"contacts/{company.legalsense_contact_id}"
        self.forget_calls()
        self.run_jobs(lambda: invoice.write({"active": False}))
        self.assertEqual(
            self.call_lines(),
            ["GET version", f"PATCH addresses/{address_id}", f"PATCH {contact_path}"],
        )
        self.assertEqual(
            self.body("PATCH", f"addresses/{address_id}"),
            self.invoice_address_body(company, city="Amsterdam !INACTIVE!"),
        )
        self.assertEqual(
            self.body("PATCH", contact_path),
            {
                "default_billing_address": {"id": company.legalsense_address_id},
                "is_debtor": True,
            },
        )
        self.assertEqual(invoice.legalsense_address_id, address_id)
        self.assertEqual(
            self.stored("addresses", address_id)["city"], "Amsterdam !INACTIVE!"
        )

    def test_unlinked_address_is_marked_inactive(self):
        company = self.company_with_invoice_address()
        invoice = company.child_ids
        address_id = invoice.legalsense_address_id
        self.forget_calls()
        self.run_jobs(invoice.unlink)
        self.assertEqual(
            self.body("PATCH", f"addresses/{address_id}"),
            {"city": "Amsterdam !INACTIVE!"},
        )
        self.assertIn(
            f"PATCH contacts/{company.legalsense_contact_id}", self.call_lines()
        )
        self.assertEqual(self.steward_mails(), self.env["mail.mail"])

    def test_failed_marking_mails_the_data_steward(self):
        company = self.company_with_invoice_address()
        invoice = company.child_ids
        self.simulator.add_fault(
            "PATCH",
            f"addresses/{invoice.legalsense_address_id}",
            status=400,
            body={"detail": "Locked", "code": "invalid", "field": None},
        )
        with self.trapped_jobs() as trap:
            invoice.unlink()
            self.perform_expecting_failure(trap)
        self.assertEqual(len(self.steward_mails()), 1)
