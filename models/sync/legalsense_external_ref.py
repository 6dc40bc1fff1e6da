# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""External references: the manual's "SynchronizableRecords".

Per record and per external application (LEGALSENSE, LEGALSENSE_INTERNAL,
LEGALSENSE_CHINESEWALL, ASSYST, DMSFORLEGAL, ...) an external id and an
external code. The LegalSense sync reads them for the required-application
filter, client codes from another application, address templates per
country, lookup value overrides, firms, practice groups and Chinese walls.
"""

import itertools

from odoo import api, fields, models

from .export_batch import PREFETCH_MAX, batch_of

LEGALSENSE = "LEGALSENSE"
LEGALSENSE_INTERNAL = "LEGALSENSE_INTERNAL"
LEGALSENSE_CHINESEWALL = "LEGALSENSE_CHINESEWALL"
DMSFORLEGAL = "DMSFORLEGAL"
EXTERNAL_REFS = "external refs"  # what an export job read of them


def normalize_application(name):
    """Application names are compared upper-case and without spaces around."""
    return (name or "").strip().upper()


class LegalsenseExternalRef(models.Model):
    _name = "legalsense.external.ref"
    _description = "External reference of a record"
    _order = "res_model, res_id, application"
    _rec_name = "application"

    res_model = fields.Char(
        "Model", required=True, index=True, help="Technical name of the record's model."
    )
    res_id = fields.Many2oneReference(
        "Record ID", model_field="res_model", required=True, index=True
    )
    record_name = fields.Char(compute="_compute_record_name")
    application = fields.Char(
        required=True,
        help="Name of the external application, e.g. LEGALSENSE, "
        "LEGALSENSE_INTERNAL, LEGALSENSE_CHINESEWALL, ASSYST or DMSFORLEGAL.",
    )
    external_id = fields.Char("External ID")
    external_code = fields.Char()

    _sql_constraints = [
        (
            "record_application_unique",
            "unique(res_model, res_id, application)",
            "A record has at most one reference per external application.",
        )
    ]

    @api.depends("res_model", "res_id")
    def _compute_record_name(self):
        for ref in self:
            record = ref.res_model in self.env and self.env[ref.res_model].browse(
                ref.res_id
            )
            ref.record_name = record.exists().display_name if record else False

    @api.model
    def _of(self, record, application):
        """The reference of any ``record`` for ``application`` (empty when none)."""
        return self.search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("application", "=", normalize_application(application)),
            ],
            limit=1,
        )

    @api.model
    def _set(self, record, application, external_id, code=None):
        """Create or update the reference of any ``record`` for ``application``."""
        ref = self._of(record, application)
        values = {"external_id": str(external_id) if external_id else False}
        if code is not None:
            values["external_code"] = code or False
        if ref:
            ref.write(values)
            return ref
        return self.create(
            dict(
                values,
                res_model=record._name,
                res_id=record.id,
                application=application,
            )
        )

    @api.model
    def _external_id(self, record, application):
        """The external id of any ``record`` for ``application`` ("" when none)."""
        values = self._external_values(record, application)
        return (values and values[0] or "").strip()

    @api.model
    def _external_values(self, record, application):
        """``(external id, external code)`` of ``record`` for ``application``,
        None when it has no reference. An export job reads them once for all
        the records ``record`` was read with."""
        application = normalize_application(application)
        batch = batch_of(self.env)
        if batch is None:
            return self._read_values(record._name, [record.id], application).get(
                record.id
            )
        known = batch.once((EXTERNAL_REFS, record._name, application), dict)
        if record.id not in known:
            prefetch = itertools.islice(record._prefetch_ids, PREFETCH_MAX)
            ids = {record.id, *prefetch} - known.keys()
            found = self._read_values(record._name, list(ids), application)
            for record_id in ids:
                known[record_id] = found.get(record_id)
        return known[record.id]

    def _forget_read_values(self):
        batch = batch_of(self.env)
        if batch is not None:
            batch.forget(EXTERNAL_REFS)

    @api.model
    def _read_values(self, model, ids, application):
        """{record id: (external id, external code)} of the references found."""
        refs = self.sudo().search_fetch(
            [
                ("res_model", "=", model),
                ("res_id", "in", ids),
                ("application", "=", application),
            ],
            ["res_id", "external_id", "external_code"],
        )
        return {ref.res_id: (ref.external_id, ref.external_code) for ref in refs}

    @api.model
    def _normalize_vals(self, vals):
        if "application" in vals:
            vals["application"] = normalize_application(vals["application"])
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        self._forget_read_values()
        refs = super().create([self._normalize_vals(dict(vals)) for vals in vals_list])
        refs._queue_record_exports(refs._records_by_model())
        return refs

    def write(self, vals):
        self._forget_read_values()
        before = self._records_by_model()
        result = super().write(self._normalize_vals(dict(vals)))
        for model, ids in self._records_by_model().items():
            before.setdefault(model, set()).update(ids)
        self._queue_record_exports(before)
        return result

    def unlink(self):
        self._forget_read_values()
        records = self._records_by_model()
        result = super().unlink()
        self._queue_record_exports(records)
        return result

    def _records_by_model(self):
        """{model: ids} of the records these references belong to."""
        records = {}
        for ref in self:
            records.setdefault(ref.res_model, set()).add(ref.res_id)
        return records

    @api.model
    def _queue_record_exports(self, records):
        """Synced records (``{model: ids}``) whose references changed export again.

        References decide the required-application filter, client codes and
        DMSforLegal custom fields; the sync mixin skips what did not change.
        """
        for model, ids in records.items():
            if model not in self.env:
                continue
            targets = self.env[model].browse(ids).exists()
            synced = hasattr(targets, "_legalsense_queue_export")
            if synced and not targets._legalsense_export_suppressed():
                targets._legalsense_queue_export()


class LegalsenseExternalRefMixin(models.AbstractModel):
    _name = "legalsense.external.ref.mixin"
    _description = "Records with external references"

    legalsense_external_ref_ids = fields.One2many(
        "legalsense.external.ref",
        "res_id",
        string="External references",
        domain=lambda self: [("res_model", "=", self._name)],
        groups="legalsense.group_legalsense_manager",
    )

    def _legalsense_external_ref(self, application):
        """This record's reference for ``application`` (empty when none)."""
        self.ensure_one()
        return self.env["legalsense.external.ref"].sudo()._of(self, application)

    def _legalsense_external_values(self, application):
        self.ensure_one()
        return self.env["legalsense.external.ref"]._external_values(self, application)

    def _legalsense_external_id(self, application):
        values = self._legalsense_external_values(application)
        return values and values[0] or ""

    def _legalsense_external_code(self, application):
        values = self._legalsense_external_values(application)
        return values and values[1] or ""

    def _legalsense_has_external_ref(self, application):
        return self._legalsense_external_values(application) is not None

    def _legalsense_set_external_ref(self, application, external_id, code=None):
        """Create or update this record's reference for ``application``."""
        self.ensure_one()
        return (
            self.env["legalsense.external.ref"]
            .sudo()
            ._set(self, application, external_id, code)
        )

    def unlink(self):
        refs = (
            self.env["legalsense.external.ref"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        )
        result = super().unlink()
        refs.unlink()
        return result
