"""§ MatterPayor to LSMatterDebtors row by row, its e-mail tables and the
matter debtor reconciliation."""

import decimal
from types import MappingProxyType

import pytest

from legalsense_mapping.matter_debtors import (
    DebtorSource,
    address_department_payload,
    debtor_payload,
    dunning_email_fields,
    find_created_debtor,
    invoice_email_fields,
    reconcile_main_debtor,
    split_addresses,
)
from legalsense_mapping.matter_settings import MatterSettings
from legalsense_mapping.tests.rows import DROP, NEW, PayloadTable

SOURCE = DebtorSource(
    odoo_id=7,
    matter_ls_id=9001,
    debtor_ls_id=1001,
    address_ls_id=3001,
    percentage=decimal.Decimal(60),
    billing_reference="PO-17",
    department="Crediteurenadministratie",
    invoice_emails=("f@jansen.nl",),
    dunning_emails=("d@jansen.nl",),
)
EXISTING = MappingProxyType({"id": 4, "split_type": "Percentage"})
ALWAYS = {
    "debtor": {"id": 1001},
    "contact_person": None,
    "matter": {"id": 9001},
    "address": {"id": 3001},
    "percentage": "60.00",
}
NEW_ONLY = {"email_source": "Debtor", "split_type": "Percentage"}
DETAILS = (
    {"id": 11, "kind": "email", "value": "info@jansen.nl"},
    {"id": 12, "kind": "email_2", "value": "F@Jansen.nl"},
    {"id": 13, "kind": "phone", "value": "cc@jansen.nl"},
    {"id": 21, "kind": "email", "value": "piet@jansen.nl"},
)
CLEARED = {
    "to_email": None,
    "cc_email": None,
    "to_emails_custom": [],
    "cc_emails_custom": [],
}


TABLE = PayloadTable(debtor_payload, SOURCE, MatterSettings, EXISTING, ALWAYS, NEW_ONLY)
row = TABLE.row
payload_for = TABLE.payload
expected_payload = TABLE.expected


ROWS = [
    row("new only | email_source | Debtor", existing=NEW),
    row("new only | split_type | Percentage", existing=NEW),
    row(
        "always | debtor.id | contact (company if employee) external ID",
        source={"debtor_ls_id": 1002},
        expect={"debtor": {"id": 1002}},
    ),
    row(
        "always | contact_person.id | Employee.Person external ID",
        source={"contact_person_ls_id": 1003},
        expect={"contact_person": {"id": 1003}},
    ),
    row("always | matter.id | matter external ID"),
    row(
        "always | address.id | MatterPayor.Address external ID",
        source={"address_ls_id": None},
        expect={"address": None},
    ),
    row(
        "always | percentage | MatterPayor.ContactPercentage",
        source={"percentage": 33.333},
        expect={"percentage": "33.33"},
    ),
    row(
        "always | percentage | only when split_type = Percentage (main debtor)",
        existing={"id": 3, "split_type": "FullRemainingAmount"},
        expect={"percentage": DROP},
    ),
    row(
        "always | billing_reference | only when ShowDebtorBillReference",
        settings={"show_debtor_bill_reference": True},
        expect={"billing_reference": "PO-17"},
    ),
    row(
        "invoice e-mail | only when ShowDebtorBillEmailAddress",
        settings={"show_debtor_bill_email_address": True},
        expect={"to_emails_custom": ["f@jansen.nl"], "cc_emails_custom": []}
        | {"to_email": None, "cc_email": None},
    ),
    row(
        "dunning e-mail | only when ShowDebtorDunningEmailAddress",
        settings={"show_debtor_dunning_email_address": True},
        expect={
            "dunning_to_emails_custom": ["d@jansen.nl"],
            "dunning_cc_emails_custom": [],
        },
    ),
]


@pytest.mark.parametrize("source, settings, existing, expect", ROWS)
def test_debtor_rows(source, settings, existing, expect):
    payload = payload_for(source, settings, existing)
    expected = expected_payload(existing, expect)
    assert payload == expected


# ------------------------------------------------------------ invoice e-mail

ONE = ("f@jansen.nl",)
TWO = ("f@jansen.nl", "piet@jansen.nl")
THREE = ("f@jansen.nl", "piet@jansen.nl", "x@elders.nl")


@pytest.mark.parametrize(
    "emails, existing_only, expected",
    [
        pytest.param(
            (),
            True,
            {"invoice_send_method": "RegularMail"} | CLEARED,
            id="0 | RegularMail, all cleared (existing only)",
        ),
        pytest.param(
            (),
            False,
            {"invoice_send_method": "RegularMail"} | CLEARED,
            id="0 | RegularMail, all cleared",
        ),
        pytest.param(
            ONE,
            True,
            CLEARED | {"to_email": {"id": 12}},
            id="existing only | 1 | to_email by id (any case)",
        ),
        pytest.param(
            TWO,
            True,
            CLEARED | {"to_email": {"id": 12}, "cc_email": {"id": 21}},
            id="existing only | 2 | to_email and cc_email by id (contact person too)",
        ),
        pytest.param(
            ("f@jansen.nl", "cc@jansen.nl"),
            True,
            CLEARED | {"to_email": {"id": 12}, "cc_emails_custom": ["cc@jansen.nl"]},
            id="existing only | 2 | not an e-mail detail: falls back to custom",
        ),
        pytest.param(
            ("nieuw@jansen.nl",),
            True,
            CLEARED | {"to_emails_custom": ["nieuw@jansen.nl"]},
            id="existing only | 1 | id not found: to_emails_custom",
        ),
        pytest.param(
            THREE,
            True,
            CLEARED
            | {
                "to_email": {"id": 12},
                "cc_emails_custom": ["piet@jansen.nl", "x@elders.nl"],
            },
            id="existing only | 3+ | first to_email, remainder cc_emails_custom",
        ),
        pytest.param(
            ONE,
            False,
            CLEARED | {"to_emails_custom": ["f@jansen.nl"]},
            id="custom | 1 | to_emails_custom",
        ),
        pytest.param(
            TWO,
            False,
            CLEARED
            | {
                "to_emails_custom": ["f@jansen.nl"],
                "cc_emails_custom": ["piet@jansen.nl"],
            },
            id="custom | 2 | to_emails_custom, cc_emails_custom",
        ),
        pytest.param(
            THREE,
            False,
            CLEARED
            | {
                "to_emails_custom": ["f@jansen.nl"],
                "cc_emails_custom": ["piet@jansen.nl", "x@elders.nl"],
            },
            id="custom | 3+ | to_emails_custom[0] = first; cc_emails_custom = rest",
        ),
    ],
)
def test_invoice_email(emails, existing_only, expected):
    assert invoice_email_fields(emails, existing_only, DETAILS) == expected


def test_invoice_email_prefers_the_flagged_detail():
    details = (
        {"id": 11, "kind": "email", "value": "info@jansen.nl"},
        {
            "id": 14,
            "kind": "email_4",
            "value": "info@jansen.nl",
            "is_billing_cc_email": True,
        },
    )
    one = invoice_email_fields(("info@jansen.nl",), True, details)
    assert one["to_email"] == {"id": 11}  # no "to" flag: the first
    two = invoice_email_fields(("f@x.nl", "info@jansen.nl"), True, details)
    assert two["cc_email"] == {"id": 14}
    assert two["to_emails_custom"] == ["f@x.nl"]


def test_invoice_email_back_from_regular_mail():
    existing = {"invoice_send_method": "RegularMail"}
    fields = invoice_email_fields(ONE, False, (), existing)
    assert fields["invoice_send_method"] == "Email"
    other = {"invoice_send_method": "EmailAndRegularMail"}
    assert "invoice_send_method" not in invoice_email_fields(ONE, False, (), other)


@pytest.mark.parametrize(
    "emails, expected",
    [
        pytest.param((), ([], []), id="0 | both cleared"),
        pytest.param(ONE, (["f@jansen.nl"], []), id="1 | dunning_to_emails_custom[0]"),
        pytest.param(
            TWO,
            (["f@jansen.nl"], ["piet@jansen.nl"]),
            id="2 | dunning_to_emails_custom[0], dunning_cc_emails_custom[0]",
        ),
        pytest.param(
            THREE,
            (["f@jansen.nl"], ["piet@jansen.nl", "x@elders.nl"]),
            id="3+ | dunning_to_emails_custom[0], cc = remaining",
        ),
    ],
)
def test_dunning_email(emails, expected):
    to, cc = expected
    assert dunning_email_fields(emails) == {
        "dunning_to_emails_custom": to,
        "dunning_cc_emails_custom": cc,
    }


def test_split_addresses():
    assert split_addresses(" a@x.nl; b@x.nl ;;a@x.nl, c@x.nl\n") == (
        "a@x.nl",
        "b@x.nl",
        "c@x.nl",
    )
    assert split_addresses(False) == ()


@pytest.mark.parametrize(
    "settings, expected",
    [
        pytest.param({}, None, id="setting off"),
        pytest.param(
            {"sync_matter_payor_department_to_address": True},
            {"department": "Crediteurenadministratie"},
            id="SyncMatterPayorDepartmentToAddress",
        ),
        pytest.param(
            {
                "sync_matter_payor_department_to_address": True,
                "debtor_hide_department": True,
            },
            None,
            id="not when DebtorHideDepartment",
        ),
    ],
)
def test_department_on_address(settings, expected):
    assert address_department_payload(SOURCE, MatterSettings(**settings)) == expected


# ------------------------------------------------------------ reconciliation

MAIN = {"id": 50, "split_type": "FullRemainingAmount"}
OTHER = {"id": 51, "split_type": "Percentage"}


@pytest.mark.parametrize(
    "odoo_debtors, expected",
    [
        pytest.param([], None, id="no Odoo payors"),
        pytest.param([(1, 50), (2, None)], None, id="main debtor already linked"),
        pytest.param(
            [(1, 51), (2, None), (3, None)],
            (2, MAIN),
            id="first unlinked payor gets the main debtor",
        ),
        pytest.param(
            [(1, 51), (2, 52)], (1, MAIN), id="none unlinked: first is force-linked"
        ),
    ],
)
def test_reconcile_main_debtor(odoo_debtors, expected):
    assert reconcile_main_debtor([OTHER, MAIN], odoo_debtors) == expected


def test_reconcile_without_main_debtor():
    assert reconcile_main_debtor([OTHER], [(1, None)]) is None


def test_find_created_debtor():
    payload = {"debtor": {"id": 1001}, "percentage": "40.00"}
    debtors = [
        MAIN | {"debtor": {"id": 1001}, "percentage": None},
        {
            "id": 60,
            "split_type": "Percentage",
            "debtor": {"id": 1001},
            "percentage": "40.00",
        },
        {
            "id": 61,
            "split_type": "Percentage",
            "debtor": {"id": 1001},
            "percentage": "40.00",
        },
    ]
    assert find_created_debtor(debtors, payload, set())["id"] == 61
    assert find_created_debtor(debtors, payload, {61})["id"] == 60
    assert find_created_debtor(debtors, payload, {60, 61}) is None
