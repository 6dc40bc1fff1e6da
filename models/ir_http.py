# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The administration pages of the manual: reached in any letter case, never
shown in a frame."""

from werkzeug.exceptions import HTTPException

from odoo import models
from odoo.http import request

from ..controllers.legalsense_configuration import (
    canonical_path,
    forbid_framing,
    is_admin_path,
)


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _post_dispatch(cls, response):
        """The administration pages' answers may not be shown in a frame."""
        if is_admin_path(request.httprequest.path):
            forbid_framing(response)
        return super()._post_dispatch(response)

    @classmethod
    def _handle_error(cls, exception):
        """Nor their errors (the login redirect, a refused POST, a crash)."""
        response = super()._handle_error(exception)
        if not is_admin_path(request.httprequest.path):
            return response
        if isinstance(response, HTTPException):
            # A bare HTTP error (a refused CSRF token): answer it as a response.
            response = response.get_response(request.httprequest.environ)
        return forbid_framing(response)

    @classmethod
    def _serve_fallback(cls):
        """Redirect ``/legalsenseconfiguration.aspx/listuser`` and the like.

        Only paths no route matched come here; 308 keeps a POST a POST.
        """
        response = super()._serve_fallback()
        if response:
            return response
        path = request.httprequest.path
        canonical = canonical_path(path)
        if not canonical or canonical == path:
            return response
        query = request.httprequest.query_string.decode()
        return request.redirect(canonical + (f"?{query}" if query else ""), code=308)
