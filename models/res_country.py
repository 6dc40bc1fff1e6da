# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Address templates per country (§ Address, ImportAddressTemplates).

A country's LegalSense address template is its external reference of the
application LEGALSENSE, as in the manual ("add an external link per country
with the name LEGALSENSE and the LS template number as the ExternalID").
"""

import logging

from odoo import api, models

from ..legalsense_mapping.address_templates import (
    ADDRESS_TEMPLATES,
    DEFAULT_COUNTRY_TEMPLATES,
    templates_to_set,
)
from .sync.legalsense_external_ref import LEGALSENSE

_logger = logging.getLogger(__name__)


class ResCountry(models.Model):
    _inherit = "res.country"

    @api.model
    def _legalsense_address_templates(self):
        """All known template ids: {id: (constant, description)}."""
        return dict(ADDRESS_TEMPLATES)

    @api.model
    def _legalsense_template_refs(self, countries):
        """{country id: its LEGALSENSE external reference} of ``countries``."""
        refs = (
            self.env["legalsense.external.ref"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "res.country"),
                    ("res_id", "in", countries.ids),
                    ("application", "=", LEGALSENSE),
                ]
            )
        )
        return {ref.res_id: ref for ref in refs}

    @api.model
    def _legalsense_import_address_templates(self, force_overwrite=False):
        """Set the default template of the predefined countries; return the
        ISO2 codes that changed.

        Countries that have a template keep it unless ``force_overwrite``.
        """
        countries = self.sudo().search(
            [("code", "in", list(DEFAULT_COUNTRY_TEMPLATES))]
        )
        by_code = {country.code: country for country in countries}
        refs = self._legalsense_template_refs(countries)
        current = {
            code: refs[country.id].external_id if country.id in refs else False
            for code, country in by_code.items()
        }
        changes = templates_to_set(current, force_overwrite=force_overwrite)
        updated = []
        for code, template in changes.items():
            country = by_code.get(code)
            if not country:
                continue
            ref = refs.get(country.id)
            if ref:
                ref.external_id = str(template)
            else:
                self.env["legalsense.external.ref"].sudo().create(
                    {
                        "res_model": "res.country",
                        "res_id": country.id,
                        "application": LEGALSENSE,
                        "external_id": str(template),
                    }
                )
            updated.append(code)
        _logger.info("LegalSense: address templates set for %s", updated or "none")
        return [code for code in DEFAULT_COUNTRY_TEMPLATES if code in updated]
