# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The partner's LegalSense client (§ Contact to LSClients): its payload and
upsert under a name LegalSense accepts, the client LegalSense has already,
and the client a matter needs."""

from functools import partial

from odoo import models
from odoo.exceptions import UserError

from ...legalsense_client import DuplicateNameError
from ...legalsense_mapping import (
    accepted_client_name,
    client_payload,
    duplicate_name_candidates,
)
from ...legalsense_mapping.clients import client_name
from .partner_sync import CLIENT, SyncRun


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _legalsense_sync_client(self, sync):
        """The client; on a duplicate name the postal city, then the id is added."""
        if not self.legalsense_client_id:
            self._legalsense_link_existing_client(sync)
        source = sync.contact_source(self)
        names = duplicate_name_candidates(
            client_name(source, sync.settings), source.postal_city, self.id
        )
        for attempt, name in enumerate(names):
            build = partial(
                self._legalsense_client_payload, sync, source, name if attempt else None
            )
            try:
                remote, created = self._legalsense_upsert(sync.client, CLIENT, build)
            except DuplicateNameError:
                if attempt == len(names) - 1:
                    raise
                continue
            sync.note(CLIENT, remote, created)
            return

    def _legalsense_client_payload(self, sync, source, name, existing):
        payload = client_payload(source, sync.settings, sync.version, existing)
        if name:
            payload["name"] = name
        elif existing:
            payload["name"] = accepted_client_name(
                payload["name"], existing.get("name"), source.postal_city, self.id
            )
        return payload

    def _legalsense_link_existing_client(self, sync):
        """One client per contact: a client LegalSense has already is linked."""
        found = sync.client.find_first("clients", contact=self.legalsense_contact_id)
        if found:
            self._legalsense_remember(CLIENT, found, None)

    def _legalsense_link_values(self, facet, remote):
        """The client code, and the contact marked as a client."""
        values = super()._legalsense_link_values(facet, remote)
        if facet != CLIENT:
            return values
        number = remote.get("number")
        if (
            number
            and self.legalsense_client_code != number
            and self._legalsense_config().use_client_code
        ):
            values["legalsense_client_code"] = number
        if not self.legalsense_is_client:
            values["legalsense_is_client"] = True
        return values

    def _legalsense_ensure_client(self, config, client):
        """For a matter: make this contact a client in LegalSense; its client id."""
        self.ensure_one()
        record = self.sudo()
        skipped = record._legalsense_skip_reason(config)
        if skipped:
            raise UserError(
                self.env._(
                    "%(contact)s cannot be a client in LegalSense: %(reason)s",
                    contact=record.display_name,
                    reason=skipped,
                )
            )
        record._legalsense_lock()
        if not record.legalsense_client_id:
            # Stored with the client's id (see _legalsense_link_values): a job
            # failing before leaves the partner as it was.
            sync = SyncRun(self.env, config, client)
            record._legalsense_sync_contact(sync)
            record._legalsense_sync_client(sync)
        return record.legalsense_client_id
