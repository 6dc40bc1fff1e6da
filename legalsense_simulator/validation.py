"""Checks a request body and merges it into the stored record, as the contract says.

Errors come in the contract's order: ``required``, ``invalid`` (fields in schema
order), ``not_debtor``, ``already_linked`` / ``duplicate_name``, ``cannot_close``.
Malformed JSON is the app's concern, before this module is reached.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from . import errors
from .schema import (
    EMAIL_KINDS,
    GENERATED_NUMBER,
    LOWEST_ID,
    MAIN_DEBTOR,
    PERCENTAGE,
    TODAY,
    copy_value,
    is_available,
)

DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
DECIMAL_RE = re.compile(r"-?[0-9]+(\.[0-9]{1,2})?")
CENT = Decimal("0.01")


class Write:
    """One write to a resource: POST (``current`` None), PUT or PATCH."""

    def __init__(self, store, resource, body, current=None, method="POST"):
        self.store = store
        self.resource = resource
        self.body = body
        self.current = current
        self.method = method
        self.result = {} if current is None else copy_value(current)
        self.fields = [
            fld
            for fld in resource.fields
            if not fld.read_only and is_available(fld, store.version)
        ]

    def given(self, name):
        return name in self.body

    def changed(self, *names):
        """Whether the write sets any of these fields to a new value."""
        if self.current is None:
            return True
        return any(self.result.get(name) != self.current.get(name) for name in names)


def prepare_write(store, resource, body, current=None, method="POST"):
    """Return the record values after the write, or raise an ``ApiError``."""
    if not isinstance(body, dict):
        raise errors.invalid(None, "The request body must be a JSON object.")
    write = Write(store, resource, body, current, method)
    _check_required(write)
    for fld in write.fields:
        if write.given(fld.name):
            value = clean(store, fld, body[fld.name], fld.name)
            _check_create_only(write, fld, value)
            write.result[fld.name] = _merge(write, fld, value)
        else:
            write.result[fld.name] = _omitted(write, fld)
        rule = FIELD_RULES.get((resource.name, fld.name))
        if rule and write.given(fld.name):
            rule(write)
    for check in BUSINESS_RULES.get(resource.name, ()):
        check(write)
    return write.result


def _check_required(write):
    if write.method == "PATCH":
        return
    for fld in write.fields:
        needed = fld.required or (fld.required_on_post and write.method == "POST")
        if needed and not write.given(fld.name):
            raise errors.required(fld.name)


def _check_create_only(write, fld, value):
    if (
        fld.create_only
        and write.current is not None
        and write.current.get(fld.name) != value
    ):
        raise errors.invalid(
            fld.name, f"The field {fld.name} cannot be changed after creation."
        )


def _merge(write, fld, value):
    current = None if write.current is None else write.current.get(fld.name)
    if fld.type == "object":
        base = current if write.method == "PATCH" and current else default_value(fld)
        return {**base, **value}
    if fld.type == "custom_fields":
        merged = dict(current or {})
        for key, item in value.items():
            if item is None:
                merged.pop(key, None)
            else:
                merged[key] = item
        return merged
    if fld.type == "details":
        return _match_details(current or [], value)
    return value


def _omitted(write, fld):
    """The value of a field the body leaves out."""
    if write.method == "PATCH":
        return write.result.get(fld.name)
    if write.method == "PUT":
        keep = fld.type == "custom_fields" or not (
            fld.has_default or fld.type == "object"
        )
        return write.result.get(fld.name) if keep else default_value(fld)
    return server_value(write.store, fld)


def default_value(fld):
    """The schema default of a field; nested objects get their key defaults."""
    if fld.type == "object":
        return {key.name: default_value(key) for key in fld.keys if not key.read_only}
    if fld.has_default:
        return copy_value(fld.default)
    return None


def server_value(store, fld):
    """The value of a field left out on POST: its default or the server's own choice."""
    if fld.server_default == TODAY:
        return store.today()
    if fld.server_default == LOWEST_ID:
        lowest = store.lowest_id(fld.target)
        return None if lowest is None else {"id": lowest}
    if fld.server_default == GENERATED_NUMBER:
        return None
    if fld.server_default:
        return fld.server_default
    return default_value(fld)


def _match_details(stored, items):
    """Keep the id of a stored detail whose kind is sent again; new kinds get none."""
    ids = {detail["kind"]: detail["id"] for detail in stored}
    return [{"id": ids.get(item["kind"]), **item} for item in items]


# ---------------------------------------------------------------- value checks


def clean(store, fld, value, path):
    """Check one value against its field definition and return its stored form."""
    if value is None:
        if fld.nullable:
            return None
        raise errors.invalid(path, "This field may not be null.")
    cleaner = CLEANERS[fld.type]
    return cleaner(store, fld, value, path)


def _clean_string(store, fld, value, path):
    if not isinstance(value, str):
        raise errors.invalid(path, "Not a valid string.")
    if fld.min_length and len(value.strip()) < fld.min_length:
        raise errors.invalid(path, "This field may not be blank.")
    if fld.choices and value not in fld.choices:
        raise errors.invalid(path, f'"{value}" is not a valid choice.')
    if fld.pattern and not re.fullmatch(fld.pattern, value):
        raise errors.invalid(path, f'"{value}" does not have the expected format.')
    return value


def _clean_boolean(store, fld, value, path):
    if not isinstance(value, bool):
        raise errors.invalid(path, "Must be a valid boolean.")
    return value


def _clean_integer(store, fld, value, path):
    if isinstance(value, bool) or not isinstance(value, int):
        raise errors.invalid(path, "A valid integer is required.")
    if fld.choices and value not in fld.choices:
        raise errors.invalid(path, f'"{value}" is not a valid choice.')
    _check_range(fld, value, path)
    return value


def _check_range(fld, value, path):
    if fld.minimum is not None and value < fld.minimum:
        raise errors.invalid(
            path, f"Ensure this value is greater than or equal to {fld.minimum}."
        )
    if fld.maximum is not None and value > fld.maximum:
        raise errors.invalid(
            path, f"Ensure this value is less than or equal to {fld.maximum}."
        )


def _clean_date(store, fld, value, path):
    if not isinstance(value, str) or not DATE_RE.fullmatch(value):
        raise errors.invalid(path, "Date has wrong format. Use yyyy-MM-dd.")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise errors.invalid(path, "Date has wrong format. Use yyyy-MM-dd.") from None
    return value


def parse_decimal(value):
    """A decimal string or JSON number with at most two decimals, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return Decimal(value) if DECIMAL_RE.fullmatch(value) else None
    if isinstance(value, int | float):
        try:
            number = Decimal(str(value))
            return number if number == number.quantize(CENT) else None
        except InvalidOperation:
            return None
    return None


def _clean_decimal(store, fld, value, path):
    number = parse_decimal(value)
    if number is None:
        raise errors.invalid(
            path, "A valid number with at most two decimals is required."
        )
    _check_range(fld, number, path)
    return f"{number.quantize(CENT) + 0:.2f}"


def _clean_ref(store, fld, value, path):
    if not isinstance(value, dict):
        raise errors.invalid(path, 'Expected an object like {"id": 1}.')
    ident = value.get("id")
    if isinstance(ident, bool) or not isinstance(ident, int) or ident < 1:
        raise errors.invalid(path, "The id must be a positive integer.")
    if not store.exists(fld.target, ident):
        raise errors.invalid(path, f'Invalid id "{ident}" - object does not exist.')
    return {"id": ident}


def _clean_refs(store, fld, value, path):
    if not isinstance(value, list):
        raise errors.invalid(path, "Expected a list of objects.")
    return [_clean_ref(store, fld, item, path) for item in value]


def _clean_strings(store, fld, value, path):
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise errors.invalid(path, "Expected a list of strings.")
    return list(value)


def _clean_object(store, fld, value, path):
    if not isinstance(value, dict):
        raise errors.invalid(path, "Expected an object.")
    cleaned = {}
    for key in fld.keys:
        if not key.read_only and key.name in value:
            cleaned[key.name] = clean(store, key, value[key.name], f"{path}.{key.name}")
    return cleaned


def _clean_details(store, fld, value, path):
    if not isinstance(value, list):
        raise errors.invalid(path, "Expected a list of details.")
    items = [_clean_detail(store, fld, item, path) for item in value]
    kinds = [item["kind"] for item in items]
    if len(set(kinds)) != len(kinds):
        raise errors.invalid(path, "A contact has at most one detail per kind.")
    return items


def _clean_detail(store, fld, item, path):
    if not isinstance(item, dict):
        raise errors.invalid(path, "Each detail must be an object.")
    cleaned = {}
    for key in fld.keys:
        if key.name in item:
            cleaned[key.name] = clean(store, key, item[key.name], path)
        elif key.required:
            raise errors.invalid(path, f"Each detail needs a {key.name}.")
        else:
            cleaned[key.name] = default_value(key)
    return cleaned


WIDGET_TYPES = {
    "text": str,
    "textarea": str,
    "url": str,
    "choice": str,
    "date": str,
    "number": (int, float),
    "checkbox": bool,
}


def _clean_custom_fields(store, fld, value, path):
    if not isinstance(value, dict):
        raise errors.invalid(path, "Expected an object.")
    widgets = store.custom_field_widgets(fld.target)
    for key, item in value.items():
        _check_custom_value(widgets, key, item, f"{path}.{key}")
    return dict(value)


def _check_custom_value(widgets, key, item, path):
    if item is None:
        return
    if key not in widgets:
        raise errors.invalid(path, f'"{key}" is not an active custom field.')
    widget = widgets[key]
    expected = WIDGET_TYPES.get(widget, str)
    if (
        isinstance(item, bool)
        and widget != "checkbox"
        or not isinstance(item, expected)
    ):
        raise errors.invalid(path, f"Not a valid value for a {widget} field.")
    if widget == "date":
        _clean_date(None, None, item, path)


CLEANERS = {
    "string": _clean_string,
    "boolean": _clean_boolean,
    "integer": _clean_integer,
    "date": _clean_date,
    "decimal": _clean_decimal,
    "ref": _clean_ref,
    "refs": _clean_refs,
    "strings": _clean_strings,
    "object": _clean_object,
    "details": _clean_details,
    "custom_fields": _clean_custom_fields,
}


# ---------------------------------------------------------------- field rules


def _record_id(write):
    return None if write.current is None else write.current["id"]


def _referenced(write, name, resource):
    value = write.result.get(name)
    return None if value is None else write.store.raw(resource, value["id"])


def _own_billing_address(write):
    address = _referenced(write, "default_billing_address", "addresses")
    if address is not None and address["contact"]["id"] != _record_id(write):
        raise errors.invalid(
            "default_billing_address", "The address does not belong to this contact."
        )


def _one_client_per_contact(write):
    contact_id = write.result["contact"]["id"]
    for client in write.store.find("clients", contact=contact_id):
        if client["id"] != _record_id(write):
            raise errors.invalid("contact", "This contact already has a client.")


def _unique_number(resource_name):
    def check(write):
        number = write.result.get("number")
        owner = write.store.find_number(resource_name, number)
        if owner is not None and owner != _record_id(write):
            raise errors.invalid("number", "This number is already used.")

    return check


def _not_own_parent(write):
    parent = write.result.get("parent_client")
    if parent is not None and parent["id"] == _record_id(write):
        raise errors.invalid("parent_client", "A client cannot be its own parent.")


def _is_organization(name, expected):
    def check(write):
        contact = _referenced(write, name, "contacts")
        if contact is not None and contact["is_organization"] is not expected:
            kind = "an organization" if expected else "a person"
            raise errors.invalid(name, f"The contact must be {kind}.")

    return check


def _split_type(write):
    if write.current is None and write.result["split_type"] == MAIN_DEBTOR:
        raise errors.invalid("split_type", "Only the server creates the main debtor.")


def _percentage(write):
    value = write.result.get("percentage")
    if write.result["split_type"] == MAIN_DEBTOR and value is not None:
        raise errors.invalid("percentage", "The main debtor has no percentage.")
    if write.result["split_type"] == PERCENTAGE and value is None:
        raise errors.invalid("percentage", "A percentage debtor needs a percentage.")


def _debtor_email(name):
    def check(write):
        value = write.result.get(name)
        if value is None:
            return
        owners = {
            write.result[key]["id"]
            for key in ("debtor", "contact_person")
            if write.result.get(key)
        }
        detail = write.store.detail(value["id"])
        if (
            detail is None
            or detail["contact"] not in owners
            or detail["kind"] not in EMAIL_KINDS
        ):
            raise errors.invalid(
                name, "Not an e-mail detail of the debtor or contact person."
            )

    return check


FIELD_RULES = {
    ("contacts", "default_billing_address"): _own_billing_address,
    ("clients", "contact"): _one_client_per_contact,
    ("clients", "number"): _unique_number("clients"),
    ("clients", "parent_client"): _not_own_parent,
    ("contactcontacts", "organization"): _is_organization("organization", True),
    ("contactcontacts", "person"): _is_organization("person", False),
    ("matters", "number"): _unique_number("matters"),
    ("matterdebtors", "contact_person"): _is_organization("contact_person", False),
    ("matterdebtors", "split_type"): _split_type,
    ("matterdebtors", "percentage"): _percentage,
    ("matterdebtors", "to_email"): _debtor_email("to_email"),
    ("matterdebtors", "cc_email"): _debtor_email("cc_email"),
    ("mattercontacts", "contact_person"): _is_organization("contact_person", False),
}


# ---------------------------------------------------------------- business rules


def _not_debtor(write):
    if write.given("debtor") and write.changed("debtor"):
        debtor = _referenced(write, "debtor", "contacts")
        if not debtor["is_debtor"]:
            raise errors.ApiError(
                400, "not_debtor", "The contact is not a debtor.", "debtor"
            )


def _already_linked(write):
    if not write.changed("organization", "person"):
        return
    links = write.store.find(
        "contactcontacts",
        organization=write.result["organization"]["id"],
        person=write.result["person"]["id"],
    )
    for link in links:
        if link["id"] != _record_id(write):
            raise errors.ApiError(
                400,
                "already_linked",
                "This person is already linked to this organization.",
                "person",
                existing_id=link["id"],
            )


def name_key(name):
    """Names are compared trimmed and case-insensitively."""
    return name.strip().casefold()


def _unique_client_name(write):
    if write.current is not None and not write.changed("name"):
        return
    key = name_key(write.result["name"])
    for client in write.store.find("clients"):
        if client["id"] != _record_id(write) and name_key(client["name"]) == key:
            raise errors.ApiError(
                400, "duplicate_name", "A client with this name already exists.", "name"
            )


def _unique_matter_name(write):
    if write.current is not None and not write.changed("name", "client"):
        return
    key = name_key(write.result["name"])
    for matter in write.store.find("matters", client=write.result["client"]["id"]):
        if matter["id"] != _record_id(write) and name_key(matter["name"]) == key:
            raise errors.ApiError(
                400,
                "duplicate_name",
                "This client already has a matter with this name.",
                "name",
            )


def closes_matter(current, result):
    """Whether a write sets softkill_status 1 -> 2 or a first archived_date."""
    if current is None:
        return False
    closing = current["softkill_status"] == 1 and result["softkill_status"] == 2
    archiving = current["archived_date"] is None and result["archived_date"] is not None
    return closing or archiving


def _close_refused(write):
    reason = write.store.close_refusals.get(_record_id(write))
    if reason is not None and closes_matter(write.current, write.result):
        raise errors.ApiError(400, "cannot_close", reason)


BUSINESS_RULES = {
    "clients": (_unique_client_name,),
    "contactcontacts": (_already_linked,),
    "matters": (_unique_matter_name, _close_refused),
    "matterdebtors": (_not_debtor,),
}
