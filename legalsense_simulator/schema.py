"""The resources of the LegalSense API v3 and their fields, as the contract says.

Everything the simulator does with a record (defaults, required and create-only fields,
references, nested objects, version gates) is read from these definitions.
"""

from dataclasses import dataclass, field

NO_DEFAULT = object()

# Server-chosen values of fields omitted on POST (named in the contract's descriptions).
TODAY = "today"
LOWEST_ID = "lowest_id"
GENERATED_NUMBER = "generated_number"

EMAIL_KINDS = ("email", "email_2", "email_3", "email_4")
DETAIL_KINDS = ("phone", "cellphone", "fax", "website", *EMAIL_KINDS)
MAIN_DEBTOR = "FullRemainingAmount"
PERCENTAGE = "Percentage"


@dataclass(frozen=True)
class Field:
    """One property of a resource schema."""

    name: str
    type: str  # string, boolean, integer, date, datetime, decimal, ref, refs,
    # object, custom_fields, details, strings, ids
    nullable: bool = False
    default: object = NO_DEFAULT
    server_default: str | None = None
    required: bool = False
    required_on_post: bool = False
    create_only: bool = False
    read_only: bool = False
    target: str | None = None
    choices: tuple = ()
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    min_length: int = 0
    after_version: str | None = None
    keys: tuple = ()

    @property
    def has_default(self):
        return self.default is not NO_DEFAULT


@dataclass(frozen=True)
class Resource:
    """A resource path of the API with the methods it offers."""

    name: str
    fields: tuple
    collection_methods: tuple = ("GET",)
    item_methods: tuple = ("GET",)
    filters: dict = field(default_factory=dict)
    delete_from_version: str | None = None

    @property
    def mutable(self):
        return "POST" in self.collection_methods


def copy_value(value):
    """A deep copy of a JSON value (faster than ``copy.deepcopy`` for plain data)."""
    if isinstance(value, dict):
        return {key: copy_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [copy_value(item) for item in value]
    return value


def version_key(version):
    """Compare versions numerically part by part; a missing part counts as 0."""
    parts = [int(part) for part in str(version).split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def is_available(fld, version):
    """Whether a field exists at the given server version."""
    return fld.after_version is None or version_key(version) > version_key(
        fld.after_version
    )


def item_methods(resource, version):
    """The methods ``/<resource>/{id}`` offers at the given server version."""
    methods = resource.item_methods
    gate = resource.delete_from_version
    if gate and version_key(version) < version_key(gate):
        methods = tuple(m for m in methods if m != "DELETE")
    return methods


# ---------------------------------------------------------------- field helpers


def _server_fields():
    return (
        Field("id", "integer", read_only=True),
        Field("created_date", "datetime", read_only=True),
        Field("modified_date", "datetime", read_only=True),
    )


def text(name, **kwargs):
    return Field(name, "string", default="", **kwargs)


def flag(name, default, **kwargs):
    return Field(name, "boolean", default=default, **kwargs)


def ref(name, target, **kwargs):
    return Field(name, "ref", target=target, **kwargs)


def optional_ref(name, target, **kwargs):
    return Field(name, "ref", target=target, nullable=True, default=None, **kwargs)


def softkill_status():
    return Field("softkill_status", "integer", default=1, choices=(1, 2, 3))


def invoice_language():
    return Field(
        "invoice_language", "string", nullable=True, default=None, pattern=r"[a-z]{2}"
    )


def custom_fields(definitions):
    return Field("custom_fields", "custom_fields", default={}, target=definitions)


def _lookup_fields():
    return (
        Field("id", "integer", read_only=True),
        Field("name", "string", read_only=True),
    )


# ---------------------------------------------------------------- mutable resources

CONTACT_DETAIL_KEYS = (
    Field("kind", "string", required=True, choices=DETAIL_KINDS),
    Field("value", "string", required=True, min_length=1),
    flag("is_billing_to_email", False),
    flag("is_billing_cc_email", False),
    flag("is_dunning_to_email", False),
)

CONTACTS = Resource(
    "contacts",
    fields=(
        *_server_fields(),
        Field("number", "string", read_only=True),
        Field("is_organization", "boolean", required=True, create_only=True),
        softkill_status(),
        flag("is_debtor", False),
        flag("has_dunning", False),
        Field("first_name", "string", required=True),
        Field("last_name", "string", required=True),
        Field("name_prefix", "string", required=True),
        text("initials"),
        Field(
            "gender", "string", nullable=True, default=None, choices=("Male", "Female")
        ),
        Field("birthdate", "date", nullable=True, default=None),
        text("title"),
        text("suffix_title"),
        text("salutation"),
        text("attention"),
        Field(
            "address_label_name",
            "object",
            keys=(
                text("internal"),
                Field("attention", "string", read_only=True),
                Field("custom_attention", "string", nullable=True, read_only=True),
            ),
        ),
        text("organization_name"),
        text("organization_number"),
        text("vat_number"),
        text("peppol_id"),
        invoice_language(),
        Field("tax_scheme", "integer", default=1, choices=(1, 2, 3)),
        optional_ref("account_manager_user", "users"),
        text("bank_account_iban"),
        text("bank_account_bic"),
        optional_ref("default_billing_address", "addresses"),
        Field("details", "details", default=[], keys=CONTACT_DETAIL_KEYS),
        custom_fields("contactcustomfielddefinitions"),
    ),
    collection_methods=("GET", "POST"),
    item_methods=("GET", "PUT", "PATCH"),
    filters={"modified_date__gte": None},
)

CLIENTS = Resource(
    "clients",
    fields=(
        *_server_fields(),
        ref("contact", "contacts", required=True, create_only=True),
        Field(
            "number",
            "string",
            min_length=1,
            create_only=True,
            server_default=GENERATED_NUMBER,
        ),
        Field("name", "string", required=True, min_length=1),
        text("alternative_names"),
        ref("client_status", "clientstatuses", server_default=LOWEST_ID),
        softkill_status(),
        Field("date", "date", server_default=TODAY),
        flag("is_billable", True),
        flag("is_identified", False),
        Field("reduction_rate", "decimal", default="0.00", minimum=0, maximum=100),
        optional_ref("parent_client", "clients", after_version="15.55"),
        optional_ref("originating_user", "users"),
        optional_ref("sector", "sectors"),
        Field("branches", "refs", target="branches", default=[]),
        optional_ref("referrer", "referrers"),
        text("billing_instructions"),
        custom_fields("clientcustomfielddefinitions"),
    ),
    collection_methods=("GET", "POST"),
    item_methods=("GET", "PUT", "PATCH"),
    filters={"contact": "contact", "modified_date__gte": None},
)

ADDRESSES = Resource(
    "addresses",
    fields=(
        *_server_fields(),
        ref("contact", "contacts", required=True, create_only=True),
        ref("address_kind", "addresskinds", required=True),
        text("address"),
        text("address_line_2"),
        text("zipcode"),
        text("city"),
        text("country"),
        text("normalized_country", pattern=r"([A-Z]{2})?"),
        Field("address_template", "integer", required=True, minimum=1, maximum=18),
        text("full_address"),
        text("department"),
    ),
    collection_methods=("GET", "POST"),
    item_methods=("GET", "PUT", "PATCH", "DELETE"),
    filters={"contact": "contact", "modified_date__gte": None},
    delete_from_version="18.120",
)

CONTACTCONTACTS = Resource(
    "contactcontacts",
    fields=(
        *_server_fields(),
        ref("organization", "contacts", required=True),
        ref("person", "contacts", required=True),
        text("job_description"),
    ),
    collection_methods=("GET", "POST"),
    item_methods=("GET", "PUT", "PATCH", "DELETE"),
    filters={
        "organization": "organization",
        "person": "person",
        "modified_date__gte": None,
    },
)

MATTERS = Resource(
    "matters",
    fields=(
        *_server_fields(),
        Field(
            "number",
            "string",
            min_length=1,
            create_only=True,
            server_default=GENERATED_NUMBER,
        ),
        Field("name", "string", required=True, min_length=1),
        ref("client", "clients", required=True),
        optional_ref("firm", "firms"),
        Field("date", "date", server_default=TODAY, after_version="17.10"),
        text("description"),
        text("billing_instructions"),
        text("client_reference"),
        invoice_language(),
        flag("is_billable", True),
        softkill_status(),
        ref("matter_status", "matterstatuses", server_default=LOWEST_ID),
        optional_ref("matter_type", "mattertypes"),
        optional_ref("practice_area", "practiceareas"),
        optional_ref("practice_group", "practicegroups"),
        optional_ref("supervising_user", "users"),
        optional_ref("billing_user", "users"),
        optional_ref("originating_user", "users"),
        Field("referrer", "object", keys=(optional_ref("internal", "referrers"),)),
        Field(
            "engagement_letter_status",
            "object",
            keys=(
                Field(
                    "status",
                    "string",
                    default="Unknown",
                    choices=("Unknown", "NotRequired", "NotSent", "Sent", "Signed"),
                ),
                flag("is_derived", True),
            ),
        ),
        Field("chinese_wall_kind", "integer", nullable=True, default=None, minimum=1),
        Field("archived_date", "date", nullable=True, default=None),
        Field(
            "archive_information",
            "object",
            keys=(
                text("notes"),
                Field("number", "integer", nullable=True, default=None),
                Field(
                    "retention_period",
                    "integer",
                    nullable=True,
                    default=None,
                    minimum=0,
                ),
                Field("archive_number", "string", read_only=True),
                Field("real_archive_number", "integer", nullable=True, read_only=True),
            ),
        ),
        flag("is_recofa", False),
        flag("aml_required", False),
        custom_fields("mattercustomfielddefinitions"),
    ),
    collection_methods=("GET", "POST"),
    item_methods=("GET", "PUT", "PATCH", "DELETE"),
    filters={"client": "client", "modified_date__gte": None},
)


def _email_list(name):
    return Field(name, "strings", default=[])


MATTERDEBTORS = Resource(
    "matterdebtors",
    fields=(
        *_server_fields(),
        ref("matter", "matters", required=True, create_only=True),
        ref("debtor", "contacts", required=True),
        optional_ref("contact_person", "contacts"),
        optional_ref("address", "addresses"),
        Field(
            "split_type",
            "string",
            choices=(PERCENTAGE, MAIN_DEBTOR),
            create_only=True,
            server_default=PERCENTAGE,
        ),
        Field(
            "percentage",
            "decimal",
            nullable=True,
            required_on_post=True,
            minimum=0,
            maximum=100,
        ),
        text("billing_reference"),
        Field(
            "invoice_send_method",
            "string",
            default="Email",
            choices=("Email", "RegularMail", "EmailAndRegularMail"),
        ),
        Field("email_source", "string", default="Debtor", choices=("Debtor", "Custom")),
        optional_ref("to_email", "details"),
        optional_ref("cc_email", "details"),
        _email_list("to_emails_custom"),
        _email_list("cc_emails_custom"),
        _email_list("dunning_to_emails_custom"),
        _email_list("dunning_cc_emails_custom"),
    ),
    collection_methods=("GET", "POST"),
    item_methods=("GET", "PUT", "PATCH", "DELETE"),
    filters={"matter": "matter"},
)

MATTERCONTACTS = Resource(
    "mattercontacts",
    fields=(
        *_server_fields(),
        ref("matter", "matters", required=True, create_only=True),
        ref("contact", "contacts", required=True, create_only=True),
        optional_ref("contact_person", "contacts"),
        ref("kind", "contactkinds", required=True, create_only=True),
        text("their_reference"),
    ),
    collection_methods=("GET", "POST"),
    item_methods=("GET", "PUT", "PATCH", "DELETE"),
    filters={"matter": "matter"},
)

# ---------------------------------------------------------------- read-only resources

USERS = Resource(
    "users",
    fields=(
        Field("id", "integer", read_only=True),
        Field("username", "string", read_only=True),
        Field("first_name", "string", read_only=True),
        Field("last_name", "string", read_only=True),
        Field("name_prefix", "string", read_only=True),
        Field("email", "string", read_only=True),
        Field("abbreviation", "string", read_only=True),
        Field("is_active", "boolean", read_only=True, default=True),
        Field("begin_date", "date", nullable=True, read_only=True, default=None),
        Field("end_date", "date", nullable=True, read_only=True, default=None),
        Field(
            "offices",
            "refs",
            target="offices",
            read_only=True,
            after_version="15.55",
            default=[],
        ),
        Field(
            "primary_office",
            "ref",
            target="offices",
            nullable=True,
            read_only=True,
            after_version="15.55",
            default=None,
        ),
    ),
)

OFFICES = Resource("offices", fields=_lookup_fields())

PRACTICEGROUPS = Resource(
    "practicegroups",
    fields=(
        *_lookup_fields(),
        Field("current_members", "ids", read_only=True, default=[]),
    ),
)

CUSTOM_FIELD_WIDGETS = (
    "text",
    "textarea",
    "number",
    "date",
    "checkbox",
    "choice",
    "url",
)


def _custom_field_definitions(name):
    return Resource(
        name,
        fields=(
            Field("id", "integer", read_only=True),
            Field("identifier", "string", read_only=True),
            Field("name", "string", read_only=True),
            Field(
                "widget",
                "string",
                read_only=True,
                default="text",
                choices=CUSTOM_FIELD_WIDGETS,
            ),
            Field("active", "boolean", read_only=True, default=True),
        ),
    )


LOOKUP_NAMES = (
    "matterstatuses",
    "clientstatuses",
    "sectors",
    "branches",
    "addresskinds",
    "mattertypes",
    "referrers",
    "practiceareas",
    "contactkinds",
    "submatterkinds",
    "firms",
)

RESOURCES = {
    resource.name: resource
    for resource in (
        CONTACTS,
        CLIENTS,
        ADDRESSES,
        CONTACTCONTACTS,
        MATTERS,
        MATTERDEBTORS,
        MATTERCONTACTS,
        USERS,
        OFFICES,
        PRACTICEGROUPS,
        *(Resource(name, fields=_lookup_fields()) for name in LOOKUP_NAMES),
        *(
            _custom_field_definitions(name)
            for name in (
                "clientcustomfielddefinitions",
                "contactcustomfielddefinitions",
                "mattercustomfielddefinitions",
            )
        ),
    )
}
