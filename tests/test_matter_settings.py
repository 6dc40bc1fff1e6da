"""Matters — General settings, deletion, and the matter form options."""

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .matter_common import LS_PRACTICE_GROUP, LegalSenseMatterCase


@tagged("post_install", "-at_install")
class TestMatterGeneralSettings(LegalSenseMatterCase):
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
        cls.jan.email = "jan@advocaten.example"
        cls.anne.email = "anne@advocaten.example"

    def notified(self, matter):
        """The partners told about ``matter`` by a LegalSense notification
        (who got a notification, not only who was named)."""
        messages = self.env["mail.message"].search(
            [
                ("model", "=", "legal.matter"),
                ("res_id", "=", matter.id),
                ("message_type", "=", "user_notification"),
            ]
        )
        return [
            (message.subject, message.notification_ids.res_partner_id)
            for message in messages
        ]

    def test_new_and_change_notifications(self):
        self.set_config(
            new_matter_send_email="Owner,OwnerSub", change_matter_send_email="Owner"
        )
        matter = self.create_matter()
        [(subject, partners)] = self.notified(matter)
        self.assertIn("created in LegalSense", subject)
        self.assertEqual(partners, (self.jan | self.anne).partner_id)
        self.run_all_jobs(lambda: matter.write({"name": "Nieuwe naam"}))
        changed = [item for item in self.notified(matter) if "changed" in item[0]]
        self.assertEqual(changed[0][1], self.jan.partner_id)
        # Nothing sent, nobody told.
        self.run_all_jobs(matter.action_legalsense_sync_now)
        count = len(self.notified(matter))
        self.run_all_jobs(lambda: matter.write({"color": 2}))
        self.assertEqual(len(self.notified(matter)), count)

    def test_the_user_who_made_the_change_is_notified_too(self):
        self.set_config(
            new_matter_send_email="CreatedBy,OwnerSub",
            change_matter_send_email="ModifiedBy",
        )
        self.jan.groups_id |= self.env.ref("legalsense.group_legalsense_user")
        client = self.client_company()
        matter = self.run_all_jobs(
            lambda: self.Matter.with_user(self.jan).create(self.matter_values(client))
        )
        self.assertEqual(matter.create_uid, self.jan)
        [(subject, partners)] = self.notified(matter)
        self.assertIn("created in LegalSense", subject)
        self.assertEqual(partners, (self.jan | self.anne).partner_id)
        self.run_all_jobs(
            lambda: matter.with_user(self.jan).write({"name": "Nieuwe naam"})
        )
        [(subject, partners)] = [
            item for item in self.notified(matter) if "changed" in item[0]
        ]
        self.assertEqual(partners, self.jan.partner_id)

    def test_no_notifications_when_the_settings_are_empty(self):
        self.set_config(new_matter_send_email=False, change_matter_send_email=False)
        matter = self.create_matter()
        self.run_all_jobs(lambda: matter.write({"name": "Nieuwe naam"}))
        self.assertFalse(self.notified(matter))

    def test_new_matter_change_owner_for_client(self):
        self.set_config(new_matter_change_owner_for_client=True)
        client = self.client_company()
        self.create_matter(client=client)
        self.assertEqual(client.user_id, self.jan)
        # An active owner stays.
        other = self.client_company(name="Ander", user_id=self.anne.id)
        self.create_matter(client=other, name="Tweede")
        self.assertEqual(other.user_id, self.anne)
        # An inactive owner is replaced.
        self.anne.active = False
        self.create_matter(client=other, name="Derde")
        self.assertEqual(other.user_id, self.jan)

    def test_client_owner_unchanged_without_the_setting(self):
        client = self.client_company()
        self.create_matter(client=client)
        self.assertFalse(client.user_id)

    def test_use_owner_for_matter_practice_group(self):
        self.set_config(use_owner_for_matter_practice_group=True)
        office = self.env["hr.work.location"].create(
            {
                "name": "Rotterdam",
                "location_type": "office",
                "address_id": self.company.partner_id.id,
            }
        )
        other_department = self.env["hr.department"].create(
            {"name": "Ondernemingsrecht", "company_id": self.company.id}
        )
        self.ls_ref(other_department, 2, "LEGALSENSE_INTERNAL")
        self.env["hr.employee"].create(
            {
                "name": "Anne",
                "user_id": self.anne.id,
                "company_id": self.company.id,
                "department_id": other_department.id,
                "work_location_id": office.id,
            }
        )
        # The originator's employee record wins over the department given.
        matter = self.create_matter(department_id=self.department.id)
        self.assertEqual(matter.department_id, other_department)
        self.assertEqual(matter.office_id, office)
        self.assertEqual(self.body("POST", "matters")["practice_group"], {"id": 2})
        # Another originator: its employee's department, whatever is given.
        self.env["hr.employee"].create(
            {
                "name": "Jan",
                "user_id": self.jan.id,
                "company_id": self.company.id,
                "department_id": self.department.id,
            }
        )
        self.forget_calls()
        self.run_all_jobs(
            lambda: matter.write(
                {"originator_id": self.jan.id, "department_id": other_department.id}
            )
        )
        self.assertEqual(matter.department_id, self.department)
        self.assertEqual(matter.office_id, office)
        path = f"matters/{matter.legalsense_matter_id}"
        self.assertEqual(self.call_lines(), [f"PATCH {path}"])
        body = self.calls()[0][2]
        self.assertEqual(
            (body["practice_group"], body["billing_user"]),
            ({"id": LS_PRACTICE_GROUP}, {"id": 2}),
        )

    def test_department_from_the_activity_type(self):
        self.advice.practice_group_id = self.department
        matter = self.create_matter(department_id=False)
        self.assertEqual(matter.department_id, self.department)
        self.assertEqual(
            self.body("POST", "matters")["practice_group"], {"id": LS_PRACTICE_GROUP}
        )

    # ------------------------------------------------------------ deletion

    def steward_mails(self):
        return self.env["mail.mail"].search(
            [("email_to", "ilike", "steward@advocaten.example")]
        )

    def test_deleted_matter_is_reported_to_the_data_steward(self):
        matter = self.create_matter()
        ls_id = matter.legalsense_matter_id
        self.forget_calls()
        self.run_all_jobs(matter.unlink)
        self.assertFalse(self.call_lines())
        mail = self.steward_mails()
        self.assertEqual(len(mail), 1)
        self.assertIn("delete it there by hand", mail.body_html)
        self.assertEqual(self.stored("matters", ls_id)["softkill_status"], 1)

    def test_mark_matter_as_removed_deletes_it(self):
        self.set_config(mark_matter_as_removed=True)
        matter = self.create_matter(
            party_ids=[self.party_line(self.client_company(), self.role_counterparty)]
        )
        ls_id = matter.legalsense_matter_id
        self.forget_calls()
        self.run_all_jobs(matter.unlink)
        self.assertEqual(self.call_lines(), [f"DELETE matters/{ls_id}"])
        self.assertEqual(self.stored("matters", ls_id)["softkill_status"], 3)
        self.assertIn("marked as removed", self.steward_mails().body_html)

    def test_unsynced_matter_deletion_sends_nothing(self):
        self.set_config(sync_matter_if_verified=True)
        matter = self.create_matter()
        with self.trapped_jobs() as trap:
            matter.unlink()
            self.assertFalse(trap.enqueued_jobs)


@tagged("post_install", "-at_install")
class TestMatterFormOptions(LegalSenseMatterCase):
    def test_matter_type_and_area_of_law_required(self):
        self.set_config(show_matter_type="required", show_area_of_law="not_visible")
        client = self.client_company()
        with self.assertRaisesRegex(ValidationError, "needs a matter type"):
            self.Matter.create(self.matter_values(client, matter_type_id=False))
        matter = self.Matter.new({"client_id": client.id})
        self.assertEqual(matter.legalsense_show_matter_type, "required")
        self.assertEqual(matter.legalsense_show_area_of_law, "not_visible")
        self.set_config(show_matter_type="visible", show_area_of_law="required")
        with self.assertRaisesRegex(ValidationError, "needs an area of law"):
            self.Matter.create(self.matter_values(client, area_of_law_id=False))

    def test_single_payor(self):
        self.set_config(show_multiple_matter_payors=False)
        client = self.client_company()
        with self.assertRaisesRegex(ValidationError, "one debtor only"):
            self.Matter.create(
                self.matter_values(
                    client,
                    debtor_ids=[self.debtor_line(client), self.debtor_line(client)],
                )
            )

    def test_hide_department_and_form(self):
        self.set_config(hide_department=True, show_area_of_law="not_visible")
        client = self.client_company(
            billing_email="f@jansen.nl", dunning_email="d@j.nl"
        )
        with Form(self.Matter) as form:
            form.name = "Via het formulier"
            form.client_id = client
            self.assertTrue(form.legalsense_hide_department)
            with form.debtor_ids.new() as line:
                line.partner_id = client
                self.assertEqual(line.invoice_emails, "f@jansen.nl")
                self.assertEqual(line.dunning_emails, "d@j.nl")
                line.invoice_emails = "ander@jansen.nl"
        matter = form.record
        self.assertEqual(matter.debtor_ids.invoice_emails, "ander@jansen.nl")
        self.assertEqual(matter.lang, client.lang)

    def test_real_archive_number_must_be_a_number(self):
        self.set_config(sync_matter_archive_number_from_cm_to_ls="RealArchiveNumber")
        client = self.client_company()
        with self.assertRaisesRegex(ValidationError, "whole number"):
            self.Matter.create(self.matter_values(client, archive_number="A-17"))

    def test_dates_cannot_precede_the_open_date(self):
        client = self.client_company()
        with self.assertRaisesRegex(ValidationError, "before it was opened"):
            self.Matter.create(self.matter_values(client, close_date="2024-01-01"))

    def test_percentage_between_0_and_100(self):
        client = self.client_company()
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            self.Matter.create(
                self.matter_values(
                    client, debtor_ids=[self.debtor_line(client, percentage=120)]
                )
            )


@tagged("post_install", "-at_install")
class TestMatterPartnerRoles(LegalSenseMatterCase):
    def test_roles_from_matters_and_smart_buttons(self):
        client = self.client_company()
        payor = self.client_company(name="Bakker")
        party = self.client_company(name="Wederpartij")
        person = self.Partner.create(self.person_values(parent_id=party.id))
        Matter = self.Matter.with_context(legalsense_no_export=True)
        matter = Matter.create(
            self.matter_values(
                client,
                debtor_ids=[self.debtor_line(payor)],
                party_ids=[
                    self.party_line(party, self.role_counterparty),
                    self.party_line(person, self.role_counsel),
                ],
            )
        )
        self.assertTrue(client.legal_is_client)
        self.assertFalse(client.legal_is_payor)
        self.assertTrue(payor.legal_is_payor)
        self.assertEqual(party.legal_party_role_ids, self.role_counterparty)
        self.assertEqual(person.legal_party_role_ids, self.role_counsel)
        Partner = self.Partner.with_context(active_test=False)
        self.assertIn(client, Partner.search([("legal_is_client", "=", True)]))
        self.assertNotIn(payor, Partner.search([("legal_is_client", "=", True)]))
        self.assertIn(payor, Partner.search([("legal_is_payor", "=", True)]))
        self.assertEqual(
            Partner.search([("legal_party_role_ids", "in", self.role_counsel.ids)]),
            person,
        )
        # The company counts the matters of its contact persons too.
        self.assertEqual(party.legal_matter_count, 1)
        action = party.action_open_legal_matters()
        self.assertEqual(self.Matter.search(action["domain"]), matter)
        action = matter.action_open_client_matters()
        self.assertEqual(self.Matter.search(action["domain"]), matter)
        self.assertEqual(matter.action_open_client()["res_id"], client.id)
