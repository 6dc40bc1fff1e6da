# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The roles a contact gets from matters (CM ChangeContactTypeToClient,
...ToPayor, ...ToParty): client, payor, party in a role."""

from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    legal_matter_client_ids = fields.One2many(
        "legal.matter",
        "client_id",
        "Matters as client",
        groups="legalsense.group_legalsense_user",
    )
    legal_matter_debtor_ids = fields.One2many(
        "legal.matter.debtor",
        "partner_id",
        "Matters as payor",
        groups="legalsense.group_legalsense_user",
    )
    legal_matter_party_ids = fields.One2many(
        "legal.matter.party",
        "partner_id",
        "Matters as party",
        groups="legalsense.group_legalsense_user",
    )
    legal_is_client = fields.Boolean(
        "Matter client",
        compute="_compute_legal_matter_roles",
        search="_search_legal_is_client",
        groups="legalsense.group_legalsense_user",
    )
    legal_is_payor = fields.Boolean(
        "Matter payor",
        compute="_compute_legal_matter_roles",
        search="_search_legal_is_payor",
        groups="legalsense.group_legalsense_user",
    )
    legal_party_role_ids = fields.Many2many(
        "legalsense.lookup.value",
        string="Party roles",
        compute="_compute_legal_matter_roles",
        search="_search_legal_party_role_ids",
        groups="legalsense.group_legalsense_user",
        help="The roles this contact has as a party on matters.",
    )
    legal_matter_count = fields.Integer(
        "Matters",
        compute="_compute_legal_matter_roles",
        groups="legalsense.group_legalsense_user",
    )

    @api.depends(
        "legal_matter_client_ids",
        "legal_matter_debtor_ids",
        "legal_matter_party_ids.role_id",
    )
    def _compute_legal_matter_roles(self):
        for partner in self:
            partner.legal_is_client = bool(partner.legal_matter_client_ids)
            partner.legal_is_payor = bool(partner.legal_matter_debtor_ids)
            partner.legal_party_role_ids = partner.legal_matter_party_ids.role_id
            partner.legal_matter_count = (
                self.env["legal.matter"].search_count(partner._legal_matter_domain())
                if partner.id
                else 0
            )

    def _search_legal_is_client(self, operator, value):
        return _role_domain("legal_matter_client_ids", operator, value)

    def _search_legal_is_payor(self, operator, value):
        return _role_domain("legal_matter_debtor_ids", operator, value)

    def _search_legal_party_role_ids(self, operator, value):
        return [("legal_matter_party_ids.role_id", operator, value)]

    def _legal_matter_domain(self):
        """Matters of this contact (or its contact persons) in any role."""
        return [
            "|",
            "|",
            ("client_id", "child_of", self.id),
            ("debtor_ids.partner_id", "child_of", self.id),
            ("party_ids.partner_id", "child_of", self.id),
        ]

    def action_open_legal_matters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "legalsense.legal_matter_all_action"
        )
        action["domain"] = self._legal_matter_domain()
        action["context"] = {"default_client_id": self.id}
        return action


def _role_domain(field_name, operator, value):
    """A contact has a role (``= True``) when it has matters in that role."""
    if operator not in ("=", "!="):
        raise NotImplementedError("Search a matter role for yes or no.")
    has_role = (operator == "=") == bool(value)
    return [(field_name, "!=" if has_role else "=", False)]
