# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Import step: contact persons (LS contact-contacts).

An LS contact-contact is a contact person: a person partner under the
company carrying the person's LS contact id. An unlinked person at the
company is linked by the manual's person-at-company rule (§ Job 5 Step 3).
"""

from odoo import models

from ...legalsense_mapping.inbound import (
    best_person_at_company,
    contact_values,
    ref_id,
)
from ...legalsense_mapping.inbound_clients import (
    contact_contact_values,
    employee_values,
)
from .tally import RemoteRecords, link_name


class LegalsenseImportStepContactPersons(models.AbstractModel):
    _name = "legalsense.import.step.contact_persons"
    _inherit = "legalsense.import.step"
    _description = "LegalSense import of contact persons"

    def _step_contact_contacts(self, run, line, tally, page):
        links, next_page = run._fetch_page(line, tally, page)
        self._import_contact_contacts(run, links, tally)
        return next_page

    def _import_contact_contacts(self, run, links, tally, only_linked=False):
        """Contact persons: a person partner under the company per link."""
        partners = self._partners()
        linked = self._partner_ids_by(
            "legalsense_contact_contact_id", [link["id"] for link in links], kind="any"
        )
        org_ids = self._partner_ids_by(
            "legalsense_contact_id",
            [ref_id(link.get("organization")) for link in links],
        )
        persons = self._ls_persons(run, links)
        resolver = self._resolver(run)
        children_of = self._children_of(set(org_ids.values()))
        to_create = []
        for link in links:
            with run._record(tally, link["id"], link_name(link)):
                partner_id = linked.get(link["id"])
                if not partner_id and only_linked:
                    tally.count("skipped")
                    continue
                person_id = ref_id(link.get("person"))
                person = persons.get(person_id) if person_id else None
                if partner_id:
                    self._update_contact_person(
                        run, resolver, partners.browse(partner_id), link, person, tally
                    )
                else:
                    org = partners.browse(org_ids.get(ref_id(link.get("organization"))))
                    item = self._place_contact_person(
                        run, resolver, org, link, person, tally, children_of
                    )
                    if item:
                        to_create.append(item)
        self._create_batch(
            run,
            partners.with_context(_partners_skip_fields_sync=True),
            to_create,
            tally,
        )

    def _ls_persons(self, run, links):
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
        return RemoteRecords(run._client, "contacts", persons)

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

    def _update_contact_person(self, run, resolver, partner, link, person, tally):
        if not self._count_linked(run, tally, self._overwriting(run)):
            return
        job = {"function": partner.function, "job_title": partner.job_title}
        values = self._person_vals(resolver, link, person, job)
        values["legalsense_sync_data"] = self._sync_data(
            partner, "contact_contact", link
        )
        partner.write(values)

    def _place_contact_person(
        self, run, resolver, org, link, person, tally, children_of
    ):
        if not org:
            note = self.env._(
                "Contact person %(link)s: organisation %(org)s is not in Odoo.",
                link=link["id"],
                org=ref_id(link.get("organization")),
            )
            self._count_orphan(run, tally, note)
            return None
        person_id = ref_id(link.get("person"))
        child = self._person_at_company(children_of.get(org.id, ()), person_id, person)
        values = self._person_vals(resolver, link, person, child)
        values["legalsense_contact_id"] = person_id
        if child:
            child["legalsense_contact_contact_id"] = link["id"]
            tally.count("linked")
            if not run.dry_run:
                link_keys = (
                    "legalsense_contact_id",
                    "legalsense_contact_contact_id",
                    "legalsense_last_export",
                )
                link_values = {key: values[key] for key in link_keys}
                if run.overwrite:
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
