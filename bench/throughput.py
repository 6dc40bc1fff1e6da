"""Outbound throughput with the real job runner, against the raw request rate.

Run where Odoo 18.0 and the addon's dependencies are importable::

    python3 bench/throughput.py                              # the full size
    python3 bench/throughput.py --contacts 2000 --edits 300  # a quick look

It creates a database with legalsense, starts the LegalSense simulator (a
process of its own, with generated contacts and their addresses) and Odoo
(``python3 -m odoo``: workers and the queue_job runner, channel
``root.legalsense``), imports the contacts with the initial import, then
measures, side by side in one run:

1. **The first edit after the import**: ``--edits`` phone numbers, each its
   own, saved in one transaction (``load()``): the LegalSense requests per
   edit (target 1.00) and the drain rate.
2. **A second round** of edits: the drain rate against the raw rate, the
   same PATCH requests sent straight from one ``requests.Session`` (target:
   at least 50 %).
3. **Capacity 1 against 4 over two servers**: Odoo again with
   ``root.legalsense:4`` and more workers, a second server for the users'
   saves (the first one runs the job runner). The same round of edits as
   at capacity 1 (the drain rates compared); then a round of edits with a
   second edit of some records while the queue drains, and new companies
   created at once. After each, every edited record is compared with
   LegalSense (per-record order: the last value wins) and each new company
   must have exactly one LegalSense contact.
4. **A bulk resync** of every imported contact (*Resync with LegalSense*):
   its drain rate against the raw rate of its requests.

The drain time runs from the commit of the saves to the end of the last
job (the job table's own clock). Everything is dropped at the end unless
``--keep``.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time

import requests
from cryptography.fernet import Fernet

HERE = os.path.dirname(os.path.abspath(__file__))

from bench_database import run_in_new_database
from odoo_tests import free_port
from soak import freeze_source
from soak_odoo import CHANNEL, JobQueue, OdooServer, Rpc
from soak_simulator import SimulatorProcess

import odoo

API_USER = "bench-api"
TOKEN_PATH = "/api/v3/token"
DRAIN_TIMEOUT = 1800


def say(text):
    print(text, flush=True)


class Bench:
    """One run: the simulator, the servers and the figures."""

    def __init__(self, args, database, work_dir):
        self.args = args
        self.database = database
        self.work_dir = work_dir
        self.password = f"pw-{Fernet.generate_key().decode()[:24]}"
        self.key = Fernet.generate_key().decode()
        os.makedirs(os.path.join(work_dir, "simulator"))
        self.simulator = SimulatorProcess(
            os.path.join(work_dir, "simulator"),
            free_port(),
            API_USER,
            self.password,
            source=args.source,
        )
        self.servers = []
        self.queue = None
        self.rows = []

    # ------------------------------------------------------------ servers

    def start_odoo(self, name, capacity, workers, job_runner=True):
        server = OdooServer(
            self.work_dir,
            self.database,
            free_port(),
            free_port(),
            workers,
            self.key,
            capacity=capacity,
            job_runner=job_runner,
            name=name,
        )
        config = odoo.tools.config
        server.write_config(config["addons_path"], config["data_dir"])
        server.start()
        self.servers.append(server)
        return server

    def stop_odoo(self):
        for server in self.servers:
            server.stop()
        self.servers = []

    def stop(self):
        self.stop_odoo()
        self.simulator.stop()
        if self.queue:
            self.queue.close()

    # ------------------------------------------------------------ setup

    def setup(self):
        self.simulator.start()
        counts = self.simulator.hook(
            "POST",
            "generate",
            {
                "contacts": self.args.contacts,
                "persons_ratio": 0.5,
                "addresses_per_contact": 1,
                "contact_persons": 0,
                "matters": 0,
                "seed": self.args.seed,
            },
            timeout=600,
        )
        say(
            f"simulator: {counts['contacts']} contacts, {counts['addresses']} addresses"
        )
        server = self.start_odoo("odoo-c1", capacity=1, workers=2)
        self.queue = JobQueue(self.database)
        rpc = Rpc(server.url, self.database)
        self.configure(rpc)
        return rpc

    def configure(self, rpc):
        company = rpc.read("res.users", [rpc.uid], ["company_id"])[0]["company_id"][0]
        values = {
            "url": self.simulator.url,
            "username": API_USER,
            "password": self.password,
            "disabled": False,
            "debug": False,
            # The simulator's generated addresses use template 2.
            "default_address_template": 2,
        }
        configs = rpc.search("legalsense.config", [("company_id", "=", company)])
        if configs:
            rpc.write("legalsense.config", configs, values)
        else:
            rpc.create("legalsense.config", {"company_id": company, **values})
        # A Dutch firm: Dutch on, the country names in Dutch (as LegalSense has them).
        dutch = rpc.call(
            "res.lang",
            "search",
            [("code", "=", "nl_NL")],
            context={"active_test": False},
        )
        rpc.write("res.lang", dutch, {"active": True})
        nl = rpc.search("res.country", [("code", "=", "NL")])
        rpc.call(
            "res.country", "write", nl, {"name": "Nederland"}, context={"lang": "nl_NL"}
        )
        self.company = company

    # ------------------------------------------------------------ phases

    def initial_import(self, rpc):
        started = time.monotonic()
        run = rpc.create(
            "legalsense.import", {"action": "contacts", "company_id": self.company}
        )
        rpc.call("legalsense.import", "action_start", [run])
        while True:
            state = rpc.read("legalsense.import", [run], ["state"])[0]["state"]
            if state in ("done", "failed"):
                break
            time.sleep(1)
        seconds = time.monotonic() - started
        partners = rpc.search(
            "res.partner", [("legalsense_contact_id", "!=", 0)], order="id"
        )
        say(f"import: {state} in {seconds:.0f} s, {len(partners)} partners linked")
        if state != "done":
            raise RuntimeError("the initial import failed")
        return partners

    def edit_phones(self, rpc, partners, prefix):
        """One transaction: a phone number of its own for each partner."""
        rows = [[str(pid), f"{prefix} {n:05d}"] for n, pid in enumerate(partners)]
        result = rpc.call("res.partner", "load", [".id", "phone"], rows)
        if result.get("messages"):
            raise RuntimeError(f"load refused the edits: {result['messages'][:3]}")
        return {pid: row[1] for pid, row in zip(partners, rows, strict=True)}

    def round(self, label, save, records, replay=True, check=None):
        """Do ``save()`` (of ``records`` records), drain the queue, run
        ``check(result)`` on what LegalSense holds then (before the same
        requests are sent again raw: a create sent again makes a record
        more); the figures of the round and what ``check`` returned."""
        self.simulator.hook("DELETE", "requests")
        result = save()
        committed = self.db_now()
        drained = self.wait_drained(committed)
        calls = [c for c in self.simulator.hook("GET", "requests", timeout=120)]
        sent = [c for c in calls if c["path"] != TOKEN_PATH]
        row = {
            "label": label,
            "records": records,
            "drain": drained,
            "requests": len(sent),
            "failed_jobs": self.failed_jobs(committed),
        }
        checked = check(result) if check else None
        if replay:
            row["raw"] = self.replay(sent)
        self.rows.append(row)
        rate = len(sent) / drained if drained else 0
        say(f"{label}: {len(sent)} requests drained in {drained:.1f} s ({rate:.1f}/s)")
        return result, checked

    def db_now(self):
        return self.queue.query("SELECT now() AT TIME ZONE 'utc'")[0][0]

    def wait_drained(self, since):
        """Seconds from ``since`` to the end of the last LegalSense job."""
        deadline = time.monotonic() + DRAIN_TIMEOUT
        while time.monotonic() < deadline:
            if not self.queue.running_count():
                break
            time.sleep(0.2)
        else:
            raise RuntimeError("the queue did not drain")
        last = self.queue.query(
            "SELECT max(date_done) FROM queue_job"
            " WHERE channel = %s AND date_done >= %s",
            (CHANNEL, since),
        )[0][0]
        return (last - since).total_seconds() if last else 0.0

    def failed_jobs(self, since):
        return self.queue.query(
            "SELECT count(*) FROM queue_job WHERE channel = %s AND state = 'failed'"
            " AND date_created >= %s",
            (CHANNEL, since),
        )[0][0]

    def replay(self, calls):
        """The seconds one requests.Session takes to send ``calls`` again."""
        base = self.simulator.url.rstrip("/")
        session = requests.Session()
        token = session.post(
            base + TOKEN_PATH,
            json={"username": API_USER, "password": self.password},
            timeout=30,
        ).json()["access_token"]
        session.headers["Authorization"] = f"Bearer {token}"
        started = time.monotonic()
        for call in calls:
            session.request(
                call["method"],
                base + call["path"],
                params=call.get("query") or None,
                json=call.get("body"),
                timeout=30,
            ).raise_for_status()
        return time.monotonic() - started

    # ------------------------------------------------------------ checks

    def phones_in_legalsense(self, rpc, expected):
        """Partners whose LegalSense contact does not hold their last phone."""
        links = rpc.read("res.partner", list(expected), ["legalsense_contact_id"])
        contacts = {
            c["id"]: c
            for c in self.simulator.hook("GET", "state", timeout=120)["contacts"]
        }
        wrong = []
        for link in links:
            details = contacts[link["legalsense_contact_id"]].get("details") or []
            phones = [d["value"] for d in details if d["kind"] == "phone"]
            if phones != [expected[link["id"]]]:
                wrong.append(link["id"])
        return wrong

    def created_once(self, rpc, names):
        """Names of new companies without exactly one LegalSense contact."""
        contacts = self.simulator.hook("GET", "state", timeout=120)["contacts"]
        counts = {}
        for contact in contacts:
            if contact.get("organization_name") in names:
                counts[contact["organization_name"]] = (
                    counts.get(contact["organization_name"], 0) + 1
                )
        return [name for name in names if counts.get(name) != 1]


def measure(args, database):
    work_dir = tempfile.mkdtemp(prefix="legalsense-throughput-")
    bench = Bench(args, database, work_dir)
    try:
        return run(bench, args)
    finally:
        bench.stop()
        if args.keep:
            say(f"kept {work_dir}")
        else:
            shutil.rmtree(work_dir, ignore_errors=True)


def run(bench, args):
    rpc = bench.setup()
    partners = bench.initial_import(rpc)
    edited = partners[: args.edits]

    bench.round(
        "first edit after the import",
        lambda: bench.edit_phones(rpc, edited, "+31 20 1"),
        len(edited),
        replay=False,
    )
    _expected, wrong_c1 = bench.round(
        "second edit (capacity 1)",
        lambda: bench.edit_phones(rpc, edited, "+31 20 2"),
        len(edited),
        check=lambda expected: bench.phones_in_legalsense(rpc, expected),
    )

    bench.stop_odoo()
    runner = bench.start_odoo("odoo-c4", capacity=4, workers=4)
    users = bench.start_odoo("odoo-users", capacity=4, workers=2, job_runner=False)
    rpc_users = Rpc(users.url, bench.database)
    Rpc(runner.url, bench.database)
    names = [f"Throughput nieuw {n:04d} B.V." for n in range(args.creates)]
    _expected, wrong_e4 = bench.round(
        "third edit (capacity 4, 2 servers)",
        lambda: bench.edit_phones(rpc_users, edited, "+31 20 3"),
        len(edited),
        check=lambda expected: bench.phones_in_legalsense(rpc_users, expected),
    )

    def saves_at_capacity_4():
        expected = bench.edit_phones(rpc_users, edited, "+31 20 5")
        # Saved again while their jobs run: one save each, as users do (Odoo
        # retries a save that meets the job storing what it sent).
        for number, partner in enumerate(edited[:: max(1, len(edited) // 50)]):
            expected[partner] = f"+31 20 6 {number:05d}"
            rpc_users.write("res.partner", [partner], {"phone": expected[partner]})
        rpc_users.call(
            "res.partner",
            "create",
            [{"name": name, "is_company": True, "city": "Utrecht"} for name in names],
        )
        return expected

    def order_and_creates(expected):
        return (
            bench.phones_in_legalsense(rpc_users, expected),
            bench.created_once(rpc_users, names),
        )

    _expected, (wrong_c4, duplicated) = bench.round(
        "edits and creates (capacity 4, 2 servers)",
        saves_at_capacity_4,
        len(edited) + len(names),
        check=order_and_creates,
    )

    resync = partners[: args.resync]
    bench.round(
        f"bulk resync of {len(resync)} contacts (capacity 4)",
        lambda: rpc_users.call("res.partner", "action_legalsense_resync", resync),
        len(resync),
    )
    wrong = wrong_c1 + wrong_e4 + wrong_c4
    report(bench, args, wrong, duplicated)
    return 0 if not (wrong or duplicated) else 1


def report(bench, args, wrong, duplicated):
    say("")
    say(f"LegalSense outbound throughput: {args.contacts} contacts, {args.edits} edits")
    columns = ("requests", "per rec.", "drain/s", "raw/s")
    say(f"{'round':<46} " + " ".join(f"{c:>8}" for c in columns) + f" {'ratio':>6}")
    for row in bench.rows:
        rate = row["requests"] / row["drain"] if row["drain"] else 0
        raw = row["requests"] / row["raw"] if row.get("raw") else 0
        per_record = row["requests"] / row["records"]
        ratio = f"{rate / raw:.0%}" if raw else "-"
        raw_text = f"{raw:.0f}" if raw else "-"
        say(
            f"{row['label']:<46} {row['requests']:>8} {per_record:>8.2f}"
            f" {rate:>8.1f} {raw_text:>8} {ratio:>6}"
        )
    c1, c4 = bench.rows[1], bench.rows[2]
    gain = (c4["requests"] / c4["drain"]) / (c1["requests"] / c1["drain"])
    say(
        "capacity 4 over 2 servers against capacity 1 (the same edits):"
        f" {gain:.2f}x the drain rate"
    )
    say(f"records not holding their last value in LegalSense (must be 0): {len(wrong)}")
    say(
        "new companies without exactly one LegalSense contact (must be 0):"
        f" {len(duplicated)}"
    )
    failed = sum(row["failed_jobs"] for row in bench.rows)
    say(f"jobs failed (must be 0): {failed}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--creates", type=int, default=200)
    parser.add_argument("--resync", type=int, default=10000, help="contacts resynced")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument(
        "--from-head", action="store_true", help="measure the last commit"
    )
    args = parser.parse_args()
    args.source = freeze_source(args.from_head)
    return run_in_new_database(
        lambda name: measure(args, name),
        "legalsense_throughput",
        keep=args.keep,
        source=args.source,
    )


if __name__ == "__main__":
    sys.exit(main())
