"""The users of the soak: XML-RPC clients that create, edit, archive and delete.

``World`` holds what the clients made (ids per kind) and every edit that
Odoo accepted, with the LegalSense field it must reach. ``Client`` is one
thread picking random operations with its own seeded random generator.
Every value written is unique in the run, so a request that carried it can
be recognised in the simulator's request log.
"""

import datetime
import threading
import time
import xmlrpc.client
from collections import Counter
from dataclasses import dataclass

PARTNER = "res.partner"
MATTER = "legal.matter"
DEBTOR = "legal.matter.debtor"
PARTY = "legal.matter.party"
MODELS = {
    "company": PARTNER,
    "person": PARTNER,
    "employee": PARTNER,
    "address": PARTNER,
    "matter": MATTER,
    "debtor": DEBTOR,
    "party": PARTY,
}
# Per kind: (Odoo field, LegalSense resource, LegalSense field) that an edit
# of that field must reach.
EDITABLE = {
    "company": (
        ("name", "contacts", "organization_name"),
        ("phone", "contacts", "details"),
        ("email", "contacts", "details"),
        ("street", "addresses", "address"),
        ("city", "addresses", "city"),
        ("zip", "addresses", "zipcode"),
    ),
    "person": (
        ("firstname", "contacts", "first_name"),
        ("lastname", "contacts", "last_name"),
        ("phone", "contacts", "details"),
        ("email", "contacts", "details"),
        ("street", "addresses", "address"),
        ("city", "addresses", "city"),
    ),
    "employee": (
        ("firstname", "contacts", "first_name"),
        ("lastname", "contacts", "last_name"),
        ("phone", "contacts", "details"),
        ("email", "contacts", "details"),
        ("function", "contactcontacts", "job_description"),
    ),
    "address": (
        ("street", "addresses", "address"),
        ("city", "addresses", "city"),
        ("zip", "addresses", "zipcode"),
    ),
    "matter": (
        ("name", "matters", "name"),
        ("client_reference", "matters", "client_reference"),
    ),
    "debtor": (
        ("percentage", "matterdebtors", "percentage"),
        ("billing_reference", "matterdebtors", "billing_reference"),
    ),
    "party": (("their_reference", "mattercontacts", "their_reference"),),
}
# A matter's close date (SyncMatterArchiveDateField = CloseDate).
CLOSING = (("close_date", "matters", "archived_date"),)
ROLE_CODES = ("WEDER", "ADVWP", "DEURW")


@dataclass
class Edit:
    """One write Odoo accepted, and where LegalSense must show it."""

    model: str
    record_id: int
    field: str
    value: object
    resource: str
    ls_key: str
    needle: str  # how the value looks in a request body
    saved_at: float  # when Odoo answered the save (epoch seconds)


def needle_of(field, value):
    if field == "percentage":
        return f'"percentage": "{value:.2f}"'
    if field == "close_date":
        return f'"archived_date": "{value}"'
    return str(value)


def field_value(field, serial, seed):
    """A value for ``field`` that no other write of the run uses."""
    token = f"s{seed}n{serial}"
    values = {
        "name": f"Soak {token}",
        "firstname": f"Anna {token}",
        "lastname": f"Jansen {token}",
        "phone": f"+31 6 {seed % 100:02d}{serial:06d}",
        "email": f"{token}@soak.example",
        "street": f"Soakstraat {token}",
        "city": f"Soakstad {token}",
        "zip": f"Z{serial:06d}",
        "function": f"Partner {token}",
        "client_reference": f"REF-{token}",
        "billing_reference": f"PO-{token}",
        "their_reference": f"THEIRS-{token}",
        "percentage": round(1 + (serial % 9800) / 100, 2),
    }
    return values[field]


class World:
    """The records the clients made and the edits Odoo accepted; thread-safe."""

    def __init__(self, seed, roles, nl_id):
        self.seed = seed
        self.roles = roles  # {code: lookup value id}
        self.nl_id = nl_id
        self.lock = threading.Lock()
        self.pools = {kind: [] for kind in MODELS}
        self.owner = {}  # (kind, id) -> parent partner id or matter id
        self.reserved = set()  # (model, id) the random clients leave alone
        self.edits = []
        self.removed = Counter()  # kind -> archived or deleted records
        self.counts = Counter()  # (operation, outcome)
        self.errors = Counter()  # first line of refused calls
        self._serial = 0

    def serial(self):
        with self.lock:
            self._serial += 1
            return self._serial

    def value(self, field):
        return field_value(field, self.serial(), self.seed)

    def add(self, kind, record_id, owner=None):
        with self.lock:
            self.pools[kind].append(record_id)
            if owner:
                self.owner[(kind, record_id)] = owner

    def drop(self, kind, record_id, removed=True):
        with self.lock:
            if record_id in self.pools[kind]:
                self.pools[kind].remove(record_id)
                self.removed[kind] += removed

    def drop_owned(self, owner):
        """Forget the addresses and contact persons of a deleted partner."""
        for kind in ("address", "employee"):
            for record in self.owned_by(kind, owner):
                self.drop(kind, record)

    def reserve(self, kind, record_id):
        with self.lock:
            self.reserved.add((MODELS[kind], record_id))
            if record_id in self.pools[kind]:
                self.pools[kind].remove(record_id)

    def pick(self, kind, rng):
        with self.lock:
            pool = self.pools[kind]
            return rng.choice(pool) if pool else None

    def pick_any(self, kinds, rng):
        with self.lock:
            pool = [(kind, i) for kind in kinds for i in self.pools[kind]]
        return rng.choice(pool) if pool else (None, None)

    def owned_by(self, kind, owner):
        with self.lock:
            return [i for i in self.pools[kind] if self.owner.get((kind, i)) == owner]

    def record_edit(self, kind, record_id, field, value):
        resource, ls_key = next(
            (res, key) for name, res, key in EDITABLE[kind] + CLOSING if name == field
        )
        edit = Edit(
            MODELS[kind],
            record_id,
            field,
            value,
            resource,
            ls_key,
            needle_of(field, value),
            time.time(),
        )
        with self.lock:
            self.edits.append(edit)

    def count(self, operation, outcome, error=None):
        with self.lock:
            self.counts[(operation, outcome)] += 1
            if error:
                self.errors[error] += 1


# ------------------------------------------------------------ records


def address_values(world):
    return {
        "street": world.value("street"),
        "zip": world.value("zip"),
        "city": world.value("city"),
        "country_id": world.nl_id,
    }


def create_company(world, rpc, rng):
    values = {
        "name": world.value("name"),
        "is_company": True,
        "phone": world.value("phone"),
        "email": world.value("email"),
        "legalsense_is_client": rng.random() < 0.5,
        **address_values(world),
    }
    world.add("company", rpc.create(PARTNER, values))


def create_person(world, rpc, rng):
    values = {
        "firstname": world.value("firstname"),
        "lastname": world.value("lastname"),
        "email": world.value("email"),
        "legalsense_is_client": rng.random() < 0.3,
        **address_values(world),
    }
    world.add("person", rpc.create(PARTNER, values))


def create_employee(world, rpc, rng):
    company = world.pick("company", rng)
    if company:
        values = {
            "parent_id": company,
            "type": "contact",
            "firstname": world.value("firstname"),
            "lastname": world.value("lastname"),
            "function": world.value("function"),
            "email": world.value("email"),
        }
        world.add("employee", rpc.create(PARTNER, values), owner=company)


def create_address(world, rpc, rng):
    _kind, contact = world.pick_any(("company", "person"), rng)
    if contact:
        values = {
            "parent_id": contact,
            "type": rng.choice(("invoice", "other")),
            **address_values(world),
        }
        world.add("address", rpc.create(PARTNER, values), owner=contact)


def create_matter(world, rpc, rng):
    _kind, client = world.pick_any(("company", "person"), rng)
    if not client:
        return
    candidates = {world.pick("company", rng), world.pick("person", rng)} - {None}
    debtors = sorted(candidates)[: rng.randint(0, 2)]
    values = {
        "name": world.value("name"),
        "client_id": client,
        "client_reference": world.value("client_reference"),
        "debtor_ids": [
            [0, 0, {"partner_id": partner, "percentage": world.value("percentage")}]
            for partner in debtors
        ],
    }
    matter = rpc.create(MATTER, values)
    world.add("matter", matter)
    for debtor in rpc.read(MATTER, [matter], ["debtor_ids"])[0]["debtor_ids"]:
        world.add("debtor", debtor, owner=matter)


def add_debtor(world, rpc, rng):
    matter = world.pick("matter", rng)
    partner = world.pick(rng.choice(("company", "person")), rng)
    if matter and partner:
        rows = rpc.read(MATTER, [matter], ["debtor_ids"])
        if not rows:
            return  # deleted by another user meanwhile
        taken = rows[0]["debtor_ids"]
        if taken and partner in {
            row["partner_id"][0] for row in rpc.read(DEBTOR, taken, ["partner_id"])
        }:
            return
        values = {
            "matter_id": matter,
            "partner_id": partner,
            "percentage": world.value("percentage"),
            "billing_reference": world.value("billing_reference"),
        }
        world.add("debtor", rpc.create(DEBTOR, values), owner=matter)


def add_party(world, rpc, rng):
    matter = world.pick("matter", rng)
    _kind, partner = world.pick_any(("company", "person", "employee"), rng)
    if matter and partner:
        values = {
            "matter_id": matter,
            "partner_id": partner,
            "role_id": world.roles[rng.choice(ROLE_CODES)],
            "their_reference": world.value("their_reference"),
        }
        world.add("party", rpc.create(PARTY, values), owner=matter)


# ------------------------------------------------------------ changes


def edit_record(world, rpc, rng, kinds=tuple(EDITABLE)):
    kind, record = world.pick_any(kinds, rng)
    if not record:
        return
    field = rng.choice(EDITABLE[kind])[0]
    value = world.value(field)
    rpc.write(MODELS[kind], [record], {field: value})
    world.record_edit(kind, record, field, value)


def edit_partner(world, rpc, rng):
    edit_record(world, rpc, rng, ("company", "person", "employee", "address"))


def edit_matter_line(world, rpc, rng):
    edit_record(world, rpc, rng, ("matter", "debtor", "party"))


def change_party_role(world, rpc, rng):
    party = world.pick("party", rng)
    if party:
        rpc.write(PARTY, [party], {"role_id": world.roles[rng.choice(ROLE_CODES)]})


def archive_partner(world, rpc, rng):
    kind, record = world.pick_any(("employee", "address"), rng)
    if record:
        field = "address_inactive" if rng.random() < 0.3 else "active"
        values = {field: field == "address_inactive"}
        if kind == "employee":
            values = {"active": False}
        rpc.write(PARTNER, [record], values)
        world.drop(kind, record)


def delete_record(world, rpc, rng):
    kind, record = world.pick_any(("address", "employee", "person", "debtor"), rng)
    if not record:
        kind, record = world.pick_any(("party",), rng)
    if record:
        rpc.call(MODELS[kind], "unlink", [record])
        world.drop(kind, record)
        if kind == "person":
            world.drop_owned(record)


def delete_matter_line(world, rpc, rng):
    kind, record = world.pick_any(("party", "debtor"), rng)
    if record:
        rpc.call(MODELS[kind], "unlink", [record])
        world.drop(kind, record)


def delete_matter(world, rpc, rng):
    matter = world.pick("matter", rng)
    if matter:
        rpc.call(MATTER, "unlink", [matter])
        world.drop("matter", matter)
        for kind in ("debtor", "party"):
            for record in world.owned_by(kind, matter):
                world.drop(kind, record)


def bulk_edit_partners(world, rpc, rng):
    """One save of a phone number on 11 to 15 contacts: a batch export job."""
    pool = [world.pick_any(("company", "person"), rng) for _ in range(15)]
    partners = {record: kind for kind, record in pool if record}
    if len(partners) <= 10:
        return
    value = world.value("phone")
    rpc.write(PARTNER, list(partners), {"phone": value})
    for record, kind in partners.items():
        world.record_edit(kind, record, "phone", value)


def resync_partners(world, rpc, rng):
    """Resync with LegalSense on 11 to 15 contacts (batch jobs, all resent)."""
    pool = [world.pick_any(("company", "person"), rng)[1] for _ in range(15)]
    partners = sorted(set(filter(None, pool)))
    if len(partners) > 10:
        rpc.call(PARTNER, "action_legalsense_resync", partners)


def close_matter(world, rpc, rng):
    matter = world.pick("matter", rng)
    if matter:
        today = datetime.date.today().isoformat()
        rpc.write(MATTER, [matter], {"close_date": today})
        world.record_edit("matter", matter, "close_date", today)
        world.drop("matter", matter, removed=False)


OPERATIONS = (
    (create_company, 8),
    (create_person, 6),
    (create_employee, 6),
    (create_address, 6),
    (create_matter, 5),
    (add_debtor, 3),
    (add_party, 4),
    (edit_partner, 30),
    (edit_matter_line, 12),
    (change_party_role, 2),
    (archive_partner, 3),
    (delete_record, 3),
    (delete_matter_line, 2),
    (delete_matter, 1),
    (close_matter, 1),
    (bulk_edit_partners, 1),
    (resync_partners, 1),
)


class Client(threading.Thread):
    """One user: random operations until ``stop`` is set."""

    def __init__(self, number, world, connect, rng, stop, think):
        super().__init__(name=f"soak-client-{number}", daemon=True)
        self.world = world
        self.connect = connect
        self.rng = rng
        self.stop = stop
        self.think = think

    def run(self):
        rpc = self.connect()
        operations, weights = zip(*OPERATIONS, strict=True)
        while not self.stop.is_set():
            operation = self.rng.choices(operations, weights)[0]
            run_operation(self.world, rpc, self.rng, operation)
            self.stop.wait(self.rng.uniform(*self.think))


def run_operation(world, rpc, rng, operation):
    """Run one operation; a refusal or a lost call is counted, not raised."""
    name = operation.__name__
    try:
        operation(world, rpc, rng)
        world.count(name, "done")
    except xmlrpc.client.Fault as fault:
        world.count(name, "refused by Odoo", fault_line(fault))
    except (OSError, xmlrpc.client.ProtocolError) as error:
        world.count(name, "no answer", type(error).__name__)


def fault_line(fault):
    """The last line of an XML-RPC fault: the error's own message."""
    lines = [line for line in str(fault.faultString).splitlines() if line.strip()]
    return (lines[-1] if lines else str(fault.faultCode))[:160]
