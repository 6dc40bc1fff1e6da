import datetime
import io

import openpyxl
import pytest

from legalsense_mapping.lookup_lists import (
    LIST_TYPES,
    USERS,
    find_list_type,
    rows,
    type_names,
    with_office_names,
    workbook,
)

# The manual's table: type names -> LS API path and columns.
MANUAL_TABLE = [
    (("MatterStatus", "MatterStatuses"), "matterstatuses", "ID, Name"),
    (("ClientStatus", "ClientStatuses"), "clientstatuses", "ID, Name"),
    (("Sector", "Sectors"), "sectors", "ID, Name"),
    (("Branch", "Branches"), "branches", "ID, Name"),
    (("AddressKind", "AddressKinds"), "addresskinds", "ID, Name"),
    (("MatterType", "MatterTypes"), "mattertypes", "ID, Name"),
    (("Referrer", "Referrers"), "referrers", "ID, Name"),
    (("PracticeArea", "PracticeAreas", "AreaOfLaw"), "practiceareas", "ID, Name"),
    (("PracticeGroup", "PracticeGroups"), "practicegroups", "ID, Name"),
    (("Firm", "Firms"), "firms", "ID, Name"),
    (("ContactKind", "ContactKinds"), "contactkinds", "ID, Name"),
    (("SubMatterKind", "SubMatterKinds"), "submatterkinds", "ID, Name"),
]
DEFINITIONS = "ID, Identifier, Name, Widget, Active"
for _prefix in ("Client", "Contact", "Matter"):
    MANUAL_TABLE.append(
        (
            tuple(
                f"{_prefix}CustomField{definition}{plural}"
                for definition in ("", "Definition")
                for plural in ("", "s")
            ),
            f"{_prefix.lower()}customfielddefinitions",
            DEFINITIONS,
        )
    )


@pytest.mark.parametrize(("names", "resource", "columns"), MANUAL_TABLE)
def test_every_type_name_of_the_manual(names, resource, columns):
    for name in names:
        for spelling in (name, name.lower(), name.upper()):
            list_type = find_list_type(spelling)
            assert list_type.resource == resource
            labels = ", ".join(column.label for column in list_type.columns)
            assert labels == columns


def test_the_table_has_nothing_else():
    manual = sorted(name for names, _, _ in MANUAL_TABLE for name in names)
    assert sorted(type_names()) == manual
    assert len(LIST_TYPES) == len(MANUAL_TABLE)


def test_unknown_type_names():
    for name in ("", None, "Matter", "MatterStatusess", "Contacts", " "):
        assert find_list_type(name) is None


def test_users_are_a_list_too():
    assert find_list_type("users") is USERS
    assert find_list_type("User") is USERS
    assert "Users" not in type_names()


def test_sheet_names_fit_excel():
    names = [list_type.name for list_type in (*LIST_TYPES, USERS)]
    assert len(set(names)) == len(names)
    assert all(len(name) <= 31 for name in names)


def test_rows_follow_the_columns():
    definitions = find_list_type("ContactCustomFields")
    records = [
        {"id": 3, "identifier": "old", "name": "Oude code", "widget": "text"},
        {"id": 1, "active": True, "name": "WWFT", "extra": "ignored"},
    ]
    assert rows(definitions, records) == [
        [3, "old", "Oude code", "text", None],
        [1, None, "WWFT", None, True],
    ]


def test_user_rows_name_the_primary_office():
    users = [
        {"id": 2, "username": "jdevries", "primary_office": {"id": 1}},
        {"id": 3, "username": "x", "primary_office": {"id": 9}},
        {"id": 4, "username": "y", "primary_office": None},
    ]
    named = with_office_names(users, [{"id": 1, "name": "Amsterdam"}])
    cells = rows(USERS, named)
    office = [column.key for column in USERS.columns].index("primary_office")
    assert [row[office] for row in cells] == ["Amsterdam", 9, None]
    assert users[0]["primary_office"] == {"id": 1}, "the input is left alone"


def read_back(data):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_workbook_one_sheet_per_list():
    data = workbook(
        [
            ("MatterStatuses", ["ID", "Name"], [[1, "Nieuw"], [2, "Actief"]], None),
            (
                "ContactCustomFieldDefinitions",
                ["ID", "Identifier", "Name", "Widget", "Active"],
                [[1, "wwft", "WWFT", "choice", True], [3, "old", "Oud", "", False]],
                None,
            ),
            ("Firms", ["ID", "Name"], [], "Not available: LegalSense answered 404."),
        ]
    )
    book = read_back(data)
    assert book.sheetnames == [
        "MatterStatuses",
        "ContactCustomFieldDefinitions",
        "Firms",
    ]
    statuses = book["MatterStatuses"]
    assert [list(row) for row in statuses.iter_rows(values_only=True)] == [
        ["ID", "Name"],
        [1, "Nieuw"],
        [2, "Actief"],
    ]
    assert statuses.freeze_panes == "A2"
    assert statuses["A1"].font.b
    assert statuses.auto_filter.ref == "A1:B3"
    definitions = book["ContactCustomFieldDefinitions"]
    assert [cell.value for cell in definitions[2]] == [
        1,
        "wwft",
        "WWFT",
        "choice",
        True,
    ]
    assert [cell.value for cell in definitions[3]] == [3, "old", "Oud", None, False]
    firms = book["Firms"]
    assert firms["A1"].value == "ID"
    assert firms["A3"].value == "Not available: LegalSense answered 404."


def test_workbook_fits_the_column_widths():
    long_name = "Zakelijke dienstverlening en advies"
    data = workbook([("Sectors", ["ID", "Name"], [[1, long_name], [2, "Bouw"]], None)])
    sheet = read_back(data)["Sectors"]
    assert sheet.column_dimensions["B"].width == pytest.approx(len(long_name) + 1, 1)
    assert 5 <= sheet.column_dimensions["A"].width <= 8
    huge = "x" * 500
    data = workbook([("Sectors", ["ID", "Name"], [[1, huge]], None)])
    assert read_back(data)["Sectors"].column_dimensions["B"].width <= 61


def test_workbook_dates_stay_text():
    data = workbook([("Users", ["Begin date"], [["2015-01-01"]], None)])
    value = read_back(data)["Users"]["A2"].value
    assert value == "2015-01-01"
    assert not isinstance(value, datetime.date)
