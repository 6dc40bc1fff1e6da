"""§ Employee to LSContactContacts, both tables row by row."""

import dataclasses

import pytest

from legalsense_mapping.contact_contacts import (
    contact_contact_payload,
    employee_details,
)
from legalsense_mapping.sources import EmployeeSource
from legalsense_mapping.tests.helpers import detail

EMPLOYEE = EmployeeSource(
    odoo_id=12,
    organization_ls_id=5,
    person_ls_id=6,
    job_function_name="Advocaat",
    job_title="Senior advocaat",
)
EXPECTED = {
    "organization": {"id": 5},
    "person": {"id": 6},
    "job_description": "Advocaat",
}


@pytest.mark.parametrize(
    ("changes", "expect"),
    [
        pytest.param(
            {"organization_ls_id": 50},
            {"organization": {"id": 50}},
            id="organization.id | Employee.Company external ID",
        ),
        pytest.param(
            {"person_ls_id": 60},
            {"person": {"id": 60}},
            id="person.id | Employee.Person external ID",
        ),
        pytest.param(
            {"job_function_name": "Notaris"},
            {"job_description": "Notaris"},
            id="job_description | Employee.JobFunction display name",
        ),
        pytest.param(
            {"job_function_name": ""},
            {"job_description": "Senior advocaat"},
            id="job_description | falls back to Employee.JobTitle",
        ),
        pytest.param(
            {"job_function_name": False, "job_title": False},
            {"job_description": ""},
            id="job_description | neither: empty",
        ),
    ],
)
def test_employee_to_lscontactcontacts_row(changes, expect):
    employee = dataclasses.replace(EMPLOYEE, **changes)
    assert contact_contact_payload(employee) == EXPECTED | expect


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            {"phone": "020 1"},
            [detail("phone", "020 1")],
            id="details[phone] | PhoneNumber",
        ),
        pytest.param(
            {"mobile": "06 1"},
            [detail("cellphone", "06 1")],
            id="details[cellphone] | Employee.MobileNumber",
        ),
        pytest.param(
            {"fax": "020 9"},
            [detail("fax", "020 9")],
            id="details[fax] | Employee.FaxNumber",
        ),
        pytest.param(
            {"website": "acme.nl/jan"},
            [detail("website", "http://acme.nl/jan")],
            id="details[website] | Employee.Website",
        ),
        pytest.param(
            {
                "email": "jan@acme.nl",
                "billing_emails": ("f@acme.nl",),
                "dunning_email": "d@acme.nl",
            },
            [
                detail("email", "jan@acme.nl"),
                detail("email_2", "f@acme.nl", to=True),
                detail("email_4", "jan@acme.nl", cc=True),
                detail("email_3", "d@acme.nl", dunning=True),
            ],
            id="details[email*] | via E-mail address mapping",
        ),
        pytest.param(
            {}, [], id="no communication data: empty list (clears the person's)"
        ),
    ],
)
def test_employee_communication_row(changes, expected):
    assert employee_details(dataclasses.replace(EMPLOYEE, **changes)) == expected
