# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Import steps of Job 3: offices and users.

Odoo counterparts: an office is an ``hr.work.location`` of the company, a
LegalSense user an internal ``res.users`` with an ``hr.employee`` of the
company (whose work contact is the user's partner: the manual's Person).
"""

from odoo import fields, models

from ...legalsense_client import supports_user_offices
from ...legalsense_mapping.inbound_users import (
    folder_name,
    initial_password,
    is_reserved,
    resolve_username,
    user_name_parts,
)
from .. import legalsense_secret
from ..sync.legalsense_external_ref import LEGALSENSE, normalize_application


class LegalsenseImportStepUsers(models.AbstractModel):
    _name = "legalsense.import.step.users"
    _inherit = "legalsense.import.step"
    _description = "LegalSense import of offices and users"

    def _skip_reason(self, run, line, config):
        if run.action == "nightly" and config.import_users_is_disabled:
            return self.env._("Skipped: ImportUsersIsDisabled is set.")
        return ""

    # ------------------------------------------------------------ offices

    def _step_offices(self, run, line, tally, page):
        """ImportOffices: a work location per office, matched by LegalSense id.

        A location of the company with the office's name that is not linked
        yet is linked instead of duplicated.
        """
        env = self._import_env()
        offices = run._client().list("offices")
        tally.total = len(offices)
        locations = env["hr.work.location"].with_context(active_test=False)
        existing = locations.search([("company_id", "=", run.company_id.id)])
        by_ls_id = {location.legalsense_id: location for location in existing}
        unlinked = {
            location.name.strip().casefold(): location
            for location in existing
            if not location.legalsense_id
        }
        for office in offices:
            tally.done += 1
            with run._record(tally, office["id"], office.get("name")):
                self._import_office(run, env, office, by_ls_id, unlinked, tally)

    def _import_office(self, run, env, office, by_ls_id, unlinked, tally):
        ls_id, name = office["id"], (office.get("name") or "").strip()
        location = by_ls_id.get(ls_id)
        if location:
            if run.overwrite and name and location.name != name:
                tally.count("updated")
                if not run.dry_run:
                    location.name = name
            else:
                tally.count("skipped")
            return
        location = unlinked.pop(name.casefold(), None)
        if location:
            tally.count("linked")
            if not run.dry_run:
                location.legalsense_id = ls_id
            by_ls_id[ls_id] = location
            return
        tally.count("created")
        if not run.dry_run:
            by_ls_id[ls_id] = env["hr.work.location"].create(
                {
                    "name": name or str(ls_id),
                    "company_id": run.company_id.id,
                    "location_type": "office",
                    "address_id": run.company_id.partner_id.id,
                    "legalsense_id": ls_id,
                }
            )

    # ------------------------------------------------------------ users

    def _step_users(self, run, line, tally, page):
        env = self._import_env()
        config = run._config()
        client = run._client()
        with_offices = supports_user_offices(client.version())
        users = client.list("users")
        tally.total = len(users)
        locations = env["hr.work.location"].with_context(active_test=False)
        offices = {
            location.legalsense_id: location
            for location in locations.search(
                [("company_id", "=", run.company_id.id), ("legalsense_id", "!=", 0)]
            )
        }
        for ls_user in users:
            tally.done += 1
            with run._record(tally, ls_user.get("id"), ls_user.get("username")):
                self._import_user(
                    run, env, config, ls_user, offices, with_offices, tally
                )

    def _import_user(self, run, env, config, ls_user, offices, with_offices, tally):
        if is_reserved(ls_user.get("username")):
            tally.count("skipped")
            return
        login, windows = resolve_username(
            ls_user,
            config.import_users_use_email_address_part_for_username,
            config.windows_domain_name,
        )
        employee = self._match_employee(run, env, ls_user)
        user = employee.user_id or self._match_user(env, ls_user, login)
        active = bool(ls_user.get("is_active", True))
        new = not employee and not user
        if new and not active and config.import_users_skip_inactive_users:
            tally.count("skipped")
            return
        outcome = "skipped"
        if not user:
            outcome = "created"
            user = self._create_user(
                run, env, ls_user, login, windows, employee.work_contact_id
            )
        elif not employee or employee.legalsense_user_id != ls_user["id"]:
            outcome = "linked"
        if run.dry_run:
            tally.count(self._user_outcome(run, outcome, employee, user, ls_user))
            return
        employee = employee or self._create_employee(run, env, ls_user, user)
        if outcome == "linked" or not employee.user_id:
            self._link_user(employee, user, ls_user)
        if outcome != "skipped":
            self._set_ref(env, user, LEGALSENSE, ls_user["id"])
        if outcome == "created" or run.overwrite:
            changed = self._update_user(employee, user, ls_user)
            if outcome == "skipped" and changed:
                outcome = "updated"
        elif not active and config.import_users_skip_inactive_users and user.active:
            user.active = False
            outcome = "updated"
        self._assign_office(employee, ls_user, offices, with_offices)
        self._store_abbreviation(env, config, employee, ls_user)
        if outcome == "created":
            self._create_contact_folder(env, config, user, ls_user)
        tally.count(outcome)

    def _user_outcome(self, run, outcome, employee, user, ls_user):
        """The outcome of a dry run for an existing user."""
        if outcome != "skipped" or not run.overwrite:
            return outcome
        first, prefix, last = user_name_parts(ls_user)
        email = (ls_user.get("email") or "").strip()
        same = (
            (user.firstname or "") == first
            and (user.infix or "") == prefix
            and (user.lastname or "") == last
            and (user.email or "") == email
            and user.active == bool(ls_user.get("is_active", True))
        )
        return "skipped" if same else "updated"

    def _match_employee(self, run, env, ls_user):
        """By LegalSense id, else by e-mail among unlinked employees of the company."""
        employees = env["hr.employee"].with_context(active_test=False)
        company = [("company_id", "=", run.company_id.id)]
        employee = employees.search(
            [*company, ("legalsense_user_id", "=", ls_user["id"])], limit=1
        )
        email = (ls_user.get("email") or "").strip()
        if employee or not email:
            return employee
        return employees.search(
            [*company, ("legalsense_user_id", "=", 0), ("work_email", "=ilike", email)],
            limit=1,
        )

    def _match_user(self, env, ls_user, login):
        """By LegalSense id, then login, then e-mail; a user linked to another
        LegalSense user does not count."""
        users = env["res.users"].with_context(active_test=False)
        user = users.search([("legalsense_user_id", "=", ls_user["id"])], limit=1)
        if user:
            return user
        email = (ls_user.get("email") or "").strip()
        candidates = users.search([("login", "=ilike", login)], limit=1)
        if not candidates and email:
            candidates = users.search([("email", "=ilike", email)], limit=1)
        if (
            candidates.legalsense_user_id
            and candidates.legalsense_user_id != ls_user["id"]
        ):
            return users
        return candidates

    def _create_user(self, run, env, ls_user, login, windows, person):
        """A new internal user; Forms Authentication gets ``<username><userId>``.

        ``person``: the work contact of the employee the LegalSense user was
        found as, which becomes the user's partner (no second person).
        """
        if run.dry_run:
            return env["res.users"]
        users = env["res.users"].with_context(active_test=False)
        if users.search_count([("login", "=ilike", login)]):
            login = f"{login}_{ls_user['id']}"
        first, prefix, last = user_name_parts(ls_user)
        values = {
            "firstname": first,
            "infix": prefix,
            "lastname": last or login,
            "login": login,
            "email": (ls_user.get("email") or "").strip() or False,
            "company_id": run.company_id.id,
            "company_ids": [fields.Command.link(run.company_id.id)],
            "groups_id": [fields.Command.link(env.ref("base.group_user").id)],
            "legalsense_user_id": ls_user["id"],
            "legalsense_authentication": "windows" if windows else "forms",
        }
        if person:
            values["partner_id"] = person.id
        if not windows:
            password = initial_password(login, ls_user["id"])
            values["password"] = password
        user = users.create(values)
        if not windows:
            env["legalsense.import.password"].create(
                {
                    "run_id": run.id,
                    "user_id": user.id,
                    "login": login,
                    "password_encrypted": legalsense_secret.encrypt(env, password),
                }
            )
        return user

    def _create_employee(self, run, env, ls_user, user):
        """The employee at the company; phone, fax and e-mail from the person."""
        person = user.partner_id
        return env["hr.employee"].create(
            {
                "name": user.name,
                "user_id": user.id,
                "work_contact_id": person.id,
                "company_id": run.company_id.id,
                "work_email": person.email or (ls_user.get("email") or "").strip(),
                "work_phone": person.phone or False,
                "mobile_phone": person.mobile or False,
                "legalsense_user_id": ls_user["id"],
            }
        )

    @staticmethod
    def _link_user(employee, user, ls_user):
        values = {"legalsense_user_id": ls_user["id"]}
        if not employee.user_id:
            values["user_id"] = user.id
        employee.write(values)
        if user.legalsense_user_id != ls_user["id"]:
            user.legalsense_user_id = ls_user["id"]

    @staticmethod
    def _update_user(employee, user, ls_user):
        """Overwrite names, e-mail, active state and the start and end dates."""
        first, prefix, last = user_name_parts(ls_user)
        email = (ls_user.get("email") or "").strip() or False
        active = bool(ls_user.get("is_active", True))
        user_values = {
            "firstname": first or False,
            "infix": prefix or False,
            "lastname": last or user.login,
            "email": email,
            "active": active,
        }
        changed = {
            name: value
            for name, value in user_values.items()
            if (user[name] or False) != value
        }
        if changed:
            user.write(changed)
        employee_values = {
            "name": user.name,
            "work_email": email,
            "active": active,
            "legalsense_begin_date": ls_user.get("begin_date") or False,
            "departure_date": ls_user.get("end_date") or False,
        }
        employee_changed = {
            name: value
            for name, value in employee_values.items()
            if _differs(employee[name], value)
        }
        if employee_changed:
            employee.write(employee_changed)
        return bool(changed or employee_changed)

    @staticmethod
    def _assign_office(employee, ls_user, offices, with_offices):
        """Above LegalSense 15.55: the primary office is the work location."""
        if not with_offices:
            return
        primary = (ls_user.get("primary_office") or {}).get("id")
        location = offices.get(primary)
        if location and employee.work_location_id != location:
            employee.work_location_id = location

    def _store_abbreviation(self, env, config, employee, ls_user):
        """AbbreviationToExternalApplication: the abbreviation as external ID."""
        application = normalize_application(config.abbreviation_to_external_application)
        abbreviation = (ls_user.get("abbreviation") or "").strip()
        if application and abbreviation:
            self._set_ref(env, employee, application, abbreviation)

    @staticmethod
    def _create_contact_folder(env, config, user, ls_user):
        """ImportUsersCreateContactFolder: a contact tag for the new user.

        Odoo has no contact folders; the nearest is a contact tag, under the
        tag named by the setting ("/" for the top level). An existing tag of
        that name gets the user's LegalSense id appended.
        """
        parent_name = (config.import_users_create_contact_folder or "").strip()
        if not parent_name:
            return
        tags = env["res.partner.category"].with_context(active_test=False)
        parent = tags.browse()
        if parent_name != "/":
            parent_name = parent_name.strip("/")
            parent = tags.search(
                [("name", "=ilike", parent_name), ("parent_id", "=", False)], limit=1
            ) or tags.create({"name": parent_name})
        name = folder_name(ls_user)
        same_name = tags.search(
            [("name", "=ilike", name), ("parent_id", "=", parent.id)], limit=1
        )
        if same_name.legalsense_owner_id == user:
            return
        if same_name:
            # "a folder with that name already exists with a different owner"
            name = f"{name} ({ls_user['id']})"
        tags.create(
            {
                "name": name,
                "parent_id": parent.id or False,
                "legalsense_owner_id": user.id,
            }
        )


def _differs(current, value):
    """Whether a field value differs from an imported value (dates as text)."""
    if hasattr(current, "isoformat"):
        current = current.isoformat()
    return (current or False) != (value or False)
