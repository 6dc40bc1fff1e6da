# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Matter activity types: the manual's CM "Activity Type" (MATTER_ADV, MATTER_NOT).

An activity type tells which LegalSense firm a matter belongs to (§ Firms:
its LEGALSENSE_INTERNAL external id), which Chinese-wall kind it has (§ Matter:
Chinese Wall: its LEGALSENSE_CHINESEWALL external id) and, for the wall in
Odoo (§ Law, Notary: Chinese Wall), its practice group and the Odoo group of
that practice group: a matter of a walled type is readable only by that
group's members and by LegalSense Managers.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..sync.legalsense_external_ref import LEGALSENSE_CHINESEWALL, LEGALSENSE_INTERNAL


class LegalMatterActivityType(models.Model):
    _name = "legal.matter.activity.type"
    _inherit = ["legalsense.external.ref.mixin"]
    _description = "Matter activity type"
    _order = "sequence, code"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Code of the activity type, e.g. MATTER_ADV or MATTER_NOT; "
        "SyncMatterEnabledForActivityTypes lists these codes.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text()
    firm_legalsense_id = fields.Integer(
        "LegalSense firm ID",
        compute="_compute_external_ids",
        inverse="_inverse_firm_legalsense_id",
        help="The id of the LegalSense firm of matters of this type: the "
        "LEGALSENSE_INTERNAL external reference (§ Firms).",
    )
    chinese_wall_kind = fields.Integer(
        "Chinese wall kind",
        compute="_compute_external_ids",
        inverse="_inverse_chinese_wall_kind",
        help="The LegalSense chinese_wall_kind of matters of this type, as "
        "supplied by LegalSense support: the LEGALSENSE_CHINESEWALL external "
        "reference. A type with a Chinese wall kind is walled: its matters are "
        "readable only by the members of its practice group.",
    )
    is_chinese_wall = fields.Boolean(
        "Chinese wall",
        compute="_compute_external_ids",
        search="_search_is_chinese_wall",
    )
    practice_group_id = fields.Many2one(
        "hr.department",
        "Practice group",
        ondelete="set null",
        help="The practice group (department) this activity type belongs to; "
        "a new matter of this type gets it as its department.",
    )
    wall_group_id = fields.Many2one(
        "res.groups",
        "Practice group members",
        ondelete="restrict",
        help="The Odoo group of the practice group: for a walled activity type "
        "only its members (and LegalSense Managers) can read its matters.",
    )
    activity_role_ids = fields.Many2many(
        "legalsense.lookup.value",
        "legal_matter_activity_type_role_rel",
        "activity_type_id",
        "role_id",
        "Party roles",
        domain=[("lookup_type", "=", "activity_role")],
        help="The roles a party can have on matters of this type; empty: any role.",
    )
    matter_count = fields.Integer(compute="_compute_matter_count")

    _sql_constraints = [
        ("code_unique", "unique(code)", "The code of an activity type must be unique.")
    ]

    @api.depends("code")
    def _compute_external_ids(self):
        for activity_type in self:
            firm = activity_type._legalsense_external_id(LEGALSENSE_INTERNAL)
            wall = activity_type._legalsense_external_id(LEGALSENSE_CHINESEWALL)
            activity_type.firm_legalsense_id = _positive(firm)
            activity_type.chinese_wall_kind = _positive(wall)
            activity_type.is_chinese_wall = bool(_positive(wall))

    @api.onchange("practice_group_id")
    def _onchange_practice_group_id(self):
        """The practice group's own security group guards the wall by default."""
        department = self.practice_group_id
        if (
            "legalsense_group_id" in department._fields
            and department.legalsense_group_id
        ):
            self.wall_group_id = department.legalsense_group_id

    def _inverse_firm_legalsense_id(self):
        for activity_type in self:
            # § Law, Notary: ExternalCode = the activity type code.
            activity_type.sudo()._legalsense_set_external_ref(
                LEGALSENSE_INTERNAL,
                activity_type.firm_legalsense_id or False,
                code=activity_type.code,
            )

    def _inverse_chinese_wall_kind(self):
        for activity_type in self:
            activity_type.sudo()._legalsense_set_external_ref(
                LEGALSENSE_CHINESEWALL, activity_type.chinese_wall_kind or False
            )

    @api.model
    def _search_is_chinese_wall(self, operator, value):
        if operator not in ("=", "!="):
            raise NotImplementedError(self.env._("Search Chinese wall for yes or no."))
        refs = (
            self.env["legalsense.external.ref"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("application", "=", LEGALSENSE_CHINESEWALL),
                    ("external_id", "not in", (False, "", "0")),
                ]
            )
        )
        walled = [ref.res_id for ref in refs if _positive(ref.external_id)]
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", walled)]

    def _compute_matter_count(self):
        counts = dict(
            self.env["legal.matter"]._read_group(
                [("matter_activity_type_id", "in", self.ids)],
                ["matter_activity_type_id"],
                ["__count"],
            )
        )
        for activity_type in self:
            activity_type.matter_count = counts.get(activity_type, 0)

    @api.constrains("code")
    def _check_code(self):
        for activity_type in self:
            code = activity_type.code or ""
            if not code.strip() or code != code.strip() or "," in code:
                raise ValidationError(
                    self.env._(
                        "The code of activity type %s must not be empty, start or "
                        "end with a space, or contain a comma.",
                        activity_type.name,
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        if {"code", "firm_legalsense_id", "chinese_wall_kind"} & set(vals):
            self._legalsense_queue_matters()
        return result

    def _legalsense_queue_matters(self):
        """Matters of these types send their firm and Chinese-wall kind again."""
        matters = (
            self.env["legal.matter"]
            .sudo()
            .search(
                [
                    ("matter_activity_type_id", "in", self.ids),
                    ("legalsense_matter_id", "!=", 0),
                ]
            )
        )
        matters._legalsense_queue_export()

    def action_open_matters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "legalsense.legal_matter_action"
        )
        action["domain"] = [("matter_activity_type_id", "=", self.id)]
        action["context"] = {"default_matter_activity_type_id": self.id}
        return action


def _positive(value):
    """A positive integer from an external id such as "3"; 0 otherwise."""
    value = (value or "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else 0
