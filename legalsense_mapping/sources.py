"""What the Odoo side hands over: a record's current values as plain objects.

The Odoo layer reads a partner, address or employee when the sync job runs
and fills one of these; the mapping functions turn it into a LegalSense
payload. Ids named ``*ls_id`` / ``ls_*_id`` are LegalSense ids (the
LEGALSENSE external id in the manual), ``None`` when not linked.
"""

import dataclasses
import datetime
from collections.abc import Mapping


@dataclasses.dataclass(frozen=True)
class LookupValue:
    """One value of a lookup list (segment, referral, tag, lookup field value...).

    ``code`` is the Odoo code; ``external_id`` the LEGALSENSE external id
    override of § Custom Fields (written instead of the code); ``ls_id`` the
    id of the matching LS list item (sector, branch, referrer); ``parent`` the
    value above it in a hierarchical list; ``field_code`` the code of the
    lookup field the value belongs to (for ``LookupField.<code>``).
    """

    code: str
    name: str = ""
    ls_id: int | None = None
    external_id: str | None = None
    parent: "LookupValue | None" = None
    field_code: str = ""


@dataclasses.dataclass(frozen=True)
class AddressSource:
    """An address of a contact (§ Address to LSAddresses).

    ``street`` is Odoo's street line (street and number), ``street2`` its
    second street line, ``address_line`` the optional free address line.
    ``country_name`` is already localised to the contact's language.
    ``is_postal`` / ``is_visitor`` mark the contact's own (main) postal and
    visitor address; ``is_billing`` marks the address the Odoo side queues as
    the billing address ("billing address if configured"), it is not read by
    the mapping rules. ``address_kind_code`` is the Odoo code of the address
    type, matched against BillingAddressTypeCode. ``template_ls_id`` is the
    country's LEGALSENSE external id (an address template number).
    """

    odoo_id: int
    street: str = ""
    street2: str = ""
    address_line: str = ""
    zip: str = ""
    city: str = ""
    country_code: str = ""
    country_name: str = ""
    address_kind_ls_id: int | None = None
    address_kind_code: str = ""
    is_postal: bool = False
    is_visitor: bool = False
    is_billing: bool = False
    inactive: bool = False
    template_ls_id: int | str | None = None
    ls_id: int | None = None


@dataclasses.dataclass(frozen=True)
class ContactSource:
    """A company (``is_company``) or a person.

    Read by § Company/Person to LSContacts and § Contact to LSClients.

    ``name`` is the display name; ``salutation`` the formal salutation text,
    ``attention`` the GetAttention text, ``custom_attention`` the custom
    attention line. ``language`` is an Odoo language code such as ``nl_NL``.
    ``billing_emails`` are the addresses of the semicolon-separated billing
    e-mail field, in order. ``field_values`` holds the values of the fields
    named by ``<field>=`` custom-field rules. ``segments``, ``interests``,
    ``referrals``, ``tags`` and ``tags2`` are in order; the manual's "first"
    item is the first of the tuple. ``stock_exchange`` is the one stock
    exchange a company is listed on (CM's StockExchange). ``external_client_code``
    is the ExternalCode of the CreateClientUseClientCodeFromExternalApplication
    application (the client number of a new client; without it LegalSense
    numbers the client). ``parent_client_ls_id`` is the LS client id of the
    parent company (Company.MemberOf).
    """

    odoo_id: int
    is_company: bool
    name: str = ""
    official_name: str = ""
    alias_name: str = ""
    previous_name: str = ""
    first_name: str = ""
    christian_names: str = ""
    last_name: str = ""
    name_prefix: str = ""
    initials: str = ""
    gender: str | None = None
    birthdate: datetime.date | None = None
    title: str = ""
    suffix: str = ""
    salutation: str = ""
    attention: str = ""
    custom_attention: str = ""
    language: str | None = None
    active: bool = True
    deceased: bool = False
    create_date: datetime.date | None = None
    owner_ls_user_id: int | None = None
    owner_sub_ls_user_id: int | None = None
    vat: str = ""
    chamber_of_commerce: str = ""
    bank_iban: str = ""
    bank_bic: str = ""
    peppol_id: str = ""
    phone: str = ""
    mobile: str = ""
    fax: str = ""
    website: str = ""
    email: str = ""
    billing_emails: tuple[str, ...] = ()
    dunning_email: str = ""
    lookup_values: tuple[LookupValue, ...] = ()
    field_values: Mapping = dataclasses.field(default_factory=dict)
    industry: LookupValue | None = None
    segments: tuple[LookupValue, ...] = ()
    interests: tuple[LookupValue, ...] = ()
    stock_exchange: LookupValue | None = None
    referrals: tuple[LookupValue, ...] = ()
    tags: tuple[LookupValue, ...] = ()
    tags2: tuple[LookupValue, ...] = ()
    dmsforlegal_code: str = ""
    identification_present: bool = False
    billing_instructions: str = ""
    parent_client_ls_id: int | None = None
    external_client_code: str = ""
    postal_city: str = ""
    postal_country_code: str = ""
    ls_contact_id: int | None = None
    ls_client_id: int | None = None


@dataclasses.dataclass(frozen=True)
class EmployeeSource:
    """An employee: a person working at a company (§ Employee to LSContactContacts)."""

    odoo_id: int
    organization_ls_id: int | None = None
    person_ls_id: int | None = None
    job_function_name: str = ""
    job_title: str = ""
    active: bool = True
    phone: str = ""
    mobile: str = ""
    fax: str = ""
    website: str = ""
    email: str = ""
    billing_emails: tuple[str, ...] = ()
    dunning_email: str = ""
