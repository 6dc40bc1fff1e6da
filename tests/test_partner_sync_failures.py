"""Failure paths and deletion (§ Deletion, § Address to LSAddresses "On delete")."""

from odoo import Command
from odoo.tests import tagged

from odoo.addons.queue_job.exception import RetryableJobError

from ..legalsense_client import LegalSenseError
from ..models.res_partner import SyncRun
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
        # No longer the billing address: the postal address is.
        self.assertEqual(
            self.body("PATCH", f"contacts/{company.legalsense_contact_id}"),
            {
                "default_billing_address": {"id": company.legalsense_address_id},
                "is_debtor": True,
            },
        )
        self.assertEqual(invoice.legalsense_address_id, address_id)

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
        company = self.create_synced(self.company_values())
        address = self.run_jobs(
            lambda: self.Partner.create(
                {
                    "parent_id": company.id,
                    "type": "other",
                    "name": "Oud kantoor",
                    "street": "Dam 1",
                    "city": "Haarlem",
                    "address_inactive": True,
                }
            )
        )
        self.assertEqual(
            self.bodies("POST", "addresses")[-1]["city"], "Haarlem !INACTIVE!"
        )
        self.assertTrue(address.legalsense_address_id)

    def test_inactive_own_address_is_marked(self):
        company = self.create_synced(self.company_values())
        self.forget_calls()
        self.run_jobs(lambda: company.write({"address_inactive": True}))
        self.assertEqual(
            self.body("PATCH", f"addresses/{company.legalsense_address_id}")["city"],
            "Amsterdam !INACTIVE!",
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
        company = self.company_with_invoice_address()
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
        self.assertEqual(len(self.steward_mails()), 1)
        # The address is named by its lines, not only by its partner's name.
        self.assertIn("Facturen (Postbus 9, Amsterdam)", self.steward_mails().subject)

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
