"""LegalSense requests caused by matter edits, next to the minimum they need.

Run where Odoo 18.0 and the addon's dependencies are importable::

    python3 bench/matter_requests.py                  # its own database
    python3 bench/matter_requests.py --database NAME  # a database with legalsense

Without ``--database`` it creates a database (``mail``, then ``legalsense``,
like ``tools/odoo_tests.py``), measures, and drops it again (about two
minutes). The edits run against the simulator, through the real job queue
records (jobs stored, collapsed by identity key and performed in order), in
one transaction that is rolled back at the end. Authentication (``POST
token``) is not counted: the token is shared by all jobs of a process; the
LegalSense version is asked once an hour per process, before the first row.

The main row: a matter with 2 debtors (60/40) and 3 parties for a client and
contacts that are in LegalSense already. Its minimum is 7 requests: the
matter, the list of its debtors (LegalSense makes the main debtor with the
matter and only a list tells its id), the main debtor with the first debtor's
values, the second debtor, and the 3 parties.
"""

from bench_firm import Bench, company_values, main, run_jobs

from odoo import Command

DATABASE = "legalsense_bench_matters"
CONTACT_KINDS = (("CLIENT", 1), ("WEDER", 2), ("ADVWP", 3), ("DEURW", 4))


def setup_firm(env, company):
    """Users, lookups and an activity type, as an import would leave them."""
    refs = env["legalsense.external.ref"]
    users = env["res.users"]
    for login, ls_id in (("jan", 2), ("anne", 3)):
        user = users.create(
            {
                "name": login.title(),
                "login": f"bench-{login}",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
            }
        )
        refs.create(
            {
                "res_model": "res.users",
                "res_id": user.id,
                "application": "LEGALSENSE",
                "external_id": str(ls_id),
            }
        )
        users |= user
    lookups = env["legalsense.lookup.value"]
    roles = [
        lookups.create(
            {
                "lookup_type": "activity_role",
                "code": code,
                "name": code,
                "legalsense_id": ls_id,
            }
        )
        for code, ls_id in CONTACT_KINDS
    ]
    activity_type = env["legal.matter.activity.type"].create(
        {"name": "Advice", "code": "MATTER_ADV", "firm_legalsense_id": 1}
    )
    return users, roles, activity_type


def measure(env, simulator):
    Partner = env["res.partner"]
    company = env.company
    users, roles, activity_type = setup_firm(env, company)
    # The client and the other contacts are in LegalSense already.
    contacts = Partner.create(
        [
            company_values(env, name, billing_email=f"facturen@{name.lower()}.example")
            for name in ("Jansen", "Bakker", "Wederpartij", "Advocaat", "Deurwaarder")
        ]
    )
    client, payor, *parties = contacts
    client.legalsense_is_client = True
    run_jobs(env)
    bench = Bench(env, simulator)
    values = {
        "name": "Jansen / huurgeschil",
        "client_id": client.id,
        "matter_activity_type_id": activity_type.id,
        "owner_id": users[0].id,
        "originator_id": users[1].id,
        "debtor_ids": [
            Command.create({"partner_id": client.id, "percentage": 60}),
            Command.create({"partner_id": payor.id, "percentage": 40}),
        ],
        "party_ids": [
            Command.create({"partner_id": party.id, "role_id": role.id})
            for party, role in zip(parties, roles[1:], strict=True)
        ],
    }
    matter = bench.measure(
        "create a matter with 2 debtors and 3 parties",
        7,
        lambda: env["legal.matter"].create(values),
    )
    bench.measure(
        "rename the matter",
        1,
        lambda: matter.write({"name": "Jansen / ontbinding"}),
    )
    bench.measure(
        "save the matter 5 times before its job runs",
        1,
        lambda: [matter.write({"client_reference": f"REF-{n}"}) for n in range(5)],
    )
    bench.measure(
        "edit an untracked field (colour)",
        0,
        lambda: matter.write({"color": 3}),
    )
    bench.measure(
        "verify the matter (status New -> Active)",
        1,
        matter.action_verify,
    )
    bench.measure(
        "change a debtor's share",
        1,
        lambda: matter.debtor_ids[1].write({"percentage": 30}),
    )
    bench.measure(
        "change a party's reference",
        1,
        lambda: matter.party_ids[0].write({"their_reference": "R-1"}),
    )
    bench.measure(
        "change a party's role (delete and create again)",
        2,
        lambda: matter.party_ids[0].write({"role_id": roles[3].id}),
    )
    bench.measure(
        "close the matter (checked and sent while saving)",
        1,
        matter.action_close,
    )
    return bench


if __name__ == "__main__":
    main(
        __doc__,
        measure,
        DATABASE,
        matter_status_code_new_id=1,
        matter_status_code_active_id=2,
        matter_status_code_closed_id=3,
        matter_status_code_archived_id=4,
    )
