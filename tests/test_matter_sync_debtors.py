"""§ MatterPayor to LSMatterDebtors through Odoo: rows, e-mail tables,
is_debtor, the main debtor and its reconciliation."""

from odoo import Command
from odoo.tests import tagged

from odoo.addons.queue_job.exception import RetryableJobError

from ..models.matter.matter_sync import MatterRun
from .matter_common import LegalSenseMatterCase


@tagged("post_install", "-at_install")
class TestMatterDebtors(LegalSenseMatterCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config.write(
            {
                "show_debtor_bill_reference": True,
                "show_debtor_bill_email_address": True,
                "show_debtor_dunning_email_address": True,
            }
        )

    def other_company(self, **values):
        values = {"name": "Bakker Beheer", "street": "Dam 2", **values}
        return self.Partner.create(self.company_values(**values))

    def matter_with_debtors(self, client, *debtors):
        return self.create_matter(
            client=client,
            debtor_ids=[
                self.debtor_line(partner, **values) for partner, values in debtors
            ],
        )

    def matter_with_main_and_other_debtor(self):
        """A matter of the client company paying the rest, another company 40 %."""
        client = self.client_company()
        other = self.other_company()
        matter = self.matter_with_debtors(
            client, (client, {}), (other, {"percentage": 40})
        )
        return matter, other, matter.debtor_ids

    def test_two_debtors_main_and_percentage(self):
        client = self.client_company(billing_email="f@jansen.nl")
        other = self.other_company()
        matter = self.matter_with_debtors(
            client,
            (client, {"percentage": 60, "billing_reference": "PO-1"}),
            (other, {"percentage": 40}),
        )
        first, second = matter.debtor_ids
        self.assertEqual(first.invoice_emails, "f@jansen.nl")
        ls_debtors = self.ls_debtors(matter)
        self.assertEqual(len(ls_debtors), 2)
        main = next(d for d in ls_debtors if d["split_type"] == "FullRemainingAmount")
        self.assertEqual(first.legalsense_debtor_id, main["id"])
        self.assertTrue(first.legalsense_is_main_debtor)
        self.assertIsNone(main["percentage"])
        self.assertEqual(main["billing_reference"], "PO-1")
        self.assertEqual(main["address"], {"id": client.legalsense_address_id})
        percentage = self.stored("matterdebtors", second.legalsense_debtor_id)
        self.assertEqual(percentage["split_type"], "Percentage")
        self.assertEqual(percentage["percentage"], "40.00")
        self.assertEqual(percentage["debtor"], {"id": other.legalsense_contact_id})
        # the matter first, then the reconciliation, then the debtors
        lines = self.call_lines()
        self.assertLess(lines.index("POST matters"), lines.index("GET matterdebtors"))
        self.assertLess(
            lines.index("GET matterdebtors"), lines.index("POST matterdebtors")
        )
        # the main debtor gets the debtor rows, without a percentage
        patch = self.body("PATCH", f"matterdebtors/{main['id']}")
        self.assertNotIn("percentage", patch)
        self.assertNotIn("split_type", patch)
        post = self.body("POST", "matterdebtors")
        self.assertEqual(post["split_type"], "Percentage")
        self.assertEqual(post["email_source"], "Debtor")
        self.assertEqual(post["matter"], {"id": matter.legalsense_matter_id})
        self.assertEqual(post["address"], {"id": other.legalsense_address_id})
        self.assertEqual(post["billing_reference"], "")

    def test_is_debtor_is_forced_before_the_debtor_is_created(self):
        client = self.client_company()
        other = self.create_synced(
            self.company_values(
                name="Zonder adres",
                street=False,
                zip=False,
                city=False,
                country_id=False,
            )
        )
        self.assertFalse(
            self.stored("contacts", other.legalsense_contact_id)["is_debtor"]
        )
        self.matter_with_debtors(client, (client, {}), (other, {"percentage": 10}))
        lines = self.call_lines()
        patch = f"PATCH contacts/{other.legalsense_contact_id}"
        self.assertIn(patch, lines)
        self.assertLess(lines.index(patch), lines.index("POST matterdebtors"))
        self.assertEqual(
            self.body("PATCH", f"contacts/{other.legalsense_contact_id}"),
            {"is_debtor": True},
        )
        self.assertTrue(
            self.stored("contacts", other.legalsense_contact_id)["is_debtor"]
        )

    def test_contact_person_pays_for_the_company(self):
        client = self.client_company()
        person = self.Partner.create(
            self.person_values(parent_id=client.id, email="jan@jansen.nl")
        )
        matter = self.matter_with_debtors(client, (person, {}))
        main = self.ls_debtors(matter)[0]
        self.assertEqual(main["debtor"], {"id": client.legalsense_contact_id})
        self.assertEqual(main["contact_person"], {"id": person.legalsense_contact_id})

    def assert_invoice_emails(self, existing_only, emails, expected):
        self.set_config(
            show_debtor_bill_email_address_existing_email_addresses_only=existing_only
        )
        client = self.client_company(
            email="info@jansen.nl", billing_email="f@jansen.nl"
        )
        matter = self.matter_with_debtors(client, (client, {"invoice_emails": emails}))
        stored = self.ls_debtors(matter)[0]
        contact = self.stored("contacts", client.legalsense_contact_id)
        details = {
            flag: {
                item["value"]: item["id"] for item in contact["details"] if item[flag]
            }
            for flag in ("is_billing_to_email", "is_billing_cc_email")
        }
        fields = (
            "invoice_send_method",
            "to_email",
            "cc_email",
            "to_emails_custom",
            "cc_emails_custom",
        )
        flags = {"to_email": "is_billing_to_email", "cc_email": "is_billing_cc_email"}
        resolved = {
            key: {"id": details[flags[key]][value]} if key in flags and value else value
            for key, value in expected.items()
        }
        self.assertEqual({key: stored[key] for key in fields}, resolved)

    def test_invoice_email_existing_addresses_only(self):
        cases = [
            (
                "",
                {
                    "invoice_send_method": "RegularMail",
                    "to_email": None,
                    "cc_email": None,
                    "to_emails_custom": [],
                    "cc_emails_custom": [],
                },
            ),
            (
                "f@jansen.nl",
                {
                    "invoice_send_method": "Email",
                    "to_email": "f@jansen.nl",
                    "cc_email": None,
                    "to_emails_custom": [],
                    "cc_emails_custom": [],
                },
            ),
            (
                "f@jansen.nl;info@jansen.nl",
                {
                    "invoice_send_method": "Email",
                    "to_email": "f@jansen.nl",
                    "cc_email": "info@jansen.nl",
                    "to_emails_custom": [],
                    "cc_emails_custom": [],
                },
            ),
            (
                "f@jansen.nl;x@elders.nl",
                {
                    "invoice_send_method": "Email",
                    "to_email": "f@jansen.nl",
                    "cc_email": None,
                    "to_emails_custom": [],
                    "cc_emails_custom": ["x@elders.nl"],
                },
            ),
            (
                "f@jansen.nl;a@elders.nl;b@elders.nl",
                {
                    "invoice_send_method": "Email",
                    "to_email": "f@jansen.nl",
                    "cc_email": None,
                    "to_emails_custom": [],
                    "cc_emails_custom": ["a@elders.nl", "b@elders.nl"],
                },
            ),
        ]
        for emails, expected in cases:
            with self.subTest(emails=emails):
                self.assert_invoice_emails(True, emails, expected)

    def test_invoice_email_custom_addresses(self):
        cases = [
            (
                "",
                {
                    "invoice_send_method": "RegularMail",
                    "to_email": None,
                    "cc_email": None,
                    "to_emails_custom": [],
                    "cc_emails_custom": [],
                },
            ),
            (
                "f@jansen.nl",
                {
                    "invoice_send_method": "Email",
                    "to_email": None,
                    "cc_email": None,
                    "to_emails_custom": ["f@jansen.nl"],
                    "cc_emails_custom": [],
                },
            ),
            (
                "f@jansen.nl;info@jansen.nl",
                {
                    "invoice_send_method": "Email",
                    "to_email": None,
                    "cc_email": None,
                    "to_emails_custom": ["f@jansen.nl"],
                    "cc_emails_custom": ["info@jansen.nl"],
                },
            ),
            (
                "f@jansen.nl;a@elders.nl;b@elders.nl",
                {
                    "invoice_send_method": "Email",
                    "to_email": None,
                    "cc_email": None,
                    "to_emails_custom": ["f@jansen.nl"],
                    "cc_emails_custom": ["a@elders.nl", "b@elders.nl"],
                },
            ),
        ]
        for emails, expected in cases:
            with self.subTest(emails=emails):
                self.assert_invoice_emails(False, emails, expected)

    def test_invoice_email_from_regular_mail_back_to_email(self):
        client = self.client_company()
        matter = self.matter_with_debtors(client, (client, {"invoice_emails": False}))
        self.assertEqual(
            self.ls_debtors(matter)[0]["invoice_send_method"], "RegularMail"
        )
        self.run_all_jobs(
            lambda: matter.debtor_ids.write({"invoice_emails": "n@jansen.nl"})
        )
        stored = self.ls_debtors(matter)[0]
        self.assertEqual(stored["invoice_send_method"], "Email")
        self.assertEqual(stored["to_emails_custom"], ["n@jansen.nl"])

    def test_dunning_emails(self):
        client = self.client_company(dunning_email="d@jansen.nl")
        cases = [
            ("d@jansen.nl", ["d@jansen.nl"], []),
            ("d@jansen.nl;e@jansen.nl", ["d@jansen.nl"], ["e@jansen.nl"]),
            (
                "d@jansen.nl;e@jansen.nl;f@jansen.nl",
                ["d@jansen.nl"],
                ["e@jansen.nl", "f@jansen.nl"],
            ),
            ("", [], []),
        ]
        matter = self.matter_with_debtors(client, (client, {}))
        self.assertEqual(matter.debtor_ids.dunning_emails, "d@jansen.nl")
        for emails, to, cc in cases:
            with self.subTest(emails=emails):
                self.run_all_jobs(
                    lambda emails=emails: matter.debtor_ids.write(
                        {"dunning_emails": emails}
                    )
                )
                stored = self.ls_debtors(matter)[0]
                self.assertEqual(
                    (
                        stored["dunning_to_emails_custom"],
                        stored["dunning_cc_emails_custom"],
                    ),
                    (to, cc),
                )

    def test_rows_off_without_their_settings(self):
        self.set_config(
            show_debtor_bill_reference=False,
            show_debtor_bill_email_address=False,
            show_debtor_dunning_email_address=False,
        )
        client = self.client_company()
        self.matter_with_debtors(
            client, (client, {}), (self.other_company(), {"percentage": 30})
        )
        post = self.body("POST", "matterdebtors")
        self.assertEqual(
            sorted(post),
            sorted(
                [
                    "email_source",
                    "split_type",
                    "debtor",
                    "contact_person",
                    "matter",
                    "address",
                    "percentage",
                ]
            ),
        )

    def test_department_written_to_the_address(self):
        self.set_config(sync_matter_payor_department_to_address=True)
        client = self.client_company()
        matter = self.matter_with_debtors(
            client, (client, {"department": "Crediteurenadministratie"})
        )
        address = self.stored("addresses", client.legalsense_address_id)
        self.assertEqual(address["department"], "Crediteurenadministratie")
        self.forget_calls()
        self.run_all_jobs(lambda: matter.debtor_ids.write({"billing_reference": "X"}))
        self.assertNotIn(
            f"PATCH addresses/{client.legalsense_address_id}", self.call_lines()
        )
        self.set_config(debtor_hide_department=True)
        self.run_all_jobs(lambda: matter.debtor_ids.write({"department": "Inkoop"}))
        self.assertEqual(
            self.stored("addresses", client.legalsense_address_id)["department"],
            "Crediteurenadministratie",
        )

    def test_deleting_a_percentage_debtor_deletes_it(self):
        client = self.client_company()
        matter = self.matter_with_debtors(
            client, (client, {}), (self.other_company(), {"percentage": 40})
        )
        second = matter.debtor_ids[1]
        ls_id = second.legalsense_debtor_id
        self.forget_calls()
        self.run_all_jobs(
            lambda: matter.write({"debtor_ids": [Command.unlink(second.id)]})
        )
        self.assertEqual(self.call_lines(), [f"DELETE matterdebtors/{ls_id}"])
        self.assertEqual(len(self.ls_debtors(matter)), 1)

    def test_the_main_debtor_is_never_deleted(self):
        matter, other, (first, second) = self.matter_with_main_and_other_debtor()
        main_id, other_id = first.legalsense_debtor_id, second.legalsense_debtor_id
        self.forget_calls()
        self.run_all_jobs(
            lambda: matter.write({"debtor_ids": [Command.unlink(first.id)]})
        )
        lines = self.call_lines()
        self.assertNotIn(f"DELETE matterdebtors/{main_id}", lines)
        # The matter is sent again: the remaining debtor becomes the main debtor,
        # its own Percentage debtor goes.
        self.assertIn(f"PATCH matters/{matter.legalsense_matter_id}", lines)
        self.assertEqual(second.legalsense_debtor_id, main_id)
        self.assertIn(f"DELETE matterdebtors/{other_id}", lines)
        main = self.stored("matterdebtors", main_id)
        self.assertEqual(main["debtor"], {"id": other.legalsense_contact_id})
        self.assertEqual(len(self.ls_debtors(matter)), 1)

    def test_a_failed_delete_of_the_force_linked_debtors_own_is_retried(self):
        matter, _other, (first, second) = self.matter_with_main_and_other_debtor()
        main_id, other_id = first.legalsense_debtor_id, second.legalsense_debtor_id
        self.simulator.add_fault("DELETE", f"matterdebtors/{other_id}", status=503)
        retried = []
        with self.trapped_jobs() as trap:
            matter.write({"debtor_ids": [Command.unlink(first.id)]})
            for _round in range(10):
                jobs, trap.enqueued_jobs = trap.enqueued_jobs, []
                for job in jobs:
                    try:
                        job.perform()
                    except RetryableJobError:
                        retried.append(job)
                        job.perform()
        self.assertEqual(len(retried), 1)
        self.assertEqual(second.legalsense_debtor_id, main_id)
        self.assertEqual([d["id"] for d in self.ls_debtors(matter)], [main_id])

    def test_a_deleted_debtor_removes_what_its_lost_create_made(self):
        client = self.client_company()
        matter = self.matter_with_debtors(client, (client, {}))
        other = self.other_company()
        self.run_all_jobs(lambda: other._legalsense_queue_export())
        self.simulator.add_fault("POST", "matterdebtors", lost_response=True)
        self.simulator.add_fault("GET", "matterdebtors", status=503)
        with self.trapped_jobs() as trap:
            matter.write({"debtor_ids": [self.debtor_line(other, percentage=30)]})
            # Not assertRaises: its savepoint would undo the create in flight.
            failed = False
            try:
                trap.perform_enqueued_jobs()
            except RetryableJobError:
                failed = True
            self.assertTrue(failed, "The debtor's job did not fail.")
        debtor = matter.debtor_ids - matter.debtor_ids[:1]
        self.assertFalse(debtor.legalsense_debtor_id)
        lost = [d for d in self.ls_debtors(matter) if d["percentage"] == "30.00"]
        self.assertEqual(len(lost), 1)

        self.forget_calls()
        self.run_all_jobs(lambda: debtor.unlink())
        self.assertIn(f"DELETE matterdebtors/{lost[0]['id']}", self.call_lines())
        self.assertEqual(len(self.ls_debtors(matter)), 1)

    def test_reconciliation_links_the_first_unlinked_debtor(self):
        client = self.client_company()
        matter = self.create_matter(client=client)
        main_id = self.ls_debtors(matter)[0]["id"]
        self.run_all_jobs(
            lambda: matter.write(
                {"debtor_ids": [self.debtor_line(client, percentage=100)]}
            )
        )
        self.assertEqual(matter.debtor_ids.legalsense_debtor_id, main_id)
        self.assertEqual(len(self.ls_debtors(matter)), 1)

    def test_a_debtor_linked_to_the_main_debtor_is_sent(self):
        """Linked by the matter's job, the debtor's own values still go."""
        client = self.client_company()
        matter = self.create_matter(client=client)
        main_id = self.ls_debtors(matter)[0]["id"]
        with self.trapped_jobs() as trap:
            debtor = (
                self.env["legal.matter.debtor"]
                .with_context(legalsense_no_export=True)
                .create({"matter_id": matter.id, "partner_id": client.id})
            )
            run = MatterRun(self.env, self.config, self.config._get_client())
            matter._legalsense_reconcile_debtors(run)
        self.assertEqual(debtor.legalsense_debtor_id, main_id)
        trap.assert_jobs_count(1)
        self.assertEqual(trap.enqueued_jobs[0].recordset, debtor)

    def test_lost_debtor_create_makes_one_debtor(self):
        client = self.client_company()
        other = self.other_company()
        self.simulator.add_fault("POST", "matterdebtors", lost_response=True)
        matter = self.matter_with_debtors(
            client, (client, {}), (other, {"percentage": 25})
        )
        self.assertEqual(len(self.ls_debtors(matter)), 2)
        self.assertEqual(len({d.legalsense_debtor_id for d in matter.debtor_ids}), 2)

    def test_invoice_address_changes_on_the_matter_only(self):
        client = self.client_company(billing_email="f@jansen.nl")
        matter = self.matter_with_debtors(client, (client, {}))
        self.run_all_jobs(
            lambda: matter.debtor_ids.write({"invoice_emails": "m@jansen.nl"})
        )
        self.run_all_jobs(lambda: client.write({"billing_email": "nieuw@jansen.nl"}))
        self.assertEqual(matter.debtor_ids.invoice_emails, "m@jansen.nl")
        other = self.other_company(billing_email="b@bakker.nl")
        self.run_all_jobs(lambda: matter.debtor_ids.write({"partner_id": other.id}))
        self.assertEqual(matter.debtor_ids.invoice_emails, "b@bakker.nl")

    def test_invoice_email_ids_of_a_contact_synced_elsewhere(self):
        self.set_config(
            show_debtor_bill_email_address_existing_email_addresses_only=True
        )
        client = self.client_company(billing_email="f@jansen.nl")
        matter = self.matter_with_debtors(client, (client, {}))
        # As after an import: the contact is linked, its details not known.
        client.with_context(legalsense_import=True).write(
            {"legalsense_sync_data": False}
        )
        self.forget_calls()
        self.run_all_jobs(
            lambda: matter.debtor_ids.write({"invoice_emails": "f@jansen.nl;x@y.nl"})
        )
        # is_debtor is made sure of first, and its answer names the details.
        self.assertEqual(
            self.call_lines(),
            [
                f"PATCH contacts/{client.legalsense_contact_id}",
                f"PATCH matterdebtors/{matter.debtor_ids.legalsense_debtor_id}",
            ],
        )
        stored = self.ls_debtors(matter)[0]
        details = self.stored("contacts", client.legalsense_contact_id)["details"]
        to_id = next(d["id"] for d in details if d["is_billing_to_email"])
        self.assertEqual(stored["to_email"], {"id": to_id})
        self.assertEqual(stored["cc_emails_custom"], ["x@y.nl"])
