# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The matter's own matter contacts in LegalSense: the client's contact person
(§ "Employee contact — client matter contact") and, when the settings make
the originator a matter contact, the originator. Like a party's, a matter
contact is deleted and created again on any change."""

from functools import partial

from odoo import models
from odoo.exceptions import UserError

from ...legalsense_mapping.matter_contacts import (
    find_created_matter_contact,
    person_matter_contact_payload,
)
from ...legalsense_mapping.matters import originator_contact_kind
from .matter_sync import (
    CLIENT_CONTACT,
    ORIGINATOR_CONTACT,
    delete_matter_contact,
    replace_matter_contact,
)


class LegalMatter(models.Model):
    _inherit = "legal.matter"

    def _legalsense_client_contact_kind(self, run):
        """MatterContactActivityRoleCodeForClient as a LegalSense contact kind."""
        code = run.settings.matter_contact_activity_role_code_for_client
        role = (
            self.env["legalsense.lookup.value"]
            .sudo()
            .search(
                [("lookup_type", "=", "activity_role"), ("code", "=ilike", code)],
                limit=1,
            )
        )
        if not role.legalsense_id:
            raise UserError(
                self.env._(
                    "No activity role with code '%s' is linked to a LegalSense "
                    "contact kind: import the lookup lists, or set "
                    "MatterContactActivityRoleCodeForClient to the code of one.",
                    code,
                )
            )
        return role.legalsense_id

    def _legalsense_sync_client_contact(self, run, person):
        """§ "Employee contact — client matter contact": the person, with the
        client role; deleted and created again on any change."""
        if not person or not person.legalsense_contact_id:
            delete_matter_contact(self, run, CLIENT_CONTACT)
            return
        kind = self._legalsense_client_contact_kind(run)
        payload = person_matter_contact_payload(
            self.legalsense_matter_id, person.legalsense_contact_id, kind
        )
        self._legalsense_replace_matter_contact(run, CLIENT_CONTACT, payload)

    def _legalsense_originator_partner(self, run):
        """The originator's partner when the originator is a matter contact."""
        if originator_contact_kind(run.settings) and self.originator_id:
            return self.originator_id.sudo().partner_id
        return self.env["res.partner"]

    def _legalsense_ensure_originator_contact(self, run, originator):
        """The originator's LegalSense person contact, created through the
        partner sync when it has none. The partner sync leaves the firm's own
        people alone, so this is its contact sync called on the matter's
        behalf (lock, lookup of a lost create and all)."""
        if not originator or originator.legalsense_contact_id:
            return
        originator._legalsense_locked()._legalsense_sync_contact(run.partner_run)

    def _legalsense_sync_originator_contact(self, run, originator):
        kind = originator_contact_kind(run.settings)
        if not kind or not originator or not originator.legalsense_contact_id:
            delete_matter_contact(self, run, ORIGINATOR_CONTACT)
            return
        payload = person_matter_contact_payload(
            self.legalsense_matter_id, originator.legalsense_contact_id, kind
        )
        self._legalsense_replace_matter_contact(run, ORIGINATOR_CONTACT, payload)

    def _legalsense_replace_matter_contact(self, run, facet, payload):
        find = partial(self._legalsense_find_matter_contact, facet)
        replace_matter_contact(self, run, facet, payload, find)

    def _legalsense_find_matter_contact(self, facet, client, payload):
        records = client.list("mattercontacts", matter=self.legalsense_matter_id)
        linked = set(self._legalsense_linked_matter_contact_ids())
        return find_created_matter_contact(records, payload, linked)

    def _legalsense_linked_matter_contact_ids(self):
        ids = self.party_ids.mapped("legalsense_matter_contact_id")
        ids += [
            self.legalsense_client_contact_id,
            self.legalsense_originator_contact_id,
        ]
        return [ls_id for ls_id in ids if ls_id]
