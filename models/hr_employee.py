# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Employees imported from LegalSense users (§ Job 3 Users and Offices)."""

from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    legalsense_user_id = fields.Integer(
        "LegalSense user ID",
        copy=False,
        index=True,
        help="Id of the LegalSense user this employee is (the manual's external "
        "ID of the employee). Set by the user import.",
    )
    legalsense_begin_date = fields.Date(
        "Start date",
        copy=False,
        groups="hr.group_hr_user",
        help="First working day, from the begin date of the LegalSense user.",
    )
