"""LegalSense → Odoo: § Address to LSAddresses read backwards.

An LS address becomes the partner's own (postal) address or a child
address; the country, the address kind and whether it is inactive come back
in :class:`InboundAddress` for the Odoo side to resolve. The import settings
are those of § Configuration Reference › Import (Addresses).
"""

import dataclasses
import re

from .addresses import INACTIVE_SUFFIX
from .formats import text
from .inbound import normalized, ref_id

_ISO2 = re.compile(r"^[A-Z]{2}$")


@dataclasses.dataclass
class InboundAddress:
    """An LS address read for Odoo."""

    values: dict
    country_code: str = ""
    country_name: str = ""
    address_kind_ls_id: int | None = None
    inactive: bool = False


def address_values(address, settings, kind_names=None):
    """The partner values of an LS address (street lines, zip, city, kind).

    The address table read backwards: ``address`` is the street,
    ``address_line_2`` the second street line; " !INACTIVE!" is taken off
    the city and marks the address inactive, as does an address kind named in
    AddressKindsInActive (``kind_names``: {LS kind id: name}).
    """
    city = text(address.get("city"))
    inactive = city.endswith(INACTIVE_SUFFIX.strip())
    if inactive:
        city = city[: -len(INACTIVE_SUFFIX.strip())].strip()
    kind_id = ref_id(address.get("address_kind"))
    kind_name = normalized((kind_names or {}).get(kind_id))
    if kind_name and kind_name in settings.address_kinds_inactive:
        inactive = True
    code, name = country_of(address, settings)
    return InboundAddress(
        values={
            "street": text(address.get("address")) or False,
            "street2": text(address.get("address_line_2")) or False,
            "zip": text(address.get("zipcode")) or False,
            "city": city or False,
            # Address.IsVisitorAddress: the DefaultAddressKindVisitorAddress kind.
            "is_visitor_address": address_role(address, settings) == "visitor",
        },
        country_code=code,
        country_name=name,
        address_kind_ls_id=kind_id,
        inactive=inactive,
    )


def country_of(address, settings):
    """``(ISO2 code or "", country name)``: normalized_country, else
    ImportCountryMapping for the name; the Odoo side may still match the name."""
    name = text(address.get("country"))
    code = text(address.get("normalized_country")).upper()
    if _ISO2.match(code):
        return code, name
    return settings.country_mapping.get(name.casefold(), ""), name


def address_role(address, settings):
    """ "postal", "visitor" or "" from the address kind settings."""
    kind_id = ref_id(address.get("address_kind"))
    mapping = settings.mapping
    if kind_id and kind_id == mapping.default_address_kind_postal_address:
        return "postal"
    if kind_id and kind_id == mapping.default_address_kind_visitor_address:
        return "visitor"
    return ""


def is_own_address(address, contact, settings, has_own_address):
    """Whether an LS address becomes the contact's own (postal) address.

    The outbound sync writes the partner's own address as its postal address
    and makes it the default billing address; read backwards: the address of
    the DefaultAddressKindPostalAddress kind or, without that setting, the
    contact's default billing address; a contact without either takes its
    first active address. Never when the partner has one already.
    """
    if has_own_address:
        return False
    if address_role(address, settings) == "postal":
        return True
    billing = ref_id((contact or {}).get("default_billing_address"))
    if billing:
        return billing == address.get("id")
    return settings.mapping.default_address_kind_postal_address <= 0


def child_address_type(kind_code, settings):
    """ "invoice" for the BillingAddressTypeCode kind, else "other"."""
    billing_code = text(settings.mapping.billing_address_type_code).casefold()
    if billing_code and text(kind_code).casefold() == billing_code:
        return "invoice"
    return "other"


def address_key(values):
    """Street, zip and city compared to find an unlinked Odoo address."""
    return (
        normalized(values.get("street")),
        normalized(values.get("zip")).replace(" ", ""),
        normalized(values.get("city")),
    )
