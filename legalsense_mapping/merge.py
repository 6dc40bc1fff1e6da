"""Three-way merge of a payload with LegalSense's record: conflicting changes.

Three versions of one LegalSense record meet when an export finds that
LegalSense changed it since the last sync:

* ``base``: the record as the last sync left it (the answer to the last
  write, or the record as an import read it);
* ``ours``: the payload built from Odoo's values now;
* ``theirs``: the record as LegalSense holds it now.

The merge goes down the payload value by value: a dictionary key by key, and
a list of ``{"kind": ...}`` items (the contact details) kind by kind, so that
Odoo's new e-mail address and LegalSense's new phone number are two values.
A value changed on one side only takes that side's value; a value changed on
both sides to different values is a conflict. The merged payload holds
LegalSense's value where LegalSense changed it, so sending it writes only
what Odoo changed.

A path names one value: a tuple of dictionary keys and ``("kind", name)``
steps, e.g. ``("details", ("kind", "email"))``.
"""

import dataclasses

from .compare import differences

KIND = "kind"


@dataclasses.dataclass
class Merge:
    """What a three-way merge found.

    ``payload`` is what to send; ``changed_there`` maps the paths LegalSense
    alone changed to its value, ``conflicts`` the paths both sides changed to
    ``(ours, theirs)``. The payload holds LegalSense's value on both.
    """

    payload: dict
    changed_there: dict = dataclasses.field(default_factory=dict)
    conflicts: dict = dataclasses.field(default_factory=dict)


def three_way(base, ours, theirs, held=()):
    """Merge ``ours`` with ``theirs``, both changed since ``base``.

    ``held`` holds the paths of conflicts still open: their value stays
    LegalSense's (a conflict again) until both sides hold the same value.
    """
    merge = Merge(payload={})
    merge.payload = _merge(
        (), base or {}, ours, theirs or {}, merge, frozenset(map(as_path, held))
    )
    return merge


def same(left, right):
    """Whether two values are the same for the sync (see compare.differences)."""
    return not differences(left, right) and not differences(right, left)


def value_at(record, path):
    """The value of ``record`` at ``path`` (None when absent)."""
    value = record
    for step in path:
        if isinstance(step, tuple):
            value = _kind_items(value).get(step[1])
        elif isinstance(value, dict):
            value = value.get(step)
        else:
            return None
    return value


def with_value(record, path, value):
    """A copy of ``record`` holding ``value`` at ``path`` (copied on the way)."""
    if not path:
        return value
    step, rest = path[0], path[1:]
    if isinstance(step, tuple):
        items = _kind_items(record)
        items[step[1]] = with_value(items.get(step[1]), rest, value)
        return _kind_list(items)
    copy = dict(record) if isinstance(record, dict) else {}
    copy[step] = with_value(copy.get(step), rest, value)
    return copy


def path_text(path):
    """A path as people read it: ``details[email]``, ``address_label_name.internal``."""
    text = ""
    for step in path:
        if isinstance(step, tuple):
            text += f"[{step[1]}]"
        else:
            text += f".{step}" if text else step
    return text


def as_path(value):
    """A path stored as JSON (lists) back as a tuple."""
    return tuple(tuple(step) if isinstance(step, list) else step for step in value)


def _merge(path, base, ours, theirs, merge, held):
    if isinstance(ours, dict):
        base = base if isinstance(base, dict) else {}
        theirs = theirs if isinstance(theirs, dict) else {}
        return {
            key: _merge(
                path + (key,), base.get(key), value, theirs.get(key), merge, held
            )
            for key, value in ours.items()
        }
    if isinstance(ours, list) and all(map(_is_kind_list, (ours, base, theirs))):
        return _merge_kinds(path, base, ours, theirs, merge, held)
    return _merge_value(path, base, ours, theirs, merge, held)


def _merge_kinds(path, base, ours, theirs, merge, held):
    """A list of ``{"kind": ...}`` items, merged kind by kind (the contact
    details: one e-mail, one phone, ...)."""
    base, ours, theirs = map(_kind_items, (base, ours, theirs))
    kinds = list(ours) + [kind for kind in theirs if kind not in ours]
    merged = {
        kind: _merge_value(
            path + ((KIND, kind),),
            base.get(kind),
            ours.get(kind),
            theirs.get(kind),
            merge,
            held,
        )
        for kind in kinds
    }
    return _kind_list(merged)


def _merge_value(path, base, ours, theirs, merge, held):
    """One value. LegalSense's records hold more than a payload (ids, flags
    the mapping does not send): a side changed a value when it no longer
    holds what the payload owns of it."""
    if not differences(theirs, ours):
        return ours
    if path in held:
        merge.conflicts[path] = (ours, theirs)
        return theirs
    if same(_owned(base, ours), _owned(theirs, ours)):
        return ours
    if not differences(base, ours):
        merge.changed_there[path] = theirs
    else:
        merge.conflicts[path] = (ours, theirs)
    return theirs


def _owned(value, shape):
    """What of a LegalSense ``value`` a payload value ``shape`` writes: the
    keys of a dictionary, the keys of a list's items."""
    if isinstance(shape, dict) and isinstance(value, dict):
        return {key: _owned(value.get(key), part) for key, part in shape.items()}
    if isinstance(shape, list) and isinstance(value, list) and shape:
        keys = {key for item in shape if isinstance(item, dict) for key in item}
        return [
            {key: item.get(key) for key in keys} if isinstance(item, dict) else item
            for item in value
        ]
    return value


def _is_kind_list(value):
    return value is None or (
        isinstance(value, list)
        and all(isinstance(item, dict) and KIND in item for item in value)
    )


def _kind_items(value):
    """{kind: [items of that kind]} of a list of ``{"kind": ...}`` items."""
    items = {}
    for item in value if isinstance(value, list) else ():
        items.setdefault(item.get(KIND), []).append(item)
    return items


def _kind_list(items):
    return [item for kind_items in items.values() for item in kind_items or ()]
