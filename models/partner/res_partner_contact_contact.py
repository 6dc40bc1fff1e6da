# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The link of a contact person to its company in LegalSense (§ Employee to
LSContactContacts): its payload and upsert, the existing link taken over on
a duplicate, and its deletion when the person leaves."""

from odoo import models

from ...legalsense_client import AlreadyLinkedError
from ...legalsense_mapping import contact_contact_payload
from ..sync.common import delete_if_present, payload_digest
from .partner_sync import CONTACT_CONTACT


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _legalsense_sync_contact_contact(self, sync):
        source = self._legalsense_employee_source()

        def build(existing):
            return contact_contact_payload(source)

        try:
            remote, created = self._legalsense_upsert(
                sync.client,
                CONTACT_CONTACT,
                build,
                self._legalsense_find_contact_contact,
            )
        except AlreadyLinkedError as error:
            remote, created = self._legalsense_relink(sync, error, build(None)), False
        sync.note(CONTACT_CONTACT, remote, created)

    def _legalsense_find_contact_contact(self, client, payload):
        return client.find_first(
            "contactcontacts",
            organization=payload["organization"]["id"],
            person=payload["person"]["id"],
        )

    def _legalsense_relink(self, sync, error, payload):
        """§ Employee "Duplicate": link the existing record and correct it."""
        existing_id = error.existing_id
        if not existing_id:
            found = self._legalsense_find_contact_contact(sync.client, payload)
            if not found:
                raise error
            existing_id = found["id"]
        old_id = self.legalsense_contact_contact_id
        if old_id and old_id != existing_id:
            delete_if_present(sync.client, "contactcontacts", old_id)
        remote = sync.client.patch("contactcontacts", existing_id, payload)
        self._legalsense_remember(CONTACT_CONTACT, remote, payload_digest(payload))
        return remote

    def _legalsense_delete_contact_contact(self, sync):
        """§ Employee "On inactive": delete the link and its sync record."""
        self._legalsense_delete_facet(sync, CONTACT_CONTACT)
