# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The partner's LegalSense contact (§ Company to LSContacts, § Person to
LSContacts): its payload, its upsert, the contact a lost create made, and
its values read back."""

import datetime
from functools import partial

from odoo import fields, models

from ...legalsense_mapping import company_contact_payload, person_contact_payload
from ...legalsense_mapping.inbound import contact_values
from ..sync.common import same_identity
from .partner_sync import CONTACT

# A create whose answer was lost, or a retried job, looks for the contact it
# may have made among the contacts created since its job started, less this
# margin for clock differences.
FIND_MARGIN = datetime.timedelta(minutes=10)
CONTACT_IDENTITY = (
    "is_organization",
    "organization_name",
    "first_name",
    "last_name",
    "name_prefix",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _legalsense_contact_payload(self, sync, source, existing):
        build = company_contact_payload if self.is_company else person_contact_payload
        return build(source, sync.settings, existing, eu_countries=sync.eu_countries)

    def _legalsense_contact_builder(self, sync):
        source = sync.contact_source(self)
        return partial(self._legalsense_contact_payload, sync, source)

    def _legalsense_sync_contact(self, sync):
        remote, created = self._legalsense_upsert(
            sync.client,
            CONTACT,
            self._legalsense_contact_builder(sync),
            self._legalsense_find_contact,
        )
        sync.note(CONTACT, remote, created)

    def _legalsense_find_contact(self, client, payload):
        """A contact a lost create may have made: created since the job began,
        with the payload's names, and linked to no other partner."""
        since = self._legalsense_search_since()
        for contact in client.iterate("contacts", modified_date__gte=since):
            if parse_datetime(contact.get("created_date")) < since:
                continue
            if not same_identity(contact, payload, CONTACT_IDENTITY):
                continue
            if not self._legalsense_linked_elsewhere("legalsense_contact_id", contact):
                return contact
        return None

    def _legalsense_search_since(self):
        since = self.env.context.get("legalsense_search_since")
        if since:
            # A create in flight of a deleted partner: since it was sent.
            started = fields.Datetime.to_datetime(since)
        else:
            uuid = self.env.context.get("job_uuid")
            job = uuid and self.env["queue.job"].sudo().search([("uuid", "=", uuid)])
            started = job.date_created if job else fields.Datetime.now()
        return (started - FIND_MARGIN).replace(tzinfo=datetime.timezone.utc)

    def _legalsense_link_values(self, facet, remote):
        """The contact number as Reference when it has none."""
        values = super()._legalsense_link_values(facet, remote)
        number = remote.get("number")
        if facet == CONTACT and number and not self.ref:
            values["ref"] = number
        return values

    def _legalsense_inbound_values(self, facet, remote):
        """A contact's values read back from LegalSense, by the rules of the
        import (for conflicting changes)."""
        if facet != CONTACT:
            return super()._legalsense_inbound_values(facet, remote)
        settings = self._legalsense_inbound_settings()
        existing = {
            "salutation": self.salutation,
            "name": self.name,
            "official_name": self.official_name,
        }
        values = dict(contact_values(remote, settings, existing).values)
        # Whether it is an organisation is never changed by an update, and
        # archiving follows the archive rules.
        values.pop("is_company", None)
        values.pop("active", None)
        return values


def parse_datetime(value):
    """An LS date-time (ISO 8601 with offset) as an aware datetime; min when empty."""
    if not value:
        return datetime.datetime.min.replace(tzinfo=datetime.timezone.utc)
    moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment
