# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The steps of each import and the step model that imports each one.

A run is planned as lines, one per step (per lookup list for the lookup
step), in the order of ``ACTION_STEPS``; the nightly job follows the
manual's Jobs 1–5. Each step is imported by the step model ``STEP_MODELS``
names.
"""

# step: label
STEPS = {
    "cleanup": "Clean up the log directory",
    "lookups": "Lookup items",
    "languages": "Languages",
    "address_templates": "Address templates",
    "offices": "Offices",
    "users": "Users",
    "practice_groups": "Practice groups",
    "contacts": "Contacts",
    "addresses": "Addresses",
    "contact_contacts": "Contact persons",
    "clients": "Clients",
    "matters": "Matters",
    "matter_debtors": "Matter debtors",
    "matter_contacts": "Matter contacts",
    "changed_contacts": "Changed contacts",
    "changed_addresses": "Changed addresses",
    "changed_contact_contacts": "Changed contact persons",
    "client_codes": "Client codes",
    "bank_accounts": "Bank account numbers",
    "billing_instructions": "Billing instructions",
    "branches": "Branches",
}
# The lookup lists of Job 2, in the manual's order: resource, record type.
LOOKUP_RESOURCES = [
    ("addresskinds", "AddressKind"),
    ("practiceareas", "PracticeArea"),
    ("mattertypes", "MatterType"),
    ("sectors", "Sector"),
    ("contactkinds", "ContactKind"),
    ("referrers", "Referrer"),
    ("branches", "Branch"),
]
_DATA = ["contacts", "addresses", "contact_contacts"]
_MATTERS = ["clients", "matters", "matter_debtors", "matter_contacts"]
_PREPARATION = ["lookups", "languages", "address_templates"]
_USERS = ["offices", "users", "practice_groups"]
_CHANGED = ["changed_contacts", "changed_addresses", "changed_contact_contacts"]
ACTION_STEPS = {
    "complete": _PREPARATION + _USERS + _DATA + _MATTERS,
    "all": _PREPARATION + _USERS + _DATA + _MATTERS,
    "lookups": _PREPARATION,
    "users": ["offices", "users"],
    "practice_groups": ["practice_groups"],
    "contacts": _DATA,
    "contacts_matters": _DATA + _MATTERS,
    "matters": _MATTERS,
    "changed_clients": _CHANGED,
    "update_client_code": ["client_codes"],
    "bank_account_numbers": ["bank_accounts"],
    "billing_instructions": ["billing_instructions"],
    "branches": ["branches"],
    "nightly": ["cleanup", *_PREPARATION, *_USERS, *_CHANGED],
}
# Steps that read a LegalSense list page by page: step -> resource.
PAGED_STEPS = {
    "contacts": "contacts",
    "addresses": "addresses",
    "contact_contacts": "contactcontacts",
    "clients": "clients",
    "matters": "matters",
    "matter_debtors": "matterdebtors",
    "matter_contacts": "mattercontacts",
    "client_codes": "clients",
    "bank_accounts": "contacts",
    "billing_instructions": "clients",
    "branches": "clients",
    "changed_contacts": "contacts",
    "changed_addresses": "addresses",
    "changed_contact_contacts": "contactcontacts",
}
# Steps importing each record in a transaction of its own (§ Job 5); they run
# in the one job of a nightly or changed-clients run.
RECORD_STEPS = ("changed_contacts", "changed_addresses", "changed_contact_contacts")
# A run that should hold the timestamp lock (one job) instead of chaining jobs.
LOCKED_ACTIONS = ("nightly", "changed_clients")

# step: the step model importing it. A step model has a method
# ``_step_<step>(run, line, tally, page)`` per step (a record step instead
# ``_import_changed_record(run, line, record, tally)``).
STEP_MODELS = {
    "cleanup": "legalsense.import.step.cleanup",
    "lookups": "legalsense.import.step.lookups",
    "languages": "legalsense.import.step.lookups",
    "address_templates": "legalsense.import.step.lookups",
    "offices": "legalsense.import.step.users",
    "users": "legalsense.import.step.users",
    "practice_groups": "legalsense.import.step.practice_groups",
    "contacts": "legalsense.import.step.contacts",
    "bank_accounts": "legalsense.import.step.contacts",
    "addresses": "legalsense.import.step.addresses",
    "contact_contacts": "legalsense.import.step.contact_persons",
    "clients": "legalsense.import.step.clients",
    "client_codes": "legalsense.import.step.clients",
    "billing_instructions": "legalsense.import.step.clients",
    "branches": "legalsense.import.step.clients",
    "matters": "legalsense.import.step.matters",
    "matter_debtors": "legalsense.import.step.matters",
    "matter_contacts": "legalsense.import.step.matters",
    "changed_contacts": "legalsense.import.step.changed",
    "changed_addresses": "legalsense.import.step.changed",
    "changed_contact_contacts": "legalsense.import.step.changed",
}
