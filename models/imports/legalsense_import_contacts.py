# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Import steps: contacts, addresses, contact persons and clients, and the
retroactive client codes, bank accounts, billing instructions and branches.

Odoo counterparts (the partner sync's): an LS organisation or person is a
top-level partner; its own address is its postal address, its other
addresses are child partners (invoice or other); an LS contact-contact is a
contact person (a person partner under the company) carrying the person's
LS contact id; a client is the contact's partner with its client id.

Existing partners linked by LegalSense id are left alone unless the run
overwrites; unlinked ones are linked instead of duplicated: companies by
organisation number, VAT number or name, persons by gender, name prefix,
names, initials and e-mail (§ Job 5 Step 3), addresses by street, zip and
city, contact persons by the manual's person-at-company rule.
"""

import json

from odoo import fields, models
from odoo.tools import SQL

from ...legalsense_mapping.inbound import (
    address_key,
    address_values,
    best_person_at_company,
    child_address_type,
    client_values,
    company_keys,
    contact_contact_values,
    contact_values,
    custom_field_targets,
    employee_values,
    identifier,
    is_own_address,
    normalized,
    parse_datetime,
    person_key,
    ref_id,
)
from .legalsense_import import RemoteRecords
from .legalsense_import_resolve import ImportResolver

ADDRESS_TYPES = ("invoice", "delivery", "other")
# The partner field of a sector or branch target (see _lookup_target); a
# LookupField code's target is a value of ``lookup_value_ids``.
TARGET_FIELDS = {
    ("industry", None): "industry_id",
    ("tag", None): "category_id",
    ("tag2", None): "legalsense_tag2_ids",
    ("lookup", "segment"): "segment_ids",
    ("lookup", "interest"): "interest_ids",
    ("lookup", "referral"): "referral_ids",
    ("lookup", "stock_exchange"): "stock_exchange_id",
}
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


class LegalsenseImport(models.Model):
    _inherit = "legalsense.import"

    # ------------------------------------------------------------ helpers

    def _overwriting(self):
        """Overwrite, or a changed-clients phase that updates what is linked."""
        return self.overwrite or bool(self.env.context.get("legalsense_overwrite"))

    def _resolver(self):
        return ImportResolver(self._import_env(), self._config())

    def _partners(self):
        return self._import_env()["res.partner"].with_context(active_test=False)

    def _partner_ids_by(self, column, ls_ids, kind="contact"):
        """{LS id: partner id} of partners whose ``column`` is one of ``ls_ids``.

        ``kind`` "contact": top-level partners (not contact persons, not
        addresses); "employee": contact persons; "any": every partner.
        """
        ls_ids = [int(ls_id) for ls_id in ls_ids if ls_id]
        if not ls_ids:
            return {}
        conditions = {
            "contact": SQL(
                "p.type NOT IN %s AND NOT (p.type = 'contact' "
                "AND COALESCE(parent.is_company, FALSE))",
                ADDRESS_TYPES,
            ),
            "employee": SQL(
                "p.type = 'contact' AND COALESCE(parent.is_company, FALSE)"
            ),
            "any": SQL("TRUE"),
        }
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT p.%s, p.id FROM res_partner p
                LEFT JOIN res_partner parent ON parent.id = p.parent_id
                WHERE p.%s = ANY(%s) AND %s
                ORDER BY p.id DESC
                """,
                SQL.identifier(column),
                SQL.identifier(column),
                ls_ids,
                conditions[kind],
            )
        )
        return dict(self.env.cr.fetchall())

    @staticmethod
    def _sync_data(partner, facet, remote):
        """The partner's sync data with ``remote`` as the facet's LS record."""
        data = dict(partner.legalsense_sync_data or {}) if partner else {}
        data[facet] = {"digest": None, "remote": remote}
        return data

    @staticmethod
    def _export_date(record):
        return parse_datetime(record.get("modified_date")) or fields.Datetime.now()

    def _create_batch(self, model, items, tally, outcome="created"):
        """Create ``items`` [(ls record, values)] at once; one by one on failure.

        Returns {LS id: new record}. A record that fails alone is a failure
        of the result log; the others are created.
        """
        if not items:
            return {}
        tally.count(outcome, 0)
        if self.dry_run:
            tally.count(outcome, len(items))
            return {}
        items = [(record, _without_empty(values)) for record, values in items]
        try:
            with self.env.cr.savepoint():
                records = _batch_create(model, [values for _record, values in items])
            tally.count(outcome, len(items))
            return {
                record["id"]: new
                for (record, _values), new in zip(items, records, strict=True)
            }
        except Exception:  # noqa: BLE001 — retried one by one below
            created = {}
        for record, values in items:
            with self._record(tally, record["id"], _record_name(record)):
                created[record["id"]] = model.create(values)
                tally.count(outcome)
        return created

    # ------------------------------------------------------------ contacts

    def _step_contacts(self, line, tally, page):
        contacts, next_page = self._fetch_page(line, tally, page)
        self._import_contacts(contacts, tally)
        return next_page

    def _import_contacts(self, contacts, tally, overwrite=None):
        """Create, link or update the partners of LS contacts; {LS id: partner}."""
        overwrite = self.overwrite if overwrite is None else overwrite
        resolver = self._resolver()
        partners = self._partners()
        linked = self._partner_ids_by(
            "legalsense_contact_id", [c["id"] for c in contacts]
        )
        unlinked = [contact for contact in contacts if contact["id"] not in linked]
        matches = self._match_contacts(unlinked)
        result, to_create = {}, []
        for contact in contacts:
            with self._record(tally, contact["id"], _record_name(contact)):
                partner_id = linked.get(contact["id"]) or matches.get(contact["id"])
                if not partner_id:
                    to_create.append(
                        (contact, self._new_contact_vals(resolver, contact))
                    )
                    continue
                partner = partners.browse(partner_id)
                self._write_contact(
                    resolver,
                    contact,
                    partner,
                    contact["id"] in linked,
                    overwrite,
                    tally,
                )
                result[contact["id"]] = partner
        # New contacts have no parent and no children yet: nothing to sync.
        creator = partners.with_context(_partners_skip_fields_sync=True)
        result.update(self._create_batch(creator, to_create, tally))
        return result

    def _write_contact(self, resolver, contact, partner, is_linked, overwrite, tally):
        """Update a linked partner (with overwrite), or link a matching one."""
        if is_linked:
            tally.count("updated" if overwrite else "skipped")
            if overwrite and not self.dry_run:
                partner.write(self._contact_vals(resolver, contact, partner))
        else:
            tally.count("linked")
            if not self.dry_run:
                partner.write(
                    self._contact_vals(
                        resolver, contact, partner, link_only=not overwrite
                    )
                )
        if not self.dry_run:
            self._import_bank_account(resolver, contact, partner)

    def _new_contact_vals(self, resolver, contact):
        """The values of a new partner, its bank account included."""
        values = self._contact_vals(resolver, contact, self._partners().browse())
        account = not self.dry_run and self._bank_account_vals(resolver, contact)
        if account:
            values["bank_ids"] = [fields.Command.create(account)]
        return values

    def _contact_vals(self, resolver, contact, partner, link_only=False):
        """The partner values of an LS contact (only the link with ``link_only``)."""
        values = {
            "legalsense_contact_id": contact["id"],
            "legalsense_last_export": self._export_date(contact),
            "legalsense_sync_data": self._sync_data(partner, "contact", contact),
        }
        if link_only:
            return values
        existing = None
        if partner:
            existing = {
                "salutation": partner.salutation,
                "name": partner.name,
                "official_name": partner.official_name,
            }
        inbound = contact_values(contact, resolver.settings, existing)
        values.update(inbound.values)
        number = (contact.get("number") or "").strip()
        if number and not (partner and partner.ref):
            values["ref"] = number
        lang = resolver.language(inbound.language)
        if lang:
            values["lang"] = lang
        if inbound.title:
            values["title"] = resolver.title(inbound.title)
        if inbound.owner_ls_user_id is not None:
            values["user_id"] = resolver.user(inbound.owner_ls_user_id)
        lookup_commands = self._contact_lookup_commands(resolver, inbound, partner)
        if lookup_commands:
            values["lookup_value_ids"] = lookup_commands
        values.update(self._custom_field_vals(resolver, inbound))
        return values

    def _contact_lookup_commands(self, resolver, inbound, partner):
        """The no-dunning value (§ Dunning) and LookupField custom fields."""
        commands = []
        code = resolver.config.no_dunning_lookup_field_value_code
        if code:
            value = resolver.env["legalsense.lookup.value"].search(
                [("lookup_type", "=", "lookup_field"), ("code", "=ilike", code)],
                limit=1,
            )
            if value and not inbound.has_dunning:
                commands.append(fields.Command.link(value.id))
            elif value and partner and value in partner.lookup_value_ids:
                commands.append(fields.Command.unlink(value.id))
        mapping_text = self._custom_fields_text(resolver, inbound)
        _fields, lookups = custom_field_targets(mapping_text, inbound.custom_fields)
        for field_code, value_code in lookups.items():
            value_id = resolver.lookup_field_value(field_code, value_code)
            if value_id:
                commands.append(fields.Command.link(value_id))
        return commands

    @staticmethod
    def _custom_fields_text(resolver, inbound):
        config = resolver.config
        if inbound.values["is_company"]:
            return config.company_custom_fields or ""
        return config.person_custom_fields or ""

    def _custom_field_vals(self, resolver, inbound):
        """§ Custom Fields backwards: ``<field>=<LS name>`` fills the field."""
        field_values, _lookups = custom_field_targets(
            self._custom_fields_text(resolver, inbound), inbound.custom_fields
        )
        model_fields = resolver.env["res.partner"]._fields
        values = {}
        for name, value in field_values.items():
            field = model_fields.get(name)
            if field is None or field.readonly or field.type not in (
                "char", "text", "integer", "float", "monetary", "boolean", "date",
                "selection", "html",
            ):  # fmt: skip
                continue
            if value is None or value == "":
                values[name] = False
            elif field.type == "boolean":
                values[name] = bool(value)
            else:
                values[name] = value
        return values

    def _match_contacts(self, contacts):
        """{LS id: partner id} of unlinked partners matching LS contacts.

        Companies by organisation number, VAT number or name; persons by
        gender, name prefix, last name, first name, initials and e-mail.
        A partner linked to another LS contact is no match (§ Step 3).
        """
        if not contacts:
            return {}
        companies = [c for c in contacts if c.get("is_organization")]
        persons = [c for c in contacts if not c.get("is_organization")]
        matches = {}
        taken = set()
        if companies:
            matches.update(self._match_companies(companies, taken))
        if persons:
            matches.update(self._match_persons(persons, taken))
        return matches

    def _unlinked_partners(self, condition):
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT p.id, p.company_registry, p.vat, p.name, p.gender, p.infix,
                       p.lastname, p.firstname, p.initials, p.email
                  FROM res_partner p
                 WHERE COALESCE(p.legalsense_contact_id, 0) = 0
                   AND p.parent_id IS NULL AND p.type = 'contact' AND %s
                 ORDER BY p.id
                """,
                condition,
            )
        )
        keys = ("id", "company_registry", "vat", "name", "gender", "infix",
                "lastname", "firstname", "initials", "email")  # fmt: skip
        return [dict(zip(keys, row, strict=True)) for row in self.env.cr.fetchall()]

    def _match_companies(self, companies, taken):
        keys = {c["id"]: company_keys(c) for c in companies}
        names = [k["name"] for k in keys.values() if k["name"]]
        numbers = [
            k["organization_number"] for k in keys.values() if k["organization_number"]
        ]
        vats = [k["vat"] for k in keys.values() if k["vat"]]
        candidates = self._unlinked_partners(
            SQL(
                "p.is_company AND (lower(p.name) = ANY(%s) "
                "OR regexp_replace(upper(COALESCE(p.company_registry, '')), "
                "'[^0-9A-Z]', '', 'g') = ANY(%s) "
                "OR regexp_replace(upper(COALESCE(p.vat, '')), '[^0-9A-Z]', '', 'g') "
                "= ANY(%s))",
                names or [""],
                numbers or ["-"],
                vats or ["-"],
            )
        )
        by = {"organization_number": {}, "vat": {}, "name": {}}
        for candidate in candidates:
            for key, value in (
                ("organization_number", identifier(candidate["company_registry"])),
                ("vat", identifier(candidate["vat"])),
                ("name", normalized(candidate["name"])),
            ):
                if value:
                    by[key].setdefault(value, candidate["id"])
        matches = {}
        for ls_id, key in keys.items():
            for part in ("organization_number", "vat", "name"):
                found = key[part] and by[part].get(key[part])
                if found and found not in taken:
                    matches[ls_id] = found
                    taken.add(found)
                    break
        return matches

    def _match_persons(self, persons, taken):
        last_names = list({normalized(p.get("last_name")) for p in persons} - {""})
        if not last_names:
            return {}
        candidates = self._unlinked_partners(
            SQL("NOT p.is_company AND lower(p.lastname) = ANY(%s)", last_names)
        )
        by_key = {}
        for candidate in candidates:
            key = (
                candidate["gender"] or "",
                normalized(candidate["infix"]),
                normalized(candidate["lastname"]),
                normalized(candidate["firstname"]),
                normalized(candidate["initials"]),
                normalized(candidate["email"]),
            )
            by_key.setdefault(key, candidate["id"])
        matches = {}
        for person in persons:
            found = by_key.get(person_key(person))
            if found and found not in taken:
                matches[person["id"]] = found
                taken.add(found)
        return matches

    def _bank_account_vals(self, resolver, contact, overwrite=False):
        """ShowBankAccountNumber: the contact's IBAN as a bank account, or {}."""
        if not resolver.settings.mapping.show_bank_account_number and not overwrite:
            return {}
        iban = (contact.get("bank_account_iban") or "").strip()
        if not iban:
            return {}
        bic = (contact.get("bank_account_bic") or "").strip()
        return {"acc_number": iban, "bank_id": self._bank_of_bic(resolver, bic)}

    def _import_bank_account(self, resolver, contact, partner, overwrite=False):
        """The contact's IBAN as the partner's first bank account (replacing its
        number with ``overwrite``); whether it changed."""
        account = partner.bank_ids[:1]
        if account and not overwrite:
            return False
        iban = (contact.get("bank_account_iban") or "").strip().replace(" ", "")
        if account and account.sanitized_acc_number == iban.upper():
            return False
        values = self._bank_account_vals(resolver, contact, overwrite)
        if not values:
            return False
        if account:
            account.write(values)
        else:
            resolver.env["res.partner.bank"].create(dict(values, partner_id=partner.id))
        return True

    @staticmethod
    def _bank_of_bic(resolver, bic):
        if not bic:
            return False
        banks = resolver.env["res.bank"]
        bank = banks.search([("bic", "=ilike", bic)], limit=1)
        return (bank or banks.create({"name": bic, "bic": bic})).id

    # ------------------------------------------------------------ addresses

    def _step_addresses(self, line, tally, page):
        addresses, next_page = self._fetch_page(line, tally, page)
        self._import_addresses(addresses, tally)
        return next_page

    def _import_addresses(self, addresses, tally, only_linked=False):
        resolver = self._resolver()
        partners = self._partners()
        kind_names = resolver.address_kind_names(self._client())
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
            with self._record(tally, address["id"], _address_name(address)):
                inbound = address_values(address, resolver.settings, kind_names)
                partner_id = linked.get(address["id"])
                if partner_id:
                    self._update_address(
                        resolver, partners.browse(partner_id), address, inbound, tally
                    )
                    continue
                if only_linked:
                    tally.count("skipped")
                    continue
                contact = partners.browse(
                    contact_ids.get(ref_id(address.get("contact")))
                )
                self._place_address(resolver, contact, address, inbound, tally, batch)
        self._write_own_addresses(batch.own, tally)
        # The company's commercial values and language are in the values.
        self._create_batch(
            partners.with_context(_partners_skip_fields_sync=True),
            batch.children,
            tally,
        )

    def _children_of(self, parent_ids):
        """{parent id: [child values]} of the partners under ``parent_ids``."""
        if not parent_ids:
            return {}
        children = {}
        records = self._partners().search_read(
            [("parent_id", "in", list(parent_ids))],
            ["parent_id", "type", "is_company", "street", "zip", "city",
             "legalsense_address_id", "legalsense_contact_id",
             "legalsense_contact_contact_id", "lastname", "firstname", "infix",
             "gender", "function", "job_title"],
        )  # fmt: skip
        for record in records:
            children.setdefault(record["parent_id"][0], []).append(record)
        return children

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

    def _update_address(self, resolver, partner, address, inbound, tally):
        if not self._overwriting():
            tally.count("skipped")
            return
        tally.count("updated")
        if self.dry_run:
            return
        values = self._address_vals(resolver, address, inbound)
        values["legalsense_sync_data"] = self._sync_data(partner, "address", address)
        if partner.type in ADDRESS_TYPES:
            values["address_inactive"] = inbound.inactive
        else:
            # A contact's own address: its export date is its contact's.
            values.pop("legalsense_last_export")
        partner.write(values)

    def _place_address(self, resolver, contact, address, inbound, tally, batch):
        """Link an unlinked address, or plan its write or creation in ``batch``."""
        if not contact:
            # In a dry run the contact would have been created with the run.
            tally.count("created" if self.dry_run else "skipped")
            if not self.dry_run:
                tally.note(
                    self.env._(
                        "Address %(address)s: contact %(contact)s is not in Odoo.",
                        address=address["id"],
                        contact=ref_id(address.get("contact")),
                    )
                )
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
                if self.dry_run:
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
            if not self.dry_run:
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

    @staticmethod
    def _commercial_values(parent):
        """What a child partner takes from its company (as Odoo's sync would)."""
        commercial = parent.commercial_partner_id
        return commercial._update_fields_values(parent._commercial_fields())

    def _write_own_addresses(self, own, tally):
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
            with self._record(tally, address["id"], _address_name(address)):
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

    # ------------------------------------------------------------ contact persons

    def _step_contact_contacts(self, line, tally, page):
        links, next_page = self._fetch_page(line, tally, page)
        self._import_contact_contacts(links, tally)
        return next_page

    def _import_contact_contacts(self, links, tally, only_linked=False):
        """Contact persons: a person partner under the company per link."""
        partners = self._partners()
        linked = self._partner_ids_by(
            "legalsense_contact_contact_id", [link["id"] for link in links], kind="any"
        )
        org_ids = self._partner_ids_by(
            "legalsense_contact_id",
            [ref_id(link.get("organization")) for link in links],
        )
        persons = self._ls_persons(links)
        resolver = self._resolver()
        children_of = self._children_of(set(org_ids.values()))
        to_create = []
        for link in links:
            with self._record(tally, link["id"], _link_name(link)):
                partner_id = linked.get(link["id"])
                if not partner_id and only_linked:
                    tally.count("skipped")
                    continue
                person_id = ref_id(link.get("person"))
                person = persons.get(person_id) if person_id else None
                if partner_id:
                    self._update_contact_person(
                        resolver, partners.browse(partner_id), link, person, tally
                    )
                else:
                    org = partners.browse(org_ids.get(ref_id(link.get("organization"))))
                    item = self._place_contact_person(
                        resolver, org, link, person, tally, children_of
                    )
                    if item:
                        to_create.append(item)
        self._create_batch(
            partners.with_context(_partners_skip_fields_sync=True), to_create, tally
        )

    def _ls_persons(self, links):
        """The LS persons of ``links``: those imported already (their stored LS
        record), the others read from LegalSense when a link needs them."""
        person_ids = {ref_id(link.get("person")) for link in links} - {None}
        partner_ids = self._partner_ids_by("legalsense_contact_id", person_ids)
        persons = {}
        for partner in self._partners().browse(set(partner_ids.values())):
            remote = (
                (partner.legalsense_sync_data or {}).get("contact", {}).get("remote")
            )
            if remote:
                persons[partner.legalsense_contact_id] = remote
        return RemoteRecords(self._client, "contacts", persons)

    def _person_vals(self, resolver, link, person, existing=None):
        """The contact person's values; ``existing``: its job function and
        job title in Odoo (None for a new one)."""
        values = contact_contact_values(link, existing)
        if person:
            inbound = contact_values(person, resolver.settings)
            values.update(employee_values(inbound.values))
        values.update(
            legalsense_contact_contact_id=link["id"],
            legalsense_last_export=self._export_date(link),
        )
        return values

    def _update_contact_person(self, resolver, partner, link, person, tally):
        if not self._overwriting():
            tally.count("skipped")
            return
        tally.count("updated")
        if not self.dry_run:
            job = {"function": partner.function, "job_title": partner.job_title}
            values = self._person_vals(resolver, link, person, job)
            values["legalsense_sync_data"] = self._sync_data(
                partner, "contact_contact", link
            )
            partner.write(values)

    def _place_contact_person(self, resolver, org, link, person, tally, children_of):
        if not org:
            tally.count("created" if self.dry_run else "skipped")
            if not self.dry_run:
                tally.note(
                    self.env._(
                        "Contact person %(link)s: organisation %(org)s is not in Odoo.",
                        link=link["id"],
                        org=ref_id(link.get("organization")),
                    )
                )
            return None
        person_id = ref_id(link.get("person"))
        child = self._person_at_company(children_of.get(org.id, ()), person_id, person)
        values = self._person_vals(resolver, link, person, child)
        values["legalsense_contact_id"] = person_id
        if child:
            child["legalsense_contact_contact_id"] = link["id"]
            tally.count("linked")
            if not self.dry_run:
                link_keys = (
                    "legalsense_contact_id",
                    "legalsense_contact_contact_id",
                    "legalsense_last_export",
                )
                link_values = {key: values[key] for key in link_keys}
                if self.overwrite:
                    link_values = values
                link_values["legalsense_sync_data"] = {
                    "contact_contact": {"digest": None, "remote": link}
                }
                self._partners().browse(child["id"]).write(link_values)
            return None
        # What Odoo's sync would copy from the company: created in one go.
        values.update(
            parent_id=org.id,
            type="contact",
            is_company=False,
            lang=org.lang,
            legalsense_sync_data={"contact_contact": {"digest": None, "remote": link}},
            **self._commercial_values(org),
            **org._update_fields_values(org._address_fields()),
        )
        if not values.get("lastname") and not values.get("firstname"):
            values["lastname"] = f"LegalSense {person_id}"
        return link, values

    @staticmethod
    def _person_at_company(children, person_id, person):
        """§ Step 3: the person at the company, by LS id, else the unlinked one
        matching on last name with gender, prefix and first name as tie-breakers."""
        persons = [
            child
            for child in children
            if child["type"] == "contact"
            and not child["is_company"]
            and not child["legalsense_contact_contact_id"]
        ]
        for child in persons:
            if child["legalsense_contact_id"] == person_id:
                return child
        if not person:
            return None
        unlinked = [child for child in persons if not child["legalsense_contact_id"]]
        return best_person_at_company(person, unlinked)

    # ------------------------------------------------------------ clients

    def _step_clients(self, line, tally, page):
        clients, next_page = self._fetch_page(line, tally, page)
        self._import_clients(clients, tally)
        return next_page

    def _import_clients(self, clients, tally):
        resolver = self._resolver()
        partners = self._partners()
        by_client = self._partner_ids_by(
            "legalsense_client_id", [c["id"] for c in clients]
        )
        by_contact = self._partner_ids_by(
            "legalsense_contact_id", [ref_id(c.get("contact")) for c in clients]
        )
        for client in clients:
            with self._record(tally, client["id"], client.get("name")):
                partner_id = by_client.get(client["id"]) or by_contact.get(
                    ref_id(client.get("contact"))
                )
                if not partner_id:
                    tally.count("created" if self.dry_run else "skipped")
                    continue
                partner = partners.browse(partner_id)
                if partner.legalsense_client_id == client["id"]:
                    tally.count("updated" if self.overwrite else "skipped")
                    if not self.overwrite:
                        continue
                else:
                    tally.count("created")
                if not self.dry_run:
                    partner.write(self._client_vals(resolver, client, partner))

    def _client_vals(self, resolver, client, partner):
        inbound = client_values(client, resolver.settings)
        values = dict(inbound.values)
        values.update(
            legalsense_client_id=client["id"],
            legalsense_sync_data=self._sync_data(partner, "client", client),
        )
        user = resolver.user(inbound.originating_user_ls_id)
        if user or inbound.originating_user_ls_id is None:
            values[inbound.originating_user_field] = user
        values.update(
            self._lookup_target_vals(resolver, "sectors", inbound.sector_ls_id, partner)
        )
        values.update(
            self._lookup_target_vals(
                resolver, "branches", inbound.branch_ls_id, partner
            )
        )
        referral = resolver.lookup_value("referral", inbound.referrer_ls_id)
        if referral:
            values["referral_ids"] = [fields.Command.link(referral)]
        if inbound.parent_client_ls_id and partner.is_company:
            parent = self._partner_ids_by(
                "legalsense_client_id", [inbound.parent_client_ls_id]
            )
            parent_id = parent.get(inbound.parent_client_ls_id)
            if parent_id and parent_id != partner.id:
                values["parent_id"] = parent_id
        return values

    def _lookup_target_vals(self, resolver, resource, ls_id, partner):
        """The partner value of a sector or branch (its setting's field)."""
        if not ls_id:
            return {}
        target = self._lookup_target(resource, resolver.config)
        record_id = resolver.target_record(target, ls_id)
        if not record_id:
            return {}
        field_name = TARGET_FIELDS.get(target)
        if field_name and partner._fields[field_name].type == "many2one":
            return {field_name: record_id}
        if field_name:
            return {field_name: [fields.Command.link(record_id)]}
        detail = target[1]
        others = partner.lookup_value_ids.filtered(
            lambda value: (
                value.field_id.code.casefold() == detail.casefold()
                and value.id != record_id
            )
        )
        return {
            "lookup_value_ids": [fields.Command.unlink(v.id) for v in others]
            + [fields.Command.link(record_id)]
        }

    # ------------------------------------------------------------ retroactive

    def _clients_with_partners(self, clients):
        by_client = self._partner_ids_by(
            "legalsense_client_id", [c["id"] for c in clients]
        )
        by_contact = self._partner_ids_by(
            "legalsense_contact_id", [ref_id(c.get("contact")) for c in clients]
        )
        partners = self._partners()
        for client in clients:
            partner_id = by_client.get(client["id"]) or by_contact.get(
                ref_id(client.get("contact"))
            )
            yield client, partners.browse(partner_id)

    def _step_client_codes(self, line, tally, page):
        """UpdateClientCode: the client code of every client's contact."""
        clients, next_page = self._fetch_page(line, tally, page)
        for client, partner in self._clients_with_partners(clients):
            with self._record(tally, client["id"], client.get("name")):
                number = (client.get("number") or "").strip()
                if not partner or not number:
                    tally.count("skipped")
                    continue
                values = {"legalsense_client_code": number}
                if partner.legalsense_client_id != client["id"]:
                    values.update(
                        legalsense_client_id=client["id"], legalsense_is_client=True
                    )
                if all(partner[k] == v for k, v in values.items()):
                    tally.count("skipped")
                    continue
                tally.count("updated")
                if not self.dry_run:
                    partner.write(values)
        return next_page

    def _step_billing_instructions(self, line, tally, page):
        """ImportClientBillingInstructions: overwrites the Odoo values."""
        clients, next_page = self._fetch_page(line, tally, page)
        for client, partner in self._clients_with_partners(clients):
            with self._record(tally, client["id"], client.get("name")):
                text = (client.get("billing_instructions") or "").strip() or False
                if not partner or (partner.billing_instructions or False) == text:
                    tally.count("skipped")
                    continue
                tally.count("updated")
                if not self.dry_run:
                    partner.billing_instructions = text
        return next_page

    def _step_branches(self, line, tally, page):
        """ImportBranch: the first branch into SyncClientBranchesToCMField's field."""
        config = self._config()
        target = self._lookup_target("branches", config)
        if not target[0]:
            tally.note(target[1])
            return None
        resolver = self._resolver()
        clients, next_page = self._fetch_page(line, tally, page)
        for client, partner in self._clients_with_partners(clients):
            with self._record(tally, client["id"], client.get("name")):
                branches = client.get("branches") or []
                ls_id = ref_id(branches[0]) if branches else None
                values = partner and self._lookup_target_vals(
                    resolver, "branches", ls_id, partner
                )
                if not values:
                    tally.count("skipped")
                    continue
                tally.count("updated")
                if not self.dry_run:
                    partner.write(values)
        return next_page

    def _step_bank_accounts(self, line, tally, page):
        """ImportBankAccountNumbers: overwrites the Odoo bank account numbers."""
        contacts, next_page = self._fetch_page(line, tally, page)
        resolver = self._resolver()
        partner_ids = self._partner_ids_by(
            "legalsense_contact_id", [c["id"] for c in contacts]
        )
        partners = self._partners()
        for contact in contacts:
            with self._record(tally, contact["id"], _record_name(contact)):
                partner = partners.browse(partner_ids.get(contact["id"]))
                if not partner or not (contact.get("bank_account_iban") or "").strip():
                    tally.count("skipped")
                    continue
                if self.dry_run:
                    tally.count("updated")
                    continue
                changed = self._import_bank_account(
                    resolver, contact, partner, overwrite=True
                )
                tally.count("updated" if changed else "skipped")
        return next_page


# partner_firstname creates partners one by one (to split each name); the
# import sends the split names itself, so a page of partners can be created
# in one batch below it, when only these overrides of create() sit above it
# (the partner sync's only numbers partners not written by an import).
FIRSTNAME_MODULE = "odoo.addons.partner_firstname.models.res_partner"
SKIPPABLE_CREATES = {
    "odoo.addons.legalsense.models.res_partner",
    "odoo.addons.partner_autocomplete.models.res_partner",
}


def _batch_create(model, values_list):
    """``model.create(values_list)``, for partners in one batch where safe."""
    if model._name != "res.partner":
        return model.create(values_list)
    above = []
    for cls in type(model).__mro__:
        if "create" not in cls.__dict__:
            continue
        if cls.__module__ == FIRSTNAME_MODULE:
            if set(above) <= SKIPPABLE_CREATES:
                prepared = [_split_company_name(values) for values in values_list]
                return super(cls, model).create(prepared)
            break
        above.append(cls.__module__)
    return model.create(values_list)


def _split_company_name(values):
    """What partner_firstname does with a company's name: it is the last name."""
    if values.get("is_company") and values.get("name") and "lastname" not in values:
        return dict(values, lastname=values["name"])
    return values


def _without_empty(values):
    """Create values without the empty ones (less for the ORM to process)."""
    return {
        name: value
        for name, value in values.items()
        if name == "active" or value not in (False, None, "")
    }


def _record_name(contact):
    if contact.get("is_organization"):
        return contact.get("organization_name") or ""
    parts = (
        contact.get("first_name"),
        contact.get("name_prefix"),
        contact.get("last_name"),
    )
    return " ".join(part for part in parts if part)


def _address_name(address):
    parts = (address.get("address"), address.get("zipcode"), address.get("city"))
    return ", ".join(part for part in parts if part)


def _link_name(link):
    return "{} → {}".format(
        ref_id(link.get("person")), ref_id(link.get("organization"))
    )
