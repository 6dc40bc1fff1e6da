"""The lookup lists of the administration URLs and their Excel export."""

import io
import re

import openpyxl

from odoo.tests import tagged

from ..legalsense_mapping.lookup_lists import LIST_TYPES, USERS, rows
from .admin_urls_common import BASE, AdminUrlsCase


def table_row(html, first_cell):
    """The ``<tr>`` of a list page whose first cell is ``first_cell``."""
    pattern = rf"<tr>\s*<td>\s*{first_cell}\s*</td>.*?</tr>"
    return re.search(pattern, html, re.DOTALL).group(0)


@tagged("post_install", "-at_install")
class TestAdminUrlLists(AdminUrlsCase):
    def setUp(self):
        super().setUp()
        self.login(self.manager)

    def test_every_type_name_and_alias(self):
        for list_type in LIST_TYPES:
            records = self.simulator.store.list(list_type.resource)
            self.assertTrue(records, list_type.resource)
            for name in list_type.type_names:
                for spelling in {name, name.lower(), name.upper()}:
                    response = self.get(f"/List/{spelling}")
                    self.assertPage(
                        response,
                        200,
                        f"GET /api/v3/{list_type.resource}",
                        *(f"<th>{column.label}</th>" for column in list_type.columns),
                        *(record["name"] for record in records),
                    )

    def test_custom_field_definitions_show_identifier_widget_and_active(self):
        response = self.get("/List/contactcustomfielddefinitions")
        table = response.text.split("o_legalsense_list", 1)[1]
        self.assertEqual(
            re.findall(r"<th>([^<]+)</th>", table)[:5],
            ["ID", "Identifier", "Name", "Widget", "Active"],
        )
        self.assertIn("kvk_checked", table)
        self.assertIn("checkbox", table)
        self.assertIn("fa-times text-muted", table, "old_code is inactive")

    def test_unknown_type_name_lists_the_valid_ones(self):
        response = self.get("/List/Matters")
        self.assertPage(response, 404, "There is no list Matters", "AreaOfLaw")
        for list_type in LIST_TYPES:
            for name in list_type.type_names:
                self.assertIn(f'href="{BASE}/List/{name}"', response.text)
        self.assertEqual(self.ls_calls(), [])

    def test_list_matter_status_names_the_settings(self):
        self.config.write(
            {"matter_status_code_active_id": 2, "matter_status_code_closed_id": 3}
        )
        for path in ("/ListMatterStatus", "/List/MatterStatuses"):
            response = self.get(path)
            self.assertPage(response, 200, "Used by setting", "Nieuw", "Gearchiveerd")
            label = self.config._fields["matter_status_code_active_id"].string
            row = table_row(response.text, 2)
            self.assertIn(label, row)
            self.assertIn("Actief", row)

    def test_address_kinds_name_the_inactive_setting(self):
        response = self.get("/List/AddressKind")
        row = table_row(response.text, 4)
        self.assertIn("Vorig adres", row)
        self.assertIn(self.config._fields["address_kinds_in_active"].string, row)

    def test_list_user(self):
        response = self.get("/ListUser")
        self.assertPage(
            response, 200, "jdevries", "abakker", "Amsterdam", "Rotterdam", "Username"
        )
        self.assertEqual(
            self.ls_calls(), [("GET", "/api/v3/users"), ("GET", "/api/v3/offices")]
        )

    def test_legalsense_errors_give_a_clear_page(self):
        self.simulator.add_fault("GET", "sectors", status=500, times=None)
        response = self.get("/List/Sector")
        self.assertPage(response, 502, "LegalSense did not answer as expected")
        self.assertEqual(
            self.ls_calls().count(("GET", "/api/v3/sectors")), 2, "one retry only"
        )
        self.simulator.clear_faults()
        self.simulator.add_fault("GET", "firms", status=404, times=None)
        self.assertPage(self.get("/List/Firm"), 404, "LegalSense has no list Firms")
        self.config.password = "wrong"
        self.assertPage(self.get("/ListUser"), 502, "Invalid credentials")

    def test_lists_say_when_the_integration_is_off(self):
        self.config.url = False
        for path in ("/List/Sector", "/ListUser", "/ExportLookupItems"):
            self.assertPage(self.get(path), 409, "no URL is configured")
        self.assertEqual(self.ls_calls(), [])


@tagged("post_install", "-at_install")
class TestAdminUrlExport(AdminUrlsCase):
    def test_export_lookup_items(self):
        self.login(self.manager)
        response = self.get("/ExportLookupItems")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.headers["Content-Type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        self.assertIn(".xlsx", response.headers["Content-Disposition"])
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        lists = (*LIST_TYPES, USERS)
        self.assertEqual(book.sheetnames, [list_type.name for list_type in lists])
        offices = {office["id"]: office["name"] for office in self.office_records()}
        for list_type in lists:
            sheet = book[list_type.name]
            records = self.simulator.store.list(list_type.resource)
            if list_type is USERS:
                records = [
                    dict(
                        user,
                        primary_office=user["primary_office"]
                        and {"name": offices[user["primary_office"]["id"]]},
                    )
                    for user in records
                ]
            expected = [[column.label for column in list_type.columns]]
            expected += [
                [None if cell == "" else cell for cell in row]
                for row in rows(list_type, records)
            ]
            found = [list(row) for row in sheet.iter_rows(values_only=True)]
            self.assertEqual(found, expected, list_type.name)
            self.assertEqual(sheet.freeze_panes, "A2", list_type.name)
            self.assertTrue(sheet["A1"].font.b)
        users = book["Users"]
        self.assertEqual(users["K3"].value, "Amsterdam")
        self.assertGreaterEqual(users.column_dimensions["F"].width, 26)

    def office_records(self):
        return self.simulator.store.list("offices")

    def test_a_list_legalsense_lacks_is_noted_in_its_sheet(self):
        self.login(self.manager)
        self.simulator.add_fault("GET", "submatterkinds", status=404, times=None)
        response = self.get("/ExportLookupItems")
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        sheet = book["SubMatterKinds"]
        self.assertEqual([cell.value for cell in sheet[1]], ["ID", "Name"])
        self.assertIn("Not available", sheet["A3"].value)
        self.assertEqual(book["Firms"]["B2"].value, "Van Dijk Advocaten")
