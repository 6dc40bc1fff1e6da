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

from odoo import http

from .legalsense_configuration_actions import ImportPages
from .legalsense_configuration_lists import LookupListPages
from .legalsense_configuration_page import (
    ADDRESS_TEMPLATES_PATH,
    BASE,
    IMPORT_ACTIONS,
)
from .legalsense_configuration_start import StartPage

# Forbid showing the pages in a frame: old browsers read the first, new the CSP.
FRAME_HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
}
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


class LegalSenseConfiguration(StartPage, LookupListPages, ImportPages, http.Controller):
    """The administration pages, one controller: the start page
    (``legalsense_configuration_start``), the lookup lists and their export
    (``legalsense_configuration_lists``), the imports and their result pages
    (``legalsense_configuration_actions``), on the plumbing of
    ``legalsense_configuration_page``."""


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
