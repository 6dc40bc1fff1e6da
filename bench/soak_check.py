"""The end of the soak: every Odoo record against its LegalSense record.

Runs in the soak's own process on the soak database (Odoo configured by
``bench_database``), read only. The expected LegalSense values come from the
addon's own payload builders, the ones the export jobs use, given the
LegalSense record as ``existing``: what a job would send now must be what
LegalSense holds (a value LegalSense adds, such as an id, is not compared).

``check()`` returns a plain dict: findings per record (missing LegalSense
records, fields out of line, records that should be gone), LegalSense
records that are not linked from Odoo or linked from two records, the failed jobs
with the reason shown on their record, and the secrets found in the
database.
"""

import re
from collections import defaultdict

from soak_faults import CREATE_RESOURCES

import odoo
from odoo import SUPERUSER_ID, api

CHANNEL = "root.legalsense"
ADDRESS_TYPES = ("invoice", "delivery", "other")
ARCHIVED = re.compile(r"\bcontacts/(\d+) archived")
REMOVED = re.compile(r"\bmatters/(\d+) removed")
# Odoo fields holding LegalSense ids: (model, field) -> resource.
LINKS = {
    ("res.partner", "legalsense_contact_id"): "contacts",
    ("res.partner", "legalsense_client_id"): "clients",
    ("res.partner", "legalsense_address_id"): "addresses",
    ("res.partner", "legalsense_contact_contact_id"): "contactcontacts",
    ("legal.matter", "legalsense_matter_id"): "matters",
    ("legal.matter", "legalsense_client_contact_id"): "mattercontacts",
    ("legal.matter", "legalsense_originator_contact_id"): "mattercontacts",
    ("legal.matter.debtor", "legalsense_debtor_id"): "matterdebtors",
    ("legal.matter.party", "legalsense_matter_contact_id"): "mattercontacts",
}


def ref(value):
    return value.get("id") if isinstance(value, dict) else value


def differences(stored, sent):
    """Where LegalSense's record does not hold what the mapping sends."""
    from odoo.addons.legalsense.legalsense_mapping.compare import differences

    return differences(stored, sent)


class Checker:
    """Compares the Odoo records with the simulator's state."""

    def __init__(self, env, state, version, skipped, first_partner):
        self.env = env
        self.first_partner = first_partner  # the soak's partners come after
        self.tables = {
            name: {record["id"]: record for record in records}
            for name, records in state.items()
        }
        self.skipped = skipped  # partner ids the soak left without contact
        self.findings = defaultdict(list)  # (model, id) -> [(resource, what)]
        config = env["legalsense.config"]._get_config(env.company)
        self.config = config
        from odoo.addons.legalsense.models.matter.matter_sync import MatterRun
        from odoo.addons.legalsense.models.partner.partner_sync import SyncRun

        self.sync = SyncRun(env, config, None)
        self.sync._version = version
        self.run = MatterRun(env, config, None)
        self.run._version = version

    def find(self, record, resource, what):
        self.findings[(record._name, record.id)].append((resource, what))

    def guarded(self, record, check, *args):
        """Run one record's check; a check that breaks is a finding, not a stop."""
        try:
            check(*args)
        except Exception as error:  # noqa: BLE001
            self.find(record, "-", f"check failed: {type(error).__name__}: {error}")

    def expect(self, record, resource, ls_id, payload_of):
        """The LegalSense record must exist and hold ``payload_of(stored)``."""
        stored = self.tables[resource].get(ls_id) if ls_id else None
        if stored is None:
            what = f"missing (linked to {ls_id})" if ls_id else "missing (not linked)"
            self.find(record, resource, what)
            return None
        for path in differences(stored, payload_of(stored)):
            self.find(record, resource, path)
        return stored

    def expect_gone(self, record, resource, ls_id):
        if ls_id and ls_id in self.tables[resource]:
            self.find(record, resource, f"should be gone ({ls_id})")

    # ------------------------------------------------------------ partners

    def partners(self):
        partners = self.env["res.partner"].search([("id", ">=", self.first_partner)])
        for partner in partners:
            if partner.id in self.skipped or not partner._legalsense_is_syncable():
                continue
            if partner._legalsense_skip_reason(self.config):
                continue
            if partner.type in ADDRESS_TYPES and not partner.parent_id:
                self.guarded(partner, self.partner_orphan_address, partner)
                continue
            check = getattr(self, f"partner_{partner._legalsense_kind()}")
            self.guarded(partner, check, partner)

    def partner_contact(self, partner):
        source = self.sync.contact_source(partner)
        self.expect(
            partner,
            "contacts",
            partner.legalsense_contact_id,
            lambda stored: partner._legalsense_contact_payload(
                self.sync, source, stored
            ),
        )
        if partner._legalsense_wants_client():
            self.expect(
                partner,
                "clients",
                partner.legalsense_client_id,
                lambda stored: partner._legalsense_client_payload(
                    self.sync, source, None, stored
                ),
            )

    def partner_company(self, partner):
        from odoo.addons.legalsense.legalsense_mapping import (
            address_payload,
            billing_address_choice,
            billing_address_payload,
        )

        self.partner_contact(partner)
        self.expect_gone(
            partner, "contactcontacts", partner.legalsense_contact_contact_id
        )
        if partner._legalsense_has_address() or partner.legalsense_address_id:
            source = partner._legalsense_address_source(is_postal=True)
            self.expect(
                partner,
                "addresses",
                partner.legalsense_address_id,
                lambda stored: address_payload(
                    source, partner.legalsense_contact_id, self.sync.settings
                ),
            )
        chosen = billing_address_choice(
            partner._legalsense_address_sources(), self.sync.settings
        )
        billing = billing_address_payload(chosen)
        stored = self.tables["contacts"].get(partner.legalsense_contact_id)
        if billing and stored:
            for path in differences(stored, billing):
                self.find(partner, "contacts", path)

    partner_person = partner_company

    def partner_employee(self, partner):
        """NOTES "Contact persons archived": only the link ends; the person's
        contact is left as it is."""
        from odoo.addons.legalsense.legalsense_mapping import contact_contact_payload

        link = partner.legalsense_contact_contact_id
        if not partner.active:
            self.expect_gone(partner, "contactcontacts", link)
            return
        self.partner_contact(partner)
        if not partner.parent_id.legalsense_contact_id:
            self.expect_gone(partner, "contactcontacts", link)
            return
        source = partner._legalsense_employee_source()
        self.expect(
            partner,
            "contactcontacts",
            link,
            lambda stored: contact_contact_payload(source),
        )

    def partner_address(self, partner):
        from odoo.addons.legalsense.legalsense_mapping import address_payload

        contact = partner.parent_id
        if not partner.active:
            # NOTES "Inactive and deleted addresses": archived is "On delete";
            # an inactive address is compared (its city ends in !INACTIVE!).
            self.expect_gone(partner, "addresses", partner.legalsense_address_id)
            return
        if not contact.legalsense_contact_id:
            self.find(partner, "addresses", "its contact is not in LegalSense")
            return
        source = partner._legalsense_address_source(is_postal=False)
        self.expect(
            partner,
            "addresses",
            partner.legalsense_address_id,
            lambda stored: address_payload(
                source, contact.legalsense_contact_id, self.sync.settings
            ),
        )

    def partner_orphan_address(self, partner):
        """NOTES "Which partners": an address whose contact was deleted is
        removed like a deleted address (deleted from LegalSense 18.120)."""
        self.expect_gone(partner, "addresses", partner.legalsense_address_id)

    # ------------------------------------------------------------ matters

    def matters(self):
        for matter in self.env["legal.matter"].search([]):
            if not matter._legalsense_is_syncable():
                continue
            self.guarded(matter, self.matter, matter)
            for debtor in matter.debtor_ids:
                self.guarded(debtor, self.debtor, debtor)
            for party in matter.party_ids:
                self.guarded(party, self.party, party)

    def matter(self, matter):
        run = self.run
        client_id = matter._legalsense_client_partner().legalsense_client_id
        source = matter._legalsense_matter_source(client_id, run.settings)
        self.expect(
            matter,
            "matters",
            matter.legalsense_matter_id,
            lambda stored: matter._legalsense_matter_payload(run, source, None, stored),
        )
        debtors = matter.debtor_ids
        if debtors and not any(debtors.mapped("legalsense_is_main_debtor")):
            self.find(matter, "matterdebtors", "no debtor holds the main debtor")

    def debtor(self, debtor):
        from odoo.addons.legalsense.legalsense_mapping.matter_debtors import (
            debtor_payload,
        )

        run = self.run
        payor = debtor._legalsense_paying_partner()
        person = debtor._legalsense_contact_person()
        source = debtor._legalsense_debtor_source(run, payor, person, debtor.address_id)
        self.expect(
            debtor,
            "matterdebtors",
            debtor.legalsense_debtor_id,
            lambda stored: debtor_payload(source, run.settings, stored),
        )

    def party(self, party):
        from odoo.addons.legalsense.legalsense_mapping.matter_contacts import (
            matter_contact_payload,
        )

        source = party._legalsense_party_source(party._legalsense_organization())
        self.expect(
            party,
            "mattercontacts",
            party.legalsense_matter_contact_id,
            lambda stored: matter_contact_payload(source),
        )

    # ------------------------------------------------------------ LS records

    def linked_ids(self):
        """{resource: {LegalSense id: [(model, id)]}} of every Odoo link."""
        linked = defaultdict(lambda: defaultdict(list))
        for (model, field), resource in LINKS.items():
            records = self.env[model].search_read([(field, "!=", 0)], [field])
            for row in records:
                if row[field]:
                    linked[resource][row[field]].append((model, row["id"]))
        return linked

    def expected_unlinked(self):
        """LegalSense records that stay after a deletion in Odoo, by design."""
        expected = defaultdict(set)
        jobs = self.env["queue.job"].search(
            [("channel", "=", CHANNEL), ("method_name", "=", "_legalsense_job_remove")]
        )
        matters = set()
        for job in jobs:
            removal = (job.args or [{}])[0]
            if job.model_name == "res.partner" and removal.get("contact_id"):
                expected["contacts"].add(removal["contact_id"])
            # A contact a lost create made, found by the removal job itself.
            archived = ARCHIVED.findall(job.result or "")
            expected["contacts"] |= {int(ls_id) for ls_id in archived}
            if job.model_name == "legal.matter" and removal.get("matter_id"):
                matters.add(removal["matter_id"])
            # A matter a lost create made, found by the removal job itself.
            matters |= {int(ls_id) for ls_id in REMOVED.findall(job.result or "")}
        expected["matters"] |= matters
        # A deleted contact is archived with its client and addresses.
        for resource in ("clients", "addresses"):
            for record in self.tables[resource].values():
                if ref(record["contact"]) in expected["contacts"]:
                    expected[resource].add(record["id"])
        with_debtors = {
            matter.legalsense_matter_id
            for matter in self.env["legal.matter"].search([("debtor_ids", "!=", False)])
        }
        for resource in ("matterdebtors", "mattercontacts"):
            for record in self.tables[resource].values():
                matter = ref(record["matter"])
                main = record.get("split_type") == "FullRemainingAmount"
                if matter in matters or (main and matter not in with_debtors):
                    expected[resource].add(record["id"])
        return expected

    def duplicates(self):
        """LegalSense records not linked from Odoo, or linked from two records.

        Two LegalSense records alike are no duplicate when each is linked
        from its own Odoo record: Odoo holds two records alike too (the same
        party added to a matter twice in one role), and each is compared
        with its own. A create made twice leaves one of them unlinked.
        """
        linked = self.linked_ids()
        expected = self.expected_unlinked()
        unlinked, shared = [], []
        for resource in CREATE_RESOURCES:
            table = self.tables.get(resource, {})
            for ls_id, record in table.items():
                if ls_id not in linked[resource] and ls_id not in expected[resource]:
                    unlinked.append((resource, ls_id, describe(resource, record)))
            for ls_id, owners in linked[resource].items():
                if len(owners) > 1:
                    shared.append((resource, ls_id, owners))
        return {"unlinked": unlinked, "shared": shared}

    # ------------------------------------------------------------ jobs

    def failed_jobs(self, refusals):
        failed = []
        for job in self.env["queue.job"].search(
            [("channel", "=", CHANNEL), ("state", "=", "failed")], order="id"
        ):
            record = job.records.exists()[:1]
            text = f"{job.exc_message or ''} {job.exc_info or ''}"
            failed.append(
                {
                    "job": job.uuid,
                    "what": job.name,
                    "reason": job.exc_message or job.exc_name or "",
                    "record": f"{job.model_name},{job.records.ids}",
                    "record_state": record.legalsense_sync_state if record else None,
                    "record_error": (record.legalsense_sync_error or "")
                    if record
                    else "",
                    "refusal": next(
                        (r["detail"] for r in refusals if r["detail"] in text), None
                    ),
                    "dead": job.exc_name == "JobFoundDead",
                }
            )
        return failed

    def close_refusals(self, refusals):
        """For each refused close: the matter's close date and its chatter."""
        results = []
        for refusal in refusals:
            if refusal["model"] != "legal.matter":
                continue
            matter = self.env["legal.matter"].browse(refusal["id"]).exists()
            posted = self.env["mail.message"].search_count(
                [
                    ("model", "=", "legal.matter"),
                    ("res_id", "=", refusal["id"]),
                    ("body", "ilike", refusal["detail"]),
                ]
            )
            results.append(
                {
                    **refusal,
                    "closed_in_odoo": bool(matter.close_date),
                    "note_posted": bool(posted),
                }
            )
        return results


def job_history(env, keys):
    """{"model,id": [one line per LegalSense job of that record]}."""
    history = {}
    for key in keys:
        model, record_id = key.split(",")
        jobs = env["queue.job"].search(
            [("identity_key", "=", f"legalsense:{model}:{record_id}")], order="id"
        )
        history[key] = [
            f"job {job.id} {job.state} try {job.retry}: created "
            f"{clock(job.date_created)} started {clock(job.date_started)} done "
            f"{clock(job.date_done)}: {job.result or job.exc_message or ''}"[:200]
            for job in jobs
        ]
    return history


def clock(moment):
    return moment.strftime("%H:%M:%S.%f")[:12] if moment else "-"


def describe(resource, record):
    if resource == "contacts":
        return record["organization_name"] or (
            f"{record['first_name']} {record['last_name']}".strip()
        )
    if resource in ("addresses",):
        return (
            f"{record['address']}, {record['city']} (contact {ref(record['contact'])})"
        )
    if resource == "matters":
        return record["name"]
    return ", ".join(
        f"{key} {ref(record.get(key))}"
        for key in ("contact", "matter", "debtor", "organization", "person", "kind")
        if record.get(key)
    )


def database_texts(cr):
    """(place, text) of the database rows that must hold no secret."""
    queries = {
        "queue_job rows (exc_info, result, ...)": "SELECT q::text FROM queue_job q",
        "mail.message bodies": "SELECT body::text FROM mail_message",
        "mail.mail bodies": "SELECT body_html FROM mail_mail",
        "mail tracking values": "SELECT t::text FROM mail_tracking_value t",
    }
    for place, query in queries.items():
        cr.execute(query)
        rows = [row[0] or "" for row in cr.fetchall()]
        yield f"{place} ({len(rows)} rows)", "\n".join(rows)


def existing_ids(env, model, ids):
    return set(env[model].browse(ids).exists().ids)


def check(database, state, version, refusals, skipped, edited, first_partner):
    """Everything the report needs from Odoo, as plain data."""
    registry = odoo.modules.registry.Registry(database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
        checker = Checker(env, state, version, set(skipped), first_partner)
        checker.partners()
        checker.matters()
        findings = {
            f"{model},{record_id}": found
            for (model, record_id), found in checker.findings.items()
        }
        result = {
            "findings": findings,
            "jobs": job_history(env, findings),
            "duplicates": checker.duplicates(),
            "failed": checker.failed_jobs(refusals),
            "closes": checker.close_refusals(refusals),
            "existing": {
                model: sorted(existing_ids(env, model, ids))
                for model, ids in edited.items()
            },
            "orphaned": env["res.partner"].search_count(
                [
                    ("id", ">=", first_partner),
                    ("type", "in", ADDRESS_TYPES),
                    ("parent_id", "=", False),
                ]
            ),
            "texts": list(database_texts(cr)),
        }
        cr.rollback()
    return result
