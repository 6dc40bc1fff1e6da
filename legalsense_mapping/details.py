"""The ``details`` list of a contact: phone, cellphone, fax, website, e-mail.

The details[...] rows of § Company/Person to LSContacts and the
communication table of § Employee to LSContactContacts. A sent list is the
contact's complete list (contract § 7.1), so it is always sent whole.
"""

from .emails import detail, email_details
from .formats import text


def website_url(website):
    """The website with ``http://`` prepended when it has no scheme; "" stays ""."""
    website = text(website)
    if website and "://" not in website:
        return f"http://{website}"
    return website


def communication_details(source):
    """The details items of a contact or employee source, empty kinds left out."""
    items = [
        # Row "details[phone] | PhoneNumber | kind = phone"
        detail("phone", text(source.phone)),
        # Row "details[cellphone] | MobileNumber | kind = cellphone"
        detail("cellphone", text(source.mobile)),
        # Row "details[fax] | FaxNumber | kind = fax"
        detail("fax", text(source.fax)),
        # Row "details[website] | Website | http:// prepended if missing"
        detail("website", website_url(source.website)),
    ]
    items = [item for item in items if item["value"]]
    # Row "details[email*] | various | see E-mail address mapping"
    return items + email_details(
        source.email, source.billing_emails, source.dunning_email
    )
