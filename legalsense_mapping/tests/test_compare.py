from legalsense_mapping.compare import differences, holds


def test_a_record_holds_the_values_sent_and_more():
    stored = {"id": 3, "city": "Eindhoven", "contact": {"id": 3, "name": "X"}}
    assert holds(stored, {"city": "Eindhoven", "contact": {"id": 3}})


def test_a_changed_value_is_named_by_its_path():
    stored = {"city": "Eindhoven", "contact": {"id": 3}}
    sent = {"city": "Delft", "contact": {"id": 4}}
    assert differences(stored, sent) == ["city", "contact.id"]
    assert not holds(stored, sent)


def test_empty_texts_are_alike_and_numbers_by_value():
    assert holds({"title": None, "percentage": "50.0"}, {"title": "", "percentage": 50})
    assert not holds({"is_debtor": "1"}, {"is_debtor": True})


def test_lists_are_compared_item_by_item_in_any_order():
    stored = {
        "details": [{"kind": "email", "value": "a@x"}, {"kind": "phone", "value": "1"}]
    }
    assert holds(
        stored,
        {
            "details": [
                {"kind": "phone", "value": "1"},
                {"kind": "email", "value": "a@x"},
            ]
        },
    )
    assert not holds(
        stored,
        {
            "details": [
                {"kind": "phone", "value": "2"},
                {"kind": "email", "value": "a@x"},
            ]
        },
    )
    assert not holds(stored, {"details": [{"kind": "phone", "value": "1"}]})


def test_nothing_known_holds_nothing():
    assert not holds(None, {})
    assert differences("text", {"id": 1}) == ["."]
