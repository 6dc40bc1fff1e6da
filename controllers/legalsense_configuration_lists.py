# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The lookup lists of the administration URLs (``List/<TypeName>``,
``ListMatterStatus``, ``ListUser``) and their Excel export
(``ExportLookupItems``): read-only, LegalSense is read in the request."""

import datetime

from odoo import http
from odoo.http import content_disposition, request

from ..legalsense_client import NotFoundError
from ..legalsense_mapping import split_list
from ..legalsense_mapping.lookup_lists import (
    LIST_TYPES,
    USERS,
    find_list_type,
    rows,
    with_office_names,
    workbook,
)
from .legalsense_configuration_page import BASE, AdminPage, PageError, admin_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The settings that hold an id of a list: the list pages show which row each
# one points at (the manual: inspect the lists before configuring them).
ID_SETTINGS = {
    "matterstatuses": (
        "matter_status_code_new_id",
        "matter_status_code_active_id",
        "matter_status_code_closed_id",
        "matter_status_code_archived_id",
    ),
    "clientstatuses": (
        "sync_client_status_id",
        "client_status_code_active_id",
        "client_status_code_closed_id",
    ),
    "addresskinds": (
        "default_address_kind",
        "default_address_kind_postal_address",
        "default_address_kind_visitor_address",
    ),
}


class LookupListPages(AdminPage):
    @http.route(
        BASE + "/List/<string:type_name>", type="http", auth="user", methods=["GET"]
    )
    @admin_page
    def list_page(self, type_name, **params):
        list_type = find_list_type(type_name)
        if not list_type:
            return self._render(
                "legalsense.configuration_list_unknown",
                {"type_name": type_name, "list_types": LIST_TYPES},
                status=404,
            )
        return self._list(list_type)

    @http.route(BASE + "/ListMatterStatus", type="http", auth="user", methods=["GET"])
    @admin_page
    def list_matter_status(self, **params):
        return self._list(find_list_type("MatterStatus"))

    @http.route(BASE + "/ListUser", type="http", auth="user", methods=["GET"])
    @admin_page
    def list_user(self, **params):
        return self._list(USERS)

    def _list(self, list_type):
        config = self._enabled_config()
        client = self._client(config)
        records = self._records(client, list_type)
        values = {
            "config": config,
            "list_type": list_type,
            "rows": rows(list_type, records),
            "record_ids": [record.get("id") for record in records],
            "settings_by_id": self._settings_by_id(config, list_type, records),
            "with_settings": list_type.resource in ID_SETTINGS,
        }
        return self._render("legalsense.configuration_list", values)

    def _records(self, client, list_type):
        """The records of a list; a list LegalSense does not have is a 404 page."""
        try:
            records = client.list(list_type.resource)
            if list_type is USERS:
                records = with_office_names(records, self._offices(client))
        except NotFoundError as error:
            raise PageError(
                404,
                request.env._("LegalSense has no list %s", list_type.name),
                str(error),
            ) from error
        return records

    @staticmethod
    def _offices(client):
        """The offices, to name the users' primary office; [] when unknown."""
        try:
            return client.list("offices")
        except NotFoundError:
            return []

    @staticmethod
    def _settings_by_id(config, list_type, records):
        """{row id: [labels of the settings pointing at it]}."""
        used = {}
        for name in ID_SETTINGS.get(list_type.resource, ()):
            if config[name]:
                label = config._fields[name]._description_string(request.env)
                used.setdefault(config[name], []).append(label)
        if list_type.resource == "addresskinds":
            inactive = {
                kind.lower() for kind in split_list(config.address_kinds_in_active)
            }
            label = config._fields["address_kinds_in_active"]._description_string(
                request.env
            )
            for record in records:
                if (record.get("name") or "").lower() in inactive:
                    used.setdefault(record["id"], []).append(label)
        return used

    # ------------------------------------------------------------ export

    @http.route(BASE + "/ExportLookupItems", type="http", auth="user", methods=["GET"])
    @admin_page
    def export_lookup_items(self, **params):
        config = self._enabled_config()
        client = self._client(config)
        sheets = [self._sheet(client, list_type) for list_type in (*LIST_TYPES, USERS)]
        data = workbook(sheets)
        filename = (
            f"LegalSense lookup items {config.company_id.name} "
            f"{datetime.date.today().isoformat()}.xlsx"
        )
        return request.make_response(
            data,
            headers=[
                ("Content-Type", XLSX),
                ("Content-Length", str(len(data))),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )

    def _sheet(self, client, list_type):
        headers = [column.label for column in list_type.columns]
        try:
            records = self._records(client, list_type)
        except PageError as error:
            note = request.env._("Not available: %s", error.message)
            return list_type.name, headers, [], note
        return list_type.name, headers, rows(list_type, records), None
