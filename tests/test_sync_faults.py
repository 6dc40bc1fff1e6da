"""Faults found under load: no duplicate LegalSense record, no stuck record.

Each test reproduces one situation against the simulator: a user's save
meeting the store of a new id, a lost person create, a job run again after a
requeue (by hand or of a dead worker), an edit between a lost create and its
retry, the deletion of a contact with addresses, and a refused fresh token.
"""

from unittest import mock

from psycopg2 import errors as pg_errors

from odoo import Command
from odoo.exceptions import MissingError
from odoo.tests import tagged

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job

from ..legalsense_client import AuthenticationError
from ..models.sync.legalsense_sync_jobs import LegalsenseSyncMixin as SyncJobs
from ..models.sync.legalsense_sync_store import LegalsenseSyncMixin as SyncStore
from .partner_common import LegalSensePartnerCase


def serialization_failure():
    return pg_errors.SerializationFailure(
        "could not serialize access due to concurrent update"
    )


@tagged("post_install", "-at_install")
class TestSyncFaults(LegalSensePartnerCase):
    def stored_job(self, partner):
        """The partner's export job, stored (not trapped)."""
        record = self.env["queue.job"].search(
            [("identity_key", "=", partner._legalsense_identity_key())]
        )
        self.assertEqual(len(record), 1)
        return record

    def perform(self, record):
        """Run the stored job as the job runner does (its uuid in the context)."""
        return Job.load(self.env, record.uuid).perform()

    def perform_failing(self, record, error_class=RetryableJobError):
        """Perform the job, which must fail with ``error_class``.

        Not ``assertRaises``: it rolls back to a savepoint, and what the job
        commits on its own (its creates in flight) must stay.
        """
        try:
            self.perform(record)
        except error_class as error:
            return error
        self.fail(f"The job did not fail with {error_class.__name__}.")

    def attempts(self, partner):
        return self.env["legalsense.sync.attempt"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", partner.id)]
        )

    def synced_company_with_address(self):
        """A company and a child address, both in LegalSense."""
        company = self.create_synced(self.company_values())
        address = self.run_jobs(
            lambda: self.Partner.create(
                {
                    "parent_id": company.id,
                    "type": "other",
                    "name": "Archief",
                    "street": "Dam 1",
                    "city": "Amsterdam",
                }
            )
        )
        return company, address

    def post_lines(self):
        return [line for line in self.call_lines() if line.startswith("POST")]

    # ------------------------------------------------------------ concurrent saves

    def test_a_concurrent_save_delays_the_store_and_loses_nothing(self):
        real_store = SyncStore._legalsense_store_once
        failures = iter([serialization_failure(), serialization_failure()])

        def store_meeting_a_save(record, cr, values, settled_facet):
            failure = next(failures, None)
            if failure:
                raise failure
            return real_store(record, cr, values, settled_facet)

        with (
            mock.patch.object(
                SyncStore, "_legalsense_store_once", store_meeting_a_save
            ),
            mock.patch("time.sleep") as sleep,
        ):
            partner = self.create_synced(self.company_values())
        self.assertEqual(len(self.stored("contacts")), 1)
        self.assertEqual(
            partner.legalsense_contact_id, self.stored("contacts")[0]["id"]
        )
        self.assertEqual([call.args[0] for call in sleep.call_args_list], [0.1, 0.3])
        self.assertFalse(self.attempts(partner), "the create is settled")

    def test_a_job_run_again_after_a_lost_store_finds_its_contact(self):
        """Odoo runs a job again after a serialization failure, retry count 0."""
        partner = self.Partner.create(self.company_values())
        record = self.stored_job(partner)
        with (
            mock.patch.object(
                SyncStore, "_legalsense_store_once", side_effect=serialization_failure()
            ),
            mock.patch("time.sleep"),
        ):
            self.perform_failing(record, pg_errors.SerializationFailure)
        contact_id = self.stored("contacts")[0]["id"]
        self.assertFalse(partner.legalsense_contact_id)
        self.assertEqual(self.attempts(partner).remote_id, contact_id)

        self.forget_calls()
        self.assertEqual(record.retry, 0)
        self.perform(record)
        self.assertEqual(len(self.stored("contacts")), 1)
        self.assertEqual(partner.legalsense_contact_id, contact_id)
        self.assertEqual(self.call_lines()[0], f"GET contacts/{contact_id}")
        self.assertNotIn("POST contacts", self.post_lines())

    def test_a_save_while_the_job_runs_gets_a_job_of_its_own(self):
        partner = self.Partner.create(self.company_values())
        record = self.stored_job(partner)
        record.state = "enqueued"
        partner.write({"phone": "+31 20 1"})
        self.assertEqual(self.stored_job(partner), record, "joins the waiting job")
        record.state = "started"
        partner.write({"phone": "+31 20 2"})
        jobs = self.env["queue.job"].search(
            [("identity_key", "=", partner._legalsense_identity_key())], order="id"
        )
        self.assertEqual(jobs.mapped("state"), ["started", "pending"])

    def test_a_record_deleted_while_its_job_runs_fails_nothing(self):
        partner = self.Partner.create(self.company_values())
        record = self.stored_job(partner)
        gone = MissingError("Record does not exist or has been deleted.")
        with (
            mock.patch.object(SyncStore, "_legalsense_store_once", side_effect=gone),
            mock.patch.object(SyncJobs, "_legalsense_exists_now", return_value=False),
        ):
            result = self.perform(record)
        self.assertEqual(result, "The record was deleted meanwhile: nothing more sent.")

    def test_a_create_answered_after_the_deletion_is_removed(self):
        """The deletion committed while the POST was on its way: the contact
        it made is archived, as the deletion would have archived it."""
        self.set_config(data_steward_id=False)
        partner = self.Partner.create(self.company_values())
        record = self.stored_job(partner)
        gone = MissingError("Record does not exist or has been deleted.")
        with (
            mock.patch.object(SyncStore, "_legalsense_store_once", side_effect=gone),
            mock.patch.object(SyncJobs, "_legalsense_exists_now", return_value=False),
        ):
            self.perform(record)
        contact_id = self.stored("contacts")[0]["id"]
        self.assertFalse(self.attempts(partner), "the create in flight is settled")
        removal = self.env["queue.job"].search(
            [("method_name", "=", "_legalsense_job_remove")]
        )
        self.assertEqual(len(removal), 1)
        self.assertEqual(removal.args[0]["contact_id"], contact_id)
        self.assertFalse(removal.args[0]["contact_contact_id"])

        self.forget_calls()
        self.perform(removal)
        self.assertEqual(self.call_lines(), [f"PATCH contacts/{contact_id}"])
        self.assertEqual(self.stored("contacts", contact_id)["softkill_status"], 2)

    def test_a_record_deleted_before_its_id_was_stored_is_removed(self):
        """The create in flight gives the deleted record's removal its id."""
        self.set_config(data_steward_id=False)
        partner = self.Partner.create(self.company_values())
        record = self.stored_job(partner)
        with (
            mock.patch.object(
                SyncStore, "_legalsense_store_once", side_effect=serialization_failure()
            ),
            mock.patch("time.sleep"),
        ):
            self.perform_failing(record, pg_errors.SerializationFailure)
        contact_id = self.stored("contacts")[0]["id"]
        self.forget_calls()
        self.run_jobs(partner.unlink)
        self.assertIn(f"PATCH contacts/{contact_id}", self.call_lines())
        self.assertEqual(self.stored("contacts", contact_id)["softkill_status"], 2)
        self.assertFalse(
            self.env["legalsense.sync.attempt"].search([("res_id", "=", partner.id)])
        )

    # ------------------------------------------------------------ lost creates

    def test_a_lost_person_create_is_found(self):
        self.simulator.add_fault("POST", "contacts", lost_response=True)
        partner = self.create_synced(self.person_values())
        contacts = self.stored("contacts")
        self.assertEqual(len(contacts), 1)
        self.assertEqual(contacts[0]["organization_name"], "")
        self.assertEqual(partner.legalsense_contact_id, contacts[0]["id"])
        self.assertEqual(self.post_lines(), ["POST contacts"])

    def test_an_archived_contact_person_ends_the_link_a_lost_create_made(self):
        """The link's create lost its answer; the person is archived before
        the retry: the retry finds the link, then deletes it."""
        company = self.create_synced(self.company_values())
        person = self.Partner.create(
            self.person_values(parent_id=company.id, type="contact")
        )
        record = self.stored_job(person)
        self.simulator.add_fault("POST", "contactcontacts", lost_response=True)
        self.simulator.add_fault("GET", "contactcontacts", status=503)
        self.perform_failing(record)
        link = self.stored("contactcontacts")
        self.assertEqual(len(link), 1)
        self.assertFalse(person.legalsense_contact_contact_id)

        person.write({"active": False})
        self.assertEqual(self.stored_job(person), record, "joins the waiting job")
        self.forget_calls()
        self.perform(record)
        self.assertEqual(
            self.call_lines(),
            ["GET contactcontacts", f"DELETE contactcontacts/{link[0]['id']}"],
        )
        self.assertFalse(self.stored("contactcontacts"))
        self.assertFalse(self.attempts(person))
        self.assertEqual(len(self.stored("contacts")), 2, "the person stays")

    def test_a_deleted_record_removes_what_its_lost_create_made(self):
        """The contact's create lost its answer and the partner is deleted
        before the retry: its removal finds the contact and archives it."""
        self.set_config(data_steward_id=False)
        partner = self.Partner.create(self.person_values())
        record = self.stored_job(partner)
        self.simulator.add_fault("POST", "contacts", lost_response=True)
        self.simulator.add_fault("GET", "contacts", status=503)
        self.perform_failing(record)
        contact_id = self.stored("contacts")[0]["id"]
        self.assertFalse(partner.legalsense_contact_id)

        partner.unlink()
        removal = self.env["queue.job"].search(
            [("method_name", "=", "_legalsense_job_remove")]
        )
        self.assertEqual(len(removal), 1)
        self.forget_calls()
        self.perform(removal)
        self.assertEqual(
            self.call_lines(), ["GET contacts", f"PATCH contacts/{contact_id}"]
        )
        self.assertEqual(self.stored("contacts", contact_id)["softkill_status"], 2)
        self.forget_calls()
        self.perform(record)
        self.assertEqual(self.call_lines(), [], "the export finds nothing to do")

    def unanswered_post(self, partner):
        """Run the partner's job; its POST of a contact is sent but never
        answered, and LegalSense has not carried it out (yet)."""
        record = self.stored_job(partner)
        self.simulator.add_fault(
            "POST", "contacts", status=503, lost_response=True, times=1
        )
        error = self.perform_failing(record)
        self.assertFalse(self.stored("contacts"), "not carried out yet")
        return record, error

    def age_attempts(self, partner, seconds):
        self.env.cr.execute(
            "UPDATE legalsense_sync_attempt"
            " SET write_date = write_date - make_interval(secs => %s)"
            " WHERE res_model = 'res.partner' AND res_id = %s",
            (seconds, partner.id),
        )
        self.env["legalsense.sync.attempt"].invalidate_model()

    def test_a_create_whose_answer_never_came_is_not_sent_again_at_once(self):
        """LegalSense may still carry out a POST whose answer was lost: until
        twice the read time-out has passed, the job looks, and waits."""
        self.set_config(data_steward_id=False, timeout=30)
        partner = self.Partner.create(self.person_values())
        record, error = self.unanswered_post(partner)
        self.assertIn("never came", str(error))
        self.assertTrue(error.ignore_retry)
        self.assertTrue(59 <= error.seconds <= 60, error.seconds)
        self.assertEqual(self.call_lines(), ["POST contacts", "GET contacts"])

        # A retry (or any other export of the partner) inside the window.
        self.forget_calls()
        error = self.perform_failing(record)
        self.assertEqual(self.call_lines(), ["GET contacts"], "no second POST")
        self.assertTrue(59 <= error.seconds <= 60, error.seconds)

        # The window has passed and LegalSense holds nothing: created once.
        self.age_attempts(partner, 60)
        self.forget_calls()
        self.perform(record)
        self.assertEqual(self.post_lines(), ["POST contacts"])
        self.assertEqual(len(self.stored("contacts")), 1)
        self.assertEqual(
            partner.legalsense_contact_id, self.stored("contacts")[0]["id"]
        )

    def test_a_late_answer_inside_the_window_is_found(self):
        """LegalSense carries the POST out after the job gave up on it: the
        next try finds it and creates nothing."""
        self.set_config(data_steward_id=False)
        partner = self.Partner.create(self.person_values())
        record, __ = self.unanswered_post(partner)
        payload = self.attempts(partner).payload
        late = self.config._get_client().create("contacts", payload)
        self.forget_calls()
        self.perform(record)
        self.assertEqual(self.post_lines(), [])
        self.assertEqual([c["id"] for c in self.stored("contacts")], [late["id"]])
        self.assertEqual(partner.legalsense_contact_id, late["id"])

    def test_a_create_answered_with_an_error_is_sent_again_at_once(self):
        """An error answer means no late one can come: no wait."""
        self.set_config(data_steward_id=False)
        partner = self.Partner.create(self.person_values())
        record = self.stored_job(partner)
        self.simulator.add_fault("POST", "contacts", status=503)
        self.perform_failing(record)
        self.assertTrue(self.attempts(partner).answered)
        self.forget_calls()
        self.perform(record)
        self.assertEqual(self.post_lines(), ["POST contacts"])
        self.assertEqual(len(self.stored("contacts")), 1)

    def test_a_removal_waits_for_a_late_answer_of_a_lost_create(self):
        """The partner is deleted while its POST's answer never came: its
        removal waits for a late one, then archives what it made."""
        self.set_config(data_steward_id=False)
        partner = self.Partner.create(self.person_values())
        record, __ = self.unanswered_post(partner)
        payload = self.attempts(partner).payload
        partner.unlink()
        removal = self.env["queue.job"].search(
            [("method_name", "=", "_legalsense_job_remove")]
        )
        self.forget_calls()
        error = self.perform_failing(removal)
        self.assertIn("never came", str(error))
        self.assertEqual(self.call_lines(), ["GET contacts"])

        late = self.config._get_client().create("contacts", payload)
        self.forget_calls()
        self.perform(removal)
        self.assertEqual(
            self.call_lines(), ["GET contacts", f"PATCH contacts/{late['id']}"]
        )
        self.assertEqual(self.stored("contacts", late["id"])["softkill_status"], 2)
        self.forget_calls()
        self.perform(record)
        self.assertEqual(self.call_lines(), [], "the export finds nothing to do")

    def test_a_requeued_job_looks_before_creating(self):
        """A requeue by hand resets the retry count; the attempt remains."""
        partner = self.Partner.create(self.person_values())
        record = self.stored_job(partner)
        # The POST is committed, its answer lost, and the look-up fails too.
        self.simulator.add_fault("POST", "contacts", lost_response=True)
        self.simulator.add_fault("GET", "contacts", status=502)
        self.perform_failing(record)
        self.assertEqual(len(self.stored("contacts")), 1)
        record.write({"state": "failed"})
        record.requeue()
        self.assertEqual((record.state, record.retry), ("pending", 0))

        self.forget_calls()
        self.perform(record)
        self.assertEqual(len(self.stored("contacts")), 1)
        self.assertEqual(
            partner.legalsense_contact_id, self.stored("contacts")[0]["id"]
        )
        self.assertEqual(self.post_lines(), [])

    def test_an_edit_between_a_lost_address_create_and_its_retry(self):
        company = self.create_synced(self.company_values())
        address = self.run_jobs(
            lambda: self.Partner.with_context(legalsense_no_export=True).create(
                {
                    "parent_id": company.id,
                    "type": "other",
                    "name": "Archief",
                    "street": "Dam 1",
                    "zip": "1012 JS",
                    "city": "Amsterdam",
                }
            )
        )
        address._legalsense_queue_export()
        record = self.stored_job(address)
        self.simulator.add_fault("POST", "addresses", lost_response=True)
        self.simulator.add_fault("GET", "addresses", status=503)
        self.perform_failing(record)
        self.assertEqual(len(self.stored("addresses")), 2, "own and the lost one")
        address.write({"city": "Haarlem"})

        self.forget_calls()
        self.perform(record)
        addresses = [a for a in self.stored("addresses") if a["address"] == "Dam 1"]
        self.assertEqual(len(addresses), 1)
        self.assertEqual(addresses[0]["city"], "Haarlem")
        self.assertEqual(address.legalsense_address_id, addresses[0]["id"])
        self.assertEqual(self.post_lines(), [])
        self.assertIn(f"PATCH addresses/{addresses[0]['id']}", self.call_lines())

    # ------------------------------------------------------------ deletion

    def test_deleting_a_contact_removes_its_addresses_without_new_contacts(self):
        company = self.create_synced(
            self.company_values(
                child_ids=[
                    Command.create(
                        {
                            "type": "other",
                            "name": "Archief",
                            "street": "Dam 1",
                            "city": "Amsterdam",
                        }
                    )
                ]
            )
        )
        address = company.child_ids
        address_id = address.legalsense_address_id
        self.assertTrue(address_id)
        self.forget_calls()
        self.run_jobs(company.unlink)
        self.assertIn(f"DELETE addresses/{address_id}", self.call_lines())
        self.assertFalse(address.parent_id)
        self.assertFalse(address.legalsense_address_id)
        self.assertEqual(address._legalsense_kind(), "address")

        self.forget_calls()
        self.run_jobs(lambda: address.write({"city": "Haarlem"}))
        self.assertEqual(self.post_lines(), [])
        self.assertEqual(len(self.stored("contacts")), 1)
        self.assertNotEqual(address.legalsense_sync_state, "error")

    def test_an_address_moved_out_of_its_contact_is_removed(self):
        _company, address = self.synced_company_with_address()
        address_id = address.legalsense_address_id
        self.forget_calls()
        self.run_jobs(lambda: address.write({"parent_id": False}))
        self.assertIn(f"DELETE addresses/{address_id}", self.call_lines())
        self.assertEqual(self.post_lines(), [])
        self.assertFalse(address.legalsense_address_id)

    def test_a_delete_sent_again_after_its_lost_answer_is_done(self):
        _company, address = self.synced_company_with_address()
        address_id = address.legalsense_address_id
        address.write({"active": False})
        record = self.stored_job(address)
        self.simulator.add_fault(
            "DELETE", f"addresses/{address_id}", lost_response=True
        )
        self.perform_failing(record)
        self.assertNotIn(address_id, [a["id"] for a in self.stored("addresses")])

        self.forget_calls()
        self.perform(record)
        self.assertIn(f"DELETE addresses/{address_id}", self.call_lines())
        self.assertFalse(address.legalsense_address_id)
        self.assertNotEqual(address.legalsense_sync_state, "error")

    # ------------------------------------------------------------ authentication

    def test_a_refused_fresh_token_is_retried_later(self):
        partner = self.create_synced(self.company_values())
        self.simulator.add_fault("PATCH", "contacts/*", status=401, times=2)
        with self.trapped_jobs() as trap:
            partner.write({"phone": "+31 20 555"})
            with self.assertRaises(RetryableJobError) as caught:
                trap.perform_enqueued_jobs()
        self.assertIn("refused the token it had just issued", str(caught.exception))
        self.forget_calls()
        self.run_jobs(lambda: partner.write({"phone": "+31 20 556"}))
        path = f"/api/v3/contacts/{partner.legalsense_contact_id}"
        answers = [
            call["status"]
            for call in self.simulator.requests
            if (call["method"], call["path"]) == ("PATCH", path)
        ]
        self.assertEqual(answers, [200])

    def test_wrong_credentials_fail_at_once(self):
        partner = self.create_synced(self.company_values())
        self.simulator.expire_tokens()
        self.config.password = "wrong"
        with self.trapped_jobs() as trap:
            partner.write({"phone": "+31 20 555"})
            with self.assertRaises(AuthenticationError) as caught:
                trap.perform_enqueued_jobs()
        self.assertNotIsInstance(caught.exception, RetryableJobError)
        self.assertNotIn("wrong", str(caught.exception))
