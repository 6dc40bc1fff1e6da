# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The partner's LegalSense addresses (§ Address to LSAddresses): a contact's
own address as its postal address, a child address as one more, the address a
lost create made, the contact's billing address, and the values read back."""

from contextlib import nullcontext

from odoo import models

from ...legalsense_client import supports_address_delete
from ...legalsense_mapping import (
    address_payload,
    billing_address_choice,
    billing_address_payload,
)
from ...legalsense_mapping.compare import holds
from ...legalsense_mapping.inbound_addresses import address_values
from ..sync.common import same_identity
from .partner_sync import ADDRESS, CONTACT

ADDRESS_IDENTITY = ("address", "address_line_2", "zipcode", "city", "address_kind")


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _legalsense_sync_own_address(self, sync):
        """The partner's own address: its postal address in LegalSense."""
        if not self._legalsense_has_address() and not self.legalsense_address_id:
            return
        self._legalsense_sync_address(sync, self, is_postal=True)

    def _legalsense_sync_child_address(self, sync):
        """A child address. An inactive one is sent with " !INACTIVE!" after its
        city; an archived one is removed as the Address table's "On delete"
        says: deleted, or before LegalSense 18.120 marked inactive."""
        removed = not self.active
        if removed and not self.legalsense_address_id:
            return
        if removed and supports_address_delete(sync.version):
            self._legalsense_delete_address(sync)
            return
        with self._legalsense_address_removal(sync) if removed else nullcontext():
            self._legalsense_sync_address(sync, self.parent_id, is_postal=False)

    def _legalsense_address_label(self):
        """The address as a person recognises it: "Jansen, Archief (Dam 1,
        1012 JS Amsterdam)"."""
        place = " ".join(part for part in (self.zip, self.city) if part)
        lines = ", ".join(part for part in (self.street, self.street2, place) if part)
        return f"{self.display_name} ({lines})" if lines else self.display_name

    def _legalsense_sync_address(self, sync, contact, is_postal):
        source = self._legalsense_address_source(is_postal)
        contact_id = contact.legalsense_contact_id

        def build(existing):
            return address_payload(source, contact_id, sync.settings)

        remote, created = self._legalsense_upsert(
            sync.client, ADDRESS, build, self._legalsense_find_address
        )
        sync.note(ADDRESS, remote, created)

    def _legalsense_find_address(self, client, payload):
        """An address a lost create may have made: same contact and lines."""
        contact_id = payload["contact"]["id"]
        for address in client.iterate("addresses", contact=contact_id):
            if not same_identity(address, payload, ADDRESS_IDENTITY):
                continue
            if not self._legalsense_linked_elsewhere("legalsense_address_id", address):
                return address
        return None

    def _legalsense_delete_address(self, sync):
        with self._legalsense_address_removal(sync):
            self._legalsense_delete_facet(sync, ADDRESS)

    def _legalsense_billing_child(self, sync):
        """The child address of the BillingAddressTypeCode kind, when configured."""
        code = (sync.settings.billing_address_type_code or "").lower()
        if not code:
            return self.browse()
        children = self._legalsense_child_addresses().filtered(
            lambda child: (
                (child.address_kind_id.code or "").lower() == code
                and not child._legalsense_is_inactive_address()
                and not child._legalsense_skip_reason(sync.config)
            )
        )
        return children[:1]

    def _legalsense_address_sources(self):
        """The contact's addresses known in LegalSense: its own, then its children."""
        sources = []
        if self.legalsense_address_id:
            sources.append(self._legalsense_address_source(is_postal=True))
        for child in self._legalsense_child_addresses():
            if child.legalsense_address_id:
                sources.append(child._legalsense_address_source(is_postal=False))
        return sources

    def _legalsense_update_billing(self, sync):
        """§ Address to LSAddresses "After sync": the contact's billing address."""
        if not self.legalsense_contact_id:
            return
        chosen = billing_address_choice(
            self._legalsense_address_sources(), sync.settings
        )
        values = billing_address_payload(chosen)
        remote = self._legalsense_remote(CONTACT) or {}
        if not values or holds(remote, values):
            return
        remote = self._legalsense_patch(
            sync.client, CONTACT, values, self._legalsense_contact_builder(sync)
        )
        sync.note(CONTACT, remote, False)

    def _legalsense_inbound_values(self, facet, remote):
        """An address's values read back from LegalSense, by the rules of the
        import (for conflicting changes)."""
        if facet != ADDRESS:
            return super()._legalsense_inbound_values(facet, remote)
        inbound = address_values(remote, self._legalsense_inbound_settings())
        values = {
            name: inbound.values[name] for name in ("street", "street2", "zip", "city")
        }
        values["country_id"] = self._legalsense_country_id(inbound)
        return values

    def _legalsense_country_id(self, inbound):
        if not inbound.country_code:
            return False
        country = self.env["res.country"].search(
            [("code", "=ilike", inbound.country_code)], limit=1
        )
        return country.id
