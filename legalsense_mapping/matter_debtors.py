"""§ MatterPayor to LSMatterDebtors: debtor payloads, e-mail rules, reconciliation.

Also § Invoice e-mail address and § Matter to LSMatters "Matter debtor
reconciliation". ``existing`` is the LS matterdebtor as it is now, ``None``
when it is new; a payload for an existing debtor is a PATCH body.
"""

import dataclasses
import decimal
import re

from .formats import id_ref, text

PERCENTAGE = "Percentage"
MAIN_DEBTOR = "FullRemainingAmount"
EMAIL_SOURCE_DEBTOR = "Debtor"
REGULAR_MAIL = "RegularMail"
EMAIL = "Email"
EMAIL_KINDS = ("email", "email_2", "email_3", "email_4")

_ADDRESS_SEPARATORS = re.compile(r"[;,\s]+")


@dataclasses.dataclass(frozen=True)
class DebtorSource:
    """A matter payor as the mapping rules read it.

    ``debtor_ls_id`` is the LS contact that pays (the company when the payor
    is a contact person at a company), ``contact_person_ls_id`` that person's
    LS contact (else None). ``email_details`` are the e-mail items (``id``,
    ``kind``, ``value``) of the debtor's and the contact person's LS
    contacts, in that order: invoice addresses are looked up there by value.
    """

    odoo_id: int
    matter_ls_id: int | None = None
    debtor_ls_id: int | None = None
    contact_person_ls_id: int | None = None
    address_ls_id: int | None = None
    percentage: decimal.Decimal | float | None = None
    billing_reference: str = ""
    department: str = ""
    invoice_emails: tuple[str, ...] = ()
    dunning_emails: tuple[str, ...] = ()
    email_details: tuple = ()


def split_addresses(value):
    """The e-mail addresses of a semicolon-separated field, in order, no duplicates."""
    addresses = (part.strip() for part in _ADDRESS_SEPARATORS.split(text(value)))
    return tuple(dict.fromkeys(address for address in addresses if address))


def debtor_payload(source, settings, existing=None):
    """The LS matterdebtor payload, row by row."""
    payload = {}
    if existing is None:
        # Row "new only | email_source | Debtor"
        payload["email_source"] = EMAIL_SOURCE_DEBTOR
        # Row "new only | split_type | Percentage"
        payload["split_type"] = PERCENTAGE
    # Row "always | debtor.id | contact (company if employee) external ID"
    payload["debtor"] = id_ref(source.debtor_ls_id)
    # Row "always | contact_person.id | Employee.Person external ID | only when
    # contact is an Employee; null otherwise"
    payload["contact_person"] = id_ref(source.contact_person_ls_id)
    # Row "always | matter.id | matter external ID"
    payload["matter"] = id_ref(source.matter_ls_id)
    # Row "always | address.id | MatterPayor.Address external ID"
    payload["address"] = id_ref(source.address_ls_id)
    # Row "always | percentage | MatterPayor.ContactPercentage | only when
    # split_type = Percentage"
    split_type = existing.get("split_type") if existing else PERCENTAGE
    if split_type == PERCENTAGE:
        payload["percentage"] = format_percentage(source.percentage)
    # Row "always | billing_reference | MatterPayor.BillReference | only when
    # ShowDebtorBillReference is enabled"
    if settings.show_debtor_bill_reference:
        payload["billing_reference"] = text(source.billing_reference)
    # Invoice e-mail (when ShowDebtorBillEmailAddress is enabled)
    if settings.show_debtor_bill_email_address:
        payload.update(
            invoice_email_fields(
                source.invoice_emails,
                settings.show_debtor_bill_email_address_existing_email_addresses_only,
                source.email_details,
                existing,
            )
        )
    # Dunning e-mail (when ShowDebtorDunningEmailAddress is enabled)
    if settings.show_debtor_dunning_email_address:
        payload.update(dunning_email_fields(source.dunning_emails))
    return payload


def format_percentage(value):
    """A percentage as the contract's decimal string with two decimals."""
    amount = decimal.Decimal(str(value or 0)).quantize(
        decimal.Decimal("0.01"), rounding=decimal.ROUND_HALF_UP
    )
    return f"{amount:.2f}"


def invoice_email_fields(emails, existing_only, email_details, existing=None):
    """The invoice e-mail fields of a debtor: § Invoice e-mail address and the table.

    existing_only (ShowDebtorBillEmailAddressExistingEmailAddressesOnly):
      True:  first → ``to_email`` (by detail id), second → ``cc_email``;
             more than 2: the others → ``cc_emails_custom``. An address that
             is not a detail of the debtor or contact person falls back to
             ``to_emails_custom`` / ``cc_emails_custom`` (the table's 1–2 row).
      False: first → ``to_emails_custom``, the others → ``cc_emails_custom``.
    No address: ``invoice_send_method`` RegularMail and all four cleared.
    The four fields are always all sent, so an address moved from one to
    another does not stay behind.
    """
    emails = [address for address in map(text, emails or ()) if address]
    fields = {
        "to_email": None,
        "cc_email": None,
        "to_emails_custom": [],
        "cc_emails_custom": [],
    }
    if not emails:
        # Row "0 | invoice_send_method → RegularMail; to_email, cc_email,
        # to_emails_custom, cc_emails_custom cleared"
        return {"invoice_send_method": REGULAR_MAIL, **fields}
    if existing and existing.get("invoice_send_method") == REGULAR_MAIL:
        # Addresses again after none: back to e-mail (another method chosen
        # in LS, such as EmailAndRegularMail, is left alone).
        fields["invoice_send_method"] = EMAIL
    if not existing_only:
        fields["to_emails_custom"] = emails[:1]
        fields["cc_emails_custom"] = emails[1:]
        return fields
    _to_by_id(fields, "to_email", "to_emails_custom", emails[0], email_details)
    if len(emails) == 2:
        _to_by_id(fields, "cc_email", "cc_emails_custom", emails[1], email_details)
    elif len(emails) > 2:
        fields["cc_emails_custom"] = emails[1:]
    return fields


def _to_by_id(fields, id_field, custom_field, address, email_details):
    flag = "is_billing_to_email" if id_field == "to_email" else "is_billing_cc_email"
    detail_id = email_detail_id(email_details, address, flag)
    if detail_id:
        fields[id_field] = {"id": detail_id}
    else:
        fields[custom_field] = [address]


def email_detail_id(email_details, address, flag=None):
    """The id of the e-mail detail whose value is ``address`` (any case).

    A contact may hold one address in several details (its general e-mail
    is also its billing "cc" address): the one carrying ``flag`` (e.g.
    ``is_billing_cc_email``) is preferred, else the first.
    """
    wanted = text(address).lower()
    matches = [
        detail
        for detail in email_details or ()
        if detail.get("kind") in EMAIL_KINDS
        and text(detail.get("value")).lower() == wanted
        and detail.get("id")
    ]
    flagged = [detail for detail in matches if flag and detail.get(flag)]
    best = (flagged or matches)[:1]
    return best[0]["id"] if best else None


def dunning_email_fields(emails):
    """Dunning e-mail: first → dunning_to_emails_custom[0], the rest → cc.

    Rows 1 / 2 / 3+ of the dunning table; no address clears both lists.
    """
    emails = [address for address in map(text, emails or ()) if address]
    return {
        "dunning_to_emails_custom": emails[:1],
        "dunning_cc_emails_custom": emails[1:],
    }


def address_department_payload(source, settings):
    """Row "department (on address) | MatterPayor.Department.Name": the PATCH
    body for the debtor's LS address, or None when not written."""
    if (
        settings.sync_matter_payor_department_to_address
        and not settings.debtor_hide_department
        and source.address_ls_id
    ):
        return {"department": text(source.department)}
    return None


def is_main_debtor(ls_debtor):
    return bool(ls_debtor) and ls_debtor.get("split_type") == MAIN_DEBTOR


def main_debtor(ls_debtors):
    """The LS main debtor (split_type FullRemainingAmount) of a matter, or None."""
    return next((debtor for debtor in ls_debtors if is_main_debtor(debtor)), None)


def reconcile_main_debtor(ls_debtors, odoo_debtors):
    """§ Matter to LSMatters "Matter debtor reconciliation".

    ``ls_debtors`` are the matter's LS matterdebtors; ``odoo_debtors`` the
    Odoo payors in order as ``(odoo_id, ls_id)`` (``ls_id`` None when not
    linked). "If the LS main debtor is not linked to any CM payor, the first
    unlinked CM payor is assigned to it; if no unlinked payor exists the
    first CM payor is force-linked."

    Returns ``(odoo_id, main_debtor)`` to link, or None when nothing changes.
    """
    main = main_debtor(ls_debtors)
    if main is None or not odoo_debtors:
        return None
    if any(ls_id == main["id"] for _odoo_id, ls_id in odoo_debtors):
        return None
    unlinked = [odoo_id for odoo_id, ls_id in odoo_debtors if not ls_id]
    return (unlinked[0] if unlinked else odoo_debtors[0][0]), main


def find_created_debtor(ls_debtors, payload, linked_ids):
    """The Percentage debtor a lost create made: same debtor and percentage, not
    linked to another Odoo payor; the newest when several match."""
    found = [
        debtor
        for debtor in ls_debtors
        if debtor.get("split_type") == PERCENTAGE
        and debtor["id"] not in linked_ids
        and (debtor.get("debtor") or {}).get("id")
        == (payload.get("debtor") or {}).get("id")
        and debtor.get("percentage") == payload.get("percentage")
    ]
    return max(found, key=lambda debtor: debtor["id"]) if found else None
