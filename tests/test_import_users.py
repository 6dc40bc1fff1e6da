from odoo.exceptions import UserError
from odoo.tests import tagged

from .import_common import LegalSenseImportCase

EMAIL = "{}@advocaten.example"


@tagged("post_install", "-at_install")
class TestImportUsers(LegalSenseImportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Users = cls.env["res.users"].with_context(active_test=False)
        cls.Employees = cls.env["hr.employee"].with_context(active_test=False)

    def user_of(self, ls_id):
        return self.Users.search([("legalsense_user_id", "=", ls_id)])

    def employee_of(self, ls_id):
        return self.Employees.search(
            [("legalsense_user_id", "=", ls_id), ("company_id", "=", self.company.id)]
        )

    def ls_user(self, ident, username, **values):
        return {
            "id": ident,
            "username": username,
            "first_name": "Kees",
            "name_prefix": "",
            "last_name": "Smit",
            "email": f"{username}@advocaten.example",
            "abbreviation": "KS",
            "is_active": True,
            "begin_date": "2020-02-01",
            "end_date": None,
            "offices": [],
            "primary_office": None,
            **values,
        }

    def test_users_offices_and_employees_are_created(self):
        run = self.run_import("users")
        self.assertEqual(run.state, "done")
        self.assertEqual(self.counts(run, "offices"), {"created": 2})
        self.assertEqual(self.counts(run, "users"), {"created": 4, "skipped": 1})
        self.assertFalse(self.Users.search([("login", "=", "admin_1")]))
        jan = self.user_of(2)
        self.assertEqual(jan.login, "jdevries")
        self.assertEqual(
            (jan.firstname, jan.infix, jan.lastname), ("Jan", "de", "Vries")
        )
        self.assertEqual(jan.email, EMAIL.format("jdevries"))
        self.assertTrue(jan.has_group("base.group_user"))
        self.assertEqual(
            self.env["legalsense.external.ref"]._external_id(jan, "LEGALSENSE"), "2"
        )
        employee = self.employee_of(2)
        self.assertEqual(employee.user_id, jan)
        self.assertEqual(employee.work_contact_id, jan.partner_id)
        self.assertEqual(employee.work_email, EMAIL.format("jdevries"))
        self.assertEqual(str(employee.legalsense_begin_date), "2015-01-01")
        self.assertEqual(employee.work_location_id.name, "Amsterdam")
        self.assertEqual(self.employee_of(3).work_location_id.name, "Rotterdam")
        self.assertEqual(employee.work_location_id.legalsense_id, 1)
        # an inactive LegalSense user is created archived (no skip setting)
        marieke = self.user_of(5)
        self.assertFalse(marieke.active)
        self.assertFalse(self.employee_of(5).active)

    def test_initial_passwords_are_shown_once(self):
        run = self.run_import("users")
        self.assertEqual(run.password_count, 4)
        self.assertTrue(self.user_of(2)._check_credentials)
        action = run.action_show_passwords()
        message = action["params"]["message"]
        self.assertIn("jdevries: jdevries2", message)
        self.assertIn("abakker: abakker3", message)
        self.assertFalse(run.password_ids)
        with self.assertRaises(UserError):
            run.action_show_passwords()

    def test_skip_inactive_users(self):
        self.config.import_users_skip_inactive_users = True
        run = self.run_import("users")
        self.assertFalse(self.user_of(5))
        self.assertEqual(self.counts(run, "users"), {"created": 3, "skipped": 2})

    def test_existing_user_becoming_inactive_is_disabled(self):
        self.run_import("users")
        self.config.import_users_skip_inactive_users = True
        self.load(users=[self.ls_user(2, "jdevries", is_active=False)])
        run = self.run_import("users")
        self.assertFalse(self.user_of(2).active)
        self.assertEqual(self.counts(run, "users"), {"updated": 1})

    def test_special_characters_and_email_part(self):
        self.load(
            users=[
                self.ls_user(7, "a&b/c\\d?e#f"),
                self.ls_user(8, "x", email="piet.smit@advocaten.example"),
            ]
        )
        self.config.import_users_use_email_address_part_for_username = False
        self.run_import("users")
        self.assertEqual(self.user_of(7).login, "a_b_c_d_e_f")
        self.assertEqual(self.user_of(8).login, "x")

    def test_email_part_for_username(self):
        self.load(users=[self.ls_user(8, "x", email="piet.smit@advocaten.example")])
        self.config.import_users_use_email_address_part_for_username = True
        self.run_import("users")
        self.assertEqual(self.user_of(8).login, "piet.smit")

    def test_windows_domain_name_means_no_password(self):
        self.config.windows_domain_name = "ADVOCATEN"
        run = self.run_import("users")
        self.assertEqual(self.user_of(2).login, "ADVOCATEN\\jdevries")
        self.assertEqual(self.user_of(2).legalsense_authentication, "windows")
        self.assertFalse(run.password_count)

    def test_forms_authentication_gets_the_initial_password(self):
        run = self.run_import("users")
        self.assertEqual(self.user_of(2).legalsense_authentication, "forms")
        self.assertTrue(run.password_count)

    def test_employee_found_by_ls_id_keeps_its_person(self):
        """The new user of an employee found by its LegalSense id is that
        employee's person: no second person of the same name."""
        person = self.env["res.partner"].create({"name": "Jan de Vries"})
        employee = self.env["hr.employee"].create(
            {
                "name": "Jan de Vries",
                "company_id": self.company.id,
                "work_contact_id": person.id,
                "legalsense_user_id": 2,
            }
        )
        self.run_import("users")
        user = self.user_of(2)
        self.assertEqual(employee.user_id, user)
        self.assertEqual(user.partner_id, person)
        self.assertEqual(
            self.env["res.partner"].search_count([("name", "=", user.name)]), 1
        )

    def test_employee_matched_by_email_among_unlinked_employees(self):
        employee = self.env["hr.employee"].create(
            {
                "name": "J. de Vries",
                "company_id": self.company.id,
                "work_email": "JDEVRIES@advocaten.example",
            }
        )
        run = self.run_import("users")
        self.assertEqual(self.employee_of(2), employee)
        self.assertEqual(employee.user_id, self.user_of(2))
        self.assertEqual(self.counts(run, "users")["created"], 4)

    def test_user_matched_by_login_then_email(self):
        by_login = self.Users.create({"name": "Jan", "login": "jdevries"})
        by_email = self.Users.create(
            {"name": "Anne", "login": "anne", "email": EMAIL.format("abakker")}
        )
        run = self.run_import("users")
        self.assertEqual(self.user_of(2), by_login)
        self.assertEqual(self.user_of(3), by_email)
        self.assertEqual(
            self.counts(run, "users"), {"created": 2, "linked": 2, "skipped": 1}
        )
        # not overwritten without Overwrite
        self.assertEqual(by_login.name, "Jan")

    def test_user_of_another_ls_user_is_not_taken(self):
        other = self.Users.create(
            {"name": "Other", "login": "jdevries", "legalsense_user_id": 99}
        )
        self.run_import("users")
        jan = self.user_of(2)
        self.assertNotEqual(jan, other)
        self.assertEqual(jan.login, "jdevries_2")
        self.assertEqual(other.legalsense_user_id, 99)

    def test_overwrite_updates_names_email_and_dates(self):
        self.run_import("users")
        self.load(
            users=[
                self.ls_user(
                    2,
                    "jdevries",
                    first_name="Johan",
                    name_prefix="de",
                    last_name="Vries",
                    email="johan@advocaten.example",
                    end_date="2026-06-30",
                )
            ]
        )
        run = self.run_import("users")
        jan = self.user_of(2)
        self.assertEqual(jan.firstname, "Jan")
        self.assertEqual(self.counts(run, "users"), {"skipped": 1})
        run = self.run_import("users", overwrite=True)
        self.assertEqual(self.counts(run, "users"), {"updated": 1})
        self.assertEqual(
            (jan.firstname, jan.email), ("Johan", "johan@advocaten.example")
        )
        employee = self.employee_of(2)
        self.assertEqual(employee.work_email, "johan@advocaten.example")
        self.assertEqual(str(employee.departure_date), "2026-06-30")
        self.assertEqual(str(employee.legalsense_begin_date), "2020-02-01")

    def test_no_office_assignment_up_to_15_55(self):
        self.simulator.set_version("15.55")
        self.run_import("users")
        self.assertFalse(self.employee_of(2).work_location_id)

    def test_abbreviation_to_external_application(self):
        self.config.abbreviation_to_external_application = "qubis"
        self.run_import("users")
        refs = self.env["legalsense.external.ref"]
        self.assertEqual(refs._external_id(self.employee_of(2), "QUBIS"), "JV")

    def test_contact_folder_for_new_users(self):
        self.config.import_users_create_contact_folder = "Medewerkers"
        self.env["res.partner.category"].create({"name": "Bakker, Anne"})
        medewerkers = self.env["res.partner.category"].create({"name": "Medewerkers"})
        self.env["res.partner.category"].create(
            {"name": "Bakker, Anne", "parent_id": medewerkers.id}
        )
        self.run_import("users")
        names = medewerkers.child_ids.mapped("name")
        self.assertIn("de Vries, Jan", names)
        self.assertIn("Bakker, Anne (3)", names)
        folder = medewerkers.child_ids.filtered(lambda tag: tag.name == "de Vries, Jan")
        self.assertEqual(folder.legalsense_owner_id, self.user_of(2))

    def test_dry_run_creates_no_user(self):
        count = self.Users.search_count([])
        run = self.run_import("users", dry_run=True)
        self.assertEqual(self.Users.search_count([]), count)
        self.assertEqual(self.counts(run, "users"), {"created": 4, "skipped": 1})
        self.assertFalse(
            self.env["hr.work.location"].search([("legalsense_id", "!=", 0)])
        )

    def test_a_second_run_creates_nothing(self):
        self.run_import("users")
        count = self.Users.search_count([])
        run = self.run_import("users")
        self.assertEqual(self.Users.search_count([]), count)
        self.assertEqual(self.counts(run, "users"), {"skipped": 5})
        self.assertEqual(self.counts(run, "offices"), {"skipped": 2})


@tagged("post_install", "-at_install")
class TestImportPracticeGroups(LegalSenseImportCase):
    def setUp(self):
        super().setUp()
        self.run_import("users")

    def department(self, ls_id):
        refs = self.env["legalsense.external.ref"].search(
            [
                ("res_model", "=", "hr.department"),
                ("application", "=", "LEGALSENSE_INTERNAL"),
                ("external_id", "=", str(ls_id)),
            ]
        )
        return self.env["hr.department"].browse(refs.res_id)

    def employee(self, ls_id):
        return self.env["hr.employee"].search([("legalsense_user_id", "=", ls_id)])

    def test_departments_groups_and_members(self):
        self.config.disable_practice_group = True
        run = self.run_import("practice_groups")
        self.assertEqual(self.counts(run, "practice_groups"), {"created": 3})
        labour = self.department(1)
        self.assertEqual(labour.name, "Arbeidsrecht")
        self.assertEqual(labour.company_id, self.company)
        self.assertEqual(labour.legalsense_practice_group_id, 1)
        self.assertEqual(labour.legalsense_group_id.name, "Arbeidsrecht")
        jan, anne, pieter = self.employee(2), self.employee(3), self.employee(4)
        self.assertEqual(jan.department_id, labour)
        # Anne is in two groups: the department of the first one, both groups
        self.assertEqual(anne.department_id, labour)
        self.assertEqual(pieter.department_id, self.department(2))
        self.assertEqual(labour.legalsense_group_id.users, jan.user_id | anne.user_id)
        self.assertEqual(
            self.department(2).legalsense_group_id.users, anne.user_id | pieter.user_id
        )
        self.assertFalse(self.config.disable_practice_group)

    def test_a_second_run_moves_nobody(self):
        self.run_import("practice_groups")
        run = self.run_import("practice_groups")
        self.assertFalse(self.line(run, "practice_groups").message)
        self.assertEqual(self.counts(run, "practice_groups"), {"skipped": 3})
        self.assertEqual(self.employee(3).department_id, self.department(1))

    def test_members_leave(self):
        self.run_import("practice_groups")
        self.load(
            practicegroups=[{"id": 1, "name": "Arbeidsrecht", "current_members": [3]}]
        )
        self.run_import("practice_groups")
        labour = self.department(1)
        self.assertFalse(self.employee(2).department_id)
        self.assertNotIn(self.employee(2).user_id, labour.legalsense_group_id.users)
        self.assertIn(self.employee(3).user_id, labour.legalsense_group_id.users)

    def test_no_groups_sets_disable_practice_group(self):
        self.load(practicegroups=[])
        run = self.run_import("practice_groups")
        self.assertTrue(self.config.disable_practice_group)
        self.assertIn(
            "DisablePracticeGroup is set", self.line(run, "practice_groups").message
        )

    def test_role_name_is_normalised(self):
        self.load(
            practicegroups=[
                {
                    "id": 9,
                    "name": "Fiscaal & Ondernemingsrecht/IE",
                    "current_members": [],
                }
            ]
        )
        self.run_import("practice_groups")
        self.assertEqual(
            self.department(9).legalsense_group_id.name,
            "Fiscaal en Ondernemingsrecht IE",
        )
        self.assertEqual(self.department(9).name, "Fiscaal & Ondernemingsrecht/IE")

    def test_existing_department_linked_by_name_and_renamed_only_on_overwrite(self):
        existing = self.env["hr.department"].create(
            {"name": "arbeidsrecht", "company_id": self.company.id}
        )
        run = self.run_import("practice_groups")
        self.assertEqual(self.department(1), existing)
        self.assertEqual(existing.name, "arbeidsrecht")
        self.assertEqual(
            self.counts(run, "practice_groups"), {"created": 2, "linked": 1}
        )
        self.load(practicegroups=[{"id": 1, "name": "Arbeid", "current_members": []}])
        self.run_import("practice_groups")
        self.assertEqual(existing.name, "arbeidsrecht")
        self.run_import("practice_groups", overwrite=True)
        self.assertEqual(existing.name, "Arbeid")
        self.assertEqual(existing.legalsense_group_id.name, "Arbeid")
