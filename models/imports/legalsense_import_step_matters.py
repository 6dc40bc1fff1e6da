# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Import steps: matters, their debtors and their matter contacts.

A matter needs its client's partner in Odoo (imported with the contacts and
clients); a debtor or matter contact needs its matter and its contact. An
unlinked debtor or party of the matter with the same contact (and role) is
linked instead of duplicated (§ Import All).
"""

from odoo import models

from ...legalsense_mapping.inbound import ref_id
from ...legalsense_mapping.inbound_matters import (
    MatterSettings,
    debtor_values,
    matter_contact_values,
    matter_values,
)
from ..sync.legalsense_external_ref import LEGALSENSE_INTERNAL
from .tally import RemoteRecords


class LegalsenseImportStepMatters(models.AbstractModel):
    _name = "legalsense.import.step.matters"
    _inherit = "legalsense.import.step"
    _description = "LegalSense import of matters"

    def _matters_model(self):
        return self._import_env()["legal.matter"].with_context(active_test=False)

    def _ids_by(self, model, field_name, ls_ids):
        """{LS id: record id} of the records whose ``field_name`` is in ``ls_ids``."""
        ls_ids = [int(i) for i in ls_ids if i]
        if not ls_ids:
            return {}
        records = model.search_read([(field_name, "in", ls_ids)], [field_name])
        return {record[field_name]: record["id"] for record in records}

    # ------------------------------------------------------------ matters

    def _step_matters(self, run, line, tally, page):
        matters, next_page = run._fetch_page(line, tally, page)
        self._import_matters(run, matters, tally)
        return next_page

    def _import_matters(self, run, matters, tally):
        model = self._matters_model()
        resolver = self._resolver(run)
        settings = MatterSettings.from_config(resolver.config)
        linked = self._ids_by(model, "legalsense_matter_id", [m["id"] for m in matters])
        clients = self._partner_ids_by(
            "legalsense_client_id", [ref_id(m.get("client")) for m in matters]
        )
        client_records = RemoteRecords(run._client, "clients")
        firms = self._firm_activity_types(resolver)
        departments = {
            ls_id: res_id
            for res_id, ls_id in resolver.refs(
                "hr.department", LEGALSENSE_INTERNAL
            ).items()
        }
        to_create = []
        for matter in matters:
            with run._record(tally, matter["id"], matter.get("name")):
                inbound = matter_values(matter, settings)
                matter_id = linked.get(matter["id"])
                if matter_id and not run.overwrite:
                    tally.count("skipped")
                    continue
                client_id = self._matter_client(
                    run, inbound.client_ls_id, clients, client_records
                )
                if matter_id:
                    tally.count("updated")
                    if not run.dry_run:
                        values = self._matter_vals(
                            run,
                            resolver,
                            matter,
                            inbound,
                            client_id,
                            firms,
                            departments,
                        )
                        model.browse(matter_id).write(values)
                    continue
                if not client_id:
                    note = self.env._(
                        "Matter %(matter)s: client %(client)s is not in Odoo.",
                        matter=matter["id"],
                        client=inbound.client_ls_id,
                    )
                    self._count_orphan(run, tally, note)
                    continue
                values = self._matter_vals(
                    run, resolver, matter, inbound, client_id, firms, departments
                )
                to_create.append((matter, values))
        self._create_batch(run, model, to_create, tally)

    def _matter_vals(
        self, run, resolver, matter, inbound, client_id, firms, departments
    ):
        values = dict(inbound.values)
        values.update(
            legalsense_matter_id=matter["id"],
            legalsense_last_export=self._export_date(matter),
            legalsense_sync_data={"matter": {"digest": None, "remote": matter}},
            company_id=run.company_id.id,
        )
        if client_id:
            values["client_id"] = client_id
        if inbound.firm_ls_id and firms.get(inbound.firm_ls_id):
            values["matter_activity_type_id"] = firms[inbound.firm_ls_id]
        if inbound.practice_group_ls_id:
            values["department_id"] = departments.get(
                inbound.practice_group_ls_id, False
            )
        values.setdefault("owner_id", False)
        for field_name, ls_user_id in inbound.users.items():
            values[field_name] = resolver.user(ls_user_id)
        for field_name, (lookup_type, ls_id) in inbound.lookups.items():
            values[field_name] = resolver.lookup_value(lookup_type, ls_id)
        if inbound.referrer_ls_id:
            values["referral_id"] = resolver.lookup_value(
                "referral", inbound.referrer_ls_id
            )
        lang = resolver.language(inbound.language)
        if lang:
            values["lang"] = lang
        return values

    def _matter_client(self, run, client_ls_id, linked, client_records):
        """The partner id of a matter's client, or False.

        A client not linked yet is linked to the partner of its contact (the
        client read from LegalSense when a matter needs it).
        """
        if not client_ls_id:
            return False
        partner_id = linked.get(client_ls_id) or self._partner_ids_by(
            "legalsense_client_id", [client_ls_id]
        ).get(client_ls_id)
        if partner_id:
            return partner_id
        record = client_records.get(client_ls_id)
        contact_id = ref_id(record.get("contact"))
        partner_id = self._partner_ids_by("legalsense_contact_id", [contact_id]).get(
            contact_id
        )
        if partner_id and not run.dry_run:
            partner = self._partners().browse(partner_id)
            clients = self.env["legalsense.import.step.clients"]
            partner.write(clients._client_vals(self._resolver(run), record, partner))
        return partner_id or False

    def _firm_activity_types(self, resolver):
        """{LS firm id: activity type id} (§ Firms: LEGALSENSE_INTERNAL of the type)."""
        firms = {}
        refs = resolver.refs("legal.matter.activity.type", LEGALSENSE_INTERNAL)
        for res_id, firm_id in sorted(refs.items()):
            firms.setdefault(firm_id, res_id)
        return firms

    # ------------------------------------------------------------ debtors

    def _step_matter_debtors(self, run, line, tally, page):
        debtors, next_page = run._fetch_page(line, tally, page)
        self._import_matter_children(
            run, debtors, tally, "legal.matter.debtor", "legalsense_debtor_id"
        )
        return next_page

    def _step_matter_contacts(self, run, line, tally, page):
        parties, next_page = run._fetch_page(line, tally, page)
        self._import_matter_children(
            run, parties, tally, "legal.matter.party", "legalsense_matter_contact_id"
        )
        return next_page

    def _import_matter_children(self, run, records, tally, model_name, id_field):
        env = self._import_env()
        model = env[model_name]
        resolver = self._resolver(run)
        matters = self._ids_by(
            self._matters_model(),
            "legalsense_matter_id",
            [ref_id(r.get("matter")) for r in records],
        )
        linked = self._ids_by(model, id_field, [r["id"] for r in records])
        to_create = []
        for record in records:
            with run._record(tally, record["id"]):
                values = self._child_vals(resolver, model_name, record)
                if linked.get(record["id"]):
                    if self._count_linked(run, tally, run.overwrite):
                        model.browse(linked[record["id"]]).write(values)
                    continue
                matter_id = matters.get(ref_id(record.get("matter")))
                if not matter_id or not values.get("partner_id"):
                    self._count_orphan(run, tally)
                    continue
                existing = self._unlinked_child(model, id_field, matter_id, values)
                if existing:
                    tally.count("linked")
                    if not run.dry_run:
                        link = values if run.overwrite else {id_field: record["id"]}
                        existing.write(link)
                    continue
                if model_name == "legal.matter.party" and not values.get("role_id"):
                    tally.count("skipped")
                    continue
                to_create.append((record, dict(values, matter_id=matter_id)))
        self._create_batch(run, model, to_create, tally)

    def _child_vals(self, resolver, model_name, record):
        if model_name == "legal.matter.debtor":
            values = debtor_values(record)
            contact_key = "debtor"
            address_id = ref_id(record.get("address"))
            if address_id:
                address = self._partner_ids_by(
                    "legalsense_address_id", [address_id], "any"
                )
                values["address_id"] = address.get(address_id, False)
        else:
            values = matter_contact_values(record)
            contact_key = "contact"
            values["role_id"] = resolver.lookup_value(
                "activity_role", ref_id(record.get("kind"))
            )
        values["partner_id"] = self._matter_partner(
            ref_id(record.get(contact_key)), ref_id(record.get("contact_person"))
        )
        values["legalsense_last_export"] = self._export_date(record)
        return values

    def _matter_partner(self, contact_id, person_id):
        """The contact, or its contact person when the LS record names one."""
        if person_id and person_id != contact_id:
            org = self._partner_ids_by("legalsense_contact_id", [contact_id]).get(
                contact_id
            )
            if org:
                child = self._partners().search(
                    [
                        ("parent_id", "=", org),
                        ("type", "=", "contact"),
                        ("legalsense_contact_id", "=", person_id),
                    ],
                    limit=1,
                )
                if child:
                    return child.id
        return self._partner_ids_by("legalsense_contact_id", [contact_id]).get(
            contact_id, False
        )

    @staticmethod
    def _unlinked_child(model, id_field, matter_id, values):
        domain = [
            ("matter_id", "=", matter_id),
            (id_field, "=", 0),
            ("partner_id", "=", values["partner_id"]),
        ]
        if "role_id" in values:
            domain.append(("role_id", "=", values["role_id"]))
        return model.search(domain, limit=1)
