"""Regenerate the LegalSense side of the demo data.

    python3 tools/gen_demo_data.py -c odoo.conf -d <database>

The database has ``legalsense`` installed with demo data. Format the XML
with prettier afterwards (see ``tools/lint.sh``). In a transaction
that is rolled back at the end, the demo records (``demo/*_demo.xml``) are
exported to a fresh in-process simulator, as a first sync would do. Then

* ``demo/legalsense_simulator_demo.json``: what the simulator holds (the
  fixture ``tools/demo.py`` loads), and
* ``demo/legalsense_sync_demo.xml``: what the export stored on each demo
  record (its LegalSense ids, and LegalSense's records as an import stores
  them), with the one pending and the one failed export job and the one
  change in conflict

are written. Run it after changing the demo records or the mapping.
"""

import argparse
import json
import os
import sys
import traceback
from xml.sax.saxutils import quoteattr

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO_DIR = os.path.join(REPO, "demo")
FIXTURE = os.path.join(DEMO_DIR, "legalsense_simulator_demo.json")
SYNC_XML = os.path.join(DEMO_DIR, "legalsense_sync_demo.xml")
API_USER, API_PASSWORD = "demo", "demo-password"
# Exported in this order: companies, persons and contact persons, then matters.
MODELS = ("res.partner", "legal.matter", "legal.matter.debtor", "legal.matter.party")
# What an export stores on a record besides Odoo's own fields.
BOOKKEEPING = ("legalsense_sync_data", "legalsense_last_export")
# The record whose change waits for the job runner: its values when it was
# synced, and the change.
PENDING = ("demo_partner_iris_peters", {"phone": False}, {"phone": "+31 50 3654321"})
# The record LegalSense refused: its values when it was synced, the change it
# refused and its answer.
REFUSED = (
    "demo_partner_kok_logistiek",
    {"vat": "NL878901237B01"},
    {"vat": "NL87890123B01"},
    {
        "detail": "Het btw-nummer NL87890123B01 is ongeldig: het heeft 9 cijfers "
        "voor de B.",
        "code": "invalid",
        "field": "vat_number",
    },
)
# The record LegalSense and Odoo both changed since the first sync: Odoo's
# change and LegalSense's (its e-mail address), left for a user to choose.
CONFLICTED = (
    "demo_partner_sanne_jansen",
    {"email": "sanne@jansen-advies.example"},
    "s.jansen@example.com",
)
# More values the first sync sets (numbers LegalSense gives, the main debtor).
LINK_VALUES = ("ref", "code", "legalsense_client_code", "legalsense_is_main_debtor")
REPLACED_WHOLE = ("party", "client_contact", "originator_contact")
XML_CONTEXT = "{'legalsense_no_export': True, 'tracking_disable': True}"


def demo_records(env):
    """{model: [(xmlid, record)]} of the synced demo records, in xmlid order."""
    data = env["ir.model.data"].search(
        [("module", "=", "legalsense"), ("model", "in", MODELS)], order="id"
    )
    found = {model: [] for model in MODELS}
    for row in data:
        found[row.model].append((row.name, env[row.model].browse(row.res_id)))
    return found


def id_fields(model):
    return [facet.id_field for facet in model._legalsense_facets]


def reset_links(records):
    """Start from records that were never synced, and no jobs."""
    env = next(iter(records.values()))[0][1].env
    env["queue.job"].search([("channel", "=", "root.legalsense")]).unlink()
    for pairs in records.values():
        for _xmlid, record in pairs:
            values = dict.fromkeys(id_fields(record), 0)
            values.update(dict.fromkeys(BOOKKEEPING, False))
            values.update(dict.fromkeys(set(LINK_VALUES) & set(record._fields), False))
            record.with_context(legalsense_no_export=True).write(values)
    for xmlid, synced, *_change in (PENDING, REFUSED):
        record = env.ref(f"legalsense.{xmlid}")
        record.with_context(legalsense_no_export=True).write(synced)


def export_all(records, passes=3):
    for _pass in range(passes):
        for model in MODELS:
            for _xmlid, record in records[model]:
                record._legalsense_job_export()


def snapshot(record):
    names = [
        name
        for name, field in record._fields.items()
        if field.store
        and field.column_type
        and not field.compute
        and name not in ("write_date", "write_uid", "create_date", "create_uid")
    ]
    return {name: record[name] for name in names}


def xml_value(record, name, value):
    field = record._fields[name]
    if field.type == "many2one":
        return f"ref({value.get_external_id()[value.id]!r})" if value else "False"
    if field.type == "json" and value:
        return repr(as_imported(value))
    if field.type == "datetime" and value:
        return repr(value.strftime("%Y-%m-%d %H:%M:%S"))
    return repr(value)


def as_imported(sync_data):
    """What an import stores: LegalSense's records, no digest of a payload, so
    that an export compares with what LegalSense holds. A matter contact is
    replaced whole when its digest differs: it keeps the digest sent."""
    imported = {}
    for facet, data in sync_data.items():
        imported[facet] = {
            "digest": data.get("digest") if facet in REPLACED_WHOLE else None,
            "remote": data.get("remote"),
        }
        if data.get("conflicts"):
            imported[facet]["conflicts"] = data["conflicts"]
    return imported


def record_xml(xmlid, record, values):
    lines = [
        f'    <record id="{xmlid}" model="{record._name}" context="{XML_CONTEXT}">'
    ]
    for name in sorted(values):
        value = xml_value(record, name, values[name])
        lines.append(
            f"        <field name={quoteattr(name)} eval={quoteattr(value)} />"
        )
    lines.append("    </record>")
    return "\n".join(lines)


def queue_xml(xmlid, record):
    return (
        f'    <function model="{record._name}" name="_legalsense_queue_own_export"'
        f" eval=\"[[ref('legalsense.{xmlid}')]]\" />"
    )


def fail_xml(xmlid, record, failure):
    key = f"legalsense:{record._name}:"
    search = f"[[('identity_key', '=', '{key}%d' % ref('legalsense.{xmlid}'))]]"
    return "\n".join(
        [
            '    <function model="queue.job" name="write">',
            (
                '        <function model="queue.job" name="search"'
                f" eval={quoteattr(search)} />"
            ),
            f"        <value eval={quoteattr(repr(failure))} />",
            "    </function>",
        ]
    )


def make_conflict(env, simulator):
    """Odoo and LegalSense change the same e-mail address; the export (the
    firm flags conflicts) keeps LegalSense's and shows both."""
    xmlid, changes, ls_email = CONFLICTED
    record = env.ref(f"legalsense.{xmlid}")
    contact_id = record.legalsense_contact_id
    stored = {row["id"]: row for row in simulator.dump_state()["contacts"]}
    details = [
        {"kind": item["kind"], "value": item["value"]}
        for item in stored[contact_id]["details"]
    ]
    for item in details:
        if item["kind"] == "email":
            item["value"] = ls_email
    simulator.store.update("contacts", contact_id, {"details": details}, partial=True)
    record.with_context(legalsense_no_export=True).write(changes)
    record._legalsense_job_export()
    if record.legalsense_sync_state != "conflict":
        sys.exit("The conflicting change was not flagged.")
    return record


def changed_resources(simulator):
    from legalsense_simulator import Simulator

    fresh = Simulator().dump_state()
    state = simulator.dump_state()
    return {
        name: records
        for name, records in sorted(state.items())
        if records != fresh.get(name)
    }


def generate(env):
    from legalsense_simulator import SimulatorServer

    records = demo_records(env)
    reset_links(records)
    before = {
        (model, xmlid): snapshot(record)
        for model, pairs in records.items()
        for xmlid, record in pairs
    }
    server = SimulatorServer(username=API_USER, password=API_PASSWORD).start()
    try:
        config = env.ref("legalsense.legalsense_config_demo")
        config.write(
            {
                "url": server.url,
                "username": API_USER,
                "password": API_PASSWORD,
                "disabled": False,
                "conflict_policy": "flag",
            }
        )
        export_all(records)
        server.simulator.clear_requests()
        export_all(records, passes=1)
        writes = [r for r in server.simulator.requests if r["method"] not in ("GET",)]
        if writes:
            sys.exit(f"The demo records do not settle: {writes[:3]}")

        xmlid, _synced, changes = PENDING
        pending = env.ref(f"legalsense.{xmlid}")
        pending.with_context(legalsense_no_export=True).write(changes)

        make_conflict(env, server.simulator)

        xmlid, _synced, changes, answer = REFUSED
        refused = env.ref(f"legalsense.{xmlid}")
        refused.with_context(legalsense_no_export=True).write(changes)
        server.simulator.add_fault("PATCH", "contacts/*", status=400, body=answer)
        try:
            with env.cr.savepoint():
                refused._legalsense_job_export()
        except Exception as error:  # noqa: BLE001 - what the job would store
            failure = {
                "state": "failed",
                "exc_name": f"{type(error).__module__}.{type(error).__name__}",
                "exc_message": error.args[0] if error.args else str(error),
                "exc_info": "".join(traceback.format_exception(error)),
            }
        else:
            sys.exit("LegalSense did not refuse the change.")
        env.invalidate_all()

        parts = []
        for (model, xmlid), old in before.items():
            record = env[model].browse(dict(records[model])[xmlid].id)
            new = snapshot(record)
            values = {
                name: value
                for name, value in new.items()
                if value != old[name] or name in BOOKKEEPING
            }
            if values.get("legalsense_sync_data"):
                parts.append(record_xml(xmlid, record, values))
        parts.append("    <!-- A change that waits for the job runner. -->")
        parts.append(queue_xml(PENDING[0], pending))
        parts.append("    <!-- A change LegalSense refused. -->")
        parts.append(queue_xml(REFUSED[0], refused))
        # The traceback of a demo is noise: the message says it all.
        failure["exc_info"] = failure["exc_message"]
        parts.append(fail_xml(REFUSED[0], refused, failure))
        fixture = changed_resources(server.simulator)
    finally:
        server.stop()
    header = (
        '<?xml version="1.0" encoding="utf-8" ?>\n'
        "<!-- Written by tools/gen_demo_data.py: what the first sync stored. -->\n"
        '<odoo noupdate="1">\n'
    )
    with open(SYNC_XML, "w", encoding="utf-8") as out:
        out.write(header + "\n".join(parts) + "\n</odoo>\n")
    with open(FIXTURE, "w", encoding="utf-8") as out:
        json.dump(fixture, out, indent=1, sort_keys=True, ensure_ascii=False)
        out.write("\n")
    counts = {name: len(rows) for name, rows in fixture.items()}
    print(f"Wrote {SYNC_XML} and {FIXTURE}: {counts}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    sys.path.insert(0, REPO)
    import odoo
    from odoo.tools import config

    config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        registry.enter_test_mode(cr)
        try:
            env = odoo.api.Environment(
                cr, odoo.SUPERUSER_ID, {"tracking_disable": True}
            )
            generate(env)
        finally:
            registry.leave_test_mode()
            cr.rollback()


if __name__ == "__main__":
    main()
