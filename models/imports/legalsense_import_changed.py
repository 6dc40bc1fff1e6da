# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Import steps: Job 5, the changed-clients import (§ Job 5 Phases 1–3).

What changed in LegalSense since the last run (one day ago on the first run)
or since a given moment, read with ``modified_date__gte``. Each record is
imported with its counts in a transaction of its own: a failing record
never rolls back another, and a retried job goes on after the last record
it imported.

* Phase 1, contacts: Step 1 a linked contact gets its contact data only;
  Step 2 an unlinked contact that is no client is skipped; Step 3 a client
  matching an unlinked partner is linked to it; Step 4 otherwise it is
  created. After Steps 3 and 4 its client, addresses and (for an
  organisation) contact persons are imported, with the contact: when one of
  them fails, the contact fails.
* Phase 2, addresses: only addresses linked already are updated.
* Phase 3, contact-contacts: only contact persons linked already are updated.
"""

import collections
import logging

from odoo import models

from ...legalsense_client import TransientError
from ...legalsense_mapping.inbound import iso_datetime
from .legalsense_import import RecordFailed, Tally, _error_text
from .legalsense_import_contacts import _address_name, _link_name, _record_name

_logger = logging.getLogger(__name__)

# step: (method importing one record, the record's name in the result log)
CHANGED_RECORDS = {
    "changed_contacts": ("_import_changed_contact", _record_name),
    "changed_addresses": ("_import_changed_address", _address_name),
    "changed_contact_contacts": ("_import_changed_link", _link_name),
}


class LegalsenseImport(models.Model):
    _inherit = "legalsense.import"

    def _skip_changed_clients(self, config):
        if self.action == "nightly" and not config.import_changed_clients_is_enabled:
            return self.env._("Skipped: ImportChangedClientsIsEnabled is off.")
        return ""

    def _skip_changed_contacts(self, config):
        return self._skip_changed_clients(config)

    def _skip_changed_addresses(self, config):
        return self._skip_changed_clients(config)

    def _skip_changed_contact_contacts(self, config):
        return self._skip_changed_clients(config)

    def _changed_page(self, line, page):
        since = (
            self.last_change_date
            or self.env["legalsense.import.timestamp"]
            ._get(self.company_id, "changed_clients")
            ._since()
        )
        return self._read_page(line, page, modified_date__gte=iso_datetime(since))

    # ------------------------------------------------------------ record by record

    def _run_line_by_record(self, line):
        """Every changed record of ``line`` in a transaction of its own.

        The line remembers its page and the last record imported (with the
        record, in its transaction): a retried job goes on from there.
        """
        position = self._line_position(line)
        if position["state"] not in ("pending", "running"):
            return
        skip_reason = self._skip_reason(line)
        if skip_reason:
            self._store_tally_now(
                line, Tally(), {"state": "skipped", "message": skip_reason}
            )
            return
        try:
            self._import_pages_by_record(line, position)
            values = {"state": "done"}
        except Exception as error:  # noqa: BLE001 — the run goes on
            values = self._step_failure(line, error)
        self._store_tally_now(line, Tally(), values)

    def _import_pages_by_record(self, line, position):
        page, last_id = position["page"], position["last_id"]
        while page:
            records, next_page, count = self._changed_page(line, page)
            started = Tally()
            if page == 1:
                started.total = count
            self._store_tally_now(line, started, {"state": "running"})
            todo = [record for record in records if record["id"] > last_id]
            related = self._import_records_alone(line, todo)
            self._store_tally_now(
                line, self._related_note(related), {"next_page": next_page or page}
            )
            page = next_page

    def _related_note(self, related):
        tally = Tally()
        if not related:
            return tally
        tally.note(
            self.env._(
                "With new or linked clients: %(created)s address(es) and contact "
                "person(s) created, %(linked)s linked.",
                created=related["created"],
                linked=related["linked"],
            )
        )
        return tally

    def _import_records_alone(self, line, records):
        """Import ``records``, each in a transaction of its own; what was
        imported along with them (``Tally.related``)."""
        method, name_of = CHANGED_RECORDS[line.step]
        related = collections.Counter()
        in_a_row = 0
        for record in records:
            tally = Tally()
            tally.transient_in_a_row = in_a_row
            self._import_alone(line, record, method, name_of(record), tally)
            in_a_row = tally.transient_in_a_row
            related.update(tally.related)
        return related

    def _import_alone(self, line, record, method, name, tally):
        """One record and its counts in a transaction of its own; a dry run
        keeps only the counts."""
        tally.done = 1
        position = {"last_record_id": record["id"]}
        try:
            with self.env.registry.cursor() as cr:
                run = self.with_env(self.env(cr=cr))
                with run._record(tally, record["id"], name), run._data_savepoint():
                    getattr(run, method)(record, tally)
                run._store_tally(line.with_env(run.env), tally, position)
                run.env.flush_all()
        except TransientError:
            raise  # LegalSense seems down: the page stops
        except Exception as error:  # noqa: BLE001 — the commit failed
            _logger.info("LegalSense import: record %s not committed", record["id"])
            failed = Tally()
            failed.done = 1
            failed.fail(record["id"], _error_text(error), name)
            self._store_tally_now(line, failed, position)

    # ------------------------------------------------------------ Phase 1

    def _import_changed_contact(self, contact, tally):
        # Step 1: already linked → the contact data only.
        if self._partner_ids_by("legalsense_contact_id", [contact["id"]]):
            self._import_contacts([contact], tally, overwrite=True)
            return
        # Step 2: not linked → only a client is imported.
        client = self._client()
        found = client.find_first("clients", contact=contact["id"])
        if not found:
            tally.count("skipped")
            return
        # Step 3 (a match, linked) or Step 4 (created).
        partners = self._import_contacts([contact], tally, overwrite=True)
        if not partners.get(contact["id"]):
            return
        client_part, related = Tally(), Tally()
        self._import_clients([found], client_part)
        addresses = client.list("addresses", contact=contact["id"])
        self._import_addresses(addresses, related)
        if contact.get("is_organization"):
            links = client.list("contactcontacts", organization=contact["id"])
            self._import_contact_contacts(links, related)
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

    def _import_changed_address(self, address, tally):
        self.with_context(legalsense_overwrite=True)._import_addresses(
            [address], tally, only_linked=True
        )

    # ------------------------------------------------------------ Phase 3

    def _import_changed_link(self, link, tally):
        self.with_context(legalsense_overwrite=True)._import_contact_contacts(
            [link], tally, only_linked=True
        )
