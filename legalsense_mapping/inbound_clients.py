"""LegalSense → Odoo: § Contact to LSClients and § Employee to
LSContactContacts read backwards.

A client adds its values to the contact's partner; the users and lookup
values it refers to come back as LS ids in :class:`InboundClient`. A
contact-contact gives the contact person its job; the person's own names,
phone, fax and e-mail come from the LS person.
"""

import dataclasses

from .formats import text
from .inbound import ref_id


@dataclasses.dataclass
class InboundClient:
    """An LS client read for Odoo."""

    values: dict
    originating_user_ls_id: int | None = None
    originating_user_field: str = "originator_id"
    sector_ls_id: int | None = None
    branch_ls_id: int | None = None
    referrer_ls_id: int | None = None
    parent_client_ls_id: int | None = None


def client_values(client, settings):
    """The partner values of an LS client (§ Contact to LSClients backwards)."""
    mapping = settings.mapping
    values = {"legalsense_is_client": True}
    number = text(client.get("number"))
    # UseClientCode: the client code is stored and shown on the contact.
    if settings.use_client_code and number:
        values["legalsense_client_code"] = number
    # Row "alternative_names | AliasName when SyncCompanyUseAliasToAlternativeName;
    # otherwise PreviousName"
    alternative = text(client.get("alternative_names")) or False
    if mapping.sync_company_use_alias_to_alternative_name:
        values["name_alias"] = alternative
    else:
        values["previous_name"] = alternative
    # Row "billing_instructions | only when SyncClientBillingInstructions"
    if mapping.sync_client_billing_instructions:
        values["billing_instructions"] = (
            text(client.get("billing_instructions")) or False
        )
    field = text(mapping.sync_client_originating_user_to_cm_field).lower()
    inbound = InboundClient(
        values=values,
        originating_user_ls_id=ref_id(client.get("originating_user")),
        originating_user_field="user_id" if field == "owner" else "originator_id",
        parent_client_ls_id=ref_id(client.get("parent_client")),
    )
    # Row "sector | first segment / lookup" (SyncClientSegment or
    # SyncClientSectorToCMField)
    if text(mapping.sync_client_sector_to_cm_field) or mapping.sync_client_segment:
        inbound.sector_ls_id = ref_id(client.get("sector"))
    # Row "branches | only first item synced" (SyncClientBranchesToCMField)
    if text(mapping.sync_client_branches_to_cm_field):
        branches = client.get("branches") or []
        inbound.branch_ls_id = ref_id(branches[0]) if branches else None
    # Row "referrer | first referral | only when SyncClientReferral"
    if mapping.sync_client_referral:
        inbound.referrer_ls_id = ref_id(client.get("referrer"))
    return inbound


# ------------------------------------------------------------ contact-contacts


def contact_contact_values(link, existing=None):
    """The contact person's values from an LS contact-contact (its job).

    Row "job_description | Employee.JobFunction display name | falls back to
    Employee.JobTitle" read backwards: the job description goes back where it
    was sent from, the job title (``job_title``) of a person who has one and
    no job function, else the job function (``function``). ``existing``
    holds the person's Odoo values; None for a person still to be created.
    """
    job = text(link.get("job_description")) or False
    existing = existing or {}
    if not existing.get("function") and existing.get("job_title"):
        return {"job_title": job}
    return {"function": job}


def employee_values(person_values):
    """What a contact person takes over from the person (§ Import All):
    names, and phone, fax and e-mail."""
    keys = (
        "firstname",
        "lastname",
        "infix",
        "initials",
        "gender",
        "name_suffix",
        "phone",
        "mobile",
        "fax",
        "email",
    )
    return {key: person_values[key] for key in keys if key in person_values}
