# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Import steps of Job 5: the changed-clients import (§ Job 5 Phases 1–3).

What changed in LegalSense since the last run (one day ago on the first run)
or since a given moment, read with ``modified_date__gte``. The run imports
each record with its counts in a transaction of its own
(``legalsense.import._run_line_by_record``): a failing record never rolls
back another, and a retried job goes on after the last record it imported.

* Phase 1, contacts: Step 1 a linked contact gets its contact data only;
  Step 2 an unlinked contact that is no client is skipped; Step 3 a client
  matching an unlinked partner is linked to it; Step 4 otherwise it is
  created. After Steps 3 and 4 its client, addresses and (for an
  organisation) contact persons are imported, with the contact: when one of
  them fails, the contact fails.
* Phase 2, addresses: only addresses linked already are updated.
* Phase 3, contact-contacts: only contact persons linked already are updated.
"""

from odoo import models

from ...legalsense_mapping.inbound import iso_datetime
from .tally import RecordFailed, Tally, address_name, link_name, record_name

# step: (method importing one record, the record's name in the result log)
CHANGED_RECORDS = {
    "changed_contacts": ("_import_changed_contact", record_name),
    "changed_addresses": ("_import_changed_address", address_name),
    "changed_contact_contacts": ("_import_changed_link", link_name),
}


class LegalsenseImportStepChanged(models.AbstractModel):
    _name = "legalsense.import.step.changed"
    _inherit = "legalsense.import.step"
    _description = "LegalSense import of changed clients"

    def _skip_reason(self, run, line, config):
        if run.action == "nightly" and not config.import_changed_clients_is_enabled:
            return self.env._("Skipped: ImportChangedClientsIsEnabled is off.")
        return ""

    def _changed_page(self, run, line, page):
        """``(records, next page or None, count)`` of a page of what changed."""
        since = (
            run.last_change_date
            or self.env["legalsense.import.timestamp"]
            ._get(run.company_id, "changed_clients")
            ._since()
        )
        return run._read_page(line, page, modified_date__gte=iso_datetime(since))

    def _changed_record_name(self, line, record):
        _method, name_of = CHANGED_RECORDS[line.step]
        return name_of(record)

    def _import_changed_record(self, run, line, record, tally):
        method, _name_of = CHANGED_RECORDS[line.step]
        getattr(self, method)(run, record, tally)

    # ------------------------------------------------------------ Phase 1

    def _import_changed_contact(self, run, contact, tally):
        contacts = self.env["legalsense.import.step.contacts"]
        # Step 1: already linked → the contact data only.
        if self._partner_ids_by("legalsense_contact_id", [contact["id"]]):
            contacts._import_contacts(run, [contact], tally, overwrite=True)
            return
        # Step 2: not linked → only a client is imported.
        client = run._client()
        found = client.find_first("clients", contact=contact["id"])
        if not found:
            tally.count("skipped")
            return
        # Step 3 (a match, linked) or Step 4 (created).
        partners = contacts._import_contacts(run, [contact], tally, overwrite=True)
        if not partners.get(contact["id"]):
            return
        client_part, related = Tally(), Tally()
        self.env["legalsense.import.step.clients"]._import_clients(
            run, [found], client_part
        )
        addresses = client.list("addresses", contact=contact["id"])
        self.env["legalsense.import.step.addresses"]._import_addresses(
            run, addresses, related
        )
        if contact.get("is_organization"):
            links = client.list("contactcontacts", organization=contact["id"])
            self.env["legalsense.import.step.contact_persons"]._import_contact_contacts(
                run, links, related
            )
        failures = client_part.failures + related.failures
        if failures:
            ls_id, reason, _name = failures[0]
            raise RecordFailed(
                self.env._(
                    "Record %(id)s of this client failed: %(reason)s",
                    id=ls_id,
                    reason=reason,
                )
            )
        tally.related.update(related.counts)

    # ------------------------------------------------------------ Phase 2

    def _import_changed_address(self, run, address, tally):
        addresses = self.env["legalsense.import.step.addresses"]
        addresses.with_context(legalsense_overwrite=True)._import_addresses(
            run, [address], tally, only_linked=True
        )

    # ------------------------------------------------------------ Phase 3

    def _import_changed_link(self, run, link, tally):
        persons = self.env["legalsense.import.step.contact_persons"]
        persons.with_context(legalsense_overwrite=True)._import_contact_contacts(
            run, [link], tally, only_linked=True
        )
