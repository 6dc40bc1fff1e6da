# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Matters (the manual's CM Matter): the model, its fields, computes,
constraints, onchanges and ORM overrides.

Beside it, by concern: its outbound sync (``legal_matter_sync``, with its
sources in ``legal_matter_sources``), the status machine, closing and archive
rules (``legal_matter_status``), the client's and originator's matter
contacts (``legal_matter_contacts``) and the users' notifications
(``legal_matter_notifications``).
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..sync.common import NO_EXPORT_CONTEXT
from .matter_sync import CLIENT_CONTACT, MATTER, ORIGINATOR_CONTACT

STATES = [
    ("new", "New"),
    ("active", "Active"),
    ("closed", "Closed"),
    ("archived", "Archived"),
]
ENGAGEMENT_LETTER_STATUSES = [
    ("Unknown", "Unknown"),
    ("NotRequired", "Not required"),
    ("NotSent", "Not sent"),
    ("Sent", "Sent"),
    ("Signed", "Signed"),
]


class LegalMatter(models.Model):
    _name = "legal.matter"
    _inherit = ["mail.thread", "mail.activity.mixin", "legalsense.sync.mixin"]
    _description = "Matter"
    _order = "open_date desc, id desc"

    _legalsense_facets = (MATTER, CLIENT_CONTACT, ORIGINATOR_CONTACT)
    # Every field the matter mapping reads, in the order of § Matter to LSMatters.
    _legalsense_tracked_fields = (
        "open_date",
        "code",
        "client_id",
        "matter_activity_type_id",
        "name",
        "long_name",
        "description",
        "comments",
        "lang",
        "matter_type_id",
        "area_of_law_id",
        "department_id",
        "owner_id",
        "originator_id",
        "client_reference",
        "referral_id",
        "engagement_letter_status",
        "close_date",
        "archive_date",
        "is_verified",
        "archive_number",
        "text1",
        "text2",
        "lookup_value_ids",
    )

    # ------------------------------------------------------------ fields

    name = fields.Char(required=True, tracking=True)
    long_name = fields.Char(
        help="The full name of the matter; sent to LegalSense as its name or as "
        "a custom field, per the setting SyncMatterLongNameToCMField."
    )
    code = fields.Char(
        "Matter code",
        copy=False,
        index="trigram",
        tracking=True,
        help="The matter number. Written back from LegalSense after creation, or "
        "sent to LegalSense when CreateMatterUseMatterCodeFromCM is on.",
    )
    description = fields.Text()
    comments = fields.Text()
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    client_id = fields.Many2one(
        "res.partner",
        "Client",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain="[('type', '=', 'contact'), '|', ('company_id', '=', False), "
        "('company_id', '=', company_id)]",
        help="A company, a person, or a contact person at a company (the company "
        "is then the client in LegalSense and the person its matter contact).",
    )
    client_company_id = fields.Many2one(
        "res.partner",
        "Client company",
        compute="_compute_client_company_id",
        help="The company of a client who is a contact person at a company.",
    )
    owner_id = fields.Many2one(
        "res.users",
        "Owner",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    originator_id = fields.Many2one(
        "res.users",
        "Originator",
        tracking=True,
        domain="[('share', '=', False)]",
        help="The manual's OwnerSub (labelled Originator).",
    )
    department_id = fields.Many2one(
        "hr.department",
        "Department",
        tracking=True,
        check_company=True,
        help="The practice group of the matter in LegalSense.",
    )
    office_id = fields.Many2one("hr.work.location", "Office", tracking=True)
    matter_type_id = fields.Many2one(
        "legalsense.lookup.value",
        "Matter type",
        tracking=True,
        domain=[("lookup_type", "=", "matter_type")],
    )
    area_of_law_id = fields.Many2one(
        "legalsense.lookup.value",
        "Area of law",
        tracking=True,
        domain=[("lookup_type", "=", "area_of_law")],
    )
    matter_activity_type_id = fields.Many2one(
        "legal.matter.activity.type",
        "Activity type",
        tracking=True,
        index=True,
        help="E.g. advice or notary matters: it decides the LegalSense firm and "
        "the Chinese wall.",
    )
    lang = fields.Selection(
        "_lang_get",
        "Language",
        help="The invoice language of the matter.",
    )
    client_reference = fields.Char(tracking=True)
    referral_id = fields.Many2one(
        "legalsense.lookup.value",
        "Referral",
        domain=[("lookup_type", "=", "referral")],
    )
    engagement_letter_status = fields.Selection(
        ENGAGEMENT_LETTER_STATUSES,
        "Engagement letter",
        default="Unknown",
        required=True,
        tracking=True,
    )
    is_verified = fields.Boolean("Verified", tracking=True, copy=False)
    open_date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True
    )
    close_date = fields.Date(tracking=True, copy=False)
    archive_date = fields.Date(tracking=True, copy=False)
    archive_number = fields.Char(tracking=True, copy=False)
    text1 = fields.Text("Text 1")
    text2 = fields.Text("Text 2")
    lookup_value_ids = fields.Many2many(
        "legalsense.lookup.value",
        "legal_matter_lookup_value_rel",
        "matter_id",
        "value_id",
        "Lookup values",
        domain=[("lookup_type", "=", "lookup_field")],
        help="Values of lookup fields (retention period, AML, custom fields).",
    )
    debtor_ids = fields.One2many(
        "legal.matter.debtor", "matter_id", "Debtors", copy=True
    )
    party_ids = fields.One2many("legal.matter.party", "matter_id", "Parties", copy=True)
    state = fields.Selection(
        STATES,
        "Status",
        compute="_compute_state",
        store=True,
        index=True,
        group_expand="_group_expand_states",
        help="New until verified, then active; closed when it has a close date, "
        "archived when it has an archive date.",
    )
    color = fields.Integer()
    legalsense_matter_id = fields.Integer(
        "LegalSense matter ID", copy=False, index=True, readonly=True
    )
    legalsense_client_contact_id = fields.Integer(
        "LegalSense client matter contact ID", copy=False, readonly=True
    )
    legalsense_originator_contact_id = fields.Integer(
        "LegalSense originator matter contact ID", copy=False, readonly=True
    )
    # The matter form options of the settings (matter.config).
    legalsense_show_matter_type = fields.Char(compute="_compute_form_options")
    legalsense_show_area_of_law = fields.Char(compute="_compute_form_options")
    legalsense_hide_department = fields.Boolean(compute="_compute_form_options")
    legalsense_multiple_payors = fields.Boolean(compute="_compute_form_options")
    debtor_count = fields.Integer(compute="_compute_counts")
    party_count = fields.Integer(compute="_compute_counts")
    client_matter_count = fields.Integer(compute="_compute_counts")

    # ------------------------------------------------------------ computes

    @api.model
    def _lang_get(self):
        return self.env["res.lang"].get_installed()

    @api.depends("client_id")
    def _compute_client_company_id(self):
        for matter in self:
            matter.client_company_id = matter._legalsense_client_partner()

    @api.depends("company_id")
    @api.depends_context("company")
    def _compute_form_options(self):
        for matter in self:
            config = (
                self.env["legalsense.config"]
                .sudo()
                ._get_config(matter.company_id or self.env.company)
            )
            matter.legalsense_show_matter_type = config.show_matter_type or "visible"
            matter.legalsense_show_area_of_law = config.show_area_of_law or "visible"
            matter.legalsense_hide_department = bool(config.hide_department)
            matter.legalsense_multiple_payors = (
                config.show_multiple_matter_payors if config else True
            )

    @api.depends("debtor_ids", "party_ids", "client_id")
    def _compute_counts(self):
        for matter in self:
            matter.debtor_count = len(matter.debtor_ids)
            matter.party_count = len(matter.party_ids)
            company = matter._legalsense_client_partner()
            matter.client_matter_count = (
                self.search_count([("client_id", "child_of", company.id)])
                if company
                else 0
            )

    # ------------------------------------------------------------ constraints

    @api.constrains("debtor_ids")
    def _check_single_payor(self):
        for matter in self:
            if not matter.legalsense_multiple_payors and len(matter.debtor_ids) > 1:
                raise ValidationError(
                    self.env._(
                        "Matter %s can have one debtor only (the setting "
                        "ShowMultipleMatterPayors is off).",
                        matter.name,
                    )
                )

    @api.constrains("matter_type_id", "area_of_law_id")
    def _check_required_lookups(self):
        for matter in self:
            if matter.legalsense_show_matter_type == "required" and not (
                matter.matter_type_id
            ):
                raise ValidationError(
                    self.env._("Matter %s needs a matter type.", matter.name)
                )
            if matter.legalsense_show_area_of_law == "required" and not (
                matter.area_of_law_id
            ):
                raise ValidationError(
                    self.env._("Matter %s needs an area of law.", matter.name)
                )

    # ------------------------------------------------------------ onchanges

    @api.onchange("matter_activity_type_id")
    def _onchange_matter_activity_type_id(self):
        department = self.matter_activity_type_id.practice_group_id
        if department and not self.department_id:
            self.department_id = department

    @api.onchange("originator_id")
    def _onchange_originator_id(self):
        self.update(self._owner_practice_group_values(self.originator_id))

    @api.onchange("client_id")
    def _onchange_client_id(self):
        if self.client_id and not self.lang:
            self.lang = self.client_id.lang

    def _owner_practice_group_values(self, user):
        """UseOwnerForMatterPracticeGroup: office and department of the
        originator (OwnerSub)'s employee record; they win over the values
        given with the originator."""
        config = (
            self.env["legalsense.config"]
            .sudo()
            ._get_config(self.company_id or self.env.company)
        )
        if not config.use_owner_for_matter_practice_group or not user:
            return {}
        employee = (
            user.sudo().employee_ids.filtered(
                lambda emp: emp.company_id == (self.company_id or self.env.company)
            )[:1]
            or user.sudo().employee_id
        )
        values = {}
        if employee.department_id:
            values["department_id"] = employee.department_id.id
        if employee.work_location_id:
            values["office_id"] = employee.work_location_id.id
        return values

    # ------------------------------------------------------------ ORM

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._complete_new_values(vals)
        return super().create(vals_list)

    def _complete_new_values(self, vals):
        company = self.env["res.company"].browse(vals.get("company_id")) or (
            self.env.company
        )
        config = self.env["legalsense.config"].sudo()._get_config(company)
        if config.create_matter_use_matter_code_from_cm and not vals.get("code"):
            vals["code"] = self.env["ir.sequence"].next_by_code("legal.matter")
        if vals.get("matter_activity_type_id") and not vals.get("department_id"):
            activity_type = self.env["legal.matter.activity.type"].browse(
                vals["matter_activity_type_id"]
            )
            if activity_type.practice_group_id:
                vals["department_id"] = activity_type.practice_group_id.id
        if vals.get("originator_id") and not self._legalsense_export_suppressed():
            user = self.env["res.users"].browse(vals["originator_id"])
            vals.update(self.with_company(company)._owner_practice_group_values(user))

    def write(self, vals):
        suppressed = self._legalsense_export_suppressed()
        if not suppressed and vals.get("originator_id") and self:
            user = self.env["res.users"].browse(vals["originator_id"])
            vals = {**vals, **self[:1]._owner_practice_group_values(user)}
        return super().write(vals)

    def unlink(self):
        # A party or debtor removed with its matter is not deleted in
        # LegalSense on its own (§ ActivityAttendee "On delete").
        silent = {NO_EXPORT_CONTEXT: True}
        self.party_ids.with_context(**silent).unlink()
        self.debtor_ids.with_context(**silent).unlink()
        return super().unlink()

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for matter, vals in zip(self, vals_list, strict=True):
            vals.setdefault("name", self.env._("%s (copy)", matter.name))
        return vals_list

    # ------------------------------------------------------------ actions

    def action_open_client(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.client_id.id,
            "view_mode": "form",
        }

    def action_open_client_matters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "legalsense.legal_matter_action"
        )
        company = self._legalsense_client_partner()
        action["domain"] = [("client_id", "child_of", company.id)]
        action["context"] = {"default_client_id": self.client_id.id}
        return action
