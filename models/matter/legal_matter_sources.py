# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The matter as § Matter to LSMatters reads it: the source the matter
mapping builds its payloads from."""

from odoo import models

from ...legalsense_mapping.custom_fields import SOURCE_FIELD, parse_custom_fields
from ...legalsense_mapping.matters import MatterSource
from ..sync.legalsense_external_ref import DMSFORLEGAL, LEGALSENSE_INTERNAL


class LegalMatter(models.Model):
    _inherit = "legal.matter"

    # ------------------------------------------------------------ sources

    def _legalsense_matter_source(self, client_ls_id, settings=None, **changes):
        """The matter as § Matter to LSMatters reads it."""
        self.ensure_one()
        partners = self.env["res.partner"]
        activity_type = self.matter_activity_type_id
        values = {
            "odoo_id": self.id,
            "name": self.name or "",
            "long_name": self.long_name or "",
            "code": self.code or "",
            "description": self.description or "",
            "comments": self.comments or "",
            "language": self.lang or None,
            "open_date": self.open_date or None,
            "close_date": self.close_date or None,
            "archive_date": self.archive_date or None,
            "archive_number": self.archive_number or "",
            "text1": self.text1 or "",
            "text2": self.text2 or "",
            "client_reference": self.client_reference or "",
            "engagement_letter_status": self.engagement_letter_status or "Unknown",
            "verified": self.is_verified,
            "client_ls_id": client_ls_id or None,
            "activity_type_code": activity_type.code or "",
            "firm_ls_id": activity_type.firm_legalsense_id or None,
            "chinese_wall_kind": activity_type.chinese_wall_kind or None,
            "practice_group_ls_id": self._legalsense_internal_id(self.department_id),
            "matter_type": _mapping_value(self.matter_type_id),
            "area_of_law": _mapping_value(self.area_of_law_id),
            "referral": _mapping_value(self.referral_id),
            "owner_ls_user_id": partners._legalsense_user_id(self.owner_id),
            "owner_sub_ls_user_id": partners._legalsense_user_id(self.originator_id),
            "lookup_values": self.lookup_value_ids._legalsense_mapping_values(),
            "field_values": self._legalsense_field_values(settings),
            "dmsforlegal_code": self._legalsense_external_code(DMSFORLEGAL),
        }
        values.update(changes)
        return MatterSource(**values)

    def _legalsense_internal_id(self, record):
        """The LEGALSENSE_INTERNAL external id of ``record`` as an integer, or None."""
        if not record:
            return None
        value = self.env["legalsense.external.ref"]._external_id(
            record, LEGALSENSE_INTERNAL
        )
        return int(value) if value.isdigit() else None

    def _legalsense_field_values(self, settings):
        """The values of the fields named by ``<field>=`` MatterCustomFields rules."""
        if settings is None:
            return {}
        from ..partner.res_partner_source import plain_value

        return {
            rule.code: plain_value(self, rule.code)
            for rule in parse_custom_fields(settings.matter_custom_fields)
            if rule.source == SOURCE_FIELD and rule.code in self._fields
        }


def _mapping_value(value):
    return value._legalsense_mapping_value() if value else None
