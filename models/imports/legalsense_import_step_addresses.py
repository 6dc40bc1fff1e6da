# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Import step: addresses.

A contact's own address is its postal address (on the contact's partner);
its other addresses are child partners (invoice or other). An unlinked
address of the contact at the same street, zip and city is linked instead of
duplicated.
"""

import json

from odoo import models
from odoo.tools import SQL

from ...legalsense_mapping.inbound import ref_id
from ...legalsense_mapping.inbound_addresses import (
    address_key,
    address_values,
    child_address_type,
    is_own_address,
)
from .legalsense_import_step import ADDRESS_TYPES
from .tally import address_name

# The partner fields an address writes (own address or child address).
ADDRESS_FIELDS = ("street", "street2", "zip", "city", "country_id", "address_kind_id")


class AddressBatch:
    """A page of addresses: own addresses to write, children to create."""

    def __init__(self, children_of):
        self.children_of = children_of
        self.owned = set()
        self.own = []
        self.children = []

    def unlinked_child(self, contact_id, key):
        """An unlinked child address of the contact at the same street, zip, city."""
        if not any(key):
            return None
        for child in self.children_of.get(contact_id, ()):
            if (
                child["type"] in ADDRESS_TYPES
                and not child["legalsense_address_id"]
                and address_key(child) == key
            ):
                child["legalsense_address_id"] = -1
                return child["id"]
        return None


class LegalsenseImportStepAddresses(models.AbstractModel):
    _name = "legalsense.import.step.addresses"
    _inherit = "legalsense.import.step"
    _description = "LegalSense import of addresses"

    def _step_addresses(self, run, line, tally, page):
        addresses, next_page = run._fetch_page(line, tally, page)
        self._import_addresses(run, addresses, tally)
        return next_page

    def _import_addresses(self, run, addresses, tally, only_linked=False):
        resolver = self._resolver(run)
        partners = self._partners()
        kind_names = resolver.address_kind_names(run._client())
        linked = self._partner_ids_by(
            "legalsense_address_id", [a["id"] for a in addresses], kind="any"
        )
        contact_ids = self._partner_ids_by(
            "legalsense_contact_id", [ref_id(a.get("contact")) for a in addresses]
        )
        contacts = partners.browse(set(contact_ids.values()))
        contacts.fetch(
            ["legalsense_address_id", "legalsense_sync_data", *ADDRESS_FIELDS]
        )
        batch = AddressBatch(self._children_of(contacts.ids))
        for address in addresses:
            with run._record(tally, address["id"], address_name(address)):
                inbound = address_values(address, resolver.settings, kind_names)
                partner_id = linked.get(address["id"])
                if partner_id:
                    self._update_address(
                        run,
                        resolver,
                        partners.browse(partner_id),
                        address,
                        inbound,
                        tally,
                    )
                    continue
                if only_linked:
                    tally.count("skipped")
                    continue
                contact = partners.browse(
                    contact_ids.get(ref_id(address.get("contact")))
                )
                self._place_address(
                    run, resolver, contact, address, inbound, tally, batch
                )
        self._write_own_addresses(run, batch.own, tally)
        # The company's commercial values and language are in the values.
        self._create_batch(
            run,
            partners.with_context(_partners_skip_fields_sync=True),
            batch.children,
            tally,
        )

    def _address_vals(self, resolver, address, inbound):
        kind_id, _code = resolver.address_kind(inbound.address_kind_ls_id)
        values = dict(inbound.values)
        values.update(
            country_id=resolver.country(inbound.country_code, inbound.country_name)
            or False,
            address_kind_id=kind_id,
            legalsense_address_id=address["id"],
            legalsense_last_export=self._export_date(address),
        )
        return values

    def _update_address(self, run, resolver, partner, address, inbound, tally):
        if not self._count_linked(run, tally, self._overwriting(run)):
            return
        values = self._address_vals(resolver, address, inbound)
        values["legalsense_sync_data"] = self._sync_data(partner, "address", address)
        if partner.type in ADDRESS_TYPES:
            values["address_inactive"] = inbound.inactive
        else:
            # A contact's own address: its export date is its contact's.
            values.pop("legalsense_last_export")
        partner.write(values)

    def _place_address(self, run, resolver, contact, address, inbound, tally, batch):
        """Link an unlinked address, or plan its write or creation in ``batch``."""
        if not contact:
            note = self.env._(
                "Address %(address)s: contact %(contact)s is not in Odoo.",
                address=address["id"],
                contact=ref_id(address.get("contact")),
            )
            self._count_orphan(run, tally, note)
            return
        key = address_key(inbound.values)
        remote = (contact.legalsense_sync_data or {}).get("contact", {}).get("remote")
        has_own = bool(contact.legalsense_address_id) or contact.id in batch.owned
        if not inbound.inactive and is_own_address(
            address, remote, resolver.settings, has_own
        ):
            own_key = address_key(
                {name: contact[name] for name in ("street", "zip", "city")}
            )
            if not any(own_key) or own_key == key:
                # Counted when written (a page's own addresses at once).
                outcome = "linked" if any(own_key) else "created"
                if run.dry_run:
                    batch.owned.add(contact.id)
                    tally.count(outcome)
                    return
                values = self._address_vals(resolver, address, inbound)
                # The export date of a contact is its contact's (§ Job 5).
                values.pop("legalsense_last_export")
                values["legalsense_sync_data"] = self._sync_data(
                    contact, "address", address
                )
                batch.owned.add(contact.id)
                batch.own.append((address, contact, values, outcome))
                return
        values = self._address_vals(resolver, address, inbound)
        child = batch.unlinked_child(contact.id, key)
        if child:
            tally.count("linked")
            if not run.dry_run:
                self._partners().browse(child).write(
                    {
                        "legalsense_address_id": address["id"],
                        "legalsense_last_export": values["legalsense_last_export"],
                        "legalsense_sync_data": {
                            "address": {"digest": None, "remote": address}
                        },
                        "address_inactive": inbound.inactive,
                    }
                )
            return
        _kind, kind_code = resolver.address_kind(inbound.address_kind_ls_id)
        values.update(
            parent_id=contact.id,
            type=child_address_type(kind_code, resolver.settings),
            address_inactive=inbound.inactive,
            legalsense_sync_data={"address": {"digest": None, "remote": address}},
            lang=contact.lang,
            **self._commercial_values(contact),
        )
        batch.children.append((address, values))

    def _write_own_addresses(self, run, own, tally):
        """Write the own addresses of a page at once.

        The own address of a contact without contact persons is written with
        one UPDATE for the page (then what is computed from it is recomputed
        for the page at once); a contact with contact persons gets an ORM
        write, which passes the address on to them. When the UPDATE fails,
        each address is written on its own.
        """
        if not own:
            return
        partners = self._partners()
        with_persons = set(
            partners.search(
                [
                    ("parent_id", "in", [item[1].id for item in own]),
                    ("type", "=", "contact"),
                ]
            ).parent_id.ids
        )
        plain = [item for item in own if item[1].id not in with_persons]
        others = [item for item in own if item[1].id in with_persons]
        if plain:
            try:
                with self.env.cr.savepoint():
                    self._update_own_addresses_sql(plain)
                for _address, _contact, _values, outcome in plain:
                    tally.count(outcome)
            except Exception:  # noqa: BLE001 — written one by one below
                others += plain
        for address, contact, values, outcome in others:
            with run._record(tally, address["id"], address_name(address)):
                contact.write(values)
                tally.count(outcome)

    def _update_own_addresses_sql(self, items):
        columns = ("street", "street2", "zip", "city", "country_id",
                   "address_kind_id", "legalsense_address_id")  # fmt: skip
        self.env.flush_all()
        rows = []
        for _address, contact, values, _outcome in items:
            data = {"address": values["legalsense_sync_data"]["address"]}
            rows.append(
                SQL(
                    "(%s, %s, %s, %s, %s, %s::int, %s::int, %s::int, %s::jsonb)",
                    contact.id,
                    *(values.get(column) or None for column in columns),
                    json.dumps(data, default=str),
                )
            )
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner p SET
                    street = v.street, street2 = v.street2, zip = v.zip,
                    city = v.city, country_id = v.country_id,
                    address_kind_id = v.address_kind_id,
                    legalsense_address_id = v.legalsense_address_id,
                    legalsense_sync_data =
                        COALESCE(p.legalsense_sync_data, '{}'::jsonb) || v.data,
                    write_date = now() at time zone 'UTC', write_uid = %s
                FROM (VALUES %s) AS v(id, street, street2, zip, city, country_id,
                                      address_kind_id, legalsense_address_id,
                                      data)
                WHERE p.id = v.id
                """,
                self.env.uid,
                SQL(", ").join(rows),
            )
        )
        contacts = self._partners().browse([item[1].id for item in items])
        names = [*columns, "legalsense_sync_data"]
        contacts.invalidate_recordset(names, flush=False)
        contacts.modified(names)
        self.env.flush_all()
