"""The in-memory records of the simulated LegalSense, one table per resource.

Ids ascend from 1 per resource. ``created_date`` and ``modified_date`` are ISO 8601
date-times in UTC with their offset. All access goes through one lock.
"""

import threading
from collections import defaultdict
from datetime import datetime, timedelta, timezone

from . import effects, validation
from .errors import not_found
from .schema import RESOURCES, copy_value, is_available

DEFAULT_VERSION = "18.120"

# Fixtures are loaded read-only lists first, then records after those they refer to.
LOAD_ORDER = (
    *(name for name, resource in RESOURCES.items() if not resource.mutable),
    "contacts",
    "addresses",
    "clients",
    "contactcontacts",
    "matters",
    "matterdebtors",
    "mattercontacts",
)

# Reference fields that list filters use, kept in an index: (resource, field).
INDEXED_FIELDS = {
    name: tuple(field_name for field_name in resource.filters.values() if field_name)
    for name, resource in RESOURCES.items()
}
INDEXED = tuple(
    (name, field) for name, fields in INDEXED_FIELDS.items() for field in fields
)


TIMESTAMPS = ("created_date", "modified_date")


def utc_now():
    return datetime.now(timezone.utc)


def utc_timestamp(value):
    """A loaded date-time in the stored form: UTC, with offset; no offset means UTC."""
    instant = datetime.fromisoformat(value)
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=timezone.utc)
    return instant.astimezone(timezone.utc).isoformat(timespec="microseconds")


class Store:
    """Records per resource: the contract's (validated) writes and raw loading."""

    def __init__(self, version=DEFAULT_VERSION, clock=utc_now):
        self.lock = threading.RLock()
        self.version = version
        self.clock = clock
        self.close_refusals = {}
        self.clear()

    # ------------------------------------------------------------ state

    def clear(self):
        """Forget every record."""
        with self.lock:
            self._tables = {name: {} for name in RESOURCES}
            self._next_ids = dict.fromkeys(RESOURCES, 1)
            self._indexes = {key: defaultdict(set) for key in INDEXED}
            self._numbers = defaultdict(dict)
            self._details = {}
            self._next_detail_id = 1
            self._last_instant = None
            self.close_refusals = {}

    def now(self):
        """The current time as stored; strictly increasing, so every write is seen."""
        instant = self.clock().astimezone(timezone.utc)
        if self._last_instant is not None and instant <= self._last_instant:
            instant = self._last_instant + timedelta(microseconds=1)
        self._last_instant = instant
        return instant.isoformat(timespec="microseconds")

    def today(self):
        return self.clock().astimezone(timezone.utc).date().isoformat()

    # ------------------------------------------------------------ reading

    def get(self, resource, ident):
        """The record as the API answers it; ``ApiError`` 404 when it does not exist."""
        with self.lock:
            return self.render(resource, self._existing(resource, ident))

    def list(self, resource, **filters):
        """Records (ascending id) as the API answers them, optionally filtered."""
        with self.lock:
            return [
                self.render(resource, record)
                for record in self.find(resource, **filters)
            ]

    def raw(self, resource, ident):
        """The stored record or None; not a copy."""
        return self._tables[resource].get(ident)

    def exists(self, resource, ident):
        if resource == "details":
            return ident in self._details
        return ident in self._tables[resource]

    def find(self, resource, **filters):
        """Stored records in ascending id order whose references equal the given ids."""
        table = self._tables[resource]
        indexed = {
            name: ident
            for name, ident in filters.items()
            if (resource, name) in INDEXED
        }
        if not indexed:
            records = table.values()
        else:
            sets = [
                self._indexes[(resource, name)].get(i, set())
                for name, i in indexed.items()
            ]
            records = (table[ident] for ident in sorted(set.intersection(*sets)))
        rest = {name: ident for name, ident in filters.items() if name not in indexed}
        if not rest:
            return list(records)
        return [record for record in records if _matches(record, rest)]

    def find_number(self, resource, number):
        return self._numbers[resource].get(number)

    def detail(self, detail_id):
        """``{"contact": id, "kind": kind}`` of a contact detail, or None."""
        return self._details.get(detail_id)

    def lowest_id(self, resource):
        return min(self._tables[resource], default=None)

    def custom_field_widgets(self, definitions):
        """``{name: widget}`` of the active custom field definitions of a list."""
        return {
            item["name"]: item["widget"]
            for item in self._tables[definitions].values()
            if item["active"]
        }

    def render(self, resource, record):
        """A copy of the record with the fields that exist at the current version."""
        return {
            fld.name: copy_value(record.get(fld.name))
            for fld in RESOURCES[resource].fields
            if is_available(fld, self.version)
        }

    # ------------------------------------------------------------ writes of the API

    def create(self, resource, data):
        """POST: validate, store and return the new record."""
        with self.lock:
            definition = _mutable(resource)
            values = validation.prepare_write(self, definition, data)
            record = self.insert(resource, values)
            effects.after_create(self, resource, record)
            return self.render(resource, record)

    def update(self, resource, ident, data, partial=False):
        """PUT (replace writable fields) or PATCH (``partial``: only the given ones)."""
        with self.lock:
            definition = _mutable(resource)
            current = self._existing(resource, ident)
            method = "PATCH" if partial else "PUT"
            values = validation.prepare_write(self, definition, data, current, method)
            record = self._save(
                resource, {**values, "modified_date": self.now()}, current
            )
            return self.render(resource, record)

    def delete(self, resource, ident):
        """DELETE as the resource defines it (removal, soft delete or refusal)."""
        with self.lock:
            _mutable(resource)
            effects.delete(self, resource, self._existing(resource, ident))

    # ------------------------------------------------------------ raw writes

    def insert(self, resource, data):
        """Store a record as given, filling absent fields; no validation."""
        with self.lock:
            record = _blank_record(resource)
            for fld in SERVER_CHOSEN[resource]:
                if fld.name not in data:
                    record[fld.name] = _initial_value(self, fld)
            for name, value in data.items():
                if name in FIELD_TYPES[resource]:
                    container = FIELD_TYPES[resource][name] in CONTAINERS
                    record[name] = copy_value(value) if container else value
            record.setdefault("id", self._next_ids[resource])
            if "created_date" in FIELD_TYPES[resource]:
                self._stamp(record, data)
            self._next_ids[resource] = max(self._next_ids[resource], record["id"] + 1)
            return self._save(resource, record, None)

    def _stamp(self, record, data):
        """created_date and modified_date: as given (stored in UTC) or now."""
        created = data.get("created_date")
        record["created_date"] = (
            self.now() if created is None else utc_timestamp(created)
        )
        modified = data.get("modified_date")
        record["modified_date"] = (
            record["created_date"] if modified is None else utc_timestamp(modified)
        )

    def touch(self, resource, ident, **changes):
        """A change the server makes itself; it sets a new modified_date too."""
        with self.lock:
            current = self._tables[resource][ident]
            record = {**copy_value(current), **changes, "modified_date": self.now()}
            self._save(resource, record, current)

    def remove(self, resource, ident):
        with self.lock:
            record = self._tables[resource].pop(ident)
            self._unindex(resource, record)

    def next_id(self, resource):
        """The id the next record inserted into ``resource`` gets."""
        return self._next_ids[resource]

    def new_number(self, resource, candidate):
        """A generated number (string of digits) not used yet by the resource."""
        while str(candidate) in self._numbers[resource]:
            candidate += 1
        return str(candidate)

    def new_detail_id(self):
        ident = self._next_detail_id
        self._next_detail_id += 1
        return ident

    def _save(self, resource, record, previous):
        effects.complete(self, resource, record, previous)
        if previous is not None:
            self._unindex(resource, previous)
        self._tables[resource][record["id"]] = record
        self._index(resource, record)
        return record

    def _index(self, resource, record):
        for name in INDEXED_FIELDS[resource]:
            if record.get(name):
                self._indexes[(resource, name)][record[name]["id"]].add(record["id"])
        if record.get("number"):
            self._numbers[resource][record["number"]] = record["id"]
        for detail in record["details"] if resource == "contacts" else ():
            self._details[detail["id"]] = {
                "contact": record["id"],
                "kind": detail["kind"],
            }
            self._next_detail_id = max(self._next_detail_id, detail["id"] + 1)

    def _unindex(self, resource, record):
        for name in INDEXED_FIELDS[resource]:
            if record.get(name):
                self._indexes[(resource, name)][record[name]["id"]].discard(
                    record["id"]
                )
        if record.get("number"):
            self._numbers[resource].pop(record["number"], None)
        for detail in record["details"] if resource == "contacts" else ():
            self._details.pop(detail["id"], None)

    def _existing(self, resource, ident):
        record = self._tables[resource].get(ident)
        if record is None:
            raise not_found()
        return record

    # ------------------------------------------------------------ fixtures

    def load(self, data):
        """Replace the listed resources by the given records."""
        unknown = set(data) - set(RESOURCES)
        if unknown:
            raise ValueError(f"Unknown resources: {', '.join(sorted(unknown))}")
        with self.lock:
            self._reserve_detail_ids(data.get("contacts", ()))
            for resource in LOAD_ORDER:
                if resource in data:
                    self._replace_table(resource, data[resource])

    def _reserve_detail_ids(self, contacts):
        """Details loaded without an id get one above every id the fixture gives."""
        given = [
            d.get("id") or 0 for contact in contacts for d in contact.get("details", ())
        ]
        self._next_detail_id = max(self._next_detail_id, max(given, default=0) + 1)

    def _replace_table(self, resource, records):
        for record in list(self._tables[resource].values()):
            self.remove(resource, record["id"])
        self._next_ids[resource] = 1
        for record in sorted(records, key=_id_then_new):
            self.insert(resource, record)

    def dump(self):
        """Every stored record, by resource, in ascending id order."""
        with self.lock:
            return {
                name: [copy_value(record) for record in table.values()]
                for name, table in self._tables.items()
            }


def _mutable(resource):
    definition = RESOURCES[resource]
    if not definition.mutable:
        raise ValueError(f"{resource} is read-only")
    return definition


def _id_then_new(record):
    """Records with an id in ascending order first, then those that get a new one."""
    ident = record.get("id")
    return (ident is None, ident or 0)


def _matches(record, filters):
    for name, ident in filters.items():
        value = record.get(name)
        if value is None or value["id"] != ident:
            return False
    return True


def _initial_value(store, fld):
    value = validation.server_value(store, fld)
    if value is None and not fld.nullable and not fld.has_default:
        return BLANKS.get(fld.type)
    return value


CONTAINERS = ("ref", "refs", "ids", "strings", "object", "details", "custom_fields")
BLANKS = {"string": "", "boolean": False, "refs": [], "ids": [], "strings": []}

# Per resource: the type of each field, the fields whose initial value the server
# chooses, and the initial value of every other field (server-set ones excluded).
FIELD_TYPES = {
    name: {fld.name: fld.type for fld in resource.fields}
    for name, resource in RESOURCES.items()
}
SERVER_CHOSEN = {
    name: tuple(fld for fld in resource.fields if fld.server_default)
    for name, resource in RESOURCES.items()
}
BLANK_RECORDS = {
    name: {
        fld.name: _initial_value(None, fld)
        for fld in resource.fields
        if not fld.server_default and fld.name not in ("id", *TIMESTAMPS)
    }
    for name, resource in RESOURCES.items()
}


def _blank_record(resource):
    return {
        name: copy_value(value) if isinstance(value, dict | list) else value
        for name, value in BLANK_RECORDS[resource].items()
    }
