"""§ Lookup list URLs and § List endpoint type names: the LegalSense lists.

The admin URL ``/LegalSenseConfiguration.aspx/List/<TypeName>`` accepts the
type names of the manual's table (case-insensitive) and shows the columns the
table names; ``ExportLookupItems`` writes every list, and the users, to one
Excel file.
"""

import io
from collections import namedtuple

import xlsxwriter

Column = namedtuple("Column", "key label")
Column.__doc__ = "A column of a list: the key of the LegalSense record and its header."

ListType = namedtuple("ListType", "name title resource type_names columns")
ListType.__doc__ = """One row of the manual's type-name table.

``name`` is the canonical type name (also the Excel sheet name), ``title``
what people call the list, ``resource`` the LegalSense API path and
``type_names`` every spelling the URL accepts.
"""

ID_NAME = (Column("id", "ID"), Column("name", "Name"))
DEFINITION_COLUMNS = (
    Column("id", "ID"),
    Column("identifier", "Identifier"),
    Column("name", "Name"),
    Column("widget", "Widget"),
    Column("active", "Active"),
)
USER_COLUMNS = (
    Column("id", "ID"),
    Column("username", "Username"),
    Column("first_name", "First name"),
    Column("name_prefix", "Name prefix"),
    Column("last_name", "Last name"),
    Column("email", "E-mail"),
    Column("abbreviation", "Abbreviation"),
    Column("is_active", "Active"),
    Column("begin_date", "Begin date"),
    Column("end_date", "End date"),
    Column("primary_office", "Primary office"),
)


def _named(name, title, resource, singular, *aliases):
    return ListType(name, title, resource, (singular, name, *aliases), ID_NAME)


def _definitions(prefix, title):
    stem = f"{prefix}CustomField"
    return ListType(
        f"{stem}Definitions",
        title,
        f"{prefix.lower()}customfielddefinitions",
        (stem, f"{stem}s", f"{stem}Definition", f"{stem}Definitions"),
        DEFINITION_COLUMNS,
    )


# The manual's table, in its order.
LIST_TYPES = (
    _named("MatterStatuses", "Matter statuses", "matterstatuses", "MatterStatus"),
    _named("ClientStatuses", "Client statuses", "clientstatuses", "ClientStatus"),
    _named("Sectors", "Sectors", "sectors", "Sector"),
    _named("Branches", "Branches", "branches", "Branch"),
    _named("AddressKinds", "Address kinds", "addresskinds", "AddressKind"),
    _named("MatterTypes", "Matter types", "mattertypes", "MatterType"),
    _named("Referrers", "Referrers", "referrers", "Referrer"),
    _named(
        "PracticeAreas", "Practice areas", "practiceareas", "PracticeArea", "AreaOfLaw"
    ),
    _named("PracticeGroups", "Practice groups", "practicegroups", "PracticeGroup"),
    _named("Firms", "Firms", "firms", "Firm"),
    _named("ContactKinds", "Contact kinds", "contactkinds", "ContactKind"),
    _named("SubMatterKinds", "Sub-matter kinds", "submatterkinds", "SubMatterKind"),
    _definitions("Client", "Client custom field definitions"),
    _definitions("Contact", "Contact custom field definitions"),
    _definitions("Matter", "Matter custom field definitions"),
)

# The users (``ListUser``): not in the type-name table, but in the lookup
# list URLs and in the Excel export.
USERS = ListType("Users", "Users", "users", ("User", "Users"), USER_COLUMNS)

_BY_TYPE_NAME = {
    type_name.lower(): list_type
    for list_type in (*LIST_TYPES, USERS)
    for type_name in list_type.type_names
}


def find_list_type(type_name):
    """The list of a type name (any case), or None when it is not one."""
    return _BY_TYPE_NAME.get((type_name or "").strip().lower())


def type_names():
    """Every accepted type name, in the table's order."""
    return [name for list_type in LIST_TYPES for name in list_type.type_names]


def _cell(value):
    """A LegalSense value as a cell: references by id, lists joined."""
    if isinstance(value, dict):
        return value.get("name") or value.get("id")
    if isinstance(value, list):
        return ", ".join(str(_cell(item)) for item in value)
    return value


def rows(list_type, records):
    """The cells of ``records`` in the columns of ``list_type``."""
    return [
        [_cell(record.get(column.key)) for column in list_type.columns]
        for record in records
    ]


def with_office_names(users, offices):
    """The users with ``primary_office`` as ``{"id", "name"}`` where known."""
    names = {office["id"]: office.get("name") for office in offices}
    named = []
    for user in users:
        office = user.get("primary_office")
        if office and office.get("id") in names:
            user = dict(user, primary_office={**office, "name": names[office["id"]]})
        named.append(user)
    return named


# ------------------------------------------------------------ Excel export

MAX_COLUMN_WIDTH = 60


def _text_width(value):
    if value is None:
        return 0
    if isinstance(value, bool):
        return 5
    return max((len(line) for line in str(value).splitlines()), default=0)


def _write_cell(sheet, row, col, value):
    if value is None or value == "":
        sheet.write_blank(row, col, None)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value)
    else:
        sheet.write_string(row, col, str(value))


def workbook(sheets):
    """An ``.xlsx`` file (bytes) with one sheet per list.

    ``sheets`` is a sequence of ``(sheet name, headers, rows, note)``; a
    ``note`` (e.g. why a list is missing) is written under the rows. Each
    sheet has a bold, frozen header row with a filter and columns as wide
    as their longest value.
    """
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    header_format = book.add_format({"bold": True, "bottom": 1})
    for name, headers, cells, note in sheets:
        sheet = book.add_worksheet(name[:31])
        for col, header in enumerate(headers):
            sheet.write_string(0, col, header, header_format)
        for row, values in enumerate(cells, start=1):
            for col, value in enumerate(values):
                _write_cell(sheet, row, col, value)
        if note:
            sheet.write_string(len(cells) + 2, 0, note)
        sheet.freeze_panes(1, 0)
        if cells:
            sheet.autofilter(0, 0, len(cells), len(headers) - 1)
        for col, header in enumerate(headers):
            width = max(
                [_text_width(header) + 3]  # room for the filter button
                + [_text_width(values[col]) for values in cells]
            )
            sheet.set_column(col, col, min(width + 1, MAX_COLUMN_WIDTH))
    book.close()
    return output.getvalue()
