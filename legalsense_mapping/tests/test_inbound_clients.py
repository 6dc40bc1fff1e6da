"""LegalSense → Odoo: § Contact to LSClients and § Employee to
LSContactContacts read backwards, row by row."""

import dataclasses

import pytest

from legalsense_mapping.inbound import contact_values
from legalsense_mapping.inbound_clients import (
    client_values,
    contact_contact_values,
    employee_values,
)
from legalsense_mapping.tests.inbound_records import PERSON, detail, settings

CLIENT = {
    "id": 50,
    "contact": {"id": 10},
    "number": "10050",
    "alternative_names": "JZ",
    "originating_user": {"id": 3},
    "sector": {"id": 2},
    "branches": [{"id": 5}, {"id": 6}],
    "referrer": {"id": 7},
    "billing_instructions": "Per kwartaal",
    "parent_client": {"id": 49},
}


@pytest.mark.parametrize(
    "settings_, expect",
    [
        pytest.param(
            {},
            {
                "values": {
                    "legalsense_is_client": True,
                    "legalsense_client_code": "10050",
                    "previous_name": "JZ",
                },
                "originating_user_field": "originator_id",
                "sector_ls_id": 2,
                "branch_ls_id": None,
                "referrer_ls_id": 7,
                "parent_client_ls_id": 49,
            },
            id="defaults",
        ),
        pytest.param(
            {
                "use_client_code": False,
                "sync_company_use_alias_to_alternative_name": True,
                "sync_client_originating_user_to_cm_field": "Owner",
                "sync_client_segment": False,
                "sync_client_branches_to_cm_field": "Industry",
                "sync_client_referral": False,
                "sync_client_billing_instructions": True,
            },
            {
                "values": {
                    "legalsense_is_client": True,
                    "name_alias": "JZ",
                    "billing_instructions": "Per kwartaal",
                },
                "originating_user_field": "user_id",
                "sector_ls_id": None,
                "branch_ls_id": 5,
                "referrer_ls_id": None,
            },
            id="every setting the other way",
        ),
    ],
)
def test_client_rows(settings_, expect):
    inbound = dataclasses.asdict(client_values(CLIENT, settings(**settings_)))
    assert {key: inbound[key] for key in expect} == expect


# ------------------------------------------------------------ contact-contacts


@pytest.mark.parametrize(
    ("existing", "expect"),
    [
        pytest.param(None, {"function": "Partner"}, id="new person: job function"),
        pytest.param(
            {"function": "Advocaat", "job_title": "Senior advocaat"},
            {"function": "Partner"},
            id="a job function: it was sent, it is written",
        ),
        pytest.param(
            {"function": False, "job_title": "Senior advocaat"},
            {"job_title": "Partner"},
            id="only a job title (the fallback): the job title",
        ),
        pytest.param(
            {"function": False, "job_title": False},
            {"function": "Partner"},
            id="neither: job function",
        ),
    ],
)
def test_job_description_goes_back_where_it_came_from(existing, expect):
    link = {"id": 40, "job_description": " Partner "}
    assert contact_contact_values(link, existing) == expect


def test_employee_values_take_names_phone_fax_and_email():
    values = contact_values(
        dict(
            PERSON,
            details=[detail("phone", "1"), detail("fax", "2"), detail("email", "e")],
        ),
        settings(),
    ).values
    assert employee_values(values) == {
        "firstname": "Jan",
        "lastname": "Vries",
        "infix": "de",
        "initials": "J.",
        "gender": "male",
        "name_suffix": "LL.M.",
        "phone": "1",
        "mobile": False,
        "fax": "2",
        "email": "e",
    }
