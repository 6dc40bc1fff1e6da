# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Import steps: Job 5, the changed-clients import (§ Job 5 Phases 1–3).

What changed in LegalSense since the last run (one day ago on the first run)
or since a given moment, read with ``modified_date__gte``. Each record is
imported in a transaction of its own: a failing record never rolls back
another.

* Phase 1, contacts: Step 1 a linked contact gets its contact data only;
  Step 2 an unlinked contact that is no client is skipped; Step 3 a client
  matching an unlinked partner is linked to it; Step 4 otherwise it is
  created. After Steps 3 and 4 its client, addresses and (for an
  organisation) contact persons are imported.
* Phase 2, addresses: only addresses linked already are updated.
* Phase 3, contact-contacts: only contact persons linked already are updated.
"""

from odoo import models

from odoo.addons.queue_job.exception import RetryableJobError

from ..legalsense_client import TransientError
from ..legalsense_mapping.inbound import iso_datetime
from .legalsense_import import Tally, _error_text


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

    def _changed_page(self, line, tally, page):
        since = (
            self.last_change_date
            or self.env["legalsense.import.timestamp"]
            ._get(self.company_id, "changed_clients")
            ._since()
        )
        return self._fetch_page(
            line, tally, page, modified_date__gte=iso_datetime(since)
        )

    def _each_alone(self, records, tally, handler):
        """``handler(run, record, tally)`` per record, each in its own transaction.

        A dry run rolls every transaction back.
        """
        for record in records:
            try:
                with self.env.registry.cursor() as cr:
                    run = self.with_env(self.env(cr=cr))
                    handler(run, record, tally)
                    if self.dry_run:
                        cr.rollback()
            except (RetryableJobError, TransientError):
                raise
            except Exception as error:  # noqa: BLE001 — the others go on
                tally.fail(record.get("id"), _error_text(error))

    # ------------------------------------------------------------ Phase 1

    def _step_changed_contacts(self, line, tally, page):
        contacts, next_page = self._changed_page(line, tally, page)
        extra = Tally()
        self._each_alone(
            contacts,
            tally,
            lambda run, contact, tally: run._import_changed_contact(
                contact, tally, extra
            ),
        )
        if extra.counts:
            tally.note(
                self.env._(
                    "With new or linked clients: %(created)s address(es) and contact "
                    "person(s) created, %(linked)s linked.",
                    created=extra.counts["created"],
                    linked=extra.counts["linked"],
                )
            )
        for ls_id, reason, name in extra.failures:
            tally.fail(ls_id, reason, name)
        return next_page

    def _import_changed_contact(self, contact, tally, extra):
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
        self._import_clients([found], Tally())
        addresses = client.list("addresses", contact=contact["id"])
        self._import_addresses(addresses, extra)
        if contact.get("is_organization"):
            links = client.list("contactcontacts", organization=contact["id"])
            self._import_contact_contacts(links, extra)

    # ------------------------------------------------------------ Phase 2

    def _step_changed_addresses(self, line, tally, page):
        addresses, next_page = self._changed_page(line, tally, page)
        self._each_alone(
            addresses,
            tally,
            lambda run, address, tally: run.with_context(
                legalsense_overwrite=True
            )._import_addresses([address], tally, only_linked=True),
        )
        return next_page

    # ------------------------------------------------------------ Phase 3

    def _step_changed_contact_contacts(self, line, tally, page):
        links, next_page = self._changed_page(line, tally, page)
        self._each_alone(
            links,
            tally,
            lambda run, link, tally: run.with_context(
                legalsense_overwrite=True
            )._import_contact_contacts([link], tally, only_linked=True),
        )
        return next_page
