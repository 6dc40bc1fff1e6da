"""A matter job run again after its create: never a second matter or party.

A requeue (by hand, or of a dead worker's job) resets the job's retry count;
the create in flight it left tells the next run to look first.
"""

from odoo.tests import tagged

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job

from .matter_common import LegalSenseMatterCase


@tagged("post_install", "-at_install")
class TestMatterSyncFaults(LegalSenseMatterCase):
    def stored_job(self, record):
        job = self.env["queue.job"].search(
            [("identity_key", "=", record._legalsense_identity_key())]
        )
        self.assertEqual(len(job), 1)
        return job

    def fail_then_requeue(self, job):
        """Perform ``job``, which fails retryably (not ``assertRaises``: its
        creates in flight must stay), then requeue it by hand."""
        try:
            Job.load(self.env, job.uuid).perform()
        except RetryableJobError:
            job.write({"state": "failed"})
            job.requeue()
            self.forget_calls()
            return
        self.fail("The job did not fail.")

    def matter_with_lost_create(self):
        """A matter whose create LegalSense made but whose answer was lost
        (the look-up failing too); its job failed, then was requeued."""
        client = self.create_synced(self.company_values())
        matter = self.Matter.create(self.matter_values(client))
        job = self.stored_job(matter)
        self.simulator.add_fault("POST", "matters", lost_response=True)
        self.simulator.add_fault("GET", "matters", status=502)
        self.fail_then_requeue(job)
        self.assertEqual(len(self.ls_matters()), 1)
        return matter, job

    def test_a_requeued_matter_job_finds_its_matter(self):
        matter, job = self.matter_with_lost_create()

        Job.load(self.env, job.uuid).perform()
        self.assertEqual(len(self.ls_matters()), 1)
        self.assertEqual(matter.legalsense_matter_id, self.ls_matters()[0]["id"])
        self.assertEqual(self.ls_matters()[0]["name"], "Jansen / huurgeschil")
        self.assertNotIn("POST matters", self.call_lines())

    def test_a_client_the_matter_job_could_not_make_stays_no_client(self):
        """The matter makes its client; LegalSense fails the client's POST
        and the matter moves to another client before its job runs again:
        the first partner is no client, in Odoo as in LegalSense."""
        first = self.create_synced(self.company_values(name="Eerste B.V."))
        second = self.create_synced(self.company_values(name="Tweede B.V."))
        matter = self.Matter.create(self.matter_values(first))
        job = self.stored_job(matter)
        self.simulator.add_fault("POST", "clients", status=503)
        self.fail_then_requeue(job)
        self.assertFalse(first.legalsense_is_client)
        self.assertFalse(self.stored("clients"))

        matter.client_id = second
        Job.load(self.env, job.uuid).perform()
        self.assertEqual(
            [c["contact"]["id"] for c in self.stored("clients")],
            [second.legalsense_contact_id],
        )
        self.assertTrue(second.legalsense_is_client)
        self.assertFalse(first.legalsense_is_client)
        self.assertFalse(first.legalsense_client_id)

    def test_a_deleted_matter_removes_what_its_lost_create_made(self):
        self.set_config(mark_matter_as_removed=True)
        matter, _job = self.matter_with_lost_create()
        made = self.ls_matters()[0]["id"]
        self.assertFalse(matter.legalsense_matter_id)

        matter.unlink()
        removal = self.env["queue.job"].search(
            [("method_name", "=", "_legalsense_job_remove")]
        )
        self.assertEqual(len(removal), 1)
        result = Job.load(self.env, removal.uuid).perform()
        self.assertEqual(result, f"matters/{made} removed")
        self.assertIn(f"DELETE matters/{made}", self.call_lines())

    def test_a_requeued_party_job_makes_one_matter_contact(self):
        client = self.create_synced(self.company_values())
        other = self.create_synced(self.company_values(name="Wederpartij B.V."))
        matter = self.create_matter(client)
        party = self.env["legal.matter.party"].create(
            {
                "matter_id": matter.id,
                "partner_id": other.id,
                "role_id": self.role_counterparty.id,
            }
        )
        job = self.stored_job(party)
        before = len(self.ls_matter_contacts(matter))
        self.simulator.add_fault("POST", "mattercontacts", lost_response=True)
        self.simulator.add_fault("GET", "mattercontacts", status=502)
        self.fail_then_requeue(job)

        Job.load(self.env, job.uuid).perform()
        contacts = self.ls_matter_contacts(matter)
        self.assertEqual(len(contacts), before + 1)
        self.assertIn(party.legalsense_matter_contact_id, [c["id"] for c in contacts])
        self.assertNotIn("POST mattercontacts", self.call_lines())

    def test_a_requeued_replacement_makes_one_matter_contact(self):
        other = self.create_synced(self.company_values(name="Wederpartij B.V."))
        matter = self.create_matter(
            party_ids=[self.party_line(other, self.role_counterparty)]
        )
        party = matter.party_ids
        old_id = party.legalsense_matter_contact_id
        party.write({"their_reference": "R-2"})
        job = self.stored_job(party)
        self.simulator.add_fault("POST", "mattercontacts", lost_response=True)
        self.simulator.add_fault("GET", "mattercontacts", status=502)
        self.forget_calls()
        try:
            Job.load(self.env, job.uuid).perform()
        except RetryableJobError:
            self.assertEqual(
                self.call_lines(),
                [
                    f"DELETE mattercontacts/{old_id}",
                    "POST mattercontacts",
                    "GET mattercontacts",
                ],
            )
            job.write({"state": "failed"})
            job.requeue()
            self.forget_calls()
        else:
            self.fail("The job did not fail.")

        Job.load(self.env, job.uuid).perform()
        # The replacement is found, not made a second time.
        self.assertEqual(self.call_lines(), ["GET mattercontacts"])
        [stored] = self.ls_matter_contacts(matter)
        self.assertEqual(stored["id"], party.legalsense_matter_contact_id)
        self.assertNotEqual(stored["id"], old_id)
        self.assertEqual(stored["their_reference"], "R-2")
