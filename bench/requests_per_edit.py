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

from bench_firm import Bench, company_values, main

from odoo import Command

DATABASE = "legalsense_bench"


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


if __name__ == "__main__":
    main(__doc__, measure, DATABASE)
