"""The settings the partner mapping rules read, with the manual's defaults.

Field names are the manual's setting names in snake_case, the same names as
the fields of the Odoo ``legalsense.config`` record, so ``from_config`` can
read them from that record (or from any object with those attributes).
"""

import dataclasses

from .booleans import parse_bool
from .lists import split_list

# Settings whose manual default is not empty: an empty value means "the default".
_DEFAULT_WHEN_EMPTY = (
    "default_tax_country_code",
    "sync_client_originating_user_to_cm_field",
)


@dataclasses.dataclass(frozen=True)
class MappingSettings:
    """legalsense.config as the mapping rules see it (§ Configuration Reference)."""

    # Contacts — Sync (CM to LS)
    sync_company_use_display_name: bool = False
    sync_company_contact_use_official_name: bool = False
    sync_company_use_alias_to_alternative_name: bool = False
    no_dunning_lookup_field_value_code: str = ""
    default_tax_country_code: str = "NL"
    sync_client_originating_user_to_cm_field: str = "OwnerSub"
    sync_client_referral: bool = True
    sync_client_segment: bool = True
    sync_client_sector_to_cm_field: str = ""
    sync_client_branches_to_cm_field: str = ""
    sync_client_billing_instructions: bool = False
    sync_client_status_id: int = 0
    client_status_code_active_id: int = 1
    client_status_code_closed_id: int = 2
    create_client_use_client_code_from_external_application: str = ""
    sync_to_default_then_custom: bool = False
    # Contacts — Import (read by the Person to LSContacts table as well)
    sync_person_suffix: bool = False
    person_salutation_overwrite: bool = True
    person_attention_overwrite: bool = False
    person_attention_overwrite_with_custom_attention: bool = False
    # Companies / Persons — Custom Fields (the text of the setting, § Custom Fields)
    company_custom_fields: str = ""
    person_custom_fields: str = ""
    # Import — Addresses
    default_address_kind: int = 1
    default_address_kind_postal_address: int = 0
    default_address_kind_visitor_address: int = 0
    default_address_template: int = 4
    billing_address_type_code: str = ""
    # Display options
    show_bank_account_number: bool = False
    show_company_peppol_number: bool = False
    show_person_tax_number: bool = False
    view_owner: str = ""

    @classmethod
    def from_config(cls, config):
        """The settings read from the same-named attributes of ``config``.

        A missing attribute, ``None`` or ``False`` (Odoo's empty field) gives
        the default for numbers and "" for texts; texts whose manual default
        is not empty (DefaultTaxCountryCode, SyncClientOriginatingUserToCMField)
        fall back to that default. Yes/no words are read with ``parse_bool``.
        """
        values = {}
        for field in dataclasses.fields(cls):
            value = getattr(config, field.name, None)
            values[field.name] = _convert(field, value)
        return cls(**values)

    def owner_visible_for(self, kind):
        """True when ViewOwner lists ``kind`` ("Company" or "Person")."""
        return kind.lower() in {item.lower() for item in split_list(self.view_owner)}


def _convert(field, value):
    if field.type is bool:
        return _convert_bool(field, value)
    if field.type is int:
        return field.default if value is None or value is False else int(value)
    value = "" if value is None or value is False else str(value).strip()
    if not value and field.name in _DEFAULT_WHEN_EMPTY:
        return field.default
    return value


def _convert_bool(field, value):
    if value is None:
        return field.default
    parsed = parse_bool(value)
    if parsed is None:
        raise ValueError(f"{field.name}: {value!r} is not yes or no")
    return parsed
