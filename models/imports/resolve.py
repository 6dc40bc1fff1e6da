# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo records the import refers to, looked up once per job.

Languages, countries, titles, users, lookup values, industries and tags by
what LegalSense sends (codes, names, LegalSense ids), read in a handful of
queries instead of one per imported record.
"""

from odoo.tools import SQL

from ...legalsense_mapping.inbound import InboundSettings, normalized, odoo_language
from ..sync.legalsense_external_ref import LEGALSENSE

# The lookup kinds of a sector or branch: (kind, detail); see
# legalsense.import.step.lookups._lookup_target.
LOOKUP, INDUSTRY, TAG, LOOKUP_FIELD = "lookup", "industry", "tag", "lookup_field"


class ImportResolver:
    """Lookups for one import job (``env``: the import's environment)."""

    def __init__(self, env, config):
        self.env = env
        self.config = config
        self.settings = InboundSettings.from_config(config)
        self._cache = {}

    def _cached(self, key, loader):
        if key not in self._cache:
            self._cache[key] = loader()
        return self._cache[key]

    # ------------------------------------------------------------ languages

    def language(self, iso_code):
        installed = self._cached(
            "langs",
            lambda: {code for code, _name in self.env["res.lang"].get_installed()},
        )
        return odoo_language(iso_code, installed)

    # ------------------------------------------------------------ countries

    def country(self, code, name):
        """A country id by ISO2 code, else by its name in English or Dutch."""
        by_code, by_name = self._cached("countries", self._load_countries)
        if code and code in by_code:
            return by_code[code]
        return by_name.get(normalized(name)) if name else None

    def _load_countries(self):
        countries = self.env["res.country"].search_read([], ["code"])
        by_code = {country["code"]: country["id"] for country in countries}
        by_name = {}
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        for lang in ("en_US", "nl_NL"):
            if lang not in installed:
                continue
            records = (
                self.env["res.country"]
                .with_context(lang=lang)
                .search_read([], ["name"])
            )
            for country in records:
                by_name.setdefault(normalized(country["name"]), country["id"])
        return by_code, by_name

    # ------------------------------------------------------------ titles

    def title(self, text):
        """A partner title by shortcut or name; created when it is new."""
        if not text:
            return False
        titles = self._cached("titles", self._load_titles)
        key = normalized(text)
        if key not in titles:
            title = self.env["res.partner.title"].create(
                {"name": text, "shortcut": text}
            )
            titles[key] = title.id
        return titles[key]

    def _load_titles(self):
        titles = {}
        for title in self.env["res.partner.title"].search_read(
            [], ["name", "shortcut"]
        ):
            for value in (title["shortcut"], title["name"]):
                if value:
                    titles.setdefault(normalized(value), title["id"])
        return titles

    # ------------------------------------------------------------ users

    def user(self, ls_user_id):
        """The Odoo user of a LegalSense user id (user field or LEGALSENSE ref)."""
        if not ls_user_id:
            return False
        return self._cached("users", self._load_users).get(int(ls_user_id), False)

    def _load_users(self):
        users = {}
        records = (
            self.env["res.users"]
            .with_context(active_test=False)
            .search_read([("legalsense_user_id", "!=", 0)], ["legalsense_user_id"])
        )
        for user in records:
            users[user["legalsense_user_id"]] = user["id"]
        for res_id, ls_id in self.refs("res.users").items():
            users.setdefault(ls_id, res_id)
        return users

    # ------------------------------------------------------------ external refs

    def refs(self, model_name, application=LEGALSENSE):
        """{record id: int LegalSense id} of the references of a model."""
        self.env.cr.execute(
            SQL(
                "SELECT res_id, external_id FROM legalsense_external_ref "
                "WHERE res_model = %s AND application = %s",
                model_name,
                application,
            )
        )
        return {
            res_id: int(external_id)
            for res_id, external_id in self.env.cr.fetchall()
            if (external_id or "").strip().isdigit()
        }

    # ------------------------------------------------------------ lookups

    def lookup_value(self, lookup_type, ls_id, field_code=None):
        """A legalsense.lookup.value id by list and LegalSense id."""
        if not ls_id:
            return False
        key = ("lookup", lookup_type, (field_code or "").casefold())
        values = self._cached(key, lambda: self._load_lookup(lookup_type, field_code))
        return values.get(int(ls_id), False)

    def _load_lookup(self, lookup_type, field_code):
        domain = [("lookup_type", "=", lookup_type), ("legalsense_id", "!=", 0)]
        if field_code:
            domain.append(("field_id.code", "=ilike", field_code))
        else:
            domain.append(("field_id", "=", False))
        records = (
            self.env["legalsense.lookup.value"]
            .with_context(active_test=False)
            .search_read(domain, ["legalsense_id"])
        )
        return {record["legalsense_id"]: record["id"] for record in records}

    def lookup_field_value(self, field_code, value_code):
        """A value of a lookup field by the codes (case-insensitive)."""
        if not field_code or not value_code:
            return False
        key = ("field_values", field_code.casefold())

        def load():
            records = (
                self.env["legalsense.lookup.value"]
                .with_context(active_test=False)
                .search_read(
                    [
                        ("lookup_type", "=", "lookup_field"),
                        ("field_id.code", "=ilike", field_code),
                    ],
                    ["code"],
                )
            )
            return {(r["code"] or "").casefold(): r["id"] for r in records}

        return self._cached(key, load).get(value_code.casefold(), False)

    def target_record(self, target, ls_id):
        """The Odoo record id a sector or branch LegalSense id stands for."""
        kind, detail = target
        if not ls_id or not kind:
            return False
        if kind == LOOKUP:
            return self.lookup_value(detail, ls_id)
        if kind == LOOKUP_FIELD:
            return self.lookup_value("lookup_field", ls_id, detail)
        model = "res.partner.industry" if kind == INDUSTRY else "res.partner.category"
        by_ls_id = self._cached(
            ("targets", model),
            lambda: {ls: res_id for res_id, ls in self.refs(model).items()},
        )
        return by_ls_id.get(int(ls_id), False)

    def address_kind(self, ls_id):
        """(id, code) of the address kind of a LegalSense id, or (False, "")."""
        kinds = self._cached("address_kinds", self._load_address_kinds)
        return kinds.get(ls_id, (False, "")) if ls_id else (False, "")

    def _load_address_kinds(self):
        records = (
            self.env["legalsense.lookup.value"]
            .with_context(active_test=False)
            .search_read(
                [("lookup_type", "=", "address_kind"), ("legalsense_id", "!=", 0)],
                ["legalsense_id", "code", "name"],
            )
        )
        return {r["legalsense_id"]: (r["id"], r["code"] or "") for r in records}

    def address_kind_names(self, client):
        """{LegalSense kind id: name}, from LegalSense (for AddressKindsInActive)."""
        return self._cached(
            "kind_names",
            lambda: {
                kind["id"]: kind.get("name") for kind in client.list("addresskinds")
            },
        )
