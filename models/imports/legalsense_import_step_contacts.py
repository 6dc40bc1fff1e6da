# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Import step: contacts, and the retroactive bank account numbers.

An LS organisation or person is a top-level partner (the partner sync's
counterpart). A partner linked by LegalSense id is left alone unless the run
overwrites; an unlinked one is linked instead of duplicated: a company by
organisation number, VAT number or name, a person by gender, name prefix,
names, initials and e-mail (§ Job 5 Step 3).
"""

from odoo import fields, models
from odoo.tools import SQL

from ...legalsense_mapping.inbound import (
    company_keys,
    contact_values,
    custom_field_targets,
    identifier,
    normalized,
    person_key,
)
from .tally import record_name


class LegalsenseImportStepContacts(models.AbstractModel):
    _name = "legalsense.import.step.contacts"
    _inherit = "legalsense.import.step"
    _description = "LegalSense import of contacts"

    def _step_contacts(self, run, line, tally, page):
        contacts, next_page = run._fetch_page(line, tally, page)
        self._import_contacts(run, contacts, tally)
        return next_page

    def _import_contacts(self, run, contacts, tally, overwrite=None):
        """Create, link or update the partners of LS contacts; {LS id: partner}."""
        overwrite = run.overwrite if overwrite is None else overwrite
        resolver = self._resolver(run)
        partners = self._partners()
        linked = self._partner_ids_by(
            "legalsense_contact_id", [c["id"] for c in contacts]
        )
        unlinked = [contact for contact in contacts if contact["id"] not in linked]
        matches = self._match_contacts(unlinked)
        result, to_create = {}, []
        for contact in contacts:
            with run._record(tally, contact["id"], record_name(contact)):
                partner_id = linked.get(contact["id"]) or matches.get(contact["id"])
                if not partner_id:
                    to_create.append(
                        (contact, self._new_contact_vals(run, resolver, contact))
                    )
                    continue
                partner = partners.browse(partner_id)
                self._write_contact(
                    run,
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
        result.update(self._create_batch(run, creator, to_create, tally))
        return result

    def _write_contact(
        self, run, resolver, contact, partner, is_linked, overwrite, tally
    ):
        """Update a linked partner (with overwrite), or link a matching one."""
        if is_linked:
            if self._count_linked(run, tally, overwrite):
                partner.write(self._contact_vals(resolver, contact, partner))
        else:
            tally.count("linked")
            if not run.dry_run:
                partner.write(
                    self._contact_vals(
                        resolver, contact, partner, link_only=not overwrite
                    )
                )
        if not run.dry_run:
            self._import_bank_account(resolver, contact, partner)

    def _new_contact_vals(self, run, resolver, contact):
        """The values of a new partner, its bank account included."""
        values = self._contact_vals(resolver, contact, self._partners().browse())
        account = not run.dry_run and self._bank_account_vals(resolver, contact)
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

    # ------------------------------------------------------------ matching

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

    # ------------------------------------------------------------ bank accounts

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

    # ------------------------------------------------------------ retroactive

    def _step_bank_accounts(self, run, line, tally, page):
        """ImportBankAccountNumbers: overwrites the Odoo bank account numbers."""
        contacts, next_page = run._fetch_page(line, tally, page)
        resolver = self._resolver(run)
        partner_ids = self._partner_ids_by(
            "legalsense_contact_id", [c["id"] for c in contacts]
        )
        partners = self._partners()
        for contact in contacts:
            with run._record(tally, contact["id"], record_name(contact)):
                partner = partners.browse(partner_ids.get(contact["id"]))
                if not partner or not (contact.get("bank_account_iban") or "").strip():
                    tally.count("skipped")
                    continue
                if run.dry_run:
                    tally.count("updated")
                    continue
                changed = self._import_bank_account(
                    resolver, contact, partner, overwrite=True
                )
                tally.count("updated" if changed else "skipped")
        return next_page
