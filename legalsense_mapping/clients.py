"""§ Contact to LSClients: the client payload of a company or person.

``existing`` is the LS client as it is now, ``None`` when it is new;
``version`` the LS version (a string such as "18.120" or a version object).
For an existing client the payload is meant for PATCH.
"""

from .contacts import ACTIVE, ARCHIVED
from .custom_field_values import lookup_value_of
from .formats import format_date, id_ref, text
from .versions import supports_client_parent

# SyncClientSectorToCMField / SyncClientBranchesToCMField: the contact's
# lookup collections by setting value (lower case).
_COLLECTIONS = {
    "industry": lambda source: (source.industry,),
    "industrycode": lambda source: (source.industry,),
    "interest": lambda source: source.interests,
    "segment": lambda source: source.segments,
    "tag": lambda source: source.tags,
    "tag2": lambda source: source.tags2,
    "referral": lambda source: source.referrals,
    "stockexchange": lambda source: (source.stock_exchange,),
}
SECTOR_SOURCES = ("Industry", "IndustryCode", "Interest", "Segment", "Tag", "Tag2",
                  "Referral", "StockExchange")  # fmt: skip
# The collections SyncClientBranchesToCMField names; any other value is a
# LookupField code.
BRANCH_SOURCES = ("Industry", "IndustryCode", "Segment", "Tag", "Tag2")


def client_payload(source, settings, version, existing=None):
    """The LS client payload, row by row of § Contact to LSClients."""
    payload = {}
    if existing is None:
        _new_only_rows(payload, source, settings)
    # Row "always | name | Company.OfficialName (Name when SyncCompanyUseDisplayName);
    # person: Person.GetName()"
    payload["name"] = client_name(source, settings)
    # Row "always | alternative_names | AliasName when
    # SyncCompanyUseAliasToAlternativeName; otherwise PreviousName"
    payload["alternative_names"] = alternative_names(source, settings)
    # Row "always | parent_client | Company.MemberOf | LS version > 15.55 only;
    # null when no parent"
    if supports_client_parent(version):
        payload["parent_client"] = id_ref(source.parent_client_ls_id)
    # Row "always | originating_user | Owner or OwnerSub"
    payload["originating_user"] = id_ref(originating_user_id(source, settings))
    # Row "always | is_identified | Identification.FileName | true when present"
    payload["is_identified"] = bool(source.identification_present)
    _sector_row(payload, source, settings)
    _branches_row(payload, source, settings)
    # Row "always | referrer | first referral | only when SyncClientReferral"
    if settings.sync_client_referral:
        payload["referrer"] = id_ref(_first_ls_id(source.referrals))
    # Row "always | billing_instructions | only when SyncClientBillingInstructions"
    if settings.sync_client_billing_instructions:
        payload["billing_instructions"] = text(source.billing_instructions)
    # Row "always | softkill_status | Contact.InActive | Archived / Active"
    payload["softkill_status"] = ACTIVE if source.active else ARCHIVED
    _client_status_row(payload, source, settings, existing)
    return payload


def _new_only_rows(payload, source, settings):
    # Row "new only | contact.id | contact external ID"
    payload["contact"] = id_ref(source.ls_contact_id)
    # Row "new only | client_status | SyncClientStatusId | only when > 0"
    if settings.sync_client_status_id > 0:
        payload["client_status"] = {"id": settings.sync_client_status_id}
    # Row "new only | is_billable | true"
    payload["is_billable"] = True
    # Row "new only | number | external app ExternalCode | only when
    # CreateClientUseClientCodeFromExternalApplication is set"; left empty the
    # setting means "LegalSense-generated codes": no number is sent.
    number = new_client_number(source, settings)
    if number:
        payload["number"] = number
    # Row "new only | date | Contact.CreateDate | yyyy-MM-dd"
    if source.create_date:
        payload["date"] = format_date(source.create_date)
    # Row "new only | reduction_rate | "0.00""
    payload["reduction_rate"] = "0.00"


def new_client_number(source, settings):
    """The contact's ExternalCode of the application the setting names, or ""
    (LegalSense generates the number)."""
    if not text(settings.create_client_use_client_code_from_external_application):
        return ""
    return text(source.external_client_code)


def _client_status_row(payload, source, settings, existing):
    """Row "always | client_status.id | Contact.InActive | ClosedID / ActiveID".

    A new active client keeps SyncClientStatusId when that is set (its
    new-only row would otherwise always be overwritten); an id of 0 is not
    sent.
    """
    if existing is None and source.active and "client_status" in payload:
        return
    status_id = (
        settings.client_status_code_active_id
        if source.active
        else settings.client_status_code_closed_id
    )
    if status_id > 0:
        payload["client_status"] = {"id": status_id}


def _sector_row(payload, source, settings):
    """Row "always | sector | first segment / lookup | SyncClientSegment or
    SyncClientSectorToCMField". Neither set: sector is not sent."""
    field = text(settings.sync_client_sector_to_cm_field)
    if field:
        payload["sector"] = id_ref(_first_ls_id(_sector_values(source, field)))
    elif settings.sync_client_segment:
        payload["sector"] = id_ref(_first_ls_id(source.segments))


def _sector_values(source, field):
    key = field.lower()
    if key in _COLLECTIONS:
        return _COLLECTIONS[key](source)
    raise ValueError(
        f"SyncClientSectorToCMField {field!r} is not one of {', '.join(SECTOR_SOURCES)}"
    )


def _branches_row(payload, source, settings):
    """Row "always | branches | collection | SyncClientBranchesToCMField; only first
    item synced". Empty setting: branches are not sent."""
    field = text(settings.sync_client_branches_to_cm_field)
    if not field:
        return
    ls_id = _first_ls_id(_branch_values(source, field))
    payload["branches"] = [{"id": ls_id}] if ls_id else []


def _branch_values(source, field):
    key = field.lower()
    if key in {name.lower() for name in BRANCH_SOURCES}:
        return _COLLECTIONS[key](source)
    # "or a LookupField Code" (also accepted with the LookupField. prefix)
    code = field.split(".", 1)[1] if key.startswith("lookupfield.") else field
    return (lookup_value_of(source, code),)


def _first_ls_id(values):
    """The LS id of the first value ("only the first item"); None when there is none."""
    for value in values:
        if value is None:
            continue
        return value.ls_id
    return None


def client_name(source, settings):
    """Company: OfficialName, or Name when SyncCompanyUseDisplayName; person: the name.

    An empty official name falls back to the display name (LS needs a name).
    """
    if not source.is_company or settings.sync_company_use_display_name:
        return text(source.name)
    return text(source.official_name) or text(source.name)


def alternative_names(source, settings):
    """AliasName when SyncCompanyUseAliasToAlternativeName, otherwise PreviousName."""
    if settings.sync_company_use_alias_to_alternative_name:
        return text(source.alias_name)
    return text(source.previous_name)


def originating_user_id(source, settings):
    """SyncClientOriginatingUserToCMField: the Owner's or the OwnerSub's LS user id."""
    field = text(settings.sync_client_originating_user_to_cm_field)
    if field.lower() == "owner":
        return source.owner_ls_user_id
    if field.lower() == "ownersub":
        return source.owner_sub_ls_user_id
    raise ValueError(
        f"SyncClientOriginatingUserToCMField {field!r} is not Owner or OwnerSub"
    )


def duplicate_name_candidates(name, postal_city, odoo_id):
    """The names to try in turn when LS answers duplicate_name.

    "if LS rejects the name as duplicate, the postal city is appended; if
    still duplicate, the CM entity ID is appended in brackets". Without a
    postal city the city step is skipped.
    """
    name = text(name)
    city = text(postal_city)
    with_city = f"{name} {city}" if city else name
    candidates = [name, with_city, f"{with_city} ({odoo_id})"]
    return list(dict.fromkeys(candidates))


def accepted_client_name(name, existing_name, postal_city, odoo_id):
    """The name to send for an existing client: the one LS accepted earlier.

    After a duplicate name LS holds one of the candidates of
    ``duplicate_name_candidates``; sending the plain name again would be
    refused again. A name that is no candidate (the contact was renamed) is
    sent as it is.
    """
    existing_name = text(existing_name)
    candidates = duplicate_name_candidates(name, postal_city, odoo_id)
    if existing_name and existing_name in candidates[1:]:
        return existing_name
    return text(name)
