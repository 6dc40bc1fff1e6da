"""LegalSense requests caused by partner edits, next to the minimum they need.

Run where Odoo 18.0 and the addon's dependencies are importable::

    python3 bench/requests_per_edit.py                  # its own database
    python3 bench/requests_per_edit.py --database NAME  # a database with legalsense

Without ``--database`` it creates a database (``mail``, then ``legalsense``,
like ``tools/odoo_tests.py``), measures, and drops it again (about two
minutes). The edits run against the simulator, through the real job queue
records (jobs stored, collapsed by identity key and performed in order), in
one transaction that is rolled back at the end. Authentication (``POST
token``) is not counted: the token is shared by all jobs of a process.
"""

import argparse
import os

from cryptography.fernet import Fernet

HERE = os.path.dirname(os.path.abspath(__file__))

from bench_database import run_in_database

import odoo
from odoo import SUPERUSER_ID, Command, api

DATABASE = "legalsense_bench"


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


def measure(env, simulator):
    Partner = env["res.partner"]
    bench = Bench(env, simulator)
    # A company and its postal address: contact, address, billing address.
    company = bench.measure(
        "create a company (with its address)",
        3,
        lambda: Partner.create(company_values(env, "Bench B.V.")),
    )
    bench.measure(
        "edit one tracked field (phone)",
        1,
        lambda: company.write({"phone": "+31 20 123 4567"}),
    )
    bench.measure(
        "edit one untracked field (internal notes)",
        0,
        lambda: company.write({"comment": "<p>Belt na 10 uur</p>"}),
    )
    addresses = [
        Command.create({"type": kind, "name": f"{kind} address", "city": "Utrecht"})
        for kind in ("invoice", "delivery", "other")
    ]
    persons = [
        Command.create({"firstname": f"Person{n}", "lastname": "Bench"})
        for n in range(5)
    ]
    # 3 + 3 addresses + 5 x (person contact + contact-contact)
    big = bench.measure(
        "create a company with 3 addresses and 5 contact persons",
        16,
        lambda: Partner.create(
            company_values(env, "Bench Groep B.V.", child_ids=addresses + persons)
        ),
    )
    bench.measure(
        "edit a tracked field of that company",
        1,
        lambda: big.write({"email": "info@bench.example"}),
    )
    bench.measure(
        "save that company 5 times before its job runs",
        1,
        lambda: [big.write({"phone": f"+31 20 000 000{n}"}) for n in range(5)],
    )
    bench.measure(
        "edit one contact person's job position",
        1,
        lambda: big.child_ids.filtered(lambda p: p.type == "contact")[:1].write(
            {"function": "Director"}
        ),
    )
    return bench


def run(database):
    from odoo.addons.legalsense.legalsense_simulator import SimulatorServer

    os.environ.setdefault("LEGALSENSE_ENCRYPTION_KEY", Fernet.generate_key().decode())
    registry = odoo.modules.registry.Registry(database)
    server = SimulatorServer(username="api", password="secret")
    with server, registry.cursor() as cr:
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
                    "url": server.url,
                    "username": "api",
                    "password": "secret",
                }
            )
            bench = measure(env, server.simulator)
        finally:
            registry.leave_test_mode()
            cr.rollback()
    print(bench.table())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="an existing database with legalsense")
    args = parser.parse_args()
    run_in_database(run, args.database, DATABASE)


if __name__ == "__main__":
    main()
