"""§ Address to LSAddresses: the address payload and the contact's billing address.

The whole address is written on every sync (all rows are "always").
"""

from .formats import id_ref, text

INACTIVE_SUFFIX = " !INACTIVE!"
# § Address: the address templates 1..18 (contract schema AddressTemplate).
ADDRESS_TEMPLATES = range(1, 19)


def address_payload(address, contact_ls_id, settings):
    """The LS address payload, row by row of § Address to LSAddresses."""
    first_line, second_line = address_lines(address)
    return {
        # Row "contact.id | address contact external ID"
        "contact": id_ref(contact_ls_id),
        # Row "address | Address.AddressLine when set; otherwise Address.StreetLine"
        "address": first_line,
        # Row "address_line_2 | Address.StreetLine when AddressLine is set;
        # otherwise """
        "address_line_2": second_line,
        # Row "address_kind.id | AddressType external ID | falls back to
        # DefaultAddressKindVisitorAddress or DefaultAddressKindPostalAddress
        # (main location's default addresses); then to DefaultAddressKind"
        "address_kind": {"id": address_kind_id(address, settings)},
        # Row "city | Address.City | appended with " !INACTIVE!" when Address.InActive"
        "city": address_city(address.city, address.inactive),
        # Row "country | Address.Country.Name | localised to contact's language"
        "country": text(address.country_name),
        # Row "normalized_country | Address.Country.Code | ISO2 code"
        "normalized_country": text(address.country_code).upper(),
        # Row "address_template | country LEGALSENSE external ID | falls back to
        # DefaultAddressTemplate"
        "address_template": address_template(address, settings),
        # Row "zipcode | Address.PostalCode"
        "zipcode": text(address.zip),
    }


def address_lines(address):
    """``(address, address_line_2)``.

    The manual's StreetLine is Odoo's street; Odoo's second street line has
    no row of its own. With an AddressLine: (AddressLine, street, with
    street2 after a comma). Without: (street, street2) — the manual's ""
    for address_line_2 would drop street2, so it takes that line instead.
    """
    street, street2 = text(address.street), text(address.street2)
    address_line = text(address.address_line)
    if address_line:
        return address_line, ", ".join(line for line in (street, street2) if line)
    return street, street2


def address_kind_id(address, settings):
    """The address type's LS id, else the main location's postal/visitor kind,
    else DefaultAddressKind.

    An address that is both the postal and the visitor address takes the
    postal kind: the postal address is the one that becomes the billing address.
    """
    if address.address_kind_ls_id:
        return int(address.address_kind_ls_id)
    if address.is_postal and settings.default_address_kind_postal_address > 0:
        return settings.default_address_kind_postal_address
    if address.is_visitor and settings.default_address_kind_visitor_address > 0:
        return settings.default_address_kind_visitor_address
    return settings.default_address_kind


def address_city(city, inactive):
    """The city, with " !INACTIVE!" appended (once) for an inactive address."""
    city = text(city)
    if inactive and not city.endswith(INACTIVE_SUFFIX):
        return city + INACTIVE_SUFFIX
    return city


def address_template(address, settings):
    """The country's LEGALSENSE template number, else DefaultAddressTemplate.

    A country value that is not a template number (1..18) is ignored; a
    DefaultAddressTemplate outside 1..18 is a configuration error.
    """
    template = _template_number(address.template_ls_id)
    if template is not None:
        return template
    default = settings.default_address_template
    if default not in ADDRESS_TEMPLATES:
        raise ValueError(
            f"DefaultAddressTemplate {default!r} is not an address template (1-18)"
        )
    return default


def _template_number(value):
    try:
        number = int(text(value))
    except ValueError:
        return None
    return number if number in ADDRESS_TEMPLATES else None


def billing_address_choice(addresses, settings):
    """The address that becomes the contact's default_billing_address, or None.

    § Address to LSAddresses "After sync": the postal address, or the address
    of type BillingAddressTypeCode if configured. When no address has that
    type the postal address is used. Inactive addresses are never chosen.
    """
    active = [address for address in addresses if not address.inactive]
    type_code = text(settings.billing_address_type_code).lower()
    if type_code:
        for address in active:
            if text(address.address_kind_code).lower() == type_code:
                return address
    return next((address for address in active if address.is_postal), None)


def billing_address_payload(address):
    """The contact update after the address sync (a PATCH body), or None.

    default_billing_address = the chosen address's LS id, and is_debtor =
    true "if a billing address exists". Without an LS id there is nothing
    to write.
    """
    if address is None or not address.ls_id:
        return None
    return {"default_billing_address": {"id": int(address.ls_id)}, "is_debtor": True}
