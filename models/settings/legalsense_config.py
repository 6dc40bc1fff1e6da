# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The LegalSense settings of one company (the manual's ``legalsense.config``).

Every setting of the manual's Configuration Reference is a field named after
the setting in snake_case (``SyncMatterIfVerified`` → ``sync_matter_if_verified``)
with the manual's default and text. This file holds the model itself: its
company, whether the integration is on, the LegalSense client built from the
settings and the connection test. The settings are declared by the other
files of this package, one per group of the manual's Configuration Reference.
"""

import hashlib
import os
import threading
import time

from odoo import api, conf, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import config as odoo_config

from ...legalsense_client import (
    DebugLog,
    LegalSenseClient,
    LegalSenseError,
)
from ...legalsense_mapping import check_choices

LOG_SUBDIRECTORY = ("legalsense", "log")
_TOKENS = {}
_TOKENS_LOCK = threading.Lock()
_VERSIONS = {}
_VERSIONS_LOCK = threading.Lock()
VERSION_CACHE_SECONDS = 3600


class _SharedTokenStore:
    """One LegalSense token per (database, config, credentials), for the process.

    Jobs build a new client each time; with this store they reuse the token
    instead of authenticating on every job. A change of credentials changes
    the key, so an old token is never used with new credentials.
    """

    def __init__(self, key):
        self._key = key

    def get(self):
        with _TOKENS_LOCK:
            return _TOKENS.get(self._key)

    def set(self, token):
        with _TOKENS_LOCK:
            _TOKENS[self._key] = token


class LegalsenseConfig(models.Model):
    _name = "legalsense.config"
    _inherit = ["mail.thread"]
    _description = "LegalSense Settings"
    _rec_name = "company_id"
    _order = "company_id"

    _sql_constraints = [
        (
            "company_uniq",
            "unique(company_id)",
            "A company has one LegalSense configuration only.",
        ),
    ]

    company_id = fields.Many2one(
        "res.company",
        required=True,
        ondelete="cascade",
        default=lambda self: self.env.company,
        tracking=True,
    )
    is_enabled = fields.Boolean(
        string="Integration enabled",
        compute="_compute_is_enabled",
        help="The integration is off when Disabled is set or the URL is empty.",
    )
    job_runner_configured = fields.Boolean(
        compute="_compute_job_runner_configured",
        help="Whether queue_job is a server-wide module of this Odoo server. Without "
        "it the job runner does not start and LegalSense jobs stay pending.",
    )
    legalsense_version = fields.Char(
        string="LegalSense version",
        readonly=True,
        copy=False,
        help="Version reported by LegalSense at the last successful connection test.",
    )
    last_connection_test = fields.Datetime(readonly=True, copy=False)
    last_connection_status = fields.Selection(
        [("ok", "Connected"), ("error", "Failed")],
        readonly=True,
        copy=False,
    )
    last_connection_error = fields.Text(readonly=True, copy=False)

    # ------------------------------------------------------------ enabled

    @api.depends("disabled", "url")
    def _compute_is_enabled(self):
        for config in self:
            config.is_enabled = config._is_enabled()

    def _compute_job_runner_configured(self):
        configured = "queue_job" in conf.server_wide_modules
        for config in self:
            config.job_runner_configured = configured

    def _is_enabled(self):
        """Whether the integration is on: a config, not disabled, with a URL."""
        return len(self) == 1 and not self.disabled and bool(self.url)

    @api.model
    def _get_config(self, company=None):
        """The LegalSense config of ``company`` (default: the current company).

        Returned with superuser rights, so any entry point (a partner saved by
        a user without LegalSense rights, a job) can read the settings; never
        hand it to the UI. Empty when the company has no config.
        """
        company = company or self.env.company
        return self.sudo().search([("company_id", "=", company.id)], limit=1)

    @api.model
    def _get_enabled_config(self, company=None):
        """The config of ``company`` when the integration is on, else empty."""
        config = self._get_config(company)
        return config if config._is_enabled() else config.browse()

    # ------------------------------------------------------------ create / write

    @api.model
    def _normalize_vals(self, vals):
        """``vals`` with the typed settings in their stored form.

        Each group of settings adds the normalisation of its own fields.
        """
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._normalize_vals(dict(vals)) for vals in vals_list])

    def write(self, vals):
        return super().write(self._normalize_vals(dict(vals)))

    # ------------------------------------------------------------ validation

    def _setting(self, name):
        return self._fields[name]._description_string(self.env)

    def _invalid(self, name, problem, syntax=None):
        message = self.env._(
            "LegalSense setting '%(setting)s': %(problem)s",
            setting=self._setting(name),
            problem=problem,
        )
        if syntax:
            message += "\n" + self.env._("Expected: %s", syntax)
        return ValidationError(message)

    def _check_values(self, names, check, syntax):
        """Refuse a setting of ``names`` that ``check`` refuses with a ValueError."""
        for config in self:
            for name in names:
                try:
                    check(config[name])
                except ValueError as error:
                    raise config._invalid(name, error, syntax) from None

    def _check_choices(self, names, allowed):
        """Refuse a setting of ``names`` that is not a comma-separated list of
        ``allowed`` values."""
        self._check_values(
            names,
            lambda value: check_choices(value, allowed),
            self.env._("a comma-separated list of %s", ", ".join(allowed)),
        )

    def _check_ids(self, names):
        """Refuse a negative LegalSense ID in the settings ``names``."""
        for config in self:
            for name in names:
                if config[name] < 0:
                    raise config._invalid(
                        name,
                        self.env._("%s is not a LegalSense ID.", config[name]),
                        self.env._("0 (not set) or a positive ID"),
                    )

    # ------------------------------------------------------------ client

    def _debug_log_directory(self):
        """``<data dir>/legalsense/log/<database>``: the manual's \\Log\\LegalSense."""
        return os.path.join(
            odoo_config["data_dir"], *LOG_SUBDIRECTORY, self.env.cr.dbname
        )

    def _token_store(self, credentials):
        digest = hashlib.sha256("\x1f".join(credentials).encode()).hexdigest()
        return _SharedTokenStore((self.env.cr.dbname, self.id, digest))

    def _get_client(self, **options):
        """A LegalSense client of this config; UserError when it is off.

        ``options`` are passed on to the client, e.g. ``max_retries=0`` for a
        job that leaves retrying to the job queue.
        """
        self.ensure_one()
        if not self._is_enabled():
            raise UserError(self._disabled_message())
        password = self._get_secret("password")
        bearer_token = self._get_secret("bearer_token")
        client_token = self._get_secret("client_token")
        credentials = (
            self.url,
            self.username or "",
            password,
            self.client_identifier or "",
            client_token,
            bearer_token,
        )
        return LegalSenseClient(
            self.url,
            username=self.username,
            password=password,
            client_identifier=self.client_identifier,
            client_token=client_token,
            bearer_token=bearer_token,
            page_size=self.page_size,
            timeout=(min(5, self.timeout), self.timeout),
            debug_log=DebugLog(self._debug_log_directory()) if self.debug else None,
            token_store=self._token_store(credentials),
            **options,
        )

    def _get_version(self, client):
        """The LegalSense version, asked at most once an hour per process.

        The version decides some payloads (clients' parent_client, address
        deletion); asking it in every job would add a request to every sync.
        """
        self.ensure_one()
        key = (self.env.cr.dbname, self.id, self.url)
        now = time.monotonic()
        with _VERSIONS_LOCK:
            cached = _VERSIONS.get(key)
        if cached and now - cached[1] < VERSION_CACHE_SECONDS:
            return cached[0]
        version = client.version()
        with _VERSIONS_LOCK:
            _VERSIONS[key] = (version, now)
        return version

    @api.model
    def _forget_versions(self):
        """Ask LegalSense its version again on the next sync."""
        with _VERSIONS_LOCK:
            _VERSIONS.clear()

    def _can_request_token(self):
        """Whether a credential pair is configured (else only a bearer token)."""
        return bool(
            (self.username and self.password_is_set)
            or (self.client_identifier and self.client_token_is_set)
        )

    def _disabled_message(self):
        if not self:
            return self.env._("LegalSense is not configured for this company.")
        if self.disabled:
            return self.env._(
                "The LegalSense integration of %s is switched off: clear 'Disabled' "
                "in the LegalSense settings to switch it on.",
                self.company_id.name,
            )
        return self.env._(
            "The LegalSense integration of %s is off because no URL is configured.",
            self.company_id.name,
        )

    def action_test_connection(self):
        """Authenticate, read the LegalSense version and report it."""
        self.ensure_one()
        self.check_access("write")
        values = {"last_connection_test": fields.Datetime.now()}
        try:
            client = self._get_client()
            if self._can_request_token():
                client.authenticate()
            version = client.version(refresh=True)
        except (UserError, LegalSenseError, ValueError) as error:
            message = str(error)
            values.update(last_connection_status="error", last_connection_error=message)
            self.write(values)
            return self._notification(
                self.env._("Connection to LegalSense failed"), message, "danger"
            )
        values.update(
            last_connection_status="ok",
            last_connection_error=False,
            legalsense_version=str(version),
        )
        self.write(values)
        return self._notification(
            self.env._("Connected to LegalSense"),
            self.env._("LegalSense version %s answered.", version),
            "success",
        )

    @api.model
    def _notification(self, title, message, kind):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": title,
                "message": message,
                "type": kind,
                "sticky": kind == "danger",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
