# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The imports of the administration URLs and their result pages.

``ImportAddressTemplates`` runs in the request; the LegalSense imports
(``UpdateClientCode``, ``ImportBankAccountNumbers``,
``ImportClientBillingInstructions``, ``ImportBranch``,
``ImportChangedClients``) start a run whose page (``Runs/<id>``) follows it
until it is done. A GET only shows what will happen, with a button that
POSTs with Odoo's CSRF token.
"""

import datetime

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request

from ..legalsense_mapping import parse_bool
from .legalsense_configuration_page import (
    ADDRESS_TEMPLATES_PATH,
    BASE,
    IMPORT_ACTIONS,
    IMPORT_MODEL,
    AdminPage,
    PageError,
    admin_page,
)

RUNNING_RUN_STATES = ("queued", "running")
REFRESH_SECONDS = 2
MAX_FAILURES_SHOWN = 200


class ImportPages(AdminPage):
    # ------------------------------------------------------------ address templates

    @http.route(
        BASE + "/" + ADDRESS_TEMPLATES_PATH,
        type="http",
        auth="user",
        methods=["GET", "POST"],
    )
    @admin_page
    def import_address_templates(self, forceOverwrite=None, **params):
        force_overwrite = self._force_overwrite(forceOverwrite)
        config = self._enabled_config()
        page = {
            "config": config,
            "path": ADDRESS_TEMPLATES_PATH,
            "action_key": "address_templates",
            "params": {"forceOverwrite": "true"} if force_overwrite else {},
            "force_overwrite": force_overwrite,
        }
        Country = request.env["res.country"].with_company(config.company_id)
        if request.httprequest.method != "POST":
            return self._render("legalsense.configuration_confirm", page)
        updated = Country._legalsense_import_address_templates(
            force_overwrite=force_overwrite
        )
        page["updated"] = Country.search([("code", "in", updated)]).sorted(
            lambda country: updated.index(country.code)
        )
        page["templates"] = self._address_templates()
        return self._render("legalsense.configuration_address_templates", page)

    def _force_overwrite(self, value):
        force_overwrite = parse_bool(value if value is not None else "")
        if force_overwrite is None:
            raise PageError(
                400,
                request.env._("Invalid forceOverwrite"),
                request.env._(
                    "forceOverwrite=%s is not a yes/no value: use "
                    "forceOverwrite=true, or leave it out.",
                    value,
                ),
            )
        return force_overwrite

    @staticmethod
    def _address_templates():
        """[(id, constant, description, countries using it)] of all known templates."""
        Country = request.env["res.country"]
        refs = Country._legalsense_template_refs(Country.search([]))
        countries_by_template = {}
        for country_id, ref in refs.items():
            countries_by_template.setdefault(ref.external_id, []).append(country_id)
        return [
            (
                template_id,
                constant,
                description,
                Country.browse(countries_by_template.get(str(template_id), [])),
            )
            for template_id, (
                constant,
                description,
            ) in Country._legalsense_address_templates().items()
        ]

    # ------------------------------------------------------------ LegalSense imports

    @http.route(
        [BASE + "/" + action.path for action in IMPORT_ACTIONS],
        type="http",
        auth="user",
        methods=["GET", "POST"],
    )
    @admin_page
    def import_action(self, lastChangeDate=None, **params):
        action = self._import_action()
        last_change_date = False
        if action.key == "changed_clients":
            last_change_date = self._last_change_date(lastChangeDate)
        config = self._enabled_config()
        page = {
            "config": config,
            "path": action.path,
            "action_key": action.key,
            "overwrite": action.overwrite,
            "last_change_date": last_change_date,
            "params": (
                {"lastChangeDate": last_change_date.isoformat()}
                if last_change_date
                else {}
            ),
        }
        if request.httprequest.method != "POST":
            page["running"] = self._running_run(action, config)
            return self._render("legalsense.configuration_confirm", page)
        run = self._running_run(action, config) or self._start_run(
            action, config, last_change_date
        )
        return request.redirect(f"{BASE}/Runs/{run.id}", code=303)

    @staticmethod
    def _import_action():
        path = request.httprequest.path.rstrip("/").rsplit("/", 1)[-1]
        return next(action for action in IMPORT_ACTIONS if action.path == path)

    def _last_change_date(self, value):
        """The ``lastChangeDate`` parameter as a date; a 400 page when malformed."""
        if value is None or value == "":
            return False
        try:
            date = datetime.date.fromisoformat(value.strip())
            if len(value.strip()) != 10:
                raise ValueError(value)
        except ValueError:
            raise PageError(
                400,
                request.env._("Invalid lastChangeDate"),
                request.env._(
                    "lastChangeDate=%s is not a date: write it as yyyy-mm-dd, "
                    "e.g. lastChangeDate=2024-01-01.",
                    value,
                ),
            ) from None
        if date > datetime.date.today():
            raise PageError(
                400,
                request.env._("Invalid lastChangeDate"),
                request.env._(
                    "lastChangeDate=%s lies in the future: nothing can have "
                    "changed since then.",
                    value,
                ),
            )
        return date

    def _running_run(self, action, config):
        """A run of the same import not finished yet: a second click joins it."""
        return request.env[IMPORT_MODEL].search(
            [
                ("action", "=", action.key),
                ("company_id", "=", config.company_id.id),
                ("state", "in", RUNNING_RUN_STATES),
            ],
            order="id desc",
            limit=1,
        )

    def _start_run(self, action, config, last_change_date):
        Import = request.env[IMPORT_MODEL]
        values = {
            "action": action.key,
            "overwrite": action.overwrite,
            "dry_run": False,
            "last_change_date": last_change_date,
            "company_id": config.company_id.id,
            "trigger": "url",
        }
        with request.env.cr.savepoint():
            run = Import.create(values)
            run.action_start()
        return run

    # ------------------------------------------------------------ result page

    @http.route(BASE + "/Runs/<int:run_id>", type="http", auth="user", methods=["GET"])
    @admin_page
    def run_page(self, run_id, **params):
        run = request.env[IMPORT_MODEL].browse(run_id).exists()
        try:
            run.check_access("read")
        except AccessError:
            run = run.browse()
        if not run:
            raise PageError(
                404,
                request.env._("No such import"),
                request.env._(
                    "Import %s does not exist or is not yours to see.", run_id
                ),
            )
        action = next(
            (action for action in IMPORT_ACTIONS if action.key == run.action), None
        )
        running = run.state in RUNNING_RUN_STATES
        values = {
            "run": run,
            "action_key": run.action,
            "path": action.path if action else "",
            "running": running,
            "refresh_seconds": REFRESH_SECONDS if running else 0,
            "job_runner_configured": self._job_runner_configured(),
            "run_url": f"/odoo/{IMPORT_MODEL}/{run.id}",
            "max_failures": MAX_FAILURES_SHOWN,
            "step_labels": dict(
                run.line_ids._fields["step"]._description_selection(request.env)
            ),
        }
        return self._render("legalsense.configuration_run", values)
