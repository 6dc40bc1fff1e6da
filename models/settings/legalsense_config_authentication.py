# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Settings — Authentication: where LegalSense is and how to log in.

The credentials (password, bearer token, client token) are stored encrypted
and are write-only: the form never receives a stored value.
"""

from odoo import api, fields, models

from ...legalsense_client import MAX_PAGE_SIZE, normalize_base_url
from .. import legalsense_secret

# The credentials that are stored encrypted: field name -> what users call it.
SECRET_FIELDS = ("password", "bearer_token", "client_token")


class LegalsenseConfig(models.Model):
    _inherit = "legalsense.config"

    # ------------------------------------------------------------ Authentication
    url = fields.Char(
        string="URL",
        tracking=True,
        help="Base URL of the LegalSense API. Example: https://epona.legalsense.nl/\n"
        "The module automatically appends /api/v3/ if not already present. The "
        "older /api/v1/ path is migrated automatically.",
    )
    username = fields.Char(
        tracking=True,
        help="Username for LegalSense API authentication (the manual's UserName).",
    )
    password = fields.Char(
        compute="_compute_secrets",
        inverse="_inverse_password",
        readonly=False,
        help="Password for LegalSense API authentication. Stored encrypted; it is "
        "never shown again. Enter a value to replace the stored password.",
    )
    password_encrypted = fields.Char(
        string="Password (encrypted)",
        groups="base.group_system",
        copy=False,
        prefetch=False,
    )
    password_is_set = fields.Boolean(compute="_compute_secret_is_set")
    bearer_token = fields.Char(
        compute="_compute_secrets",
        inverse="_inverse_bearer_token",
        readonly=False,
        help="Bearer token for API authentication. Use this to reuse an existing "
        "session token instead of username/password. Stored encrypted; it is "
        "never shown again.",
    )
    bearer_token_encrypted = fields.Char(
        string="Bearer token (encrypted)",
        groups="base.group_system",
        copy=False,
        prefetch=False,
    )
    bearer_token_is_set = fields.Boolean(compute="_compute_secret_is_set")
    client_identifier = fields.Char(
        tracking=True,
        help="Client identifier for the LegalSense API (used with "
        "OAuth/client-credentials flows).",
    )
    client_token = fields.Char(
        compute="_compute_secrets",
        inverse="_inverse_client_token",
        readonly=False,
        help="Client token for the LegalSense API. Stored encrypted; it is never "
        "shown again.",
    )
    client_token_encrypted = fields.Char(
        string="Client token (encrypted)",
        groups="base.group_system",
        copy=False,
        prefetch=False,
    )
    client_token_is_set = fields.Boolean(compute="_compute_secret_is_set")
    disabled = fields.Boolean(
        tracking=True,
        help="Master switch. When true, all LegalSense integration (inbound and "
        "outbound sync) is disabled. The integration is also disabled "
        "automatically when Url is empty.",
    )
    windows_domain_name = fields.Char(
        tracking=True,
        help="Set this to ensure that users imported from LegalSense are created "
        "with the matching Active Directory username (DOMAIN\\username). Leave "
        "empty when Windows Authentication is not used.",
    )
    data_steward_id = fields.Many2one(
        "res.users",
        string="Data steward",
        tracking=True,
        domain=[("share", "=", False)],
        help="Internal user who receives the notification e-mails of the "
        "integration, e.g. requests to delete a contact or matter manually in "
        "LegalSense.",
    )
    page_size = fields.Integer(
        default=100,
        tracking=True,
        help="Records per page when reading lists from LegalSense "
        f"(1..{MAX_PAGE_SIZE}).",
    )
    timeout = fields.Integer(
        string="Timeout (seconds)",
        default=60,
        tracking=True,
        help="Seconds to wait for an answer of LegalSense before giving up.",
    )

    # ------------------------------------------------------------ create / write

    @api.model
    def _normalize_vals(self, vals):
        vals = super()._normalize_vals(vals)
        if "url" in vals:
            vals["url"] = normalize_base_url(vals["url"]) or False
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        configs = super().create(vals_list)
        configs._forget_secrets(set().union(*vals_list))
        return configs

    def write(self, vals):
        result = super().write(vals)
        self._forget_secrets(vals)
        return result

    # ------------------------------------------------------------ validation

    @api.constrains("page_size", "timeout")
    def _check_page_size_and_timeout(self):
        for config in self:
            if not 1 <= config.page_size <= MAX_PAGE_SIZE:
                raise config._invalid(
                    "page_size",
                    self.env._("%s is out of range.", config.page_size),
                    self.env._("1 to %s", MAX_PAGE_SIZE),
                )
            if config.timeout < 1:
                raise config._invalid(
                    "timeout",
                    self.env._("%s seconds is too short.", config.timeout),
                    self.env._("1 second or more, e.g. 60"),
                )

    @api.constrains("data_steward_id")
    def _check_data_steward_id(self):
        for config in self:
            if config.data_steward_id.share:
                raise config._invalid(
                    "data_steward_id",
                    self.env._(
                        "%s is not an internal user.", config.data_steward_id.name
                    ),
                    self.env._(
                        "an internal user, who receives the notification e-mails"
                    ),
                )

    # ------------------------------------------------------------ secrets

    def _compute_secrets(self):
        """Secrets are write-only: the UI never receives a stored value."""
        for config in self:
            for name in SECRET_FIELDS:
                config[name] = False

    @api.depends(*(f"{name}_encrypted" for name in SECRET_FIELDS))
    def _compute_secret_is_set(self):
        for config in self:
            stored = config.sudo()
            for name in SECRET_FIELDS:
                config[f"{name}_is_set"] = bool(stored[f"{name}_encrypted"])

    def _forget_secrets(self, names):
        """Drop just-saved secrets from the cache: what is read back is empty."""
        secrets = [name for name in SECRET_FIELDS if name in names]
        if secrets:
            self.invalidate_recordset(secrets)

    def _inverse_password(self):
        for config in self:
            config._set_secret("password", config.password)

    def _inverse_bearer_token(self):
        for config in self:
            config._set_secret("bearer_token", config.bearer_token)

    def _inverse_client_token(self):
        for config in self:
            config._set_secret("client_token", config.client_token)

    def _secret_label(self, name):
        return self._fields[name]._description_string(self.env).lower()

    def _set_secret(self, name, value):
        """Store ``value`` encrypted; an empty value removes the stored secret."""
        self.ensure_one()
        if not value and not self.sudo()[f"{name}_encrypted"]:
            return
        ciphertext = legalsense_secret.encrypt(self.env, value) if value else False
        self.sudo().write({f"{name}_encrypted": ciphertext})
        if value:
            body = self.env._("The %s was changed.", self._secret_label(name))
        else:
            body = self.env._("The %s was removed.", self._secret_label(name))
        self.message_post(body=body)

    def _get_secret(self, name):
        """The decrypted secret, or "" when none is stored."""
        self.ensure_one()
        ciphertext = self.sudo()[f"{name}_encrypted"]
        if not ciphertext:
            return ""
        return legalsense_secret.decrypt(self.env, ciphertext, self._secret_label(name))

    def _action_clear_secret(self, name):
        self.check_access("write")
        for config in self:
            config._set_secret(name, False)
        return True

    def action_clear_password(self):
        return self._action_clear_secret("password")

    def action_clear_bearer_token(self):
        return self._action_clear_secret("bearer_token")

    def action_clear_client_token(self):
        return self._action_clear_secret("client_token")
