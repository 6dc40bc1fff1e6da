# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What every administration page shares: the paths of the manual, the
manager-only guard that turns errors into clear pages, and the rendering in
the backend look (``AdminPage``, the base of the pages' classes)."""

import functools
import logging
from collections import namedtuple

from odoo.exceptions import UserError
from odoo.http import request

from ..legalsense_client import LegalSenseError
from ..legalsense_mapping.lookup_lists import LIST_TYPES

_logger = logging.getLogger(__name__)

BASE = "/LegalSenseConfiguration.aspx"
MANAGER_GROUP = "legalsense.group_legalsense_manager"
IMPORT_MODEL = "legalsense.import"
# Somebody waits for the page: retry a passing trouble once, never for long.
PAGE_CLIENT_OPTIONS = {"max_retries": 1, "max_backoff": 5}

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


class AdminPage:
    """The helpers of the pages: the company, its settings, a client, rendering."""

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
    def _job_runner_configured():
        """Whether queue_job is a server-wide module (its job runner starts)."""
        return request.env["legalsense.config"].new({}).job_runner_configured

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
