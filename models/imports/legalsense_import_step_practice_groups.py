# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Import step of Job 4: practice groups.

Odoo counterparts: a practice group is an ``hr.department`` of the company
with a ``res.groups`` of its normalised name; its current members are the
employees of the department (those linked to a LegalSense user).
"""

from odoo import fields, models

from ...legalsense_mapping.inbound_users import practice_group_role_name
from ..sync.legalsense_external_ref import LEGALSENSE_INTERNAL

PRACTICE_GROUP_CATEGORY = "legalsense.module_category_legalsense_practice_groups"


class LegalsenseImportStepPracticeGroups(models.AbstractModel):
    _name = "legalsense.import.step.practice_groups"
    _inherit = "legalsense.import.step"
    _description = "LegalSense import of practice groups"

    def _skip_reason(self, run, line, config):
        """Skipped with the users (ImportUsersIsDisabled)."""
        users = self.env["legalsense.import.step.users"]
        return users._skip_reason(run, line, config)

    def _step_practice_groups(self, run, line, tally, page):
        env = self._import_env()
        config = run._config()
        groups = run._client().list("practicegroups")
        tally.total = len(groups)
        self._set_disable_practice_group(run, config, not groups, tally)
        departments = env["hr.department"].with_context(active_test=False)
        existing = departments.search([("company_id", "=", run.company_id.id)])
        refs = departments._legalsense_practice_group_refs(existing.ids)
        by_ls_id = {
            int(ref.external_id): departments.browse(res_id)
            for res_id, ref in refs.items()
            if (ref.external_id or "").isdigit()
        }
        memberships = {}
        for group in groups:
            for member in group.get("current_members") or ():
                memberships.setdefault(int(member), set()).add(group["id"])
        for group in groups:
            tally.done += 1
            with run._record(tally, group.get("id"), group.get("name")):
                self._import_practice_group(
                    run, env, group, existing, by_ls_id, memberships, tally
                )

    def _set_disable_practice_group(self, run, config, disable, tally):
        """§ Job 4: set when LegalSense has no practice groups, reset otherwise."""
        if config.disable_practice_group == disable:
            return
        if disable:
            tally.note(self.env._("No practice groups: DisablePracticeGroup is set."))
        else:
            tally.note(self.env._("Practice groups found: DisablePracticeGroup reset."))
        if not run.dry_run:
            config.sudo().disable_practice_group = disable

    def _import_practice_group(
        self, run, env, group, existing, by_ls_id, memberships, tally
    ):
        ls_id, name = group["id"], (group.get("name") or "").strip()
        department = by_ls_id.get(ls_id)
        outcome = "skipped"
        if not department:
            department = self._match_department(existing, by_ls_id, name)
            outcome = "linked" if department else "created"
        if run.dry_run:
            if outcome == "skipped" and run.overwrite and department.name != name:
                outcome = "updated"
            tally.count(outcome)
            return
        if not department:
            department = env["hr.department"].create(
                {"name": name or str(ls_id), "company_id": run.company_id.id}
            )
        if outcome != "skipped":
            self._set_ref(env, department, LEGALSENSE_INTERNAL, ls_id)
            by_ls_id[ls_id] = department
        if (outcome == "created" or run.overwrite) and name and department.name != name:
            department.name = name
            outcome = "updated" if outcome == "skipped" else outcome
        security_group = self._practice_group_security_group(
            env, department, name, rename=outcome == "created" or run.overwrite
        )
        moved = self._sync_members(
            run, env, department, security_group, group, memberships, by_ls_id
        )
        if moved:
            tally.note(
                self.env._(
                    "%(group)s: %(count)s member change(s).", group=name, count=moved
                )
            )
        tally.count(outcome)

    @staticmethod
    def _match_department(existing, by_ls_id, name):
        """A department of the company with this name, not linked to another group."""
        linked = {department.id for department in by_ls_id.values()}
        key = name.casefold()
        return next(
            (
                department
                for department in existing
                if department.id not in linked
                and (department.name or "").strip().casefold() == key
            ),
            existing.browse(),
        )

    def _practice_group_security_group(self, env, department, name, rename):
        """The department's security group (found by name or created)."""
        role_name = practice_group_role_name(name or department.name)
        security_group = department.legalsense_group_id
        if not security_group:
            category = env.ref(PRACTICE_GROUP_CATEGORY, raise_if_not_found=False)
            groups = env["res.groups"]
            domain = [("name", "=", role_name)]
            if category:
                domain.append(("category_id", "=", category.id))
            security_group = groups.search(domain, limit=1) or groups.create(
                {"name": role_name, "category_id": category.id if category else False}
            )
            department.legalsense_group_id = security_group
        elif rename and security_group.name != role_name:
            security_group.name = role_name
        return security_group

    def _sync_members(
        self, run, env, department, security_group, group, memberships, by_ls_id
    ):
        """``current_members`` decide the department and the group of employees.

        Only employees linked to a LegalSense user are moved: an Odoo-only
        employee is not LegalSense's to remove. A member of several groups
        stays in the department of the one it is in already (it gets the
        security groups of all).
        """
        member_ids = {int(member) for member in group.get("current_members") or ()}
        employees = env["hr.employee"].with_context(active_test=False)
        members = employees.search(
            [
                ("company_id", "=", run.company_id.id),
                ("legalsense_user_id", "in", list(member_ids) or [0]),
            ]
        )
        current = employees.search(
            [
                ("department_id", "=", department.id),
                ("legalsense_user_id", "!=", 0),
            ]
        )
        leaving = current - members

        def in_another_group(employee):
            others = memberships.get(employee.legalsense_user_id, set()) - {group["id"]}
            return employee.department_id in {
                by_ls_id[other] for other in others if other in by_ls_id
            }

        joining = (members - current).filtered(
            lambda employee: not in_another_group(employee)
        )
        if leaving:
            leaving.write({"department_id": False})
        if joining:
            joining.write({"department_id": department.id})
        users_in = members.user_id
        users_out = leaving.user_id - users_in
        commands = [
            fields.Command.link(user.id) for user in users_in - security_group.users
        ]
        commands += [
            fields.Command.unlink(user.id) for user in users_out & security_group.users
        ]
        if commands:
            security_group.users = commands
        return len(leaving) + len(joining)
