"""The firm a benchmark measures with: a company whose LegalSense settings
point at the simulator, the job runner and the table of requests per edit.

Everything a benchmark does in the firm runs in one transaction that is
rolled back at the end.
"""

import argparse
import contextlib
import os

from bench_database import run_in_database
from cryptography.fernet import Fernet

import odoo
from odoo import SUPERUSER_ID, api

USERNAME = "api"
PASSWORD = "secret"


@contextlib.contextmanager
def bench_firm(database, url, **settings):
    """An environment of a new company whose LegalSense settings point at
    ``url``, with ``settings`` on top; rolled back when the block ends."""
    os.environ.setdefault("LEGALSENSE_ENCRYPTION_KEY", Fernet.generate_key().decode())
    registry = odoo.modules.registry.Registry(database)
    with registry.cursor() as cr:
        # The sync stores LegalSense ids in a cursor of its own: join this one,
        # so that everything is rolled back at the end.
        registry.enter_test_mode(cr)
        try:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            company = env["res.company"].create({"name": "Bench firm"})
            env = env(context=dict(env.context, allowed_company_ids=[company.id]))
            env["legalsense.config"].create(
                {
                    "company_id": company.id,
                    "url": url,
                    "username": USERNAME,
                    "password": PASSWORD,
                    **settings,
                }
            )
            yield env
        finally:
            registry.leave_test_mode()
            cr.rollback()


def run_jobs(env):
    """Perform the pending LegalSense jobs in queue order, as the runner would."""
    from odoo.addons.queue_job.job import Job

    while True:
        records = env["queue.job"].search(
            [("state", "=", "pending"), ("channel", "=like", "root.legalsense%")],
            order="date_created, id",
        )
        if not records:
            return
        for record in records:
            job = Job.load(env, record.uuid)
            job.set_started()
            job.perform()
            job.set_done()
            job.store()


class Bench:
    """The LegalSense requests of each edit, next to the minimum it needs."""

    def __init__(self, env, simulator):
        self.env = env
        self.simulator = simulator
        self.rows = []

    def measure(self, label, minimum, action):
        self.simulator.clear_requests()
        result = action()
        run_jobs(self.env)
        calls = [
            call for call in self.simulator.requests if call["path"] != "/api/v3/token"
        ]
        self.rows.append((label, len(calls), minimum))
        return result

    def table(self):
        lines = [
            f"{'edit':<58} {'requests':>8} {'minimum':>8} {'ratio':>6}",
            "-" * 83,
        ]
        for label, count, minimum in self.rows:
            ratio = (
                f"{count / minimum:.2f}"
                if minimum
                else ("1.00" if not count else "inf")
            )
            lines.append(f"{label:<58} {count:>8} {minimum:>8} {ratio:>6}")
        return "\n".join(lines)


def company_values(env, name, **values):
    return {
        "name": name,
        "is_company": True,
        "street": "Keizersgracht 1",
        "zip": "1015 CJ",
        "city": "Amsterdam",
        "country_id": env.ref("base.nl").id,
        **values,
    }


def run(database, measure, **settings):
    """Print the table of ``measure(env, simulator)``, run in a new firm
    against a simulator."""
    from odoo.addons.legalsense.legalsense_simulator import SimulatorServer

    server = SimulatorServer(username=USERNAME, password=PASSWORD)
    with server, bench_firm(database, server.url, **settings) as env:
        bench = measure(env, server.simulator)
    print(bench.table())


def main(doc, measure, new_database, **settings):
    """The command line of a requests-per-edit benchmark described by ``doc``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--database", help="an existing database with legalsense")
    args = parser.parse_args()
    run_in_database(
        lambda database: run(database, measure, **settings),
        args.database,
        new_database,
    )
