# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Import steps: clients, and the retroactive client codes, billing
instructions and branches.

A client is the partner of its LS contact, with its client id.
"""

from odoo import fields, models

from ...legalsense_mapping.inbound import ref_id
from ...legalsense_mapping.inbound_clients import client_values

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


class LegalsenseImportStepClients(models.AbstractModel):
    _name = "legalsense.import.step.clients"
    _inherit = "legalsense.import.step"
    _description = "LegalSense import of clients"

    def _step_clients(self, run, line, tally, page):
        clients, next_page = run._fetch_page(line, tally, page)
        self._import_clients(run, clients, tally)
        return next_page

    def _import_clients(self, run, clients, tally):
        resolver = self._resolver(run)
        for client, partner in self._clients_with_partners(clients):
            with run._record(tally, client["id"], client.get("name")):
                if not partner:
                    self._count_orphan(run, tally)
                    continue
                if partner.legalsense_client_id == client["id"]:
                    write = self._count_linked(run, tally, run.overwrite)
                else:
                    tally.count("created")
                    write = not run.dry_run
                if write:
                    partner.write(self._client_vals(resolver, client, partner))

    def _clients_with_partners(self, clients):
        """(LS client, its partner: by client id, else by contact id)."""
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

    def _lookup_target(self, resource, config):
        """The target of a sector or branch list (see the lookup items)."""
        lookups = self.env["legalsense.import.step.lookups"]
        return lookups._lookup_target(resource, config)

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

    def _step_client_codes(self, run, line, tally, page):
        """UpdateClientCode: the client code of every client's contact."""

        def values_of(client, partner):
            number = (client.get("number") or "").strip()
            if not number:
                return {}
            values = {"legalsense_client_code": number}
            if partner.legalsense_client_id != client["id"]:
                values.update(
                    legalsense_client_id=client["id"], legalsense_is_client=True
                )
            if all(partner[k] == v for k, v in values.items()):
                return {}
            return values

        return self._update_client_partners(run, line, tally, page, values_of)

    def _step_billing_instructions(self, run, line, tally, page):
        """ImportClientBillingInstructions: overwrites the Odoo values."""

        def values_of(client, partner):
            text = (client.get("billing_instructions") or "").strip() or False
            if (partner.billing_instructions or False) == text:
                return {}
            return {"billing_instructions": text}

        return self._update_client_partners(run, line, tally, page, values_of)

    def _step_branches(self, run, line, tally, page):
        """ImportBranch: the first branch into SyncClientBranchesToCMField's field."""
        config = run._config()
        target = self._lookup_target("branches", config)
        if not target[0]:
            tally.note(target[1])
            return None
        resolver = self._resolver(run)

        def values_of(client, partner):
            branches = client.get("branches") or []
            ls_id = ref_id(branches[0]) if branches else None
            return self._lookup_target_vals(resolver, "branches", ls_id, partner)

        return self._update_client_partners(run, line, tally, page, values_of)

    def _update_client_partners(self, run, line, tally, page, values_of):
        """A page of clients whose partners get ``values_of(client, partner)``
        (nothing to write: skipped); returns the next page."""
        clients, next_page = run._fetch_page(line, tally, page)
        for client, partner in self._clients_with_partners(clients):
            with run._record(tally, client["id"], client.get("name")):
                values = partner and values_of(client, partner)
                if not values:
                    tally.count("skipped")
                    continue
                tally.count("updated")
                if not run.dry_run:
                    partner.write(values)
        return next_page
