"""Three-way merge of a payload with LegalSense's record (conflicting changes)."""

from legalsense_mapping.merge import (
    as_path,
    path_text,
    same,
    three_way,
    value_at,
    with_value,
)

EMAIL = ("details", ("kind", "email"))
PHONE = ("details", ("kind", "phone"))


def details(**values):
    return [{"kind": kind, "value": value} for kind, value in values.items()]


def contact(**values):
    record = {
        "id": 7,
        "first_name": "Jan",
        "last_name": "Jansen",
        "details": details(email="jan@example.nl", phone="010 1234567"),
        "modified_date": "2026-12-01T10:00:00.000000+00:00",
    }
    record.update(values)
    return record


def payload(**values):
    sent = {
        "first_name": "Jan",
        "last_name": "Jansen",
        "details": details(email="jan@example.nl", phone="010 1234567"),
    }
    sent.update(values)
    return sent


def test_nothing_changed_in_legalsense_sends_odoo_values():
    ours = payload(last_name="Janssen")
    merge = three_way(contact(), ours, contact())
    assert merge.payload == ours
    assert merge.changed_there == {}
    assert merge.conflicts == {}


def test_a_value_changed_only_in_legalsense_is_kept():
    theirs = contact(first_name="Johannes")
    merge = three_way(contact(), payload(last_name="Janssen"), theirs)
    assert merge.payload == payload(first_name="Johannes", last_name="Janssen")
    assert merge.changed_there == {("first_name",): "Johannes"}
    assert merge.conflicts == {}


def test_different_details_on_both_sides_merge_kind_by_kind():
    ours = payload(details=details(email="jan@new.nl", phone="010 1234567"))
    theirs = contact(details=details(email="jan@example.nl", phone="06 12345678"))
    merge = three_way(contact(), ours, theirs)
    assert merge.payload["details"] == details(email="jan@new.nl", phone="06 12345678")
    assert merge.changed_there == {PHONE: [{"kind": "phone", "value": "06 12345678"}]}
    assert merge.conflicts == {}


def test_one_value_changed_on_both_sides_is_a_conflict_keeping_legalsense():
    ours = payload(details=details(email="jan@odoo.nl", phone="010 1234567"))
    theirs = contact(details=details(email="jan@ls.nl", phone="010 1234567"))
    merge = three_way(contact(), ours, theirs)
    assert merge.conflicts == {
        EMAIL: (
            [{"kind": "email", "value": "jan@odoo.nl"}],
            [{"kind": "email", "value": "jan@ls.nl"}],
        )
    }
    assert merge.payload["details"] == details(email="jan@ls.nl", phone="010 1234567")
    assert merge.changed_there == {}


def test_the_same_new_value_on_both_sides_is_no_conflict():
    merge = three_way(contact(), payload(last_name="Smit"), contact(last_name="Smit"))
    assert merge.payload == payload(last_name="Smit")
    assert merge.conflicts == {} and merge.changed_there == {}


def test_a_detail_added_in_legalsense_is_kept_and_one_removed_there_stays_removed():
    theirs = contact(details=details(email="jan@example.nl", fax="010 7654321"))
    merge = three_way(contact(), payload(), theirs)
    assert merge.payload["details"] == details(
        email="jan@example.nl", fax="010 7654321"
    )
    assert set(merge.changed_there) == {
        PHONE,
        ("details", ("kind", "fax")),
    }
    assert merge.changed_there[PHONE] is None


def test_nested_values_merge_key_by_key_and_unsent_keys_are_ignored():
    base = contact(address_label_name={"internal": "Dhr. J. Jansen", "attention": ""})
    theirs = contact(
        address_label_name={"internal": "Dhr. J. Jansen", "attention": "T.a.v. Jan"}
    )
    ours = payload(address_label_name={"internal": "De heer J. Jansen"})
    merge = three_way(base, ours, theirs)
    assert merge.payload["address_label_name"] == {"internal": "De heer J. Jansen"}
    assert merge.conflicts == {} and merge.changed_there == {}


def test_an_open_conflict_stays_until_both_sides_agree():
    held = [["details", ["kind", "email"]]]
    base = contact(details=details(email="jan@ls.nl", phone="010 1234567"))
    ours = payload(details=details(email="jan@odoo.nl", phone="010 1234567"))
    merge = three_way(base, ours, base, held)
    assert list(merge.conflicts) == [EMAIL]
    assert value_at(merge.payload, EMAIL) == [{"kind": "email", "value": "jan@ls.nl"}]
    agreed = payload(details=details(email="jan@ls.nl", phone="010 1234567"))
    assert three_way(base, agreed, base, held).conflicts == {}


def test_empty_and_absent_texts_are_the_same():
    assert same("", None)
    assert same({"a": ""}, {"a": None})
    assert not same("x", None)


def test_paths_read_set_and_print():
    record = contact()
    assert value_at(record, EMAIL) == [{"kind": "email", "value": "jan@example.nl"}]
    assert value_at(record, ("address_label_name", "internal")) is None
    changed = with_value(record, EMAIL, [{"kind": "email", "value": "x@y.nl"}])
    assert changed["details"] == details(email="x@y.nl", phone="010 1234567")
    assert record["details"] == details(email="jan@example.nl", phone="010 1234567")
    removed = with_value(record, PHONE, None)
    assert removed["details"] == details(email="jan@example.nl")
    assert with_value({}, ("a", "b"), 1) == {"a": {"b": 1}}
    assert path_text(EMAIL) == "details[email]"
    assert (
        path_text(("address_label_name", "internal")) == "address_label_name.internal"
    )
    assert as_path(["details", ["kind", "email"]]) == EMAIL


def test_what_legalsense_holds_besides_the_payload_is_no_change():
    base = contact(details=[{"id": 1, "kind": "phone", "value": "010", "flag": False}])
    theirs = contact(details=[{"id": 1, "kind": "phone", "value": "06", "flag": False}])
    ours = payload(details=[{"kind": "phone", "value": "010"}])
    merge = three_way(base, ours, theirs)
    assert merge.conflicts == {}
    assert list(merge.changed_there) == [PHONE]
    flagged = contact(
        details=[{"id": 1, "kind": "phone", "value": "010", "flag": True}]
    )
    assert three_way(base, ours, flagged).changed_there == {}
