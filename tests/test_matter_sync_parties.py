"""§ ActivityAttendee to LSMatterContacts and the client's matter contact."""

from odoo import Command
from odoo.tests import tagged

from ..legalsense_simulator.testing import ApiClient, person_payload
from .matter_common import (
    LS_KIND_CLIENT,
    LS_KIND_COUNSEL,
    LS_KIND_COUNTERPARTY,
    LegalSenseMatterCase,
)


@tagged("post_install", "-at_install")
class TestMatterParties(LegalSenseMatterCase):
    def counterparty(self, **values):
        values = {"name": "Wederpartij B.V.", "street": "Dam 3", **values}
        return self.Partner.create(self.company_values(**values))

    def test_party_rows_after_the_matter(self):
        client = self.client_company()
        company = self.counterparty()
        counsel = self.Partner.create(
            self.person_values(parent_id=company.id, firstname="Piet")
        )
        matter = self.create_matter(
            client=client,
            party_ids=[
                self.party_line(company, self.role_counterparty, their_reference="R-1"),
                self.party_line(counsel, self.role_counsel),
            ],
        )
        lines = self.call_lines()
        self.assertLess(lines.index("POST matters"), lines.index("POST mattercontacts"))
        first, second = self.bodies("POST", "mattercontacts")
        self.assertEqual(
            first,
            {
                "contact": {"id": company.legalsense_contact_id},
                "contact_person": None,
                "matter": {"id": matter.legalsense_matter_id},
                "kind": {"id": LS_KIND_COUNTERPARTY},
                "their_reference": "R-1",
            },
        )
        self.assertEqual(second["contact"], {"id": company.legalsense_contact_id})
        self.assertEqual(
            second["contact_person"], {"id": counsel.legalsense_contact_id}
        )
        self.assertEqual(second["kind"], {"id": LS_KIND_COUNSEL})
        self.assertTrue(all(matter.party_ids.mapped("legalsense_matter_contact_id")))

    def test_kind_or_contact_change_recreates_reference_change_patches(self):
        company = self.counterparty()
        matter = self.create_matter(
            party_ids=[self.party_line(company, self.role_counterparty)]
        )
        party = matter.party_ids
        old_id = party.legalsense_matter_contact_id
        self.forget_calls()
        self.run_all_jobs(lambda: party.write({"their_reference": "R-2"}))
        self.assertEqual(self.call_lines(), [f"PATCH mattercontacts/{old_id}"])
        self.forget_calls()
        self.run_all_jobs(lambda: party.write({"role_id": self.role_counsel.id}))
        self.assertEqual(
            self.call_lines(),
            [f"DELETE mattercontacts/{old_id}", "POST mattercontacts"],
        )
        new_id = party.legalsense_matter_contact_id
        self.assertNotEqual(new_id, old_id)
        self.assertEqual(
            self.stored("mattercontacts", new_id)["kind"], {"id": LS_KIND_COUNSEL}
        )
        self.forget_calls()
        other = self.counterparty(name="Andere B.V.")
        self.run_all_jobs(lambda: party.write({"partner_id": other.id}))
        self.assertIn(f"DELETE mattercontacts/{new_id}", self.call_lines())
        self.assertEqual(len(self.ls_matter_contacts(matter)), 1)

    def test_deleting_a_party_deletes_it_unless_the_matter_goes(self):
        company = self.counterparty()
        matter = self.create_matter(
            party_ids=[
                self.party_line(company, self.role_counterparty),
                self.party_line(company, self.role_counsel),
            ]
        )
        first, second = matter.party_ids
        ls_id = first.legalsense_matter_contact_id
        kept_id = second.legalsense_matter_contact_id
        self.forget_calls()
        self.run_all_jobs(
            lambda: matter.write({"party_ids": [Command.unlink(first.id)]})
        )
        self.assertEqual(self.call_lines(), [f"DELETE mattercontacts/{ls_id}"])
        self.forget_calls()
        self.run_all_jobs(matter.unlink)
        self.assertNotIn("DELETE mattercontacts", " ".join(self.call_lines()))
        self.assertTrue(self.stored("mattercontacts", kept_id))

    def test_employee_client_gets_a_client_matter_contact(self):
        company = self.client_company()
        person = self.Partner.create(self.person_values(parent_id=company.id))
        matter = self.create_matter(client=person)
        ls_matter = self.ls_matter(matter)
        self.assertEqual(ls_matter["client"], {"id": company.legalsense_client_id})
        self.assertFalse(person.legalsense_client_id)
        client_contact = self.stored(
            "mattercontacts", matter.legalsense_client_contact_id
        )
        self.assertEqual(
            client_contact["contact"], {"id": person.legalsense_contact_id}
        )
        self.assertEqual(client_contact["kind"], {"id": LS_KIND_CLIENT})
        # Another person: the matter contact is deleted and made again.
        other = self.Partner.create(
            self.person_values(parent_id=company.id, firstname="Kees")
        )
        old_id = matter.legalsense_client_contact_id
        self.forget_calls()
        self.run_all_jobs(lambda: matter.write({"client_id": other.id}))
        self.assertIn(f"DELETE mattercontacts/{old_id}", self.call_lines())
        record = self.stored("mattercontacts", matter.legalsense_client_contact_id)
        self.assertEqual(record["contact"], {"id": other.legalsense_contact_id})
        # The company itself as client: no client matter contact.
        self.forget_calls()
        new_id = matter.legalsense_client_contact_id
        self.run_all_jobs(lambda: matter.write({"client_id": company.id}))
        self.assertIn(f"DELETE mattercontacts/{new_id}", self.call_lines())
        self.assertFalse(matter.legalsense_client_contact_id)

    def test_client_role_code_setting(self):
        self.set_config(matter_contact_activity_role_code_for_client="ADVWP")
        company = self.client_company()
        person = self.Partner.create(self.person_values(parent_id=company.id))
        matter = self.create_matter(client=person)
        record = self.stored("mattercontacts", matter.legalsense_client_contact_id)
        self.assertEqual(record["kind"], {"id": LS_KIND_COUNSEL})

    def test_originator_as_matter_contact(self):
        self.set_config(sync_matter_originator_to_cm_field="5")
        # The firm's own people are not synced as contacts: the originator's
        # LegalSense contact comes from the import.
        contact = ApiClient(self.simulator).create(
            "contacts", person_payload(first_name="Anne", last_name="Bakker")
        )
        self.anne.partner_id.with_context(legalsense_import=True).write(
            {"legalsense_contact_id": contact["id"]}
        )
        matter = self.create_matter()
        self.assertNotIn("originating_user", self.body("POST", "matters"))
        record = self.stored("mattercontacts", matter.legalsense_originator_contact_id)
        self.assertEqual(record["kind"], {"id": 5})
        self.assertEqual(
            record["contact"], {"id": self.anne.partner_id.legalsense_contact_id}
        )
