# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the import steps share.

Each step of an import is an abstract model inheriting this one (see
``plan.STEP_MODELS``). The run (``legalsense.import``) calls the step model
of a line with itself as first argument: ``_step_<step>(run, line, tally,
page)`` imports a page of the line and returns the next page or None;
``_skip_reason(run, line, config)`` says why a line is not run. A step
reads LegalSense with the run's client and pages (``run._fetch_page``) and
imports each record in ``run._record``; it writes with ``_import_env``.
"""

from odoo import fields, models
from odoo.tools import SQL

from ...legalsense_mapping.inbound import parse_datetime
from .resolve import ImportResolver
from .tally import record_name

IMPORT_CONTEXT = "legalsense_import"
ADDRESS_TYPES = ("invoice", "delivery", "other")


class LegalsenseImportStep(models.AbstractModel):
    _name = "legalsense.import.step"
    _description = "LegalSense import steps"

    def _skip_reason(self, run, line, config):
        """Why ``line`` of ``run`` is not run (the nightly job's conditions),
        or ""."""
        return ""

    # ------------------------------------------------------------ environment

    def _import_env(self):
        """The environment imports write with: no export, no tracking, no mails."""
        return self.env(
            context=dict(
                self.env.context,
                **{IMPORT_CONTEXT: True},
                tracking_disable=True,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                mail_notrack=True,
                no_reset_password=True,
            ),
            su=True,
        )

    def _resolver(self, run):
        return ImportResolver(self._import_env(), run._config())

    def _overwriting(self, run):
        """Overwrite, or a changed-clients phase that updates what is linked."""
        return run.overwrite or bool(self.env.context.get("legalsense_overwrite"))

    # ------------------------------------------------------------ partners

    def _partners(self):
        return self._import_env()["res.partner"].with_context(active_test=False)

    def _partner_ids_by(self, column, ls_ids, kind="contact"):
        """{LS id: partner id} of partners whose ``column`` is one of ``ls_ids``.

        ``kind`` "contact": top-level partners (not contact persons, not
        addresses); "employee": contact persons; "any": every partner.
        """
        ls_ids = [int(ls_id) for ls_id in ls_ids if ls_id]
        if not ls_ids:
            return {}
        conditions = {
            "contact": SQL(
                "p.type NOT IN %s AND NOT (p.type = 'contact' "
                "AND COALESCE(parent.is_company, FALSE))",
                ADDRESS_TYPES,
            ),
            "employee": SQL(
                "p.type = 'contact' AND COALESCE(parent.is_company, FALSE)"
            ),
            "any": SQL("TRUE"),
        }
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT p.%s, p.id FROM res_partner p
                LEFT JOIN res_partner parent ON parent.id = p.parent_id
                WHERE p.%s = ANY(%s) AND %s
                ORDER BY p.id DESC
                """,
                SQL.identifier(column),
                SQL.identifier(column),
                ls_ids,
                conditions[kind],
            )
        )
        return dict(self.env.cr.fetchall())

    def _children_of(self, parent_ids):
        """{parent id: [child values]} of the partners under ``parent_ids``."""
        if not parent_ids:
            return {}
        children = {}
        records = self._partners().search_read(
            [("parent_id", "in", list(parent_ids))],
            ["parent_id", "type", "is_company", "street", "zip", "city",
             "legalsense_address_id", "legalsense_contact_id",
             "legalsense_contact_contact_id", "lastname", "firstname", "infix",
             "gender", "function", "job_title"],
        )  # fmt: skip
        for record in records:
            children.setdefault(record["parent_id"][0], []).append(record)
        return children

    @staticmethod
    def _commercial_values(parent):
        """What a child partner takes from its company (as Odoo's sync would)."""
        commercial = parent.commercial_partner_id
        return commercial._update_fields_values(parent._commercial_fields())

    @staticmethod
    def _sync_data(partner, facet, remote):
        """The partner's sync data with ``remote`` as the facet's LS record."""
        data = dict(partner.legalsense_sync_data or {}) if partner else {}
        data[facet] = {"digest": None, "remote": remote}
        return data

    @staticmethod
    def _export_date(record):
        return parse_datetime(record.get("modified_date")) or fields.Datetime.now()

    # ------------------------------------------------------------ any record

    @staticmethod
    def _set_ref(env, record, application, external_id, code=None):
        """Create or update the external reference of any record."""
        return env["legalsense.external.ref"]._set(
            record, application, external_id, code
        )

    # ------------------------------------------------------------ counting

    @staticmethod
    def _count_linked(run, tally, overwrite):
        """A record linked already: updated with ``overwrite``, else skipped.
        Whether to write it (not in a dry run)."""
        tally.count("updated" if overwrite else "skipped")
        return overwrite and not run.dry_run

    @staticmethod
    def _count_orphan(run, tally, note=None):
        """A record whose contact (or matter) is not in Odoo: skipped with
        ``note``; in a dry run it is counted as created (the contact would
        have been created with the run)."""
        tally.count("created" if run.dry_run else "skipped")
        if note and not run.dry_run:
            tally.note(note)

    def _create_batch(self, run, model, items, tally, outcome="created"):
        """Create ``items`` [(ls record, values)] at once; one by one on failure.

        Returns {LS id: new record}. A record that fails alone is a failure
        of the result log; the others are created.
        """
        if not items:
            return {}
        tally.count(outcome, 0)
        if run.dry_run:
            tally.count(outcome, len(items))
            return {}
        items = [(record, _without_empty(values)) for record, values in items]
        try:
            with self.env.cr.savepoint():
                records = _batch_create(model, [values for _record, values in items])
            tally.count(outcome, len(items))
            return {
                record["id"]: new
                for (record, _values), new in zip(items, records, strict=True)
            }
        except Exception:  # noqa: BLE001 — retried one by one below
            created = {}
        for record, values in items:
            with run._record(tally, record["id"], record_name(record)):
                created[record["id"]] = model.create(values)
                tally.count(outcome)
        return created


# partner_firstname creates partners one by one (to split each name); the
# import sends the split names itself, so a page of partners can be created
# in one batch below it, when only these overrides of create() sit above it
# (the partner sync's only numbers partners not written by an import).
FIRSTNAME_MODULE = "odoo.addons.partner_firstname.models.res_partner"
SKIPPABLE_CREATES = {
    "odoo.addons.legalsense.models.partner.res_partner_numbering",
    "odoo.addons.partner_autocomplete.models.res_partner",
}


def _batch_create(model, values_list):
    """``model.create(values_list)``, for partners in one batch where safe."""
    if model._name != "res.partner":
        return model.create(values_list)
    above = []
    for cls in type(model).__mro__:
        if "create" not in cls.__dict__:
            continue
        if cls.__module__ == FIRSTNAME_MODULE:
            if set(above) <= SKIPPABLE_CREATES:
                prepared = [_split_company_name(values) for values in values_list]
                return super(cls, model).create(prepared)
            break
        above.append(cls.__module__)
    return model.create(values_list)


def _split_company_name(values):
    """What partner_firstname does with a company's name: it is the last name."""
    if values.get("is_company") and values.get("name") and "lastname" not in values:
        return dict(values, lastname=values["name"])
    return values


def _without_empty(values):
    """Create values without the empty ones (less for the ORM to process)."""
    return {
        name: value
        for name, value in values.items()
        if name == "active" or value not in (False, None, "")
    }
