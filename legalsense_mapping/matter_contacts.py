"""§ ActivityAttendee to LSMatterContacts: party payloads and client matter contact.

Also § Matter to LSMatters "Employee contact — client matter contact" and
the originator synced as a matter contact (SyncMatterOriginatorToCMField set
to a contact_kind ID). Note of § ActivityAttendee to LSMatterContacts:
"existing records are always deleted and re-created on update, because the
LS API does not support changing contact or kind": a matter contact is never
updated in place; any change of its payload (contact, contact person, kind,
their reference) deletes it and creates it again.
"""

import dataclasses

from .formats import id_ref, text


@dataclasses.dataclass(frozen=True)
class PartySource:
    """A matter party (CM ActivityAttendee) as the mapping rules read it.

    ``contact_ls_id`` is the party's LS contact, or its company's when the
    party is a contact person at a company; ``contact_person_ls_id`` is then
    the person's LS contact. ``kind_ls_id`` is the activity role's LS
    contact kind.
    """

    odoo_id: int
    matter_ls_id: int | None = None
    contact_ls_id: int | None = None
    contact_person_ls_id: int | None = None
    kind_ls_id: int | None = None
    their_reference: str = ""


def matter_contact_payload(source):
    """The LS mattercontacts payload, row by row."""
    person = source.contact_person_ls_id
    return {
        # Row "contact.id | company external ID (if employee) or contact
        # external ID"
        "contact": id_ref(source.contact_ls_id),
        # Row "contact_person.id | Employee.Person external ID | only when
        # contact is an Employee and person ID ≠ company ID; null otherwise"
        "contact_person": id_ref(person if person != source.contact_ls_id else None),
        # Row "matter.id | matter external ID"
        "matter": id_ref(source.matter_ls_id),
        # Row "kind.id | ActivityAttendee.ActivityRole LEGALSENSE_INTERNAL
        # external ID"
        "kind": id_ref(source.kind_ls_id),
        # Row "their_reference | ActivityAttendee.AttendeeReference"
        "their_reference": text(source.their_reference),
    }


def person_matter_contact_payload(matter_ls_id, person_ls_id, kind_ls_id):
    """A person linked to the matter in a role: the client's contact person
    (kind MatterContactActivityRoleCodeForClient) or the originator (kind the
    contact_kind ID of SyncMatterOriginatorToCMField)."""
    return {
        "contact": id_ref(person_ls_id),
        "matter": id_ref(matter_ls_id),
        "kind": id_ref(kind_ls_id),
    }


def _ref_id(reference):
    return (reference or {}).get("id")


def find_created_matter_contact(ls_matter_contacts, payload, linked_ids):
    """The matter contact a lost create made: same contact and kind, not linked
    to another Odoo record; the newest when several match."""
    found = [
        record
        for record in ls_matter_contacts
        if record["id"] not in linked_ids
        and _ref_id(record.get("contact")) == _ref_id(payload.get("contact"))
        and _ref_id(record.get("kind")) == _ref_id(payload.get("kind"))
    ]
    return max(found, key=lambda record: record["id"]) if found else None
