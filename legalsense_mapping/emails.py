"""§ E-mail address mapping: the e-mail items of a contact's ``details``.

Applies to companies, persons and employees (an employee's items are
written to the linked person's contact). Kinds: ``email`` general,
``email_2`` billing "to", ``email_3`` dunning, ``email_4`` billing "cc".
The API refuses empty values, so a row without a value gives no item.
"""

from .formats import text


def detail(kind, value, billing_to=False, billing_cc=False, dunning_to=False):
    """One ``details`` item with all three flags spelled out."""
    return {
        "kind": kind,
        "value": value,
        "is_billing_to_email": billing_to,
        "is_billing_cc_email": billing_cc,
        "is_dunning_to_email": dunning_to,
    }


def email_details(email, billing_emails, dunning_email):
    """The e-mail items in the order of the table's rows, without empty ones.

    More than two billing addresses: the table stops at two, so the first
    goes to ``email_2`` and the second to ``email_4``; the rest are not
    contact details (matter debtors carry them in their custom lists).
    """
    email = text(email)
    billing = [address for address in map(text, billing_emails or ()) if address]
    items = []
    # Row "Contact.EmailAddress → details[email], no flags"
    items.append(detail("email", email))
    if not billing:
        # Row "BillingEmailAddress (0 addresses) → email_4, is_billing_cc_email
        # (uses general EmailAddress as fallback)"
        items.append(detail("email_4", email, billing_cc=True))
    else:
        # Row "BillingEmailAddress[0] (1–2 addresses) → email_2, is_billing_to_email"
        items.append(detail("email_2", billing[0], billing_to=True))
    if len(billing) >= 2:
        # Row "BillingEmailAddress[1] (2 addresses) → email_4, is_billing_cc_email"
        items.append(detail("email_4", billing[1], billing_cc=True))
    elif len(billing) == 1:
        # Row "EmailAddress (when 1 billing address is set) → email_4,
        # is_billing_cc_email"
        items.append(detail("email_4", email, billing_cc=True))
    # Row "DunningEmailAddress → details[email_3], is_dunning_to_email"
    items.append(detail("email_3", text(dunning_email), dunning_to=True))
    return [item for item in items if item["value"]]
