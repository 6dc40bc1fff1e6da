# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The roles a contact gets from matters (CM ChangeContactTypeToClient,
...ToPayor, ...ToParty): client, payor, party in a role."""

from odoo import api, fields, models

USER_GROUP = "legalsense.group_legalsense_user"


def _matters_as(model, field_name, string):
    """The lines of ``model`` where the contact has a role."""
    return fields.One2many(model, field_name, string, groups=USER_GROUP)


def _from_matters(field_type, string, **attributes):
    """A field of the contact's roles, computed from its matters."""
    return field_type(
        string=string,
        compute="_compute_legal_matter_roles",
        groups=USER_GROUP,
        **attributes,
    )


class ResPartner(models.Model):
    _inherit = "res.partner"

    legal_matter_client_ids = _matters_as(
        "legal.matter", "client_id", "Matters as client"
    )
    legal_matter_debtor_ids = _matters_as(
        "legal.matter.debtor", "partner_id", "Matters as payor"
    )
    legal_matter_party_ids = _matters_as(
        "legal.matter.party", "partner_id", "Matters as party"
    )
    legal_is_client = _from_matters(
        fields.Boolean, "Matter client", search="_search_legal_is_client"
    )
    legal_is_payor = _from_matters(
        fields.Boolean, "Matter payor", search="_search_legal_is_payor"
    )
    legal_party_role_ids = _from_matters(
        fields.Many2many,
        "Party roles",
        comodel_name="legalsense.lookup.value",
        search="_search_legal_party_role_ids",
        help="The roles this contact has as a party on matters.",
    )
    legal_matter_count = _from_matters(fields.Integer, "Matters")

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
