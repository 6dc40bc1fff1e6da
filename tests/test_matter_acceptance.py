"""Acceptance: a newcomer's matter from creation to archive (issue "Matters").

A new client with two debtors (60/40) and a counterparty; verified, closed,
archived. At each step the simulator holds exactly one matter with the
manual's values, the debtors with the right e-mail fields, and the matter
contact; the Odoo matter shows the LegalSense matter code and a green badge;
a user outside the practice group cannot open the walled matter.
"""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .matter_common import (
    LS_FIRM,
    LS_KIND_COUNTERPARTY,
    STATUS_ACTIVE,
    STATUS_ARCHIVED,
    STATUS_CLOSED,
    STATUS_NEW,
    LegalSenseMatterCase,
)


@tagged("post_install", "-at_install")
class TestMatterAcceptance(LegalSenseMatterCase):
    def test_new_client_two_debtors_counterparty_verify_close_archive(self):
        self.set_config(
            show_debtor_bill_email_address=True,
            show_debtor_bill_email_address_existing_email_addresses_only=True,
            show_debtor_dunning_email_address=True,
            sync_matter_archive_number_from_cm_to_ls="ArchiveNumber",
        )
        wall_group = self.env["res.groups"].create({"name": "Arbeidsrecht"})
        self.advice.write({"chinese_wall_kind": 5, "wall_group_id": wall_group.id})
        client = self.client_company(
            email="info@jansen.nl",
            billing_email="facturen@jansen.nl",
            dunning_email="aanmaning@jansen.nl",
        )
        partner_40 = self.client_company(
            name="Bakker Beheer",
            street="Dam 2",
            billing_email="ap@bakker.nl;cfo@bakker.nl;admin@bakker.nl",
        )
        counterparty = self.client_company(name="Wederpartij B.V.", street="Dam 3")
        matter = self.create_matter(
            client=client,
            debtor_ids=[
                self.debtor_line(client, percentage=60),
                self.debtor_line(partner_40, percentage=40),
            ],
            party_ids=[self.party_line(counterparty, self.role_counterparty)],
        )
        self.env.invalidate_all()  # what the database holds, not the cache

        # --- created
        [ls_matter] = self.ls_matters()
        self.assertEqual(matter.legalsense_matter_id, ls_matter["id"])
        self.assertEqual(matter.code, ls_matter["number"])
        self.assertEqual(matter.legalsense_sync_state, "synced")
        self.assertEqual(ls_matter["client"], {"id": client.legalsense_client_id})
        self.assertEqual(ls_matter["firm"], {"id": LS_FIRM})
        self.assertEqual(ls_matter["date"], "2024-03-04")
        self.assertEqual(ls_matter["matter_status"], {"id": STATUS_NEW})
        self.assertEqual(ls_matter["softkill_status"], 1)
        self.assertIsNone(ls_matter["archived_date"])

        debtors = {d["debtor"]["id"]: d for d in self.ls_debtors(matter)}
        self.assertEqual(len(debtors), 2)
        main = debtors[client.legalsense_contact_id]
        self.assertEqual(main["split_type"], "FullRemainingAmount")
        details = {
            item["kind"]: item["id"]
            for item in self.stored("contacts", client.legalsense_contact_id)["details"]
        }
        self.assertEqual(main["to_email"], {"id": details["email_2"]})
        self.assertEqual(main["cc_emails_custom"], [])
        self.assertEqual(main["dunning_to_emails_custom"], ["aanmaning@jansen.nl"])
        other = debtors[partner_40.legalsense_contact_id]
        self.assertEqual(other["split_type"], "Percentage")
        self.assertEqual(other["percentage"], "40.00")
        other_details = {
            item["value"]: item["id"]
            for item in self.stored("contacts", partner_40.legalsense_contact_id)[
                "details"
            ]
        }
        self.assertEqual(other["to_email"], {"id": other_details["ap@bakker.nl"]})
        self.assertEqual(
            other["cc_emails_custom"], ["cfo@bakker.nl", "admin@bakker.nl"]
        )
        self.assertEqual(other["invoice_send_method"], "Email")

        [ls_contact] = self.ls_matter_contacts(matter)
        self.assertEqual(
            ls_contact["contact"], {"id": counterparty.legalsense_contact_id}
        )
        self.assertEqual(ls_contact["kind"], {"id": LS_KIND_COUNTERPARTY})
        self.assertEqual(
            matter.party_ids.legalsense_matter_contact_id, ls_contact["id"]
        )

        # --- verified
        self.run_all_jobs(matter.action_verify)
        [ls_matter] = self.ls_matters()
        self.assertEqual(ls_matter["matter_status"], {"id": STATUS_ACTIVE})

        # --- closed
        self.run_all_jobs(matter.action_close)
        [ls_matter] = self.ls_matters()
        self.assertEqual(ls_matter["matter_status"], {"id": STATUS_CLOSED})
        self.assertEqual(ls_matter["softkill_status"], 2)
        self.assertEqual(ls_matter["archived_date"], str(matter.close_date))

        # --- archived, with its archive number
        self.run_all_jobs(lambda: matter.write({"archive_number": "DOOS-12"}))
        self.run_all_jobs(matter.action_archive_matter)
        self.env.invalidate_all()
        [ls_matter] = self.ls_matters()
        self.assertEqual(ls_matter["matter_status"], {"id": STATUS_ARCHIVED})
        self.assertEqual(ls_matter["archive_information"]["notes"], "DOOS-12")
        self.assertEqual(len(self.ls_debtors(matter)), 2)
        self.assertEqual(len(self.ls_matter_contacts(matter)), 1)
        self.assertEqual(matter.state, "archived")
        self.assertEqual(matter.code, ls_matter["number"])
        self.assertEqual(matter.legalsense_sync_state, "synced")

        # --- the wall
        outsider = self.env["res.users"].create(
            {
                "name": "Stagiair",
                "login": "stagiair",
                "company_id": self.company.id,
                "company_ids": [Command.set(self.company.ids)],
                "groups_id": [
                    Command.set([self.env.ref("legalsense.group_legalsense_user").id])
                ],
            }
        )
        with self.assertRaises(AccessError):
            matter.with_user(outsider).read(["name"])
        self.jan.groups_id |= wall_group | self.env.ref(
            "legalsense.group_legalsense_user"
        )
        self.assertEqual(
            matter.with_user(self.jan).read(["name"])[0]["name"], matter.name
        )
