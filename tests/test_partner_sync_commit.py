"""A job failing after a create keeps the link: proven with real transactions."""

from cryptography.fernet import Fernet

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged

from odoo.addons.queue_job.job import Job

from ..legalsense_client import LegalSenseError
from ..legalsense_simulator import SimulatorServer
from .common import encryption_key

CONTEXT = {"tracking_disable": True, "mail_create_nolog": True}


@tagged("post_install", "-at_install")
class TestPartnerSyncCommitted(TransactionCase):
    """Commits in cursors of their own; everything committed is removed after."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = SimulatorServer(username="api", password="secret").start()
        cls.addClassCleanup(cls.server.stop)
        cls.enterClassContext(encryption_key(Fernet.generate_key().decode()))

    def committed_env(self, cr, company=None):
        context = dict(CONTEXT)
        if company:
            context["allowed_company_ids"] = [company]
        return api.Environment(cr, SUPERUSER_ID, context)

    def create_committed(self):
        """A company, its config and a partner, committed; the partner's job id."""
        with self.registry.cursor() as cr:
            env = self.committed_env(cr)
            company = env["res.company"].create({"name": "LegalSense commit test"})
            self.addCleanup(self.remove_committed, company.id)
            env["legalsense.config"].create(
                {
                    "company_id": company.id,
                    "url": self.server.url,
                    "username": "api",
                    "password": "secret",
                }
            )
            env = self.committed_env(cr, company.id)
            partner = env["res.partner"].create(
                {"name": "Committed B.V.", "is_company": True, "city": "Utrecht"}
            )
            job = env["queue.job"].search(
                [("identity_key", "=", f"legalsense:res.partner:{partner.id}")]
            )
            self.assertEqual(len(job), 1)
            return partner.id, job.uuid

    def remove_committed(self, company_id):
        with self.registry.cursor() as cr:
            env = self.committed_env(cr, company_id)
            company = env["res.company"].browse(company_id)
            partners = (
                env["res.partner"]
                .with_context(active_test=False, legalsense_no_export=True)
                .search([("create_date", ">=", company.create_date)])
            )
            identity_keys = [f"legalsense:res.partner:{pid}" for pid in partners.ids]
            env["queue.job"].search([("identity_key", "in", identity_keys)]).unlink()
            env["legalsense.config"].search([("company_id", "=", company_id)]).unlink()
            company_partner = company.partner_id
            company.unlink()
            (partners | company_partner).unlink()

    def test_link_survives_a_failing_job(self):
        partner_id, job_uuid = self.create_committed()
        # The contact is created, then the postal address is refused.
        self.server.simulator.add_fault(
            "POST",
            "addresses",
            status=400,
            body={"detail": "Refused", "code": "invalid", "field": "city"},
        )
        with self.registry.cursor() as cr:
            job = Job.load(self.committed_env(cr), job_uuid)
            with self.assertRaises(LegalSenseError):
                job.perform()
            cr.rollback()
        contacts = self.server.simulator.dump_state()["contacts"]
        self.assertEqual(len(contacts), 1)
        with self.registry.cursor() as cr:
            partner = self.committed_env(cr)["res.partner"].browse(partner_id)
            self.assertEqual(partner.legalsense_contact_id, contacts[0]["id"])
            self.assertTrue(partner.legalsense_sync_data["contact"]["digest"])
            self.assertFalse(partner.legalsense_address_id)
        # The next try sends the address only: no second contact.
        self.server.simulator.clear_requests()
        with self.registry.cursor() as cr:
            Job.load(self.committed_env(cr), job_uuid).perform()
        calls = [(c["method"], c["path"]) for c in self.server.simulator.requests]
        self.assertIn(("POST", "/api/v3/addresses"), calls)
        self.assertNotIn(("POST", "/api/v3/contacts"), calls)
        self.assertEqual(len(self.server.simulator.dump_state()["contacts"]), 1)

    def test_a_value_taken_from_legalsense_is_stored_beside_the_job(self):
        """A value LegalSense changed is taken into Odoo in a transaction of
        its own: the job's transaction holds no lock on the partner's row
        when the sync stores what it sent (else the two would wait on each
        other for good)."""
        self.addCleanup(self.server.simulator.reset)
        partner_id, job_uuid = self.create_committed()
        with self.registry.cursor() as cr:
            Job.load(self.committed_env(cr), job_uuid).perform()
        with self.registry.cursor() as cr:
            env = self.committed_env(cr)
            partner = env["res.partner"].browse(partner_id)
            config = env["legalsense.config"].search(
                [("company_id.name", "=", "LegalSense commit test")]
            )
            config.conflict_policy = "flag"
            company_id = config.company_id.id
            contact_id = partner.legalsense_contact_id
        self.server.simulator.store.update(
            "contacts",
            contact_id,
            {"details": [{"kind": "phone", "value": "030 1234567"}]},
            partial=True,
        )
        with self.registry.cursor() as cr:
            env = self.committed_env(cr, company_id)
            env["res.partner"].browse(partner_id).email = "info@committed.example"
            job = env["queue.job"].search(
                [("identity_key", "=", f"legalsense:res.partner:{partner_id}")],
                order="id desc",
                limit=1,
            )
            job_uuid = job.uuid
        with self.registry.cursor() as cr:
            # Waiting on its own row lock would end here instead of hanging.
            cr.execute("SET LOCAL idle_in_transaction_session_timeout = '20s'")
            Job.load(self.committed_env(cr), job_uuid).perform()
        with self.registry.cursor() as cr:
            partner = self.committed_env(cr)["res.partner"].browse(partner_id)
            self.assertEqual(partner.phone, "030 1234567")
            self.assertEqual(partner.email, "info@committed.example")
        stored = self.server.simulator.dump_state()["contacts"][-1]
        details = {item["kind"]: item["value"] for item in stored["details"]}
        self.assertEqual(details["phone"], "030 1234567")
        self.assertEqual(details["email"], "info@committed.example")
