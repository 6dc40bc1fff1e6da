# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Import steps of Job 2: lookup items, languages, address templates.

§ Job 2: each LegalSense list goes to the Odoo list its setting names; an
item is matched by its LegalSense id, then by code or name (case-insensitive,
exact); a new value is created when nothing matches; the LegalSense id is
stored or refreshed always; names are overwritten only with Overwrite.
"""

from odoo import fields, models
from odoo.exceptions import UserError

from ...legalsense_mapping.clients import BRANCH_SOURCES
from ...legalsense_mapping.inbound_lookups import (
    MATCH_LS_ID,
    LookupCandidate,
    LookupMatcher,
)
from ..sync.legalsense_external_ref import LEGALSENSE

# The Odoo language of each LegalSense language (§ Job 2: nl-nl and en-us).
LANGUAGES = (("nl_NL", "nl", "nl-nl"), ("en_US", "en", "en-us"))
TRANSLATED_LANGUAGES = ("nl_NL", "en_US")
# Target kinds: a lookup list of legalsense.lookup.value, the partner
# industries, the partner tags (as Tag or as Tag2), the values of a lookup field.
LOOKUP, INDUSTRY, TAG, TAG2, LOOKUP_FIELD = (
    "lookup", "industry", "tag", "tag2", "lookup_field"
)  # fmt: skip
# SyncClientSectorToCMField: the Odoo list of each value (lower case).
_SECTOR_TARGETS = {
    "industry": (INDUSTRY, None),
    "industrycode": (INDUSTRY, None),
    "interest": (LOOKUP, "interest"),
    "segment": (LOOKUP, "segment"),
    "tag": (TAG, None),
    "tag2": (TAG2, None),
    "referral": (LOOKUP, "referral"),
    "stockexchange": (LOOKUP, "stock_exchange"),
}
# SyncClientBranchesToCMField: these lists, any other value is a LookupField code.
_BRANCH_TARGETS = {
    name.lower(): _SECTOR_TARGETS[name.lower()] for name in BRANCH_SOURCES
}
_MATTER_FIELD_TARGETS = {"mattertype": "matter_type", "areaoflaw": "area_of_law"}


class LegalsenseImportStepLookups(models.AbstractModel):
    _name = "legalsense.import.step.lookups"
    _inherit = "legalsense.import.step"
    _description = "LegalSense import of lookup items"

    def _skip_reason(self, run, line, config):
        if (
            line.step == "address_templates"
            and run.action == "nightly"
            and config.address_templates_imported
        ):
            return self.env._("Skipped: the address templates were applied already.")
        return ""

    # ------------------------------------------------------------ lookup items

    def _step_lookups(self, run, line, tally, page):
        config = run._config()
        target, detail = self._lookup_target(line.resource, config)
        if not target:
            tally.note(detail)
            return
        items = run._client().list(line.resource)
        tally.total = len(items)
        env = self._import_env()
        matcher = LookupMatcher(
            self._lookup_candidates(run, env, target, detail),
            listed_ids=[item["id"] for item in items],
        )
        for item in items:
            tally.done += 1
            with run._record(tally, item.get("id"), item.get("name")):
                self._import_lookup_item(run, env, target, detail, matcher, item, tally)
        return

    def _lookup_target(self, resource, config):
        """``(target kind, detail)`` of a LegalSense list, or ``(None, why not)``."""
        if resource == "addresskinds":
            return LOOKUP, "address_kind"
        if resource == "contactkinds":
            return LOOKUP, "activity_role"
        if resource == "referrers":
            return LOOKUP, "referral"
        if resource == "practiceareas":
            return self._matter_field_target(
                config.sync_matter_practice_area_to_cm_field,
                "SyncMatterPracticeAreaToCMField",
            )
        if resource == "mattertypes":
            return self._matter_field_target(
                config.sync_matter_matter_type_to_cm_field,
                "SyncMatterMatterTypeToCMField",
            )
        if resource == "sectors":
            return self._sector_target(config)
        if resource == "branches":
            return self._branch_target(config)
        return None, self.env._("Unknown LegalSense list %s.", resource)

    def _matter_field_target(self, value, setting):
        lookup_type = _MATTER_FIELD_TARGETS.get((value or "").lower())
        if not lookup_type:
            return None, self.env._("Skipped: %s is empty.", setting)
        return LOOKUP, lookup_type

    def _sector_target(self, config):
        field = (config.sync_client_sector_to_cm_field or "").strip()
        if not field:
            if config.sync_client_segment:
                return LOOKUP, "segment"
            return None, self.env._(
                "Skipped: SyncClientSegment is off and SyncClientSectorToCMField "
                "is empty."
            )
        target = _SECTOR_TARGETS.get(field.lower())
        if not target:
            return None, self.env._(
                "Skipped: SyncClientSectorToCMField %s has no list in Odoo.", field
            )
        return target

    def _branch_target(self, config):
        field = (config.sync_client_branches_to_cm_field or "").strip()
        if not field:
            return None, self.env._("Skipped: SyncClientBranchesToCMField is empty.")
        target = _BRANCH_TARGETS.get(field.lower())
        if target:
            return target
        code = (
            field.split(".", 1)[1]
            if field.lower().startswith("lookupfield.")
            else field
        )
        return LOOKUP_FIELD, code

    # ------------------------------------------------------------ candidates

    def _lookup_candidates(self, run, env, target, detail):
        if target in (LOOKUP, LOOKUP_FIELD):
            values = env["legalsense.lookup.value"].with_context(active_test=False)
            domain = self._lookup_domain(run, env, target, detail)
            return [
                LookupCandidate(value.id, value.legalsense_id, value.code, value.name)
                for value in values.search(domain)
            ]
        model = self._target_model(env, target)
        records = model.with_context(active_test=False).search([("name", "!=", False)])
        refs = self._external_ids(env, model._name, records.ids, LEGALSENSE)
        return [
            LookupCandidate(record.id, refs.get(record.id), "", record.name)
            for record in records
        ]

    def _lookup_domain(self, run, env, target, detail):
        if target == LOOKUP:
            return [("lookup_type", "=", detail), ("field_id", "=", False)]
        field = self._lookup_field(run, env, detail)
        return [("lookup_type", "=", "lookup_field"), ("field_id", "=", field.id)]

    def _lookup_field(self, run, env, code):
        """The lookup field of ``code``, created when missing (not in a dry run)."""
        fields_model = env["legalsense.lookup.field"].with_context(active_test=False)
        field = fields_model.search([("code", "=ilike", code)], limit=1)
        if not field and not run.dry_run:
            field = fields_model.create({"code": code, "name": code})
        return field

    @staticmethod
    def _target_model(env, target):
        return env[
            "res.partner.industry" if target == INDUSTRY else "res.partner.category"
        ]

    @staticmethod
    def _external_ids(env, model_name, ids, application):
        """{record id: int LegalSense id} of the external references of ``ids``."""
        refs = env["legalsense.external.ref"].search(
            [
                ("res_model", "=", model_name),
                ("res_id", "in", ids),
                ("application", "=", application),
            ]
        )
        result = {}
        for ref in refs:
            if (ref.external_id or "").isdigit():
                result[ref.res_id] = int(ref.external_id)
        return result

    # ------------------------------------------------------------ one item

    def _import_lookup_item(self, run, env, target, detail, matcher, item, tally):
        ls_id, name = int(item["id"]), (item.get("name") or "").strip()
        candidate, how = matcher.match(item)
        if not candidate:
            if not name:
                tally.count("skipped")
                tally.note(self.env._("Item %s has no name: skipped.", ls_id))
                return
            record_id = self._create_lookup_value(run, env, target, detail, ls_id, name)
            matcher.add(LookupCandidate(record_id or 0, ls_id, str(ls_id), name))
            tally.count("created")
            return
        outcome = "skipped" if how == MATCH_LS_ID else "linked"
        if run.overwrite and name and candidate.name != name:
            outcome = "updated"
            if not run.dry_run:
                self._translate_name(self._lookup_record(env, target, candidate), name)
        if how != MATCH_LS_ID and not run.dry_run:
            self._link_lookup_value(env, target, candidate, ls_id)
        matcher.add(
            LookupCandidate(candidate.odoo_id, ls_id, candidate.code, candidate.name)
        )
        tally.count(outcome)

    def _lookup_record(self, env, target, candidate):
        if target in (LOOKUP, LOOKUP_FIELD):
            return env["legalsense.lookup.value"].browse(candidate.odoo_id)
        return self._target_model(env, target).browse(candidate.odoo_id)

    def _create_lookup_value(self, run, env, target, detail, ls_id, name):
        if run.dry_run:
            return None
        if target in (LOOKUP, LOOKUP_FIELD):
            record = self._create_lookup_list_value(
                run, env, target, detail, ls_id, name
            )
            if target == LOOKUP and detail == "activity_role":
                self._add_role_to_activity_types(env, record)
        else:
            record = self._target_model(env, target).create({"name": name})
            self._set_ref(env, record, LEGALSENSE, ls_id)
        self._translate_name(record, name)
        return record.id

    def _create_lookup_list_value(self, run, env, target, detail, ls_id, name):
        values = env["legalsense.lookup.value"]
        field = self._lookup_field(run, env, detail) if target == LOOKUP_FIELD else None
        lookup_type = "lookup_field" if field else detail
        code = str(ls_id)
        taken = values.with_context(active_test=False).search_count(
            [
                ("lookup_type", "=", lookup_type),
                ("field_id", "=", field.id if field else False),
                ("code", "=", code),
            ]
        )
        return values.create(
            {
                "lookup_type": lookup_type,
                "field_id": field.id if field else False,
                "name": name,
                "code": False if taken else code,
                "legalsense_id": ls_id,
            }
        )

    def _link_lookup_value(self, env, target, candidate, ls_id):
        record = self._lookup_record(env, target, candidate)
        if target in (LOOKUP, LOOKUP_FIELD):
            record.legalsense_id = ls_id
        else:
            self._set_ref(env, record, LEGALSENSE, ls_id)

    @staticmethod
    def _translate_name(record, name):
        """Write ``name`` in Dutch and English (the languages LegalSense uses)."""
        field = record._fields["name"]
        if not field.translate:
            record.name = name
            return
        langs = {code for code, _name in record.env["res.lang"].get_installed()}
        for lang in TRANSLATED_LANGUAGES:
            if lang in langs:
                record.with_context(lang=lang).name = name

    @staticmethod
    def _add_role_to_activity_types(env, role):
        """§ Job 2: a new activity role is added to all matter activity types."""
        model_name = "legal.matter.activity.type"
        if model_name not in env:
            return
        model = env[model_name].with_context(active_test=False)
        for name, field in model._fields.items():
            if (
                field.type == "many2many"
                and field.comodel_name == "legalsense.lookup.value"
                and "role" in name
            ):
                model.search([("id", "!=", False)]).write(
                    {name: [fields.Command.link(role.id)]}
                )

    # ------------------------------------------------------------ languages

    def _step_languages(self, run, line, tally, page):
        """§ Job 2: Dutch and English are active and linked to LegalSense."""
        env = self._import_env()
        langs = env["res.lang"].with_context(active_test=False)
        tally.total = len(LANGUAGES)
        for code, ls_code, external_code in LANGUAGES:
            tally.done += 1
            with run._record(tally, 0, code):
                lang = langs.search([("code", "=", code)], limit=1)
                if not lang:
                    raise UserError(
                        self.env._("Language %s is not known to Odoo.", code)
                    )
                tally.count("skipped" if lang.active else "created")
                if not run.dry_run:
                    if not lang.active:
                        langs._activate_lang(code)
                    self._set_ref(env, lang, LEGALSENSE, ls_code, external_code)

    # ------------------------------------------------------------ templates

    def _step_address_templates(self, run, line, tally, page):
        """§ Job 2: the address template upgrade, when it has not run yet."""
        countries = self._import_env()["res.country"]
        if run.dry_run:
            with self.env.cr.savepoint() as savepoint:
                updated = countries._legalsense_import_address_templates()
                savepoint.rollback()
        else:
            updated = countries._legalsense_import_address_templates()
            run._config().sudo().address_templates_imported = fields.Datetime.now()
        tally.total = tally.done = len(updated)
        tally.count("updated", len(updated))
        if updated:
            tally.note(self.env._("Templates set for %s.", ", ".join(updated)))
