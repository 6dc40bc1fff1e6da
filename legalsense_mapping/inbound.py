"""LegalSense → Odoo: the inverse of the partner mapping tables.

Each function reads a LegalSense record (a dict from the API) and returns
the values of the Odoo partner, by Odoo field name. Relations the Odoo side
resolves (language, title, country, users, lookup values) come back as LS
ids or codes in :class:`InboundContact` and friends, never as Odoo ids.

This module reads § Company/Person to LSContacts and § E-mail address
mapping backwards, with the import settings of § Configuration Reference ›
Import (General, Addresses, Contacts — Import), the matching of § Job 5 and
the parsing shared by the other tables read backwards: § Address to
LSAddresses (``inbound_addresses``), § Contact to LSClients and § Employee
to LSContactContacts (``inbound_clients``), the matters
(``inbound_matters``), the lookup lists and the users.
"""

import dataclasses
import datetime
import re

from .booleans import parse_bool
from .country_mapping import parse_country_mapping
from .custom_fields import (
    LEVEL_NONE,
    SOURCE_FIELD,
    SOURCE_LOOKUP_FIELD,
    parse_custom_fields,
)
from .formats import text
from .lists import split_list
from .settings import MappingSettings

ACTIVE = 1
_SPACES = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")
# Odoo language per LegalSense invoice_language, when both are installed.
PREFERRED_LANGUAGES = {"nl": "nl_NL", "en": "en_US", "de": "de_DE", "fr": "fr_FR"}


@dataclasses.dataclass(frozen=True)
class InboundSettings:
    """The settings the import reads (§ Import — General/Addresses, Contacts)."""

    mapping: MappingSettings = dataclasses.field(default_factory=MappingSettings)
    country_mapping: dict = dataclasses.field(default_factory=dict)
    address_kinds_inactive: tuple = ("vorig adres",)
    use_client_code: bool = True

    @classmethod
    def from_config(cls, config):
        """The settings of an Odoo ``legalsense.config`` (or any object with
        the same attributes)."""
        inactive = getattr(config, "address_kinds_in_active", None)
        use_client_code = getattr(config, "use_client_code", True)
        return cls(
            mapping=MappingSettings.from_config(config),
            country_mapping={
                name.casefold(): code
                for name, code in parse_country_mapping(
                    text(getattr(config, "import_country_mapping", ""))
                ).items()
            },
            address_kinds_inactive=tuple(
                name.casefold() for name in split_list(text(inactive))
            ),
            use_client_code=bool(parse_bool(use_client_code)),
        )


@dataclasses.dataclass
class InboundContact:
    """An LS contact read for Odoo: partner values and what Odoo resolves."""

    values: dict
    language: str | None = None
    title: str = ""
    owner_ls_user_id: int | None = None
    bank: tuple | None = None
    has_dunning: bool = True
    custom_fields: dict = dataclasses.field(default_factory=dict)


# ------------------------------------------------------------ contacts


def contact_values(contact, settings, existing=None):
    """The partner values of an LS contact (company or person).

    ``existing`` holds the Odoo values the rules compare with (``salutation``,
    ``name``); None for a partner still to be created.
    """
    mapping = settings.mapping
    existing = existing or {}
    values = {"is_company": bool(contact.get("is_organization"))}
    if values["is_company"]:
        _company_values(values, contact, mapping, existing)
        kind = "Company"
    else:
        _person_values(values, contact, mapping, existing)
        kind = "Person"
    # Row "invoice_language | Language" read backwards: the Odoo side finds
    # the installed language.
    values.update(communication_values(contact.get("details") or ()))
    # Row "softkill_status | InActive": Active is active, Archived and
    # Removed are archived.
    values["active"] = contact.get("softkill_status", ACTIVE) == ACTIVE
    inbound = InboundContact(
        values=values,
        language=text(contact.get("invoice_language")).lower() or None,
        title=text(contact.get("title")) if not values["is_company"] else "",
        has_dunning=bool(contact.get("has_dunning", True)),
        custom_fields=dict(contact.get("custom_fields") or {}),
    )
    if mapping.owner_visible_for(kind):
        inbound.owner_ls_user_id = ref_id(contact.get("account_manager_user"))
    if mapping.show_bank_account_number:
        inbound.bank = (
            text(contact.get("bank_account_iban")),
            text(contact.get("bank_account_bic")),
        )
    return inbound


def _company_values(values, contact, mapping, existing):
    name = text(contact.get("organization_name"))
    # Row "organization_name | Company.OfficialName (Name when
    # SyncCompanyUseDisplayName and not SyncCompanyContactUseOfficialName)"
    use_display_name = (
        mapping.sync_company_use_display_name
        and not mapping.sync_company_contact_use_official_name
    )
    if use_display_name:
        values["name"] = name
    else:
        values["official_name"] = name
        # The display name follows when it was the official name (or empty).
        if not existing.get("name") or existing.get("name") == existing.get(
            "official_name"
        ):
            values["name"] = name
    # Rows "organization_number | ChamberOfCommerce", "vat_number | TaxNumber"
    values["company_registry"] = text(contact.get("organization_number")) or False
    values["vat"] = text(contact.get("vat_number")) or False
    # Row "peppol_id | PeppolNumber | only when ShowCompanyPeppolNumber"
    if mapping.show_company_peppol_number:
        values["peppol_id"] = text(contact.get("peppol_id")) or False


def _person_values(values, contact, mapping, existing):
    first_name = text(contact.get("first_name"))
    last_name = text(contact.get("last_name"))
    initials = text(contact.get("initials"))
    values.update(
        firstname=first_name or False,
        lastname=last_name or _person_fallback_name(contact) or False,
        infix=text(contact.get("name_prefix")) or False,
        initials=initials or False,
        gender=gender_value(contact.get("gender")),
        birthdate_date=parse_date(contact.get("birthdate")),
        name_suffix=text(contact.get("suffix_title")) or False,
    )
    # "PersonSalutationOverwrite: when true, the salutation is always
    # overwritten from LegalSense. When false, only written if empty."
    salutation = text(contact.get("salutation"))
    if mapping.person_salutation_overwrite or not existing.get("salutation"):
        values["salutation"] = salutation or False
    attention = attention_value(contact, mapping)
    if attention is not None:
        values["attention"] = attention or False
    # Row "attention | Person.CustomAttention | only when
    # PersonAttentionOverwriteWithCustomAttention"
    if mapping.person_attention_overwrite_with_custom_attention:
        values["custom_attention"] = text(contact.get("attention")) or False
    # Row "vat_number | TaxNumber | only when ShowPersonTaxNumber"
    if mapping.show_person_tax_number:
        values["vat"] = text(contact.get("vat_number")) or False


def _person_fallback_name(contact):
    """A last name for a person LegalSense has none for (Odoo needs a name)."""
    email = next(
        (
            text(item.get("value"))
            for item in contact.get("details") or ()
            if item.get("kind") == "email"
        ),
        "",
    )
    return text(contact.get("initials")) or email or f"LegalSense {contact.get('id')}"


def attention_value(contact, mapping):
    """The Odoo attention line, or None when the settings leave it alone.

    PersonAttentionOverwriteWithCustomAttention: the custom attention when
    LegalSense has one; PersonAttentionOverwrite: the standard attention
    (address_label_name.attention).
    """
    label = contact.get("address_label_name") or {}
    custom = text(label.get("custom_attention")) or text(contact.get("attention"))
    if mapping.person_attention_overwrite_with_custom_attention and custom:
        return custom
    if mapping.person_attention_overwrite:
        return text(label.get("attention"))
    return None


def gender_value(value):
    """ "Male"/"Female" → Odoo's "male"/"female"; unknown → False."""
    return {"male": "male", "female": "female"}.get(text(value).lower(), False)


def communication_values(details):
    """phone, mobile, fax, website, e-mail, billing and dunning e-mail.

    The e-mail table read backwards: ``email`` is the general address,
    ``email_2`` the first billing address, ``email_4`` the second billing
    address unless it is the general address (the table's fallback),
    ``email_3`` the dunning address.
    """
    by_kind = {}
    for item in details or ():
        kind, value = item.get("kind"), text(item.get("value"))
        if kind and value:
            by_kind.setdefault(kind, value)
    email = by_kind.get("email", "")
    billing = [by_kind["email_2"]] if by_kind.get("email_2") else []
    cc = by_kind.get("email_4", "")
    if billing and cc and cc.casefold() != email.casefold():
        billing.append(cc)
    return {
        "phone": by_kind.get("phone") or False,
        "mobile": by_kind.get("cellphone") or False,
        "fax": by_kind.get("fax") or False,
        "website": by_kind.get("website") or False,
        "email": email or False,
        "billing_email": "; ".join(billing) or False,
        "dunning_email": by_kind.get("email_3") or False,
    }


def odoo_language(iso_code, installed):
    """The installed Odoo language of an LS invoice language ("nl" → "nl_NL")."""
    code = text(iso_code).lower()
    if not code:
        return None
    preferred = PREFERRED_LANGUAGES.get(code)
    if preferred in installed:
        return preferred
    return next(
        (lang for lang in sorted(installed) if lang.split("_")[0] == code), None
    )


# ------------------------------------------------------------ matching


def normalized(value):
    """Lower case, single spaces: the form names are compared in."""
    return _SPACES.sub(" ", text(value)).casefold()


def identifier(value):
    """An organisation or VAT number without spaces, dots and dashes."""
    return _NOT_ALNUM.sub("", text(value)).upper()


def company_keys(contact):
    """§ Job 5 Step 3: organisation number, VAT number, organisation name."""
    return {
        "organization_number": identifier(contact.get("organization_number")),
        "vat": identifier(contact.get("vat_number")),
        "name": normalized(contact.get("organization_name")),
    }


def person_key(contact):
    """§ Job 5 Step 3: gender, name prefix, last name, first name, initials, e-mail."""
    email = communication_values(contact.get("details") or ())["email"] or ""
    return (
        gender_value(contact.get("gender")) or "",
        normalized(contact.get("name_prefix")),
        normalized(contact.get("last_name")),
        normalized(contact.get("first_name")),
        normalized(contact.get("initials")),
        normalized(email),
    )


def best_person_at_company(contact, candidates):
    """§ Step 3: the unlinked person at the company matching the LS person.

    Matched on last name; gender, name prefix and first name break ties (in
    that order). ``candidates`` are dicts with ``lastname``, ``gender``,
    ``infix``, ``firstname`` (Odoo values). Returns the best one or None.
    """
    last = normalized(contact.get("last_name"))
    if not last:
        return None
    matching = [c for c in candidates if normalized(c.get("lastname")) == last]
    for key, value in (
        ("gender", gender_value(contact.get("gender")) or ""),
        ("infix", normalized(contact.get("name_prefix"))),
        ("firstname", normalized(contact.get("first_name"))),
    ):
        if len(matching) < 2 or not value:
            continue
        narrowed = [c for c in matching if normalized(c.get(key)) == value]
        matching = narrowed or matching
    return matching[0] if matching else None


# ------------------------------------------------------------ custom fields


def custom_field_targets(mapping_text, custom_fields):
    """§ Custom Fields backwards: ``(field values, lookup codes)``.

    ``<field>=<LS name>`` gives the LS value for the Odoo field;
    ``LookupField.<code>=<LS name>`` the value code for that lookup field.
    Parent/Root levels, IndustryCode and DMSFORLEGAL are derived values and
    are not read back. Names absent from ``custom_fields`` are left alone.
    """
    fields, lookups = {}, {}
    for rule in parse_custom_fields(mapping_text):
        if rule.ls_name not in (custom_fields or {}):
            continue
        value = custom_fields[rule.ls_name]
        if rule.source == SOURCE_FIELD:
            fields[rule.code] = value
        elif rule.source == SOURCE_LOOKUP_FIELD and rule.level == LEVEL_NONE:
            lookups[rule.code] = text(value) if value is not None else ""
    return fields, lookups


# ------------------------------------------------------------ plain values


def ref_id(value):
    """The id of a reference ``{"id": n}`` (or a plain id); None when empty."""
    if isinstance(value, dict):
        value = value.get("id")
    if isinstance(value, bool) or not value:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def parse_date(value):
    """A ``yyyy-MM-dd`` text as a date; False when empty or malformed."""
    try:
        return datetime.date.fromisoformat(text(value)[:10]) if value else False
    except ValueError:
        return False


def parse_datetime(value):
    """An ISO 8601 date-time as a naive UTC datetime (Odoo's form); None if empty."""
    if not value:
        return None
    moment = datetime.datetime.fromisoformat(text(value).replace("Z", "+00:00"))
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return moment


def iso_datetime(moment):
    """A naive UTC datetime as the ``modified_date__gte`` filter value."""
    return moment.replace(microsecond=0).isoformat() + "+00:00"
