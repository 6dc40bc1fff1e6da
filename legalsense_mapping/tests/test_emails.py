"""§ E-mail address mapping, row by row, and the details list around it."""

import pytest

from legalsense_mapping.details import communication_details, website_url
from legalsense_mapping.emails import email_details
from legalsense_mapping.sources import ContactSource, EmployeeSource
from legalsense_mapping.tests.helpers import detail as item


@pytest.mark.parametrize(
    ("email", "billing", "dunning", "expected"),
    [
        pytest.param(
            "info@acme.nl",
            (),
            "",
            [item("email", "info@acme.nl"), item("email_4", "info@acme.nl", cc=True)],
            id="Contact.EmailAddress | details[email] | none"
            " + BillingEmailAddress (0 addresses) | email_4 | is_billing_cc_email"
            " (EmailAddress as fallback)",
        ),
        pytest.param(
            "info@acme.nl",
            ("bill@acme.nl",),
            "",
            [
                item("email", "info@acme.nl"),
                item("email_2", "bill@acme.nl", to=True),
                item("email_4", "info@acme.nl", cc=True),
            ],
            id="BillingEmailAddress[0] (1-2 addresses) | email_2 | is_billing_to_email"
            " + EmailAddress (when 1 billing address is set) | email_4 | cc",
        ),
        pytest.param(
            "info@acme.nl",
            ("bill@acme.nl", "cfo@acme.nl"),
            "",
            [
                item("email", "info@acme.nl"),
                item("email_2", "bill@acme.nl", to=True),
                item("email_4", "cfo@acme.nl", cc=True),
            ],
            id="BillingEmailAddress[1] (2 addresses) | email_4 | is_billing_cc_email",
        ),
        pytest.param(
            "info@acme.nl",
            (),
            "dun@acme.nl",
            [
                item("email", "info@acme.nl"),
                item("email_4", "info@acme.nl", cc=True),
                item("email_3", "dun@acme.nl", dunning=True),
            ],
            id="DunningEmailAddress | details[email_3] | is_dunning_to_email",
        ),
        pytest.param(
            "info@acme.nl",
            ("a@acme.nl", "b@acme.nl", "c@acme.nl"),
            "",
            [
                item("email", "info@acme.nl"),
                item("email_2", "a@acme.nl", to=True),
                item("email_4", "b@acme.nl", cc=True),
            ],
            id="3 billing addresses: first two only (table stops at 2)",
        ),
        pytest.param(
            "",
            (),
            "",
            [],
            id="no addresses at all: no items (LS refuses empty values)",
        ),
        pytest.param(
            "",
            ("bill@acme.nl",),
            "",
            [item("email_2", "bill@acme.nl", to=True)],
            id="1 billing address, no EmailAddress: no email, no email_4",
        ),
        pytest.param(
            " info@acme.nl ",
            (" ", "bill@acme.nl ", ""),
            " ",
            [
                item("email", "info@acme.nl"),
                item("email_2", "bill@acme.nl", to=True),
                item("email_4", "info@acme.nl", cc=True),
            ],
            id="blank billing entries are skipped, values stripped",
        ),
        pytest.param(
            False,
            None,
            False,
            [],
            id="Odoo False values give no items",
        ),
    ],
)
def test_email_address_mapping(email, billing, dunning, expected):
    assert email_details(email, billing, dunning) == expected


@pytest.mark.parametrize(
    ("website", "expected"),
    [
        pytest.param("www.acme.nl", "http://www.acme.nl", id="http:// prepended"),
        pytest.param("http://acme.nl", "http://acme.nl", id="http kept"),
        pytest.param("https://acme.nl", "https://acme.nl", id="https kept"),
        pytest.param("HTTPS://ACME.NL", "HTTPS://ACME.NL", id="upper-case scheme kept"),
        pytest.param(" acme.nl ", "http://acme.nl", id="stripped, then prepended"),
        pytest.param("", "", id="empty stays empty"),
        pytest.param(False, "", id="Odoo False is empty"),
    ],
)
def test_website_prefix(website, expected):
    assert website_url(website) == expected


def test_details_order_and_kinds():
    source = ContactSource(
        odoo_id=1,
        is_company=True,
        phone="020 123",
        mobile="06 123",
        fax="020 999",
        website="acme.nl",
        email="info@acme.nl",
        dunning_email="dun@acme.nl",
    )
    assert communication_details(source) == [
        item("phone", "020 123"),
        item("cellphone", "06 123"),
        item("fax", "020 999"),
        item("website", "http://acme.nl"),
        item("email", "info@acme.nl"),
        item("email_4", "info@acme.nl", cc=True),
        item("email_3", "dun@acme.nl", dunning=True),
    ]


def test_details_leave_out_kinds_without_value():
    source = EmployeeSource(odoo_id=1, mobile="06 1", fax="  ")
    assert communication_details(source) == [item("cellphone", "06 1")]
