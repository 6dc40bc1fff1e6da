"""The demo firm: runs on a database installed with demo data, skipped otherwise."""

import json
from pathlib import Path

from cryptography.fernet import Fernet

from odoo.tests import TransactionCase, tagged

from ..legalsense_simulator import SimulatorServer
from .common import encryption_key

FIXTURE = Path(__file__).resolve().parents[1] / "demo/legalsense_simulator_demo.json"
SYNCED = ("res.partner", "legal.matter", "legal.matter.debtor", "legal.matter.party")
WRITES = ("POST", "PATCH", "PUT", "DELETE")


def writes_of(simulator):
    """The API calls that change LegalSense (the token call aside)."""
    return [
        request
        for request in simulator.requests
        if request["method"] in WRITES and not request["path"].endswith("/token")
    ]


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.demo = cls.env.ref(
            "legalsense.demo_matter_bakkerij_huur", raise_if_not_found=False
        )
        if not cls.demo:
            return
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        data = cls.env["ir.model.data"].search(
            [
                ("module", "=", "legalsense"),
                ("model", "in", SYNCED),
                ("name", "=like", "demo\\_%"),
                ("name", "not like", "\\_res\\_partner"),
            ]
        )
        cls.records = {model: cls.env[model] for model in SYNCED}
        for row in data:
            cls.records[row.model] |= cls.env[row.model].browse(row.res_id)
        cls.config = cls.env.ref("legalsense.legalsense_config_demo")
        cls.red = cls.env.ref("legalsense.demo_partner_kok_logistiek")
        cls.pending = cls.env.ref("legalsense.demo_partner_iris_peters")
        cls.conflicted = cls.env.ref("legalsense.demo_partner_sanne_jansen")

    def setUp(self):
        super().setUp()
        if not self.demo:
            self.skipTest("The database has no demo data.")

    def enable(self, server=None):
        """The demo settings on (the demo install leaves them off)."""
        self.enterContext(encryption_key(Fernet.generate_key().decode()))
        values = {"disabled": False, "username": "demo", "password": "demo-password"}
        if server:
            values["url"] = server.url
        self.config.write(values)
        self.env["legalsense.config"]._forget_versions()
        self.env.invalidate_all()

    def simulator(self):
        """A simulator holding what tools/demo.py loads, the settings on it."""
        server = SimulatorServer(username="demo", password="demo-password").start()
        self.addCleanup(server.stop)
        server.simulator.load_fixture(json.loads(FIXTURE.read_text("utf-8")))
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        self.enable(server)
        return server.simulator

    # ------------------------------------------------------------ the firm

    def test_a_working_firm(self):
        partners = self.records["res.partner"]
        companies = partners.filtered("is_company")
        persons = partners.filtered(lambda p: not p.is_company and not p.parent_id)
        contact_persons = partners.filtered("parent_id")
        self.assertEqual((len(companies), len(persons)), (10, 10))
        self.assertEqual(len(contact_persons), 8)
        self.assertTrue(all(p.street and p.city and p.country_id for p in companies))
        self.assertEqual(
            contact_persons.parent_id, contact_persons.parent_id & companies
        )

        matters = self.records["legal.matter"]
        self.assertEqual(len(matters), 10)
        self.assertEqual(
            set(matters.mapped("state")), {"new", "active", "closed", "archived"}
        )
        for matter in matters:
            main = matter.debtor_ids.filtered("legalsense_is_main_debtor")
            self.assertEqual(main.partner_id, matter.client_id, matter.name)
            self.assertTrue(matter.owner_id.legalsense_user_id, matter.name)
            self.assertTrue(matter.department_id.legalsense_practice_group_id)
        self.assertEqual(len(self.records["legal.matter.debtor"]), 12)
        self.assertEqual(len(self.records["legal.matter.party"]), 9)
        self.assertEqual(len(matters.party_ids.role_id), 3)

        groups = matters.department_id
        self.assertEqual(sorted(groups.mapped("legalsense_practice_group_id")), [1, 2])
        users = matters.owner_id
        self.assertEqual(sorted(users.mapped("legalsense_user_id")), [2, 3, 4])
        self.assertEqual(
            sorted(
                users.mapped(lambda u: self.env["res.partner"]._legalsense_user_id(u))
            ),
            [2, 3, 4],
        )

    def test_linked_to_legalsense(self):
        for model, records in self.records.items():
            unlinked = records.filtered(lambda r: not r._legalsense_is_linked())
            self.assertFalse(unlinked, model)
            for record in records:
                self.assertTrue(record.legalsense_sync_data, record.display_name)

    def test_badges(self):
        """Green, one red with LegalSense's refusal, one pending; the install
        queued no other export job."""
        jobs = self.env["queue.job"].search([("channel", "=", "root.legalsense")])
        self.assertEqual(
            sorted(jobs.mapped("identity_key")),
            sorted(
                f"legalsense:res.partner:{partner.id}"
                for partner in (self.red, self.pending)
            ),
        )
        self.enable()
        states = {}
        for records in self.records.values():
            for record in records:
                states[record] = record.legalsense_sync_state
        red = [r for r, state in states.items() if state == "error"]
        pending = [r for r, state in states.items() if state == "pending"]
        conflicts = [r for r, state in states.items() if state == "conflict"]
        self.assertEqual(red, [self.red])
        self.assertEqual(pending, [self.pending])
        self.assertEqual(conflicts, [self.conflicted])
        others = (self.red, self.pending, self.conflicted)
        self.assertEqual(
            {state for r, state in states.items() if r not in others}, {"synced"}
        )
        shown = str(self.conflicted.legalsense_conflict)
        self.assertIn("sanne@jansen-advies.example", shown)
        self.assertIn("s.jansen@example.com", shown)
        self.assertIn(
            "btw-nummer NL87890123B01 is ongeldig", self.red.legalsense_sync_error
        )
        self.assertIn("LegalSense refused", self.red.legalsense_sync_error)

    def test_badges_unknown_while_the_settings_are_off(self):
        self.assertTrue(self.config.disabled)
        self.assertEqual(
            self.records["legal.matter"][:1].legalsense_sync_state, "unknown"
        )

    # ------------------------------------------------------------ with LegalSense

    def test_unchanged_records_send_nothing(self):
        simulator = self.simulator()
        for records in self.records.values():
            for record in records:
                if record not in (self.red, self.pending):
                    record._legalsense_job_export()
        writes = writes_of(simulator)
        self.assertEqual(writes, [])

    def test_the_conflict_waits_for_a_choice(self):
        simulator = self.simulator()
        self.conflicted._legalsense_job_export()
        self.assertEqual(writes_of(simulator), [])
        self.assertEqual(self.conflicted.legalsense_sync_state, "conflict")
        self.conflicted.action_legalsense_take_legalsense_values()
        self.assertEqual(self.conflicted.email, "s.jansen@example.com")
        self.assertEqual(self.conflicted.legalsense_sync_state, "synced")

    def test_the_pending_change_is_one_request(self):
        simulator = self.simulator()
        job = self.env["queue.job"].search(
            [("identity_key", "=", f"legalsense:res.partner:{self.pending.id}")]
        )
        self.assertEqual(job.state, "pending")
        self.pending._legalsense_job_export()
        writes = writes_of(simulator)
        self.assertEqual(len(writes), 1, writes)
        self.assertEqual(writes[0]["method"], "PATCH")
        self.assertEqual(
            writes[0]["path"], f"/api/v3/contacts/{self.pending.legalsense_contact_id}"
        )
        phones = [
            d["value"] for d in writes[0]["body"]["details"] if d["kind"] == "phone"
        ]
        self.assertEqual(phones, ["+31 50 3654321"])

    def test_the_refused_change_goes_through_once_fixed(self):
        simulator = self.simulator()
        self.red._legalsense_job_export()
        writes = writes_of(simulator)
        self.assertEqual([w["method"] for w in writes], ["PATCH"])
        self.assertEqual(writes[0]["body"]["vat_number"], "NL87890123B01")
