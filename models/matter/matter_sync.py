# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the matter, debtor and party jobs share: the matter's facets, what
one job needs, and the writing of a LegalSense matter contact (the client's
and the originator's of a matter, and a party's)."""

from ...legalsense_mapping.matter_settings import MatterSettings
from ..sync.common import Facet, delete_if_present, payload_digest

MATTER = Facet(
    "matter",
    "matters",
    "legalsense_matter_id",
    finder="_legalsense_find_matter",
    removal_key="matter_id",
)
CLIENT_CONTACT = Facet(
    "client_contact", "mattercontacts", "legalsense_client_contact_id"
)
ORIGINATOR_CONTACT = Facet(
    "originator_contact", "mattercontacts", "legalsense_originator_contact_id"
)


class MatterRun:
    """What one matter, debtor or party job needs: settings, client, version."""

    def __init__(self, env, config, client):
        self.env = env
        self.config = config
        self.client = client
        self.settings = MatterSettings.from_config(config)
        self._version = None
        self._partner_run = None
        self.done = []

    @property
    def version(self):
        if self._version is None:
            self._version = self.config._get_version(self.client)
        return self._version

    @property
    def partner_run(self):
        """The partner sync's run, to sync contacts on the matter's behalf."""
        if self._partner_run is None:
            from ..partner.partner_sync import SyncRun

            self._partner_run = SyncRun(self.env, self.config, self.client)
        return self._partner_run

    def note(self, facet, remote, created):
        if remote is not None:
            verb = "created" if created else "updated"
            self.done.append(f"{facet.resource}/{remote['id']} {verb}")

    def summary(self):
        done = self.done + (self._partner_run.done if self._partner_run else [])
        return "; ".join(done) or "Nothing changed."


def organization_of(partner):
    """The LegalSense contact of ``partner``: the company of a contact person
    at a company, else the partner itself."""
    if not partner.is_company and partner.parent_id.is_company:
        return partner.parent_id
    return partner


def replace_matter_contact(record, run, facet, payload, find_existing):
    """Write a LegalSense matter contact, which is never changed in place.

    "Existing records are always deleted and re-created on update" (§
    ActivityAttendee to LSMatterContacts): unchanged since it was last sent,
    or imported holding the payload, nothing is sent; changed, the old one
    is deleted, then the new one is created (a create of an earlier try is
    looked up first).
    """
    digest = payload_digest(payload)
    if record[facet.id_field]:
        data = record._legalsense_facet_data(facet)
        if digest == data.get("digest"):
            return
        if record._legalsense_holds_unsent(data, payload):
            # Imported as it is: nothing to replace.
            record._legalsense_remember(facet, data["remote"], digest)
            return
        delete_matter_contact(record, run, facet)
    remote, sent = record._legalsense_create(run.client, facet, payload, find_existing)
    if payload_digest(sent) != digest:
        # An earlier try made it from other values: it is replaced as well.
        record._legalsense_remember(facet, remote, None)
        replace_matter_contact(record, run, facet, payload, find_existing)
        return
    record._legalsense_remember(facet, remote, digest)
    run.note(facet, remote, True)


def delete_matter_contact(record, run, facet):
    """Delete the LegalSense matter contact of ``facet`` and forget it."""
    ls_id = record[facet.id_field]
    if not ls_id:
        return
    delete_if_present(run.client, "mattercontacts", ls_id)
    run.done.append(f"mattercontacts/{ls_id} deleted")
    record._legalsense_forget(facet)
