"""§ Company to LSContacts and § Person to LSContacts: the contact payload.

``existing`` is the LS contact as it is now (a dict from the API), ``None``
when the contact is new. "new only" rows are written only for a new
contact; "always" rows on every sync. For an existing contact the payload
is meant for PATCH: it leaves out what must not change.

The contact ``number`` is never sent: the contract makes it read-only
(server-assigned).
"""

import re

from .custom_field_values import (
    CONTACT_STANDARD_FIELDS,
    custom_field_values,
    split_standard_and_custom,
)
from .custom_fields import parse_custom_fields
from .details import communication_details
from .formats import format_date, id_ref, text
from .salutations import attention_line, formal_salutation
from .vat import EU_MEMBER_CODES, NATIONAL, tax_scheme

ACTIVE = 1
ARCHIVED = 2

_LANGUAGE = re.compile(r"^([a-z]{2})(?:[_@-].*)?$")
_NAME_PARTS = re.compile(r"[\s-]+")


def company_contact_payload(
    source, settings, existing=None, eu_countries=EU_MEMBER_CODES
):
    """The LS contact payload of a company, row by row of § Company to LSContacts."""
    payload = {}
    if existing is None:
        _new_only_rows(payload, source, is_organization=True)
    # Row "always | first_name / last_name / name_prefix | "" | required by LS API"
    payload.update(first_name="", last_name="", name_prefix="")
    _is_debtor_row(payload, existing)
    # Row "always | organization_number | Company.ChamberOfCommerce"
    payload["organization_number"] = text(source.chamber_of_commerce)
    # Row "always | organization_name | Company.OfficialName" (Name when
    # SyncCompanyUseDisplayName = true and SyncCompanyContactUseOfficialName = false)
    payload["organization_name"] = organization_name(source, settings)
    # Row "always | vat_number | Company.TaxNumber"
    payload["vat_number"] = text(source.vat)
    # Row "always | invoice_language | Company.Language"
    payload["invoice_language"] = invoice_language(source.language)
    # Row "always | tax_scheme | calculated | see VAT (BTW)"
    payload["tax_scheme"] = contact_tax_scheme(source, settings, eu_countries)
    # Row "always | softkill_status | Company.InActive"
    _softkill_row(payload, existing, archive=not source.active, activate=source.active)
    # Row "always | account_manager_user | Company.Owner | only when ViewOwner
    # includes Company; null otherwise"
    owner_visible = settings.owner_visible_for("Company")
    payload["account_manager_user"] = (
        id_ref(source.owner_ls_user_id) if owner_visible else None
    )
    # Row "always | has_dunning | LookupFieldValues"
    payload["has_dunning"] = has_dunning(source, settings)
    _bank_rows(payload, source, settings)
    # Row "always | peppol_id | Company.PeppolNumber | only when
    # ShowCompanyPeppolNumber"
    if settings.show_company_peppol_number:
        payload["peppol_id"] = text(source.peppol_id)
    # Rows "always | details[phone/cellphone/fax/website/email*]"
    payload["details"] = communication_details(source)
    # Row "always | custom_fields | CompanyCustomFields"
    _custom_fields_row(payload, source, settings, settings.company_custom_fields)
    return payload


def _new_only_rows(payload, source, is_organization):
    """The "new only" rows, alike in § Company and § Person to LSContacts."""
    # Row "new only | is_organization | true" (company) / "false" (person)
    payload["is_organization"] = is_organization
    # Row "new only | is_debtor | false"
    payload["is_debtor"] = False
    # Row "new only | softkill_status | Active"
    payload["softkill_status"] = ACTIVE
    # Row "new only | invoice_language | Company.Language / Person.Language"
    payload["invoice_language"] = invoice_language(source.language)
    # Row "new only | tax_scheme | National | overridden in always pass"
    payload["tax_scheme"] = NATIONAL


def person_contact_payload(
    source, settings, existing=None, eu_countries=EU_MEMBER_CODES
):
    """The LS contact payload of a person, row by row of § Person to LSContacts."""
    payload = {}
    if existing is None:
        _new_only_rows(payload, source, is_organization=False)
    _is_debtor_row(payload, existing)
    _person_name_rows(payload, source, settings)
    # Row "always | invoice_language | Person.Language"
    payload["invoice_language"] = invoice_language(source.language)
    # Row "always | tax_scheme | calculated | uses person's postal address"
    payload["tax_scheme"] = contact_tax_scheme(source, settings, eu_countries)
    # Row "always | softkill_status | Person.InActive | Archived when inactive
    # and not deceased; Active when active (if currently Archived)"
    _softkill_row(
        payload,
        existing,
        archive=not source.active and not source.deceased,
        activate=source.active,
    )
    # Row "always | account_manager_user | Person.Owner | only when ViewOwner
    # includes Person" (no "null otherwise" here: not sent when not included)
    if settings.owner_visible_for("Person"):
        payload["account_manager_user"] = id_ref(source.owner_ls_user_id)
    # Row "always | has_dunning | LookupFieldValues"
    payload["has_dunning"] = has_dunning(source, settings)
    # Row "always | vat_number | Person.TaxNumber | only when ShowPersonTaxNumber"
    if settings.show_person_tax_number:
        payload["vat_number"] = text(source.vat)
    _bank_rows(payload, source, settings)
    # Rows "always | details[phone/cellphone/fax/website/email*]"
    payload["details"] = communication_details(source)
    # Row "always | custom_fields | PersonCustomFields"
    _custom_fields_row(payload, source, settings, settings.person_custom_fields)
    return payload


def _person_name_rows(payload, source, settings):
    # Row "always | first_name | Person.FirstName | falls back to Person.ChristianNames"
    first_name = text(source.first_name) or text(source.christian_names)
    payload["first_name"] = first_name
    # Row "always | last_name | Person.LastNameNoLastNamePrefix"
    payload["last_name"] = text(source.last_name)
    # Row "always | name_prefix | Person.LastNamePrefix"
    payload["name_prefix"] = text(source.name_prefix)
    # Row "always | initials | Person.Initials | auto-derived when empty"
    payload["initials"] = text(source.initials) or derived_initials(first_name)
    # Row "always | gender | Person.GenderType | Male / Female / null"
    payload["gender"] = gender(source.gender)
    # Row "always | birthdate | Person.BirthDate | yyyy-MM-dd; null when not set"
    payload["birthdate"] = format_date(source.birthdate)
    # Row "always | title | Person.Title"
    payload["title"] = text(source.title)
    # Row "always | suffix_title | Person.Suffix | only when SyncPersonSuffix"
    if settings.sync_person_suffix:
        payload["suffix_title"] = text(source.suffix)
    # Row "always | salutation | GetSalutation(Formal) | only when
    # PersonSalutationOverwrite; culture from person language or domain default".
    # The salutation stored on the person; generated when it has none.
    if settings.person_salutation_overwrite:
        payload["salutation"] = text(source.salutation) or formal_salutation(
            source.gender, source.name_prefix, source.last_name, source.language
        )
    # Row "always | address_label_name.internal | GetAttention() | only when
    # PersonAttentionOverwrite". The attention line stored on the person;
    # generated when it has none.
    if settings.person_attention_overwrite:
        attention = text(source.attention) or attention_line(
            source.title, payload["initials"], source.name_prefix, source.last_name
        )
        payload["address_label_name"] = {"internal": attention}
    # Row "always | attention | Person.CustomAttention | only when
    # PersonAttentionOverwriteWithCustomAttention"
    if settings.person_attention_overwrite_with_custom_attention:
        payload["attention"] = text(source.custom_attention)


def _is_debtor_row(payload, existing):
    # Row "always | is_debtor | true | when default_billing_address is already
    # set in LS". Otherwise not sent for an existing contact: the address sync
    # sets it together with the billing address.
    if existing and existing.get("default_billing_address"):
        payload["is_debtor"] = True


def _softkill_row(payload, existing, archive, activate):
    """Archived when ``archive`` (if currently Active); Active when ``activate``
    (if currently Archived). Otherwise the status is not sent.

    A new contact is "currently Active" (its new-only row); a Removed (3)
    contact is left alone.
    """
    if existing is None:
        current = payload.get("softkill_status")
    else:
        current = existing.get("softkill_status")
    if archive and current == ACTIVE:
        payload["softkill_status"] = ARCHIVED
    elif activate and current == ARCHIVED:
        payload["softkill_status"] = ACTIVE


def _bank_rows(payload, source, settings):
    # Rows "always | bank_account_iban / bank_account_bic | only when
    # ShowBankAccountNumber"
    if settings.show_bank_account_number:
        payload["bank_account_iban"] = text(source.bank_iban)
        payload["bank_account_bic"] = text(source.bank_bic)


def _custom_fields_row(payload, source, settings, mapping_text):
    """custom_fields per § Custom Fields; SyncToDefaultThenCustom: standard names win.

    Without rules no ``custom_fields`` key is sent (LS merges the key set, so
    an empty object would change nothing).
    """
    values = custom_field_values(parse_custom_fields(mapping_text), source)
    standard, custom = split_standard_and_custom(
        values, CONTACT_STANDARD_FIELDS, settings
    )
    payload.update(standard)
    if custom:
        payload["custom_fields"] = custom


def organization_name(source, settings):
    """Company.OfficialName, or Company.Name per the two name settings.

    An empty official name falls back to the display name (LS needs a name).
    """
    use_display_name = (
        settings.sync_company_use_display_name
        and not settings.sync_company_contact_use_official_name
    )
    official_name = text(source.official_name)
    if use_display_name or not official_name:
        return text(source.name)
    return official_name


def contact_tax_scheme(source, settings, eu_countries=EU_MEMBER_CODES):
    """§ VAT (BTW) for the contact's postal country and its VAT number.

    The VAT number counts even when it is not sent (persons without
    ShowPersonTaxNumber): the table asks whether one is present.
    """
    return tax_scheme(
        source.postal_country_code,
        source.vat,
        default_country_code=settings.default_tax_country_code,
        eu_countries=eu_countries,
    )


def has_dunning(source, settings):
    """False when the contact has the NoDunningLookupFieldValueCode value, else True.

    The manual's "defaults to false" leaves no case that yields true; the
    plain reading is that a contact is dunned unless it is exempt.
    """
    exempt_code = text(settings.no_dunning_lookup_field_value_code).lower()
    if not exempt_code:
        return True
    return not any(
        text(value.code).lower() == exempt_code for value in source.lookup_values
    )


def invoice_language(language):
    """The ISO 639-1 code of an Odoo language ("nl_NL" → "nl"); None when unset."""
    match = _LANGUAGE.match(text(language).lower())
    return match.group(1) if match else None


def gender(value):
    """ "Male", "Female" or None (unknown)."""
    return {"male": "Male", "female": "Female"}.get(text(value).lower())


def derived_initials(first_name):
    """Initials from the first name(s): "Jan Pieter" → "J.P.".

    The manual says initials are "auto-derived as 'X.' from first name when
    empty"; each first name (also each part of "Jan-Willem") gives one letter.
    """
    parts = [part for part in _NAME_PARTS.split(text(first_name)) if part]
    return "".join(f"{part[0].upper()}." for part in parts)
