"""The situations of the soak, played once each at a set moment of the run.

* a create whose answer is lost, and an edit of the record before the job's
  retry (a person and a company);
* a lost answer on the create of every LegalSense resource;
* concurrent saves of one record;
* the deletion of a company that has child addresses and a contact person;
* a restart of the simulator with its state kept;
* a SIGKILL of the Odoo worker running a LegalSense job, during its POST;
* refusals: a write LegalSense refuses (its job fails for good), a close
  refused while saving, a close refused when the job sends it.

Each situation adds a line to ``notes``; refusals are listed in ``refusals``
for the check, the kill in ``kill``.
"""

import datetime
import os
import signal
import threading
import time
import xmlrpc.client

from soak_faults import CREATE_RESOURCES
from soak_workload import MATTER, PARTNER, fault_line

MODEL_OF = {"company": PARTNER, "person": PARTNER, "matter": MATTER}
KILL_LATENCY = 2.0  # seconds a POST stays in flight, below the read time-out


def wait_until(predicate, timeout, period=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(period)
    return False


class Situations:
    def __init__(self, soak):
        self.soak = soak
        self.world = soak.world
        self.simulator = soak.simulator
        self.rpc = soak.connect()
        self.notes = []
        self.refusals = []
        self.kill = None
        self.orphaned = []  # contact persons left without company by a deletion

    def note(self, text):
        self.notes.append(text)
        print(f"  [{time.strftime('%H:%M:%S')}] {text}", flush=True)

    def add_fault(self, **fault):
        with self.soak.sim_lock:
            fault.setdefault("times", 1)
            self.simulator.add_fault(**fault)
            self.soak.fault_log.added(fault)

    # ------------------------------------------------------------ records

    def company_values(self, **values):
        world = self.world
        return {
            "name": world.value("name"),
            "is_company": True,
            "email": world.value("email"),
            "street": world.value("street"),
            "zip": world.value("zip"),
            "city": world.value("city"),
            "country_id": world.nl_id,
            **values,
        }

    def person_values(self, **values):
        world = self.world
        return {
            "firstname": world.value("firstname"),
            "lastname": world.value("lastname"),
            "email": world.value("email"),
            "street": world.value("street"),
            "city": world.value("city"),
            "country_id": world.nl_id,
            **values,
        }

    def child_values(self, parent, kind):
        world = self.world
        return {
            "parent_id": parent,
            "type": kind,
            "street": world.value("street"),
            "zip": world.value("zip"),
            "city": world.value("city"),
            "country_id": world.nl_id,
        }

    def employee_values(self, company):
        world = self.world
        return {
            "parent_id": company,
            "type": "contact",
            "firstname": world.value("firstname"),
            "lastname": world.value("lastname"),
            "function": world.value("function"),
        }

    def linked(self, model, record_id, field):
        rows = self.rpc.read(model, [record_id], [field])
        return rows[0][field] if rows else False

    def synced_record(self, kinds, field, tries=30):
        """(kind, id, LegalSense id) of a record in LegalSense: one the clients
        made, else a new one, once its job has run (at most 60 s)."""
        for _try in range(tries):
            kind, record = self.world.pick_any(kinds, self.soak.rng)
            if not record:
                break
            try:
                ls_id = self.linked(MODEL_OF[kind], record, field)
            except xmlrpc.client.Fault:
                continue
            if ls_id:
                return kind, record, ls_id
        kind, record = self.new_record(kinds[0])

        def linked():
            return self.linked(MODEL_OF[kind], record, field)

        return (kind, record, linked()) if wait_until(linked, 60, 1) else None

    def new_record(self, kind):
        if kind == "matter":
            client = self.rpc.create(PARTNER, self.company_values())
            self.world.add("company", client)
            values = {"name": self.world.value("name"), "client_id": client}
            record = self.rpc.create(MATTER, values)
        else:
            record = self.rpc.create(PARTNER, self.company_values())
        self.world.add(kind, record)
        return kind, record

    # ------------------------------------------------------------ situations

    def lost_create_then_edit(self):
        """A create whose answer is lost, then an edit before the retry.

        The job looks for what it made at once when the answer is lost; that
        look-up fails too (503), so the job is retried later.
        """
        self.add_fault(method="POST", path="contacts", lost_response=True, times=2)
        self.add_fault(method="GET", path="contacts", status=503, times=2)
        person = self.rpc.create(PARTNER, self.person_values())
        company = self.rpc.create(PARTNER, self.company_values())
        for kind, record, field in (
            ("person", person, "lastname"),
            ("company", company, "name"),
        ):
            key = f"legalsense:res.partner:{record}"
            waiting = wait_until(lambda key=key: self.waits_for_retry(key), 30)
            if waiting:
                value = self.world.value(field)
                self.rpc.write(PARTNER, [record], {field: value})
                self.world.record_edit(kind, record, field, value)
            self.world.add(kind, record)
            self.note(
                f"lost create of a {kind} (id {record}): "
                + (
                    f"{field} edited before the job's retry"
                    if waiting
                    else "its job was not seen waiting for a retry within 30 s"
                )
            )

    def waits_for_retry(self, identity_key):
        job = self.soak.queue.last_job(identity_key)
        return bool(job) and job[0] == "pending" and job[1] >= 1

    def lost_responses_everywhere(self):
        """A lost answer on the next create of every LegalSense resource."""
        for resource in CREATE_RESOURCES:
            self.add_fault(method="POST", path=resource, lost_response=True)
        rpc, world = self.rpc, self.world
        company = rpc.create(PARTNER, self.company_values(legalsense_is_client=True))
        world.add("company", company)
        world.add(
            "address",
            rpc.create(PARTNER, self.child_values(company, "invoice")),
            company,
        )
        world.add(
            "employee", rpc.create(PARTNER, self.employee_values(company)), company
        )
        person = rpc.create(PARTNER, self.person_values())
        world.add("person", person)
        matter = rpc.create(
            MATTER,
            {
                "name": world.value("name"),
                "client_id": company,
                "debtor_ids": [
                    [0, 0, {"partner_id": company, "percentage": 60}],
                    [0, 0, {"partner_id": person, "percentage": 40}],
                ],
                "party_ids": [
                    [0, 0, {"partner_id": person, "role_id": world.roles["WEDER"]}]
                ],
            },
        )
        world.add("matter", matter)
        lines = rpc.read(MATTER, [matter], ["debtor_ids", "party_ids"])[0]
        for debtor in lines["debtor_ids"]:
            world.add("debtor", debtor, matter)
        for party in lines["party_ids"]:
            world.add("party", party, matter)
        self.note(
            "lost answers queued for a POST of each of "
            + ", ".join(CREATE_RESOURCES)
            + f" (records made for them: company {company}, matter {matter})"
        )

    def concurrent_saves(self):
        """Two users saving one record at the same moment, three times."""
        kind, record = self.world.pick_any(("company", "person"), self.soak.rng)
        if not record:
            self.note("concurrent saves: no record to save")
            return
        pairs = {
            "company": (("phone", "phone"), ("email", "street"), ("name", "city")),
            "person": (("phone", "phone"), ("email", "street"), ("lastname", "city")),
        }[kind]
        accepted = 0
        for fields in pairs:
            accepted += self.save_together(kind, record, fields)
        self.note(
            f"concurrent saves of {kind} {record}: {accepted} of "
            f"{2 * len(pairs)} saves accepted"
        )

    def save_together(self, kind, record, fields):
        barrier = threading.Barrier(len(fields))
        accepted = []

        def save(field):
            rpc = self.soak.connect()
            value = self.world.value(field)
            try:
                barrier.wait(30)
                rpc.write(PARTNER, [record], {field: value})
            except (xmlrpc.client.Fault, OSError, threading.BrokenBarrierError):
                return
            self.world.record_edit(kind, record, field, value)
            accepted.append(field)

        threads = [threading.Thread(target=save, args=(f,)) for f in fields]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        return len(accepted)

    def delete_contact_with_addresses(self):
        """Delete a company (in LegalSense) that has addresses and a person."""
        rpc = self.rpc
        company = rpc.create(PARTNER, self.company_values(legalsense_is_client=True))
        children = [
            rpc.create(PARTNER, self.child_values(company, kind))
            for kind in ("invoice", "other")
        ]
        employee = rpc.create(PARTNER, self.employee_values(company))
        checks = [(company, "legalsense_contact_id")]
        checks += [(child, "legalsense_address_id") for child in children]
        checks += [(employee, "legalsense_contact_contact_id")]
        synced = wait_until(
            lambda: all(self.linked(PARTNER, i, f) for i, f in checks), 60, 1
        )
        rpc.call(PARTNER, "unlink", [company])
        # The addresses are checked (removed like deleted addresses); the
        # contact person is left without a company, a case of its own.
        self.orphaned.append(employee)
        self.note(
            f"deleted company {company} with 2 child addresses {children} and "
            f"contact person {employee} "
            + ("(all in LegalSense first)" if synced else "(not all synced yet)")
        )

    def restart_simulator(self):
        with self.soak.sim_lock:
            try:
                pending = self.simulator.pending_faults()
            except OSError:
                pending = []
            self.soak.fault_log.dropped(pending)
            down = self.simulator.restart()
        self.note(
            f"simulator restarted with its state kept: {down:.1f} s down, "
            f"{len(pending)} pending faults dropped"
        )

    def kill_worker(self):
        """SIGKILL the worker running a LegalSense job while its POST is in flight."""
        self.add_fault(method="POST", path="contacts", latency=KILL_LATENCY)
        company = self.rpc.create(PARTNER, self.company_values())
        self.world.add("company", company)
        in_post = wait_until(self.kill_fault_taken, 60, 0.05)
        job = self.soak.queue.started_job()
        if not job or not job[1]:
            wait_until(lambda: (self.soak.queue.started_job() or (0, 0))[1], 30, 0.05)
            job = self.soak.queue.started_job()
        if not job or not self.soak.odoo.is_worker(job[1]):
            self.note("worker kill: no running LegalSense job found")
            return
        uuid, pid, name = job
        os.kill(pid, signal.SIGKILL)
        self.kill = {"time": time.time(), "uuid": uuid, "pid": pid, "job": name}
        self.note(
            f"killed worker {pid} (SIGKILL) running job {uuid} '{name}' "
            + ("during a delayed POST contacts" if in_post else "(POST not seen)")
        )

    def kill_fault_taken(self):
        try:
            pending = self.simulator.pending_faults()
        except OSError:
            return False
        return not any(
            fault["latency"] == KILL_LATENCY and fault["path"].endswith("/contacts")
            for fault in pending
        )

    def refusals_of_legalsense(self):
        self.refuse_write()
        self.refuse_close(at_save=True)
        self.refuse_close(at_save=False)

    def refuse_write(self):
        """LegalSense refuses the next write of a contact: its job fails."""
        found = self.synced_record(("company", "person"), "legalsense_contact_id")
        if not found:
            self.note("refused write: no contact in LegalSense to refuse")
            return
        kind, record, ls_id = found
        self.world.reserve(kind, record)
        detail = f"Soak refusal {len(self.refusals) + 1}: contact {ls_id} is locked"
        body = {"detail": detail, "code": "invalid", "field": None}
        self.add_fault(method="PATCH", path=f"contacts/{ls_id}", status=400, body=body)
        value = self.world.value("phone")
        self.rpc.write(PARTNER, [record], {"phone": value})
        self.world.record_edit(kind, record, "phone", value)
        self.refusals.append(
            {"kind": "write", "model": PARTNER, "id": record, "detail": detail}
        )
        self.note(f"LegalSense told to refuse the next PATCH of contacts/{ls_id}")

    def refuse_close(self, at_save):
        """LegalSense refuses to close a matter: when saving, or in the job."""
        found = self.synced_record(("matter",), "legalsense_matter_id")
        if not found:
            self.note("refused close: no matter in LegalSense to close")
            return
        _kind, matter, ls_id = found
        self.world.reserve("matter", matter)
        detail = f"Soak refusal {len(self.refusals) + 1}: matter {ls_id} has open work"
        with self.soak.sim_lock:
            self.simulator.refuse_close(ls_id, detail)
        if not at_save:
            # LegalSense unreachable for the check while saving: the job closes.
            self.add_fault(method="PATCH", path=f"matters/{ls_id}", status=503)
        today = datetime.date.today().isoformat()
        try:
            self.rpc.write(MATTER, [matter], {"close_date": today})
            self.world.record_edit("matter", matter, "close_date", today)
            outcome = "saved"
        except xmlrpc.client.Fault as fault:
            outcome = f"save refused: {fault_line(fault)}"
        self.refusals.append(
            {
                "kind": "close at save" if at_save else "close in job",
                "model": MATTER,
                "id": matter,
                "detail": detail,
                "outcome": outcome,
            }
        )
        self.note(
            f"close of matter {matter} (LS {ls_id}) refused by LegalSense: {outcome}"
        )
