# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Storing what the sync learns (LegalSense ids, what was sent) in a
transaction of its own, and a job's bookkeeping at its end."""

import logging
import time

from odoo import api, models
from odoo.exceptions import MissingError
from odoo.tools import SQL

from .common import (
    BOOKKEEPING_FIELDS,
    CONCURRENCY_ERRORS,
    NO_EXPORT_CONTEXT,
    STORE_PAUSES,
)
from .export_batch import BATCH_CONTEXT

_logger = logging.getLogger(__name__)


class LegalsenseSyncMixin(models.AbstractModel):
    _inherit = "legalsense.sync.mixin"

    def _legalsense_store(self, values, settled_facet=None):
        """Write ``values`` on the record at once, in a transaction of its own.

        This is how a LegalSense id is stored as soon as the LegalSense record
        exists: when the job fails afterwards, its own transaction is rolled
        back but the id stays. The job's transaction sees the new values
        through its cache. ``settled_facet`` names the facet whose create in
        flight ends with this write. A user saving the record at the same
        moment makes the write fail with a serialization error: it is tried
        again in a new transaction, and never lost to that save.
        """
        self.ensure_one()
        # Nothing of this record may wait in this transaction: it would be
        # written over what the other transaction stores.
        self.flush_recordset()
        batch = self.env.context.get(BATCH_CONTEXT)
        if batch is not None:
            pending = batch.bookkeeping.pop((self._name, self.id), {})
            if set(values) <= BOOKKEEPING_FIELDS:
                # Stored with the rest of the job's bookkeeping, at its end.
                batch.bookkeeping[self._name, self.id] = {**pending, **values}
                self._legalsense_cache_values(values)
                return
            values = {**pending, **values}
        self._legalsense_store_retried(
            self, lambda cr: self._legalsense_store_once(cr, values, settled_facet)
        )
        self._legalsense_cache_values(values)

    def _legalsense_cache_values(self, values):
        """Show ``values``, stored by another transaction, to this one."""
        for name, value in values.items():
            field = self._fields[name]
            self.env.cache.update(self, field, [field.convert_to_cache(value, self)])

    @api.model
    def _legalsense_store_retried(self, what, store):
        """Run ``store(cr)`` in a transaction of its own, again after a
        concurrent save of ``what`` (records, for the log) made it fail."""
        for pause in STORE_PAUSES:
            try:
                with self.env.registry.cursor() as cr:
                    store(cr)
                return
            except CONCURRENCY_ERRORS as error:
                if pause is None:
                    raise
                _logger.info(
                    "LegalSense: storing on %s met a concurrent save (%s); "
                    "trying again",
                    what,
                    error.pgcode,
                )
                time.sleep(pause)

    def _legalsense_store_once(self, cr, values, settled_facet):
        if set(values) <= BOOKKEEPING_FIELDS:
            if not self._legalsense_store_bookkeeping(cr, {self.id: values}):
                raise MissingError(
                    self.env._("Record does not exist or has been deleted.")
                )
            return
        # Keep the record of the other transaction until it is flushed: a
        # transaction holds its environments weakly, and its commit flushes
        # nothing once they are gone.
        stored = self.with_env(self.env(cr=cr)).with_context(
            **{NO_EXPORT_CONTEXT: True}
        )
        stored.write(values)
        stored.env.flush_all()
        if settled_facet:
            stored.env["legalsense.sync.attempt"]._settle(cr, self, settled_facet)

    @api.model
    def _legalsense_store_bookkeeping(self, cr, values_by_id):
        """What updates sent ({record id: values}), without the ORM: no field
        depends on it, and it is no change of the records (their write date
        stays). One statement per set of fields; returns the rows updated."""
        updated = 0
        by_fields = {}
        for record_id, values in sorted(values_by_id.items()):
            by_fields.setdefault(tuple(sorted(values)), []).append((record_id, values))
        for names, rows in by_fields.items():
            columns = [self._fields[name] for name in names]
            cr.execute(
                SQL(
                    "UPDATE %s AS target SET %s FROM (VALUES %s) AS stored(id, %s)"
                    " WHERE target.id = stored.id",
                    SQL.identifier(self._table),
                    SQL(", ").join(
                        SQL("%s = stored.%s", SQL.identifier(n), SQL.identifier(n))
                        for n in names
                    ),
                    SQL(", ").join(
                        SQL(
                            "(%s, %s)",
                            record_id,
                            SQL(", ").join(
                                SQL(
                                    "%s::%s",
                                    field.convert_to_column(values[field.name], self),
                                    SQL(field.column_type[1]),
                                )
                                for field in columns
                            ),
                        )
                        for record_id, values in rows
                    ),
                    SQL(", ").join(SQL.identifier(n) for n in names),
                )
            )
            updated += cr.rowcount
        return updated

    def _legalsense_store_bookkeeping_of(self, batch):
        """Store what the records of ``batch`` sent, in one transaction per
        model. Should concurrent saves keep it from being stored, the next
        export of those records sends their values again."""
        by_model = {}
        for (model, record_id), values in batch.bookkeeping.items():
            by_model.setdefault(model, {})[record_id] = values
        batch.bookkeeping.clear()
        for model, values_by_id in by_model.items():
            Model = self.env[model]
            records = Model.browse(sorted(values_by_id))
            try:
                Model._legalsense_store_retried(
                    records,
                    lambda cr, Model=Model, values=values_by_id: (
                        Model._legalsense_store_bookkeeping(cr, values)
                    ),
                )
            except CONCURRENCY_ERRORS as error:
                _logger.warning(
                    "LegalSense: what was sent for %s could not be stored (%s); "
                    "their next export sends it again",
                    records,
                    error.pgcode,
                )

    def _legalsense_is_linked(self):
        return any(self[facet.id_field] for facet in self._legalsense_facets)
