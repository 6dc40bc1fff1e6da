"""§ Employee to LSContactContacts: the link payload and the person's details."""

from .details import communication_details
from .formats import id_ref, text


def contact_contact_payload(employee):
    """The LS contactcontacts payload, row by row."""
    return {
        # Row "organization.id | Employee.Company external ID"
        "organization": id_ref(employee.organization_ls_id),
        # Row "person.id | Employee.Person external ID"
        "person": id_ref(employee.person_ls_id),
        # Row "job_description | Employee.JobFunction display name | falls back to
        # Employee.JobTitle"
        "job_description": text(employee.job_function_name) or text(employee.job_title),
    }


def employee_details(employee):
    """The ``details`` written to the person's LS contact (overwrites the person's).

    Rows details[phone] / [cellphone] / [fax] / [website] / [email*] of the
    communication table; website gets http:// like a contact's (the
    employee table leaves that out; the same details column is meant).
    """
    return communication_details(employee)
