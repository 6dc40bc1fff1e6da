from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import LegalSenseConfigCase


@tagged("post_install", "-at_install")
class TestLegalSenseConfigAccess(LegalSenseConfigCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        companies = {
            "company_id": cls.company.id,
            "company_ids": [(6, 0, cls.company.ids)],
        }
        cls.internal = new_test_user(
            cls.env, "ls_internal", groups="base.group_user", **companies
        )
        cls.ls_user = new_test_user(
            cls.env,
            "ls_user",
            groups="base.group_user,legalsense.group_legalsense_user",
            **companies,
        )
        cls.ls_manager = new_test_user(
            cls.env,
            "ls_manager",
            groups="base.group_user,legalsense.group_legalsense_manager",
            **companies,
        )

    def as_user(self, user):
        return self.config.with_user(user).with_company(self.company)

    def test_plain_internal_user_cannot_read(self):
        with self.assertRaises(AccessError):
            self.as_user(self.internal).read(["url"])

    def test_entry_points_read_the_config_for_any_user(self):
        Config = self.env["legalsense.config"].with_user(self.internal)
        config = Config.with_company(self.company)._get_config()
        self.assertEqual(config.id, self.config.id)
        self.assertEqual(config.url, self.config.url)

    def test_legalsense_user_reads_but_cannot_write(self):
        config = self.as_user(self.ls_user)
        self.assertEqual(config.url, "https://epona.legalsense.nl/api/v3/")
        with self.assertRaises(AccessError):
            config.write({"debug": True})
        with self.assertRaises(AccessError):
            config.action_test_connection()
        with self.assertRaises(AccessError):
            config.action_clear_password()

    def test_manager_writes_and_sets_secrets(self):
        config = self.as_user(self.ls_manager)
        config.write({"debug": True, "password": "by-manager"})
        self.assertTrue(self.config.debug)
        self.assertTrue(config.password_is_set)
        self.assertFalse(config.password)
        with self.assertRaises(AccessError):
            config.read(["password_encrypted"])
        config.action_clear_password()
        self.assertFalse(config.password_is_set)

    def test_manager_sees_the_menu_and_jobs(self):
        self.assertTrue(self.ls_manager.has_group("legalsense.group_legalsense_user"))
        self.assertTrue(self.ls_manager.has_group("queue_job.group_queue_job_manager"))
        menu = self.env.ref("legalsense.legalsense_menu")
        visible = self.env["ir.ui.menu"].with_user(self.ls_manager)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        visible = self.env["ir.ui.menu"].with_user(self.ls_user)._visible_menu_ids()
        self.assertNotIn(menu.id, visible)

    def test_other_company_config_is_invisible(self):
        other = self.new_config()
        Config = self.env["legalsense.config"].with_user(self.ls_manager)
        self.assertNotIn(other, Config.search([]))
        self.assertIn(self.config, Config.search([]))
