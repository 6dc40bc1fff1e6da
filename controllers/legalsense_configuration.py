# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The manual's administration URLs: ``/LegalSenseConfiguration.aspx/...``.

Firms moving from ContactManager keep these URLs in bookmarks, scripts and
runbooks, so the paths are the manual's (URL Reference, Lookup list URLs,
List endpoint type names), served by Odoo:

* the start page, the lookup lists (``List/<TypeName>``, ``ListMatterStatus``,
  ``ListUser``) and their Excel export are read-only: they answer GET and
  read LegalSense in the request, with the client's time-outs;
* the imports (``ImportAddressTemplates``, ``UpdateClientCode``,
  ``ImportBankAccountNumbers``, ``ImportClientBillingInstructions``,
  ``ImportBranch``, ``ImportChangedClients``) change data: a GET shows what
  will happen with a button that POSTs with Odoo's CSRF token, so a link on
  a foreign page cannot start one. The LegalSense imports run as jobs; their
  result page follows the run until it is done.

Only LegalSense Managers may open them; anonymous visitors are sent to the
login page. Every page has the backend look and no page shows a traceback.
No answer under these paths may be shown in a frame (``FRAME_HEADERS``, set
by ``ir.http`` on every answer, errors and redirects included): a foreign
page cannot lay one over its own buttons to start an import.
"""

import datetime
import functools
import logging
from collections import namedtuple

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import content_disposition, request

from ..legalsense_client import LegalSenseError, NotFoundError
from ..legalsense_mapping import parse_bool, split_list
from ..legalsense_mapping.lookup_lists import (
    LIST_TYPES,
    USERS,
    find_list_type,
    rows,
    with_office_names,
    workbook,
)

_logger = logging.getLogger(__name__)

BASE = "/LegalSenseConfiguration.aspx"
MANAGER_GROUP = "legalsense.group_legalsense_manager"
IMPORT_MODEL = "legalsense.import"
NIGHTLY_CRON = "legalsense.ir_cron_legalsense_nightly"
RUNNING_RUN_STATES = ("queued", "running")
REFRESH_SECONDS = 2
MAX_FAILURES_SHOWN = 200
# Somebody waits for the page: retry a passing trouble once, never for long.
PAGE_CLIENT_OPTIONS = {"max_retries": 1, "max_backoff": 5}
# Forbid showing the pages in a frame: old browsers read the first, new the CSP.
FRAME_HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
}
JOB_CHANNEL_DOMAIN = [
    "|",
    ("channel", "=", "root.legalsense"),
    ("channel", "=like", "root.legalsense.%"),
]
PENDING_JOB_STATES = ("wait_dependencies", "pending", "enqueued", "started")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

ImportAction = namedtuple("ImportAction", "path key overwrite")
ImportAction.__doc__ = """A LegalSense import of the URL Reference.

``path`` is the manual's, ``key`` the import run's action and ``overwrite``
whether the import replaces values Odoo already has (the manual warns for
bank account numbers and billing instructions).
"""
IMPORT_ACTIONS = (
    ImportAction("UpdateClientCode", "update_client_code", False),
    ImportAction("ImportBankAccountNumbers", "bank_account_numbers", True),
    ImportAction("ImportClientBillingInstructions", "billing_instructions", True),
    ImportAction("ImportBranch", "branches", False),
    ImportAction("ImportChangedClients", "changed_clients", False),
)
ADDRESS_TEMPLATES_PATH = "ImportAddressTemplates"
# The pages under BASE, as the manual spells them: old bookmarks in another
# case are redirected to these (see ``canonical_path``).
PAGE_NAMES = (
    "List",
    "ListMatterStatus",
    "ListUser",
    "ExportLookupItems",
    ADDRESS_TEMPLATES_PATH,
    *(action.path for action in IMPORT_ACTIONS),
    "Runs",
)

# The settings that hold an id of a list: the list pages show which row each
# one points at (the manual: inspect the lists before configuring them).
ID_SETTINGS = {
    "matterstatuses": (
        "matter_status_code_new_id",
        "matter_status_code_active_id",
        "matter_status_code_closed_id",
        "matter_status_code_archived_id",
    ),
    "clientstatuses": (
        "sync_client_status_id",
        "client_status_code_active_id",
        "client_status_code_closed_id",
    ),
    "addresskinds": (
        "default_address_kind",
        "default_address_kind_postal_address",
        "default_address_kind_visitor_address",
    ),
}
# The statuses counted on the start page (the sync health's), and the name of
# the records' own lists of a status, where it differs.
HEALTH_MODEL = "legalsense.sync.health"
SYNC_COUNT_STATES = (
    "synced",
    "conflict",
    "pending",
    "failed",
    "not_synced",
    "unknown",
)
RECORD_LIST_STATES = {"failed": "error"}


class PageError(Exception):
    """Stops a request with a page saying why (``status``, ``title``, ``message``)."""

    def __init__(self, status, title, message, **values):
        super().__init__(message)
        self.status = status
        self.title = title
        self.message = message
        self.values = values


def admin_page(handler):
    """Only LegalSense Managers get the page; errors become clear pages."""

    @functools.wraps(handler)
    def wrapper(self, *args, **kwargs):
        if not request.env.user.has_group(MANAGER_GROUP):
            return self._message_page(
                403,
                request.env._("Access denied"),
                request.env._(
                    "Only LegalSense Managers may open the LegalSense administration "
                    "pages. Ask an administrator for the group LegalSense / Manager."
                ),
            )
        try:
            return handler(self, *args, **kwargs)
        except PageError as error:
            return self._message_page(
                error.status, error.title, error.message, **error.values
            )
        except UserError as error:
            return self._message_page(
                409, request.env._("Nothing was done"), str(error), show_settings=True
            )
        except LegalSenseError as error:
            _logger.info(
                "LegalSense admin page %s: %s", request.httprequest.path, error
            )
            return self._message_page(
                502,
                request.env._("LegalSense did not answer as expected"),
                str(error),
                show_settings=True,
            )

    return wrapper


class LegalSenseConfiguration(http.Controller):
    # ------------------------------------------------------------ start page

    @http.route([BASE, BASE + "/"], type="http", auth="user", methods=["GET"])
    @admin_page
    def start_page(self, **params):
        company = self._company()
        config = request.env["legalsense.config"]._get_config(company)
        runs, nightly_run = self._last_runs(company)
        values = {
            "company": company,
            "config": config,
            "enabled": config._is_enabled(),
            "off_message": "" if config._is_enabled() else config._disabled_message(),
            "connection": self._connection(config),
            "job_runner_configured": self._job_runner_configured(),
            "jobs": self._job_counts(),
            "nightly_cron": self._nightly_cron(),
            "runs": runs,
            "nightly_run": nightly_run,
            "sync_counts": self._sync_counts(),
            "sync_health": self._sync_health(),
            "import_wizard_url": self._action_url(
                "legalsense.legalsense_import_wizard_action"
            ),
            "imports_url": self._action_url("legalsense.legalsense_import_action"),
            "settings_url": self._action_url("legalsense.legalsense_config_action"),
        }
        return self._render("legalsense.configuration_start", values)

    def _connection(self, config):
        """``{"ok", "version", "error"}`` of a live check, None when off."""
        if not config._is_enabled():
            return None
        try:
            client = self._client(config)
            if config._can_request_token():
                client.authenticate()
            version = client.version(refresh=True)
        except (LegalSenseError, UserError, ValueError) as error:
            return {"ok": False, "version": False, "error": str(error)}
        return {"ok": True, "version": str(version), "error": False}

    @staticmethod
    def _job_runner_configured():
        """Whether queue_job is a server-wide module (its job runner starts)."""
        return request.env["legalsense.config"].new({}).job_runner_configured

    def _job_counts(self):
        Job = request.env["queue.job"]
        return {
            "pending": Job.search_count(
                JOB_CHANNEL_DOMAIN + [("state", "in", PENDING_JOB_STATES)]
            ),
            "failed": Job.search_count(JOB_CHANNEL_DOMAIN + [("state", "=", "failed")]),
            "pending_url": self._action_url("legalsense.legalsense_queue_job_action"),
            "failed_url": self._action_url(
                "legalsense.legalsense_queue_job_failed_action"
            ),
        }

    @staticmethod
    def _nightly_cron():
        """The scheduled action of the nightly job (read with superuser rights)."""
        cron = request.env.ref(NIGHTLY_CRON, raise_if_not_found=False)
        return cron.sudo() if cron else request.env["ir.cron"].sudo()

    def _last_runs(self, company):
        """The last imports of ``company`` and its last nightly run."""
        Import = request.env[IMPORT_MODEL]
        domain = [("company_id", "=", company.id)]
        last_runs = Import.search(domain, order="id desc", limit=5)
        nightly = Import.search(
            domain + [("action", "=", "nightly")], order="id desc", limit=1
        )
        return last_runs, nightly

    def _sync_counts(self):
        """Per synced model: its records per LegalSense status, as the sync
        health counts them, with links to the records where a list exists."""
        Health = request.env[HEALTH_MODEL]
        labels = dict(Health._fields["res_model"]._description_selection(request.env))
        counts = []
        for model_name, numbers in Health._status_counts().items():
            states = []
            for state in SYNC_COUNT_STATES:
                xmlid = self._sync_state_action(
                    model_name, RECORD_LIST_STATES.get(state, state)
                )
                states.append(
                    {
                        "state": state,
                        "count": numbers[state],
                        "url": xmlid and self._action_url(xmlid),
                    }
                )
            counts.append(
                {"model": model_name, "label": labels[model_name], "states": states}
            )
        return counts

    def _sync_health(self):
        """The links to the sync health and its oldest pending record."""
        return {
            "url": self._action_url("legalsense.legalsense_sync_health_action"),
            "failures_url": self._action_url(
                "legalsense.legalsense_sync_health_failed_action"
            ),
            "oldest_pending": request.env[HEALTH_MODEL]._oldest_pending(),
        }

    @staticmethod
    def _sync_state_action(model_name, state):
        """The xml id of the action listing the records of ``state``, or False."""
        stem = f"legalsense.{model_name.replace('.', '_')}"
        for xmlid in (f"{stem}_legalsense_{state}_action", f"{stem}_{state}_action"):
            if request.env.ref(xmlid, raise_if_not_found=False):
                return xmlid
        return False

    # ------------------------------------------------------------ lists

    @http.route(
        BASE + "/List/<string:type_name>", type="http", auth="user", methods=["GET"]
    )
    @admin_page
    def list_page(self, type_name, **params):
        list_type = find_list_type(type_name)
        if not list_type:
            return self._render(
                "legalsense.configuration_list_unknown",
                {"type_name": type_name, "list_types": LIST_TYPES},
                status=404,
            )
        return self._list(list_type)

    @http.route(BASE + "/ListMatterStatus", type="http", auth="user", methods=["GET"])
    @admin_page
    def list_matter_status(self, **params):
        return self._list(find_list_type("MatterStatus"))

    @http.route(BASE + "/ListUser", type="http", auth="user", methods=["GET"])
    @admin_page
    def list_user(self, **params):
        return self._list(USERS)

    def _list(self, list_type):
        config = self._enabled_config()
        client = self._client(config)
        records = self._records(client, list_type)
        values = {
            "config": config,
            "list_type": list_type,
            "rows": rows(list_type, records),
            "record_ids": [record.get("id") for record in records],
            "settings_by_id": self._settings_by_id(config, list_type, records),
            "with_settings": list_type.resource in ID_SETTINGS,
        }
        return self._render("legalsense.configuration_list", values)

    def _records(self, client, list_type):
        """The records of a list; a list LegalSense does not have is a 404 page."""
        try:
            records = client.list(list_type.resource)
            if list_type is USERS:
                records = with_office_names(records, self._offices(client))
        except NotFoundError as error:
            raise PageError(
                404,
                request.env._("LegalSense has no list %s", list_type.name),
                str(error),
            ) from error
        return records

    @staticmethod
    def _offices(client):
        """The offices, to name the users' primary office; [] when unknown."""
        try:
            return client.list("offices")
        except NotFoundError:
            return []

    @staticmethod
    def _settings_by_id(config, list_type, records):
        """{row id: [labels of the settings pointing at it]}."""
        used = {}
        for name in ID_SETTINGS.get(list_type.resource, ()):
            if config[name]:
                label = config._fields[name]._description_string(request.env)
                used.setdefault(config[name], []).append(label)
        if list_type.resource == "addresskinds":
            inactive = {
                kind.lower() for kind in split_list(config.address_kinds_in_active)
            }
            label = config._fields["address_kinds_in_active"]._description_string(
                request.env
            )
            for record in records:
                if (record.get("name") or "").lower() in inactive:
                    used.setdefault(record["id"], []).append(label)
        return used

    @http.route(BASE + "/ExportLookupItems", type="http", auth="user", methods=["GET"])
    @admin_page
    def export_lookup_items(self, **params):
        config = self._enabled_config()
        client = self._client(config)
        sheets = [self._sheet(client, list_type) for list_type in (*LIST_TYPES, USERS)]
        data = workbook(sheets)
        filename = (
            f"LegalSense lookup items {config.company_id.name} "
            f"{datetime.date.today().isoformat()}.xlsx"
        )
        return request.make_response(
            data,
            headers=[
                ("Content-Type", XLSX),
                ("Content-Length", str(len(data))),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )

    def _sheet(self, client, list_type):
        headers = [column.label for column in list_type.columns]
        try:
            records = self._records(client, list_type)
        except PageError as error:
            note = request.env._("Not available: %s", error.message)
            return list_type.name, headers, [], note
        return list_type.name, headers, rows(list_type, records), None

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

    # ------------------------------------------------------------ helpers

    @staticmethod
    def _company():
        """The company chosen in the web client (its first one), else the user's."""
        user = request.env.user
        selected = (request.cookies.get("cids") or "").replace("-", ",").split(",")[0]
        if selected.isdigit() and int(selected) in user.company_ids.ids:
            return request.env["res.company"].browse(int(selected))
        return user.company_id

    def _enabled_config(self):
        """The company's config when the integration is on; else a page saying so."""
        company = self._company()
        config = request.env["legalsense.config"]._get_config(company)
        if not config._is_enabled():
            raise PageError(
                409,
                request.env._("The LegalSense integration is off"),
                config._disabled_message(),
                show_settings=True,
                nothing_done=True,
            )
        return config

    @staticmethod
    def _client(config):
        """A client for a page: the client's time-outs, one quick retry at most."""
        return config._get_client(**PAGE_CLIENT_OPTIONS)

    @staticmethod
    def _action_url(xmlid):
        """The web client URL of an action, or False when it does not exist."""
        action = request.env.ref(xmlid, raise_if_not_found=False)
        return f"/odoo/action-{xmlid}" if action else False

    def _message_page(self, status, title, message, **values):
        values.update(title=title, message=message, status=status)
        values.setdefault("settings_url", False)
        if values.pop("show_settings", False):
            values["settings_url"] = self._action_url(
                "legalsense.legalsense_config_action"
            )
        return self._render("legalsense.configuration_message", values, status=status)

    @classmethod
    def _render(cls, template, values, status=200):
        values = dict(
            values,
            company=cls._company(),
            base=BASE,
            list_types=LIST_TYPES,
            import_actions=IMPORT_ACTIONS,
            address_templates_path=ADDRESS_TEMPLATES_PATH,
        )
        return request.render(template, values, status=status)


def is_admin_path(path):
    """Whether ``path`` is under the administration pages, in any letter case."""
    path = (path or "").lower()
    base = BASE.lower()
    return path == base or path.startswith(base + "/")


def forbid_framing(response):
    """Add ``FRAME_HEADERS`` to ``response`` (any response with headers)."""
    headers = getattr(response, "headers", None)
    if headers is not None:
        for name, value in FRAME_HEADERS.items():
            headers[name] = value
    return response


def canonical_path(path):
    """``path`` spelt as the manual spells the page, or None when it is not one.

    ContactManager served these pages from IIS, where paths ignore case, so
    bookmarks and scripts hold them in any case.
    """
    if not path.lower().startswith(BASE.lower()):
        return None
    page, *rest = path[len(BASE) :].lstrip("/").split("/", 1) or [""]
    names = {name.lower(): name for name in PAGE_NAMES}
    if page and page.lower() not in names:
        return None
    parts = [BASE] + ([names[page.lower()]] if page else []) + rest
    return "/".join(parts)
