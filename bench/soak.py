"""End-to-end soak of the LegalSense sync under real faults.

Run where Odoo 18.0 and the addon's dependencies are importable, with
PostgreSQL reachable::

    python3 bench/soak.py --ci                         # CI size, under 5 minutes
    python3 bench/soak.py --seed 7                     # 10 minutes, 8 users
    python3 bench/soak.py --ci --seed 3 --keep         # keep database and files
    python3 bench/soak.py --ci --from-head             # the last commit

It soaks a copy of the addon taken at the start (the checkout as it is, or
its last commit), so edits made meanwhile do not mix in. It creates a
database (``mail``, then ``legalsense``; dropped at the end unless
``--keep``), starts the LegalSense simulator in a process of its own
and ``python3 -m odoo`` with workers and the job runner (channel
``root.legalsense:1``), both on 127.0.0.1, and points the LegalSense settings
at the simulator (read time-out 3 s, debug dumps on). Then, for
``--minutes``, ``--clients`` XML-RPC users create, edit, archive and delete
companies, persons, contact persons, addresses, matters, debtors and
parties, while random faults are injected (5xx, 429 with Retry-After,
answers slower than the read time-out, lost answers of creates, expired
tokens) and a set of situations is played once each (see
``soak_situations.py``): a lost create edited before its retry, lost answers
on every create resource, concurrent saves, deleting a company with child
addresses, a simulator restart with its state kept, a SIGKILL of the Odoo
worker running a LegalSense job, and refusals. Then the faults stop, the
queue drains, and every Odoo record is compared with its LegalSense record
through the addon's payload builders (``soak_check.py``).

It prints the edits made, reached and lost, the duplicate LegalSense
records, the jobs failed for good with their reasons (next to the refusals
LegalSense was told to make), the dead jobs requeued, the longest stall of
the queue after the kill, and where secrets leaked. The exit code is 1 when
a figure that must be 0 is not 0 (or the queue did not drain). ``--seed``
fixes every random choice of the clients and of the fault injector; the
interleaving of the threads still differs from run to run. A failed run
keeps its work directory (Odoo log, simulator state and request log,
``report.json``) and names it.
"""

import argparse
import contextlib
import json
import logging
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from cryptography.fernet import Fernet

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

from bench_database import run_in_new_database
from odoo_tests import free_port
from soak_check import check
from soak_faults import FaultInjector, FaultLog, QueueMonitor
from soak_odoo import JobQueue, OdooServer, Rpc
from soak_report import Report, scan_secrets
from soak_simulator import SimulatorProcess
from soak_situations import Situations
from soak_workload import Client, World

import odoo

API_USER = "soak-api"
READ_TIMEOUT = 3
ROLES = (("Client", 1), ("WEDER", 2), ("ADVWP", 3), ("DEURW", 4))
TIMELINE = (
    (0.05, "lost_responses_everywhere"),
    (0.10, "refusals_of_legalsense"),
    (0.25, "concurrent_saves"),
    (0.35, "delete_contact_with_addresses"),
    (0.45, "restart_simulator"),
    (0.55, "kill_worker"),
)
SIZES = {
    # minutes, clients, seconds between a client's calls, between faults, drain
    "ci": (1.0, 3, (0.4, 1.2), (1.5, 3.0), 100),
    "full": (10.0, 8, (0.3, 1.0), (1.0, 2.5), 600),
}


class Soak:
    """One run: the servers, the users, the faults and what they did."""

    def __init__(self, args, database, work_dir):
        self.args = args
        self.database = database
        self.work_dir = work_dir
        self.rng = random.Random(f"{args.seed}-soak")
        self.password = f"pw-{Fernet.generate_key().decode()[:24]}"
        self.key = Fernet.generate_key().decode()
        self.sim_lock = threading.RLock()
        self.fault_log = FaultLog()
        self.times = {}
        os.makedirs(os.path.join(work_dir, "simulator"))
        self.simulator = SimulatorProcess(
            os.path.join(work_dir, "simulator"),
            free_port(),
            API_USER,
            self.password,
            source=args.source,
        )
        self.odoo = OdooServer(
            work_dir, database, free_port(), free_port(), args.workers, self.key
        )
        self.queue = None
        self.world = None
        self.situations = None
        self.monitor_stop = threading.Event()
        self.monitor = QueueMonitor(database, self.monitor_stop)

    def connect(self):
        return Rpc(self.odoo.url, self.database)

    # ------------------------------------------------------------ phases

    def start(self):
        self.simulator.start()
        config = odoo.tools.config
        self.odoo.write_config(config["addons_path"], config["data_dir"])
        self.odoo.start()
        self.queue = JobQueue(self.database)
        rpc = self.connect()
        installed = [("name", "=", "legalsense"), ("state", "=", "installed")]
        if not rpc.search("ir.module.module", installed):
            raise RuntimeError("legalsense did not install: see the install log")
        roles = self.configure(rpc)
        nl_id = rpc.search("res.country", [("code", "=", "NL")])[0]
        self.world = World(self.args.seed, roles, nl_id)
        # The partners of the soak come after those of the new database.
        self.first_partner = 1 + last_id(rpc, "res.partner")

    def configure(self, rpc):
        """The company's LegalSense settings and the activity roles, as admin."""
        company = rpc.read("res.users", [rpc.uid], ["company_id"])[0]["company_id"][0]
        values = {
            "url": self.simulator.url,
            "username": API_USER,
            "password": self.password,
            "disabled": False,
            "timeout": READ_TIMEOUT,
            "debug": True,
            "show_multiple_matter_payors": True,
            "show_debtor_bill_reference": True,
            "mark_matter_as_removed": True,
            "matter_status_code_new_id": 1,
            "matter_status_code_active_id": 2,
            "matter_status_code_closed_id": 3,
            "matter_status_code_archived_id": 4,
            "data_steward_id": rpc.uid,
        }
        config = rpc.search("legalsense.config", [("company_id", "=", company)])
        if config:
            rpc.write("legalsense.config", config, values)
        else:
            rpc.create("legalsense.config", {"company_id": company, **values})
        return {
            code: rpc.create(
                "legalsense.lookup.value",
                {
                    "lookup_type": "activity_role",
                    "code": code,
                    "name": code,
                    "legalsense_id": ls_id,
                },
            )
            for code, ls_id in ROLES
        }

    def load(self, minutes, clients, think, fault_interval):
        """The users and the faults for ``minutes``, with the situations."""
        stop = threading.Event()
        self.monitor.start()
        self.situations = Situations(self)
        self.situations.lost_create_then_edit()
        threads = self.users(clients, think, stop)
        threads.append(self.injector(fault_interval, stop))
        for thread in threads:
            thread.start()
        started = time.monotonic()
        duration = minutes * 60
        for fraction, name in TIMELINE:
            sleep_until(started + fraction * duration)
            self.play(name)
        sleep_until(started + duration)
        stop.set()
        for thread in threads:
            thread.join(120)
        self.times["load"] = time.monotonic() - started
        self.stop_faults()

    def users(self, clients, think, stop):
        seed = self.args.seed
        return [
            Client(
                n, self.world, self.connect, random.Random(f"{seed}-{n}"), stop, think
            )
            for n in range(clients)
        ]

    def injector(self, interval, stop):
        rng = random.Random(f"{self.args.seed}-faults")
        return FaultInjector(
            self.simulator,
            self.sim_lock,
            self.fault_log,
            rng,
            stop,
            interval,
            READ_TIMEOUT,
        )

    def play(self, name):
        try:
            getattr(self.situations, name)()
        except Exception as error:  # noqa: BLE001 - reported, the run goes on
            self.situations.note(f"{name} failed: {type(error).__name__}: {error}")

    def stop_faults(self):
        with self.sim_lock:
            self.fault_log.dropped(self.simulator.pending_faults())
            self.simulator.clear_faults()

    def drain(self, timeout):
        self.times["drain"] = self.queue.wait_drained(timeout)
        self.left_in_queue = self.queue.running_count()
        self.stop_monitor()

    def stop_monitor(self):
        self.monitor_stop.set()
        if self.monitor.is_alive():
            self.monitor.join(10)

    def check(self):
        """Compare; then stop Odoo (its log complete) and look for secrets."""
        state = self.simulator.state()
        version = self.simulator.hook("GET", "version")["version"]
        edited = {}
        for edit in self.world.edits:
            edited.setdefault(edit.model, set()).add(edit.record_id)
        logging.getLogger("odoo").setLevel(logging.WARNING)
        started = time.monotonic()
        result = check(
            self.database,
            state,
            version,
            self.situations.refusals,
            self.situations.orphaned,
            {model: sorted(ids) for model, ids in edited.items()},
            self.first_partner,
        )
        self.times["check"] = time.monotonic() - started
        requests = self.simulator.requests()
        self.queue.close()
        self.queue = None
        self.odoo.stop()
        result["secrets"] = scan_secrets(
            self.secrets(), self.secret_texts(result.pop("texts"))
        )
        result["dead_requeued"] = self.odoo.log_text().count("Re-queued dead job")
        return state, requests, result

    def secrets(self):
        secrets = {"simulator password": [self.password], "encryption key": [self.key]}
        secrets["bearer tokens"] = self.simulator.tokens()
        return secrets

    def secret_texts(self, database_texts):
        log = self.odoo.log_text()
        yield f"Odoo log ({log.count(chr(10))} lines)", log
        dumps = list(
            read_tree(
                os.path.join(
                    odoo.tools.config["data_dir"], "legalsense", "log", self.database
                )
            )
        )
        yield f"debug dumps ({len(dumps)} files)", "\n".join(dumps)
        yield from database_texts

    def stop(self):
        self.stop_monitor()
        if self.queue:
            self.queue.close()
        self.odoo.stop()
        self.simulator.stop()


def last_id(rpc, model):
    ids = rpc.call(
        model, "search", [], limit=1, order="id desc", context={"active_test": False}
    )
    return ids[0] if ids else 0


def read_tree(directory):
    for root, _dirs, files in os.walk(directory):
        for name in sorted(files):
            with open(
                os.path.join(root, name), encoding="utf-8", errors="replace"
            ) as f:
                yield f.read()


def sleep_until(moment):
    time.sleep(max(0.0, moment - time.monotonic()))


def soak(args, database):
    """The whole run in ``database``; returns the exit code."""
    minutes, clients, think, fault_interval, drain = SIZES["ci" if args.ci else "full"]
    minutes = args.minutes or minutes
    clients = args.clients or clients
    work_dir = tempfile.mkdtemp(prefix="legalsense-soak-")
    run = Soak(args, database, work_dir)
    say(f"soak: seed {args.seed}, {minutes:g} min, {clients} clients")
    say(f"soak: work dir {work_dir}")
    try:
        run.start()
        say(f"soak: Odoo on {run.odoo.url}, simulator on {run.simulator.url}")
        run.load(minutes, clients, think, fault_interval)
        say("soak: load done; faults stopped; draining the queue")
        run.drain(args.drain_timeout or drain)
        state, requests, result = run.check()
    finally:
        run.stop()
    report = Report(run, state, requests, result)
    print(report.text(), flush=True)
    with open(os.path.join(work_dir, "report.json"), "w", encoding="utf-8") as out:
        json.dump(report.figures, out, indent=1, default=str)
    if args.keep:
        say(f"soak: kept database {database} and {work_dir}")
    elif report.failed():
        say(f"soak: logs, simulator state and report kept in {work_dir}")
    else:
        shutil.rmtree(work_dir, ignore_errors=True)
    return 1 if report.failed() else 0


def say(text):
    print(text, file=sys.__stdout__, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--minutes", type=float, help="length of the load")
    parser.add_argument("--clients", type=int, help="concurrent XML-RPC users")
    parser.add_argument("--ci", action="store_true", help="the small CI size")
    parser.add_argument("--workers", type=int, default=2, help="Odoo workers (>= 2)")
    parser.add_argument("--drain-timeout", type=int, help="seconds (default by size)")
    parser.add_argument("--keep", action="store_true", help="keep database and files")
    parser.add_argument(
        "--from-head",
        action="store_true",
        help="soak the last commit instead of the checkout as it is",
    )
    args = parser.parse_args()
    args.workers = max(2, args.workers)
    started = time.monotonic()
    args.code = code_version(args.from_head)
    args.source = freeze_source(args.from_head)
    say(f"soak: code {args.code}, copied to {args.source}")
    handle, install_log = tempfile.mkstemp(prefix="legalsense-soak-", suffix=".log")
    say(f"soak: creating the database (log: {install_log})")
    with os.fdopen(handle, "w") as log, contextlib.redirect_stdout(log):
        code = run_in_new_database(
            lambda name: run_quietly(args, name),
            "legalsense_soak",
            keep=args.keep,
            source=args.source,
        )
    if not args.keep:
        os.unlink(install_log)
    say(f"soak: {time.monotonic() - started:.0f} s in all")
    return code


def freeze_source(from_head):
    """A copy of the addon as it is now (or as committed), for the whole run.

    The database, the server, the simulator and the check all use it, so
    that edits to the checkout during the run (others work in it) cannot
    make the check build other payloads than the server sent.
    """
    target = os.path.join(tempfile.mkdtemp(prefix="legalsense-soak-src-"), "legalsense")
    if from_head:
        os.makedirs(target)
        archive = subprocess.run(
            ["git", "-C", REPO, "archive", "HEAD"], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", target], input=archive.stdout, check=True)
    else:
        ignore = shutil.ignore_patterns(".git", "__pycache__", "*.pyc")
        shutil.copytree(REPO, target, ignore=ignore)
    return target


def git(*command):
    return subprocess.run(
        ["git", "-C", REPO, *command], capture_output=True, text=True, check=False
    ).stdout.strip()


def code_version(from_head):
    head = git("rev-parse", "--short", "HEAD") or "unknown"
    if from_head or not git("status", "--porcelain"):
        return head
    return head + " with uncommitted changes"


def run_quietly(args, database):
    with contextlib.redirect_stdout(sys.__stdout__):
        return soak(args, database)


if __name__ == "__main__":
    sys.exit(main())
