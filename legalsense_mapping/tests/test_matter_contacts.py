"""§ ActivityAttendee to LSMatterContacts row by row, and the re-create rule."""

import dataclasses

import pytest

from legalsense_mapping.matter_contacts import (
    PartySource,
    find_created_matter_contact,
    matter_contact_payload,
    person_matter_contact_payload,
)

SOURCE = PartySource(
    odoo_id=3,
    matter_ls_id=9001,
    contact_ls_id=1001,
    kind_ls_id=2,
    their_reference="Ref. 2024/88",
)
ALWAYS = {
    "contact": {"id": 1001},
    "contact_person": None,
    "matter": {"id": 9001},
    "kind": {"id": 2},
    "their_reference": "Ref. 2024/88",
}


@pytest.mark.parametrize(
    "changes, expect",
    [
        pytest.param(
            {"contact_ls_id": 1005},
            {"contact": {"id": 1005}},
            id="contact.id | company (if employee) or contact external ID",
        ),
        pytest.param(
            {"contact_person_ls_id": 1002},
            {"contact_person": {"id": 1002}},
            id="contact_person.id | Employee.Person external ID",
        ),
        pytest.param(
            {"contact_person_ls_id": 1001},
            {},
            id="contact_person.id | null when person ID = company ID",
        ),
        pytest.param({}, {}, id="matter.id | matter external ID"),
        pytest.param(
            {"kind_ls_id": 4},
            {"kind": {"id": 4}},
            id="kind.id | ActivityRole LEGALSENSE_INTERNAL external ID",
        ),
        pytest.param(
            {"their_reference": False},
            {"their_reference": ""},
            id="their_reference | ActivityAttendee.AttendeeReference",
        ),
    ],
)
def test_matter_contact_rows(changes, expect):
    payload = matter_contact_payload(dataclasses.replace(SOURCE, **changes))
    assert payload == ALWAYS | expect


def test_person_matter_contact_payload():
    assert person_matter_contact_payload(9001, 1002, 1) == {
        "contact": {"id": 1002},
        "matter": {"id": 9001},
        "kind": {"id": 1},
    }


def test_find_created_matter_contact():
    records = [
        ALWAYS | {"id": 5},
        ALWAYS | {"id": 6},
        ALWAYS | {"id": 7, "kind": {"id": 1}},
    ]
    assert find_created_matter_contact(records, ALWAYS, set())["id"] == 6
    assert find_created_matter_contact(records, ALWAYS, {6})["id"] == 5
    assert find_created_matter_contact(records, ALWAYS, {5, 6}) is None
