"""§ ActivityAttendee to LSMatterContacts and the client's matter contact."""

from odoo import Command
from odoo.tests import tagged

from ..legalsense_simulator.testing import ApiClient, person_payload
from ..models.matter.legal_matter_party import PARTY
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

    def assert_replaced(self, old_id, expected):
        """The old matter contact deleted, then ``expected`` posted; no PATCH."""
        lines = [line for line in self.call_lines() if "mattercontacts" in line]
        self.assertEqual(
            lines, [f"DELETE mattercontacts/{old_id}", "POST mattercontacts"]
        )
        self.assertEqual(self.body("POST", "mattercontacts"), expected)
        self.assertNotIn(old_id, [r["id"] for r in self.stored("mattercontacts")])

    def test_every_change_deletes_and_creates_again(self):
        company = self.counterparty()
        matter = self.create_matter(
            party_ids=[self.party_line(company, self.role_counterparty)]
        )
        party = matter.party_ids
        expected = {
            "contact": {"id": company.legalsense_contact_id},
            "contact_person": None,
            "matter": {"id": matter.legalsense_matter_id},
            "kind": {"id": LS_KIND_COUNTERPARTY},
            "their_reference": "R-2",
        }
        # Their reference.
        old_id = party.legalsense_matter_contact_id
        self.forget_calls()
        self.run_all_jobs(lambda: party.write({"their_reference": "R-2"}))
        self.assertEqual(
            self.call_lines(),
            [f"DELETE mattercontacts/{old_id}", "POST mattercontacts"],
        )
        self.assert_replaced(old_id, expected)
        self.assertNotEqual(party.legalsense_matter_contact_id, old_id)
        # The contact person.
        piet = self.Partner.create(
            self.person_values(parent_id=company.id, firstname="Piet")
        )
        old_id = party.legalsense_matter_contact_id
        self.forget_calls()
        self.run_all_jobs(lambda: party.write({"partner_id": piet.id}))
        expected["contact_person"] = {"id": piet.legalsense_contact_id}
        self.assertTrue(piet.legalsense_contact_id)
        self.assert_replaced(old_id, expected)
        # The role (kind).
        old_id = party.legalsense_matter_contact_id
        self.forget_calls()
        self.run_all_jobs(lambda: party.write({"role_id": self.role_counsel.id}))
        self.assertEqual(
            self.call_lines(),
            [f"DELETE mattercontacts/{old_id}", "POST mattercontacts"],
        )
        self.assert_replaced(old_id, expected | {"kind": {"id": LS_KIND_COUNSEL}})
        # The contact.
        other = self.counterparty(name="Andere B.V.")
        old_id = party.legalsense_matter_contact_id
        self.forget_calls()
        self.run_all_jobs(lambda: party.write({"partner_id": other.id}))
        self.assert_replaced(
            old_id,
            expected
            | {
                "contact": {"id": other.legalsense_contact_id},
                "contact_person": None,
                "kind": {"id": LS_KIND_COUNSEL},
            },
        )
        [stored] = self.ls_matter_contacts(matter)
        self.assertEqual(stored["id"], party.legalsense_matter_contact_id)
        # Nothing changed: nothing sent.
        self.forget_calls()
        self.run_all_jobs(lambda: party.write({"sequence": 5}))
        self.assertFalse(self.call_lines())

    def test_an_imported_party_legalsense_holds_is_not_replaced(self):
        """Imported with what LegalSense holds (no payload sent from here):
        an export of the unchanged party sends nothing; a changed one is
        replaced as any other."""
        company = self.counterparty()
        matter = self.create_matter(
            party_ids=[self.party_line(company, self.role_counterparty)]
        )
        party = matter.party_ids
        [stored] = self.ls_matter_contacts(matter)
        # As the matters import leaves it: LegalSense's record, no digest.
        party.with_context(legalsense_no_export=True).write(
            {"legalsense_sync_data": {PARTY.name: {"digest": None, "remote": stored}}}
        )
        self.forget_calls()
        self.run_all_jobs(party._legalsense_queue_export)
        self.assertEqual(self.call_lines(), [])
        self.assertEqual(party.legalsense_matter_contact_id, stored["id"])
        self.assertTrue(party.legalsense_sync_data[PARTY.name]["digest"])

        self.run_all_jobs(lambda: party.write({"their_reference": "R-3"}))
        self.assert_replaced(
            stored["id"],
            {
                "contact": {"id": company.legalsense_contact_id},
                "contact_person": None,
                "matter": {"id": matter.legalsense_matter_id},
                "kind": {"id": LS_KIND_COUNTERPARTY},
                "their_reference": "R-3",
            },
        )

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
        self.assert_replaced(
            old_id,
            {
                "contact": {"id": other.legalsense_contact_id},
                "matter": {"id": matter.legalsense_matter_id},
                "kind": {"id": LS_KIND_CLIENT},
            },
        )
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

    def test_originator_without_a_contact_gets_one_first(self):
        self.set_config(sync_matter_originator_to_cm_field="5")
        anne = self.anne.partner_id
        self.assertFalse(anne.legalsense_contact_id)
        matter = self.create_matter()
        lines = self.call_lines()
        self.assertEqual(
            lines,
            [
                "POST contacts",
                "GET clients",
                "GET version",
                "POST clients",
                "POST contacts",
                "POST matters",
                "POST mattercontacts",
            ],
        )
        # The originator's partner, as the partner sync makes a person.
        self.assertEqual(
            self.bodies("POST", "contacts")[1],
            {
                "is_organization": False,
                "is_debtor": False,
                "softkill_status": 1,
                "invoice_language": "en",
                "tax_scheme": 1,
                "first_name": "",
                "last_name": "Anne",
                "name_prefix": "",
                "initials": "",
                "gender": None,
                "birthdate": None,
                "title": "",
                "salutation": "Dear Sir/Madam",
                "has_dunning": True,
                "details": [],
            },
        )
        self.assertTrue(anne.legalsense_contact_id)
        self.assertEqual(
            self.stored("contacts", anne.legalsense_contact_id)["last_name"], "Anne"
        )
        self.assertEqual(
            self.body("POST", "mattercontacts"),
            {
                "contact": {"id": anne.legalsense_contact_id},
                "matter": {"id": matter.legalsense_matter_id},
                "kind": {"id": 5},
            },
        )
        self.assertEqual(
            matter.legalsense_originator_contact_id,
            self.ls_matter_contacts(matter)[0]["id"],
        )
        # Another originator: the old matter contact is replaced.
        old_id = matter.legalsense_originator_contact_id
        self.forget_calls()
        self.run_all_jobs(lambda: matter.write({"originator_id": self.jan.id}))
        jan = self.jan.partner_id
        self.assertTrue(jan.legalsense_contact_id)
        self.assert_replaced(
            old_id,
            {
                "contact": {"id": jan.legalsense_contact_id},
                "matter": {"id": matter.legalsense_matter_id},
                "kind": {"id": 5},
            },
        )
