# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The administration pages of the manual, reached in any letter case."""

from odoo import models
from odoo.http import request

from ..controllers.legalsense_configuration import canonical_path


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

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
