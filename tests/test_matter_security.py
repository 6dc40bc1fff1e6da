"""The Chinese wall in Odoo (§ Law, Notary: Chinese Wall) and access to matters."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .matter_common import LegalSenseMatterCase


@tagged("post_install", "-at_install")
class TestMatterChineseWall(LegalSenseMatterCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        user_group = cls.env.ref("legalsense.group_legalsense_user")
        cls.notary_group = cls.env["res.groups"].create({"name": "Notariaat"})
        cls.notary = cls.ActivityType.create(
            {
                "name": "Notary",
                "code": "MATTER_NOT",
                "chinese_wall_kind": 3,
                "wall_group_id": cls.notary_group.id,
            }
        )

        def lawyer(login, *groups):
            return cls.env["res.users"].create(
                {
                    "name": login.title(),
                    "login": login,
                    "company_id": cls.company.id,
                    "company_ids": [Command.set(cls.company.ids)],
                    "groups_id": [Command.set([user_group.id, *groups])],
                }
            )

        cls.inside = lawyer("notaris", cls.notary_group.id)
        cls.outside = lawyer("advocaat")
        cls.manager = lawyer(
            "beheerder", cls.env.ref("legalsense.group_legalsense_manager").id
        )
        client = cls.env["res.partner"].create(
            {"name": "Erven Jansen", "is_company": True}
        )
        values = {
            "name": "Boedelscheiding",
            "client_id": client.id,
            "company_id": cls.company.id,
            "party_ids": [
                Command.create(
                    {"partner_id": client.id, "role_id": cls.role_counterparty.id}
                )
            ],
            "debtor_ids": [Command.create({"partner_id": client.id})],
        }
        Matter = cls.env["legal.matter"].with_context(legalsense_no_export=True)
        cls.walled = Matter.create({**values, "matter_activity_type_id": cls.notary.id})
        cls.open_matter = Matter.create(
            {**values, "name": "Advies", "matter_activity_type_id": cls.advice.id}
        )
        cls.untyped = Matter.create({**values, "name": "Zonder soort"})

    def visible(self, user, model="legal.matter"):
        return self.env[model].with_user(user).search([])

    def test_activity_type_is_walled_by_its_chinese_wall_kind(self):
        self.assertTrue(self.notary.is_chinese_wall)
        self.assertFalse(self.advice.is_chinese_wall)
        self.assertEqual(
            self.ActivityType.search([("is_chinese_wall", "=", True)]), self.notary
        )
        ref = self.notary._legalsense_external_ref("LEGALSENSE_CHINESEWALL")
        self.assertEqual(ref.external_id, "3")
        self.assertEqual(
            self.advice._legalsense_external_ref("LEGALSENSE_INTERNAL").external_code,
            "MATTER_ADV",
        )

    def test_member_of_the_practice_group_sees_the_walled_matter(self):
        matters = self.visible(self.inside)
        self.assertIn(self.walled, matters)
        self.assertEqual(self.walled.with_user(self.inside).name, "Boedelscheiding")

    def test_user_outside_the_practice_group_cannot_open_it(self):
        matters = self.visible(self.outside)
        self.assertNotIn(self.walled, matters)
        self.assertIn(self.open_matter, matters)
        self.assertIn(self.untyped, matters)
        with self.assertRaises(AccessError):
            self.walled.with_user(self.outside).read(["name"])
        for model, field in (
            ("legal.matter.party", "party_ids"),
            ("legal.matter.debtor", "debtor_ids"),
        ):
            lines = self.visible(self.outside, model)
            self.assertFalse(lines & self.walled[field])
            self.assertTrue(self.open_matter[field] <= lines)

    def test_legalsense_managers_see_every_matter(self):
        matters = self.visible(self.manager)
        self.assertTrue((self.walled | self.open_matter | self.untyped) <= matters)

    def test_a_user_without_legalsense_has_no_matters(self):
        plain = self.env["res.users"].create(
            {
                "name": "Receptie",
                "login": "receptie",
                "company_id": self.company.id,
                "company_ids": [Command.set(self.company.ids)],
                "groups_id": [Command.set([self.env.ref("base.group_user").id])],
            }
        )
        with self.assertRaises(AccessError):
            self.env["legal.matter"].with_user(plain).search([])

    def test_lifting_the_wall_opens_the_matter(self):
        self.notary.chinese_wall_kind = 0
        self.assertIn(self.walled, self.visible(self.outside))
