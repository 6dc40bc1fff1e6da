"""The initial import and the changed-clients import against the simulator.

Run where Odoo 18.0 and the addon's dependencies are importable::

    python3 bench/import_benchmark.py                  # its own database
    python3 bench/import_benchmark.py --database NAME  # a database with legalsense

The simulator (in a process of its own, so that the memory measured is
Odoo's) holds a generated data set: 10,000 contacts (half of them
organisations), about 15,000 addresses and 5,000 contact persons. In one
run it prints:

* P1 — the import of those contacts, addresses and contact persons (jobs
  performed one after the other, each page a batch), as a ratio to Odoo's
  native ``load()`` of the same rows and to a plain batch ``create()`` of
  the same values (target: at least 1.0 times ``load()``);
* P4 — a changed-clients run with 10 changes among the 10,000, as a share of
  the full import (target: below 1 %);
* P5 — the peak resident memory of the Odoo process during the import
  (target: below 500 MB).

Everything runs in one transaction that is rolled back at the end.
"""

import argparse
import contextlib
import datetime
import json
import os
import resource
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

from bench_database import run_in_database
from bench_firm import bench_firm

DATABASE = "legalsense_import_bench"
SIMULATOR = """
import sys, time
sys.path.insert(0, {repo!r})
from legalsense_simulator import SimulatorServer
server = SimulatorServer(port={port}, username="api", password="secret")
server.simulator.generate(contacts={contacts}, persons_ratio=0.5,
    addresses_per_contact=1.5, contact_persons=1, matters=0)
server.start()
print("ready", flush=True)
while True:
    time.sleep(3600)
"""
# The values a load() row holds: the fields the import writes on a partner.
LOAD_FIELDS = (
    "name", "is_company", "firstname", "lastname", "infix", "initials", "gender",
    "official_name", "company_registry", "vat", "phone", "mobile", "fax", "email",
    "website", "billing_email", "dunning_email", "ref", "lang", "active", "function",
    "street", "street2", "zip", "city", "type", "legalsense_contact_id",
    "legalsense_address_id", "legalsense_contact_contact_id",
)  # fmt: skip
RELATIONS = ("country_id", "address_kind_id", "title")


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextlib.contextmanager
def simulator_process(contacts, port):
    code = SIMULATOR.format(repo=REPO, port=port, contacts=contacts)
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True
    )
    try:
        if process.stdout.readline().strip() != "ready":
            raise RuntimeError("The simulator did not start")
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


def perform_jobs(env, trap):
    """The trapped jobs one by one, each with a fresh cache (as the runner does)."""
    jobs = 0
    while trap.enqueued_jobs:
        job = trap.enqueued_jobs.pop(0)
        job.perform()
        env.flush_all()
        env.invalidate_all()
        jobs += 1
    return jobs


def run_import(env, company, action, **values):
    from unittest import mock

    from odoo.addons.queue_job.job import Job
    from odoo.addons.queue_job.tests.common import trap_jobs

    run = env["legalsense.import"].create(
        {"action": action, "company_id": company.id, **values}
    )
    started = time.perf_counter()
    with trap_jobs() as trap, mock.patch.object(Job, "store"):
        run.action_start()
        jobs = perform_jobs(env, trap)
    seconds = time.perf_counter() - started
    run.invalidate_recordset()
    return run, seconds, jobs


def imported_partners(env):
    """The partners the import made, as plain values (the rows to load again)."""
    partners = env["res.partner"].with_context(active_test=False)
    domain = [
        "|",
        "|",
        ("legalsense_contact_id", "!=", 0),
        ("legalsense_address_id", "!=", 0),
        ("legalsense_contact_contact_id", "!=", 0),
    ]
    records = partners.search_read(domain, [*LOAD_FIELDS, *RELATIONS, "parent_id"])
    for record in records:
        for name in (*RELATIONS, "parent_id"):
            record[name] = record[name][0] if record[name] else False
    # contacts before the addresses and contact persons under them
    return sorted(records, key=lambda record: bool(record["parent_id"]))


def load_rows(records):
    """``load()`` fields and rows of ``records`` (parents as external ids)."""
    fields = ["id", "parent_id/id", *LOAD_FIELDS, *(f"{r}/.id" for r in RELATIONS)]
    rows = []
    for record in records:
        parent = record["parent_id"]
        row = [f"__bench__.partner_{record['id']}"]
        row.append(f"__bench__.partner_{parent}" if parent else "")
        for name in LOAD_FIELDS:
            value = record[name]
            row.append("" if value in (None, False) else str(value))
        for name in RELATIONS:
            row.append(str(record[name]) if record[name] else "")
        rows.append(row)
    return fields, rows


def create_batch(env, records):
    """A plain batch create: contacts, then children with their new parents."""
    partners = env["res.partner"].with_context(
        tracking_disable=True, legalsense_import=True
    )

    def values(record, parent_id=False):
        result = {name: record[name] for name in (*LOAD_FIELDS, *RELATIONS)}
        result["parent_id"] = parent_id
        return result

    tops = [record for record in records if not record["parent_id"]]
    created = partners.create([values(record) for record in tops])
    new_ids = {record["id"]: new.id for record, new in zip(tops, created, strict=True)}
    partners.create(
        [
            values(record, new_ids.get(record["parent_id"], False))
            for record in records
            if record["parent_id"]
        ]
    )


def time_in_savepoint(env, action):
    with env.cr.savepoint() as savepoint:
        started = time.perf_counter()
        action()
        env.flush_all()
        seconds = time.perf_counter() - started
        savepoint.rollback()
    env.invalidate_all()
    return seconds


def patch_contacts(url, ids):
    """Ten changes among the 10,000: PATCH ten contacts through the API."""
    token_request = urllib.request.Request(
        url + "api/v3/token",
        data=json.dumps({"username": "api", "password": "secret"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(token_request, timeout=30) as response:
        token = json.load(response)["access_token"]
    for ident in ids:
        request = urllib.request.Request(
            f"{url}api/v3/contacts/{ident}",
            data=json.dumps({"has_dunning": True}).encode(),
            method="PATCH",
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {token}",
            },
        )
        with urllib.request.urlopen(request, timeout=30):
            pass


def measure(env, company, url, results):
    run_import(env, company, "lookups")
    with env.cr.savepoint() as savepoint:
        results["rss_before"] = peak_rss_mb()
        run, seconds, jobs = run_import(env, company, "contacts")
        results["rss_peak"] = peak_rss_mb()
        results.update(import_seconds=seconds, import_jobs=jobs, summary=run.summary)
        records = imported_partners(env)
        # P4: ten changes among the 10,000
        time.sleep(1.1)
        since = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
        time.sleep(1.1)
        patch_contacts(url, range(1, 11))
        run, seconds, _jobs = run_import(
            env, company, "changed_clients", last_change_date=since
        )
        results.update(changed_seconds=seconds, changed_summary=run.summary)
        savepoint.rollback()
    env.invalidate_all()
    fields, rows = load_rows(records)
    results["rows"] = len(rows)
    partners = env["res.partner"].with_context(
        tracking_disable=True, legalsense_import=True
    )
    results["load_seconds"] = time_in_savepoint(
        env, lambda: partners.load(fields, rows)
    )
    results["create_seconds"] = time_in_savepoint(
        env, lambda: create_batch(env, records)
    )


def report(results, contacts):
    imported = results["import_seconds"]
    load_ratio = results["load_seconds"] / imported
    create_ratio = results["create_seconds"] / imported
    changed_share = 100 * results["changed_seconds"] / imported
    lines = [
        f"Data set: {contacts} contacts; {results['rows']} partners created",
        (
            f"Import:        {imported:8.1f} s  ({results['import_jobs']} jobs) "
            f"{results['summary']}"
        ),
        f"load():        {results['load_seconds']:8.1f} s",
        f"batch create():{results['create_seconds']:8.1f} s",
        f"P1  import speed / load() speed   = {load_ratio:5.2f}x  (target >= 1.0)",
        f"    import speed / create() speed = {create_ratio:5.2f}x",
        (
            f"P4  changed clients (10 changes): {results['changed_seconds']:.2f} s = "
            f"{changed_share:.2f} % of the full import (target < 1 %) "
            f"{results['changed_summary']}"
        ),
        (
            f"P5  peak RSS during the import: {results['rss_peak']:.0f} MB "
            f"(before: {results['rss_before']:.0f} MB; target < 500 MB)"
        ),
    ]
    print("\n".join(lines))


def run(database, contacts, port):
    results = {}
    with simulator_process(contacts, port) as url, bench_firm(database, url) as env:
        measure(env, env.company, url, results)
    report(results, contacts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="an existing database with legalsense")
    parser.add_argument("--contacts", type=int, default=10000)
    parser.add_argument("--port", type=int, default=18299)
    args = parser.parse_args()
    run_in_database(
        lambda name: run(name, args.contacts, args.port), args.database, DATABASE
    )


if __name__ == "__main__":
    main()
