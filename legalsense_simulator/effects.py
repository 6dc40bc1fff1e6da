"""What the server does around a write: generated values, derived fields, links."""

from . import errors
from .schema import MAIN_DEBTOR

NUMBER_BASES = {"contacts": 100000, "clients": 10000, "matters": 500000}
REMOVED = 3


def complete(store, resource, record, previous):
    """Fill in what the server sets on a record before it is stored."""
    if resource in NUMBER_BASES and not record.get("number"):
        record["number"] = store.new_number(
            resource, NUMBER_BASES[resource] + record["id"]
        )
    if resource == "contacts":
        _number_details(store, record)
        _clear_removed_details(store, record, previous)
        _derive_label_name(record)
    if resource == "matters":
        _derive_archive_numbers(record)


def _number_details(store, contact):
    for detail in contact["details"]:
        if detail.get("id") is None:
            detail["id"] = store.new_detail_id()


def _clear_removed_details(store, contact, previous):
    if previous is None:
        return
    kept = {detail["id"] for detail in contact["details"]}
    removed = {detail["id"] for detail in previous["details"]} - kept
    if removed:
        for debtor in list(store.find("matterdebtors")):
            _clear_refs(
                store, "matterdebtors", debtor, ("to_email", "cc_email"), removed
            )


def _clear_refs(store, resource, record, names, ids):
    """Set references to any of ``ids`` to null; a changed record is touched."""
    changes = {
        name: None for name in names if record[name] and record[name]["id"] in ids
    }
    if changes:
        store.touch(resource, record["id"], **changes)


def attention_line(contact):
    """``internal`` when set, else a person's title, initials, prefix and last name."""
    internal = contact["address_label_name"].get("internal", "")
    if internal:
        return internal
    if contact["is_organization"]:
        return ""
    parts = (
        contact[name] for name in ("title", "initials", "name_prefix", "last_name")
    )
    return " ".join(part for part in parts if part)


def _derive_label_name(contact):
    label = contact["address_label_name"]
    contact["address_label_name"] = {
        "internal": label.get("internal", ""),
        "attention": attention_line(contact),
        "custom_attention": contact["attention"] or None,
    }


def _derive_archive_numbers(matter):
    info = matter["archive_information"]
    matter["archive_information"] = {
        "notes": info.get("notes", ""),
        "number": info.get("number"),
        "retention_period": info.get("retention_period"),
        "archive_number": info.get("notes", ""),
        "real_archive_number": info.get("number"),
    }


def after_create(store, resource, record):
    """Records the server creates together with a new one."""
    if resource == "matters":
        _create_main_debtor(store, record)


def _create_main_debtor(store, matter):
    client = store.raw("clients", matter["client"]["id"])
    contact = store.raw("contacts", client["contact"]["id"])
    store.insert(
        "matterdebtors",
        {
            "created_date": matter["created_date"],
            "modified_date": matter["modified_date"],
            "matter": {"id": matter["id"]},
            "debtor": {"id": contact["id"]},
            "address": contact["default_billing_address"],
            "split_type": MAIN_DEBTOR,
            "percentage": None,
        },
    )


def delete(store, resource, record):
    """DELETE of a record: a soft delete for matters, a refusal for the main debtor."""
    if resource == "matters":
        store.touch("matters", record["id"], softkill_status=REMOVED)
        return
    if resource == "matterdebtors" and record["split_type"] == MAIN_DEBTOR:
        raise errors.ApiError(
            400, "main_debtor", "The main debtor of a matter cannot be deleted."
        )
    store.remove(resource, record["id"])
    if resource == "addresses":
        _clear_address(store, record["id"])


def _clear_address(store, address_id):
    for contact in list(store.find("contacts")):
        _clear_refs(
            store, "contacts", contact, ("default_billing_address",), {address_id}
        )
    for debtor in list(store.find("matterdebtors")):
        _clear_refs(store, "matterdebtors", debtor, ("address",), {address_id})
