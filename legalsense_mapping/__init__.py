"""Pure mapping rules of the LegalSense integration, free of Odoo.

Parsers for the settings that have a syntax of their own (custom-field
mappings, the country mapping, value lists) and the boolean words of the
manual. Everything here raises ``ValueError`` with a message meant for users.
"""

from .booleans import FALSE_WORDS, TRUE_WORDS, parse_bool
from .country_mapping import parse_country_mapping
from .custom_fields import (
    LEVEL_NONE,
    LEVEL_PARENT,
    LEVEL_ROOT,
    SOURCE_DMSFORLEGAL,
    SOURCE_FIELD,
    SOURCE_INDUSTRY_CODE,
    SOURCE_LOOKUP_FIELD,
    CustomFieldRule,
    parse_custom_fields,
)
from .lists import check_choices, check_codes, split_list

# The partner sync: sources and settings in, LegalSense payloads out.
from .addresses import (
    INACTIVE_SUFFIX,
    address_payload,
    billing_address_choice,
    billing_address_payload,
)
from .clients import (
    accepted_client_name,
    client_payload,
    duplicate_name_candidates,
    new_client_number,
)
from .contact_contacts import contact_contact_payload, employee_details
from .contacts import company_contact_payload, person_contact_payload
from .custom_field_values import custom_field_values, split_standard_and_custom
from .emails import email_details
from .settings import MappingSettings
from .sources import AddressSource, ContactSource, EmployeeSource, LookupValue
from .vat import EU_MEMBER_CODES, tax_scheme
from .versions import version_tuple
