# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""§ Deletion: a deleted contact is archived in LegalSense and reported to the
data steward, its link to a company and its addresses are deleted."""

from contextlib import contextmanager

from odoo import models

from ...legalsense_client import LegalSenseError, supports_address_delete
from ...legalsense_mapping.addresses import address_city
from ..sync.common import NO_EXPORT_CONTEXT
from .partner_sync import ADDRESS_TYPES, SyncRun, is_passing

ARCHIVED = 2


class ResPartner(models.Model):
    _inherit = "res.partner"

    def unlink(self):
        """A deleted contact's addresses are removed in LegalSense with it.

        The database empties their ``parent_id`` without a write: their
        removal is queued here, and their link dropped, so they do not turn
        into contacts of their own.
        """
        addresses = self._legalsense_orphaned_addresses()
        if addresses and not self._legalsense_export_suppressed():
            addresses._legalsense_queue_removal()
            addresses.with_context(**{NO_EXPORT_CONTEXT: True}).write(
                {"legalsense_address_id": False, "legalsense_sync_data": False}
            )
        return super().unlink()

    def _legalsense_orphaned_addresses(self):
        children = self.with_context(active_test=False).child_ids - self
        return children.filtered(
            lambda child: child.type in ADDRESS_TYPES and child.legalsense_address_id
        )

    def _legalsense_removal_values(self):
        values = {
            "name": self.display_name,
            "contact_id": self.legalsense_contact_id,
            "contact_contact_id": self.legalsense_contact_contact_id,
        }
        if self._legalsense_kind() == "address":
            values.update(
                name=self._legalsense_address_label(),
                contact_id=False,
                address_id=self.legalsense_address_id,
                city=self.city or "",
                parent_id=self.parent_id.id,
            )
        return values

    def _legalsense_remove(self, config, client, removal):
        """§ Deletion: contacts are archived and reported, addresses deleted."""
        sync = SyncRun(self.env, config, client)
        if removal.get("contact_contact_id"):
            sync.delete("contactcontacts", removal["contact_contact_id"])
        if removal.get("contact_id"):
            self._legalsense_archive_contact(sync, removal)
        if removal.get("address_id"):
            self._legalsense_remove_address(sync, removal)
        return sync.summary()

    def _legalsense_archive_contact(self, sync, removal):
        contact_id = removal["contact_id"]
        sync.client.patch("contacts", contact_id, {"softkill_status": ARCHIVED})
        sync.done.append(f"contacts/{contact_id} archived")
        self._legalsense_notify_data_steward(
            sync.config,
            self.env._("LegalSense: delete contact %s", removal["name"]),
            self.env._(
                "<p>The contact <b>%(name)s</b> was deleted in Odoo. It is archived "
                "in LegalSense (contact %(id)s); please delete it there by hand "
                "if it must go.</p>",
                name=removal["name"],
                id=contact_id,
            ),
        )

    def _legalsense_remove_address(self, sync, removal):
        address_id = removal["address_id"]
        with self._legalsense_address_removal(sync, removal["name"]):
            if supports_address_delete(sync.version):
                sync.delete("addresses", address_id)
            else:
                city = address_city(removal.get("city"), inactive=True)
                sync.client.patch("addresses", address_id, {"city": city})
                sync.done.append(f"addresses/{address_id} marked inactive")
        contact = self.browse(removal.get("parent_id")).exists()
        if contact and contact.legalsense_contact_id:
            contact._legalsense_locked()._legalsense_update_billing(sync)

    def _legalsense_notify_address_failure(self, sync, name, error):
        self._legalsense_notify_data_steward(
            sync.config,
            self.env._("LegalSense: address %s could not be removed", name),
            self.env._(
                "<p>The address <b>%(name)s</b> was deleted or archived in Odoo, "
                "but LegalSense refused to remove it: %(error)s</p>"
                "<p>Please remove it in LegalSense by hand.</p>",
                name=name,
                error=str(error),
            ),
        )

    @contextmanager
    def _legalsense_address_removal(self, sync, name=None):
        """Removing an address: when LegalSense refuses, the data steward is told
        (not of a passing error: the job is tried again)."""
        try:
            yield
        except LegalSenseError as error:
            if not is_passing(error):
                if name is None:
                    name = self._legalsense_address_label()
                self._legalsense_notify_address_failure(sync, name, error)
            raise
