# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Departments imported from LegalSense practice groups (§ Job 4).

A department's practice group is its external reference of the application
LEGALSENSE_INTERNAL (the manual's "Matter.Department LEGALSENSE_INTERNAL
external ID"). Each imported department has a security group of the
practice group's normalised name, whose users are the department's members.
"""

from odoo import api, fields, models

from .sync.legalsense_external_ref import LEGALSENSE_INTERNAL


class HrDepartment(models.Model):
    _inherit = "hr.department"

    legalsense_group_id = fields.Many2one(
        "res.groups",
        "Practice group security group",
        copy=False,
        ondelete="set null",
        help="The security group of this practice group: the users of its "
        "members. The import adds and removes them.",
    )
    legalsense_practice_group_id = fields.Integer(
        "LegalSense practice group ID",
        compute="_compute_legalsense_practice_group_id",
        help="The LEGALSENSE_INTERNAL external ID of this department.",
    )

    def _compute_legalsense_practice_group_id(self):
        refs = self._legalsense_practice_group_refs(self.ids)
        for department in self:
            ref = refs.get(department.id)
            department.legalsense_practice_group_id = (
                int(ref.external_id) if ref and (ref.external_id or "").isdigit() else 0
            )

    @api.model
    def _legalsense_practice_group_refs(self, ids):
        refs = (
            self.env["legalsense.external.ref"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "hr.department"),
                    ("res_id", "in", list(ids)),
                    ("application", "=", LEGALSENSE_INTERNAL),
                ]
            )
        )
        return {ref.res_id: ref for ref in refs}
