# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Matter parties (the manual's CM ActivityAttendee) and § ActivityAttendee to
LSMatterContacts.

A party is a contact in a role on a matter: counterparty, opposing counsel,
bailiff... The role is an activity role (a LegalSense contact kind). Any
change (contact, contact person, role, their reference) deletes the
LegalSense matter contact and creates it again: LegalSense cannot change a
matter contact's contact or kind, and the manual re-creates it on every
update.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ...legalsense_client import NotFoundError
from ...legalsense_mapping.matter_contacts import (
    PartySource,
    find_created_matter_contact,
    matter_contact_payload,
)
from ..sync.common import Facet
from .matter_sync import replace_matter_contact

PARTY = Facet(
    "party",
    "mattercontacts",
    "legalsense_matter_contact_id",
    finder="_legalsense_find_created_party",
    removal_key="matter_contact_id",
)


class LegalMatterParty(models.Model):
    _name = "legal.matter.party"
    _inherit = ["legal.matter.line.mixin"]
    _description = "Matter party"

    _legalsense_facets = (PARTY,)
    _legalsense_tracked_fields = ("partner_id", "role_id", "their_reference")

    role_id = fields.Many2one(
        "legalsense.lookup.value",
        "Role",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('lookup_type', '=', 'activity_role'), "
        "('id', 'in', allowed_role_ids)]",
        help="The party's role on the matter (a LegalSense contact kind).",
    )
    allowed_role_ids = fields.Many2many(
        "legalsense.lookup.value", compute="_compute_allowed_role_ids"
    )
    their_reference = fields.Char(
        help="The party's own reference for the matter (the attendee reference)."
    )
    legalsense_matter_contact_id = fields.Integer(
        "LegalSense matter contact ID", copy=False, index=True, readonly=True
    )

    @api.depends("matter_id.matter_activity_type_id")
    def _compute_allowed_role_ids(self):
        roles = self.env["legalsense.lookup.value"].search(
            [("lookup_type", "=", "activity_role")]
        )
        for party in self:
            allowed = party.matter_id.matter_activity_type_id.activity_role_ids
            party.allowed_role_ids = allowed or roles

    @api.constrains("role_id")
    def _check_role(self):
        for party in self:
            if party.role_id.lookup_type != "activity_role":
                raise ValidationError(
                    self.env._(
                        "%s is not an activity role: choose the party's role from "
                        "the activity roles.",
                        party.role_id.display_name,
                    )
                )

    # ------------------------------------------------------------ export

    def _legalsense_export_line(self, run, organization, person):
        payload = matter_contact_payload(self._legalsense_party_source(organization))
        replace_matter_contact(
            self, run, PARTY, payload, self._legalsense_find_created_party
        )

    def _legalsense_party_source(self, organization):
        person = self.partner_id if self.partner_id != organization else None
        return PartySource(
            odoo_id=self.id,
            matter_ls_id=self.matter_id.legalsense_matter_id,
            contact_ls_id=organization.legalsense_contact_id or None,
            contact_person_ls_id=(person and person.legalsense_contact_id) or None,
            kind_ls_id=self.role_id.legalsense_id or None,
            their_reference=self.their_reference or "",
        )

    def _legalsense_find_created_party(self, client, payload):
        """The matter contact a lost create made, from the payload alone (also
        for a party deleted since)."""
        ls_matter = (payload.get("matter") or {}).get("id")
        matter = (
            self.env["legal.matter"]
            .sudo()
            .search([("legalsense_matter_id", "=", ls_matter)], limit=1)
        )
        records = client.list("mattercontacts", matter=ls_matter)
        linked = set(matter._legalsense_linked_matter_contact_ids())
        return find_created_matter_contact(records, payload, linked)

    # ------------------------------------------------------------ deletion

    def _legalsense_removal_values(self):
        return {"matter_contact_id": self.legalsense_matter_contact_id}

    def _legalsense_remove(self, config, client, removal):
        """ "On delete: the LSMatterContacts record is deleted unless the matter
        itself is also being removed" (a matter's deletion removes its parties
        without this job)."""
        ls_id = removal["matter_contact_id"]
        if not ls_id:
            return "Nothing in LegalSense to remove."
        try:
            client.delete("mattercontacts", ls_id)
        except NotFoundError:
            return f"mattercontacts/{ls_id} was gone already"
        return f"mattercontacts/{ls_id} deleted"
