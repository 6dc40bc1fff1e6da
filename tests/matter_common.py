"""A firm with LegalSense settings, users, lookups and activity types, for the
matter tests (one simulator per class, jobs run through queue_job's trap)."""

from odoo import Command

from .partner_common import LegalSensePartnerCase

LS_FIRM = 1  # simulator seed: Van Dijk Advocaten
LS_PRACTICE_GROUP = 1  # Arbeidsrecht
LS_MATTER_TYPE = 1  # Advies
LS_PRACTICE_AREA = 1  # Arbeidsrecht
LS_REFERRER = 1  # Website
LS_KIND_CLIENT = 1  # Cliënt
LS_KIND_COUNTERPARTY = 2  # Wederpartij
LS_KIND_COUNSEL = 3  # Advocaat wederpartij
STATUS_NEW, STATUS_ACTIVE, STATUS_CLOSED, STATUS_ARCHIVED = 1, 2, 3, 4


class LegalSenseMatterCase(LegalSensePartnerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config.write(
            {
                "matter_status_code_new_id": STATUS_NEW,
                "matter_status_code_active_id": STATUS_ACTIVE,
                "matter_status_code_closed_id": STATUS_CLOSED,
                "matter_status_code_archived_id": STATUS_ARCHIVED,
            }
        )
        cls.Matter = cls.env["legal.matter"]
        cls.jan = cls.ls_user("jan", 2)
        cls.anne = cls.ls_user("anne", 3)
        cls.department = cls.env["hr.department"].create(
            {"name": "Arbeidsrecht", "company_id": cls.company.id}
        )
        cls.ls_ref(cls.department, LS_PRACTICE_GROUP, "LEGALSENSE_INTERNAL")
        cls.matter_type = cls.lookup("matter_type", "ADV", "Advies", LS_MATTER_TYPE)
        cls.area_of_law = cls.lookup("area_of_law", "ARB", "Arbeidsrecht", 1)
        cls.referral = cls.lookup("referral", "WEB", "Website", LS_REFERRER)
        cls.role_client = cls.lookup("activity_role", "Client", "Cliënt", 1)
        cls.role_counterparty = cls.lookup(
            "activity_role", "WEDER", "Wederpartij", LS_KIND_COUNTERPARTY
        )
        cls.role_counsel = cls.lookup(
            "activity_role", "ADVWP", "Advocaat wederpartij", LS_KIND_COUNSEL
        )
        cls.ActivityType = cls.env["legal.matter.activity.type"]
        cls.advice = cls.ActivityType.create(
            {"name": "Advice", "code": "MATTER_ADV", "firm_legalsense_id": LS_FIRM}
        )

    @classmethod
    def lookup(cls, lookup_type, code, name, ls_id=0, **values):
        return cls.env["legalsense.lookup.value"].create(
            {
                "lookup_type": lookup_type,
                "code": code,
                "name": name,
                "legalsense_id": ls_id,
                **values,
            }
        )

    # ------------------------------------------------------------ jobs

    def run_all_jobs(self, action):
        """Do ``action()`` and perform its jobs and the jobs they queue."""
        with self.trapped_jobs() as trap:
            result = action()
            for _round in range(10):
                if not trap.enqueued_jobs:
                    break
                trap.perform_enqueued_jobs()
        return result

    # ------------------------------------------------------------ records

    def client_company(self, **values):
        return self.Partner.create(self.company_values(**values))

    def matter_values(self, client, **values):
        return {
            "name": "Jansen / huurgeschil",
            "client_id": client.id,
            "matter_activity_type_id": self.advice.id,
            "owner_id": self.jan.id,
            "originator_id": self.anne.id,
            "department_id": self.department.id,
            "matter_type_id": self.matter_type.id,
            "area_of_law_id": self.area_of_law.id,
            "referral_id": self.referral.id,
            "open_date": "2024-03-04",
            "lang": "en_US",
            **values,
        }

    def create_matter(self, client=None, **values):
        """A matter created and exported, with everything its jobs do."""
        client = client or self.client_company()
        return self.run_all_jobs(
            lambda: self.Matter.create(self.matter_values(client, **values))
        )

    def debtor_line(self, partner, **values):
        return Command.create({"partner_id": partner.id, **values})

    def party_line(self, partner, role, **values):
        return Command.create({"partner_id": partner.id, "role_id": role.id, **values})

    def ls_matter(self, matter):
        return self.stored("matters", matter.legalsense_matter_id)

    def ls_matters(self):
        return [m for m in self.stored("matters")]

    def ls_debtors(self, matter):
        return [
            debtor
            for debtor in self.stored("matterdebtors")
            if debtor["matter"]["id"] == matter.legalsense_matter_id
        ]

    def ls_matter_contacts(self, matter):
        return [
            record
            for record in self.stored("mattercontacts")
            if record["matter"]["id"] == matter.legalsense_matter_id
        ]
