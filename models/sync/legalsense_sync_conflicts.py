# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Conflicting changes: LegalSense changed a record since the last sync.

With the setting *Conflicting changes* at "Flag the conflict" or "LegalSense
wins", an export that updates a LegalSense record it can read back into Odoo
(a model's ``_legalsense_inbound_values``) first reads that record, the one
read the update needs, and merges three versions: the record as the last
sync left it, Odoo's payload and LegalSense's record now
(``legalsense_mapping.merge``).

* A value LegalSense alone changed is taken into Odoo and not sent back.
* A value Odoo alone changed is sent.
* A value both changed (to different values) is a conflict: with "Flag the
  conflict" LegalSense keeps its value and the record shows both values until
  a user keeps Odoo's or takes LegalSense's; with "LegalSense wins" Odoo takes
  LegalSense's value.

A value Odoo cannot take in (a lookup, a language) follows Odoo, as before.
With "Odoo wins" (the default) nothing is read and Odoo's payload is sent as
it is: the contract has no conditional write, so knowing LegalSense's values
costs that read.
"""

import json

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools import SQL

from ...legalsense_mapping.compare import holds
from ...legalsense_mapping.merge import three_way, value_at, with_value
from .common import NO_EXPORT_CONTEXT, payload_digest
from .export_batch import once_per_job

CONFLICTS = "conflicts"
ODOO_WINS, FLAG, LEGALSENSE_WINS = "odoo", "flag", "legalsense"


class LegalsenseSyncMixin(models.AbstractModel):
    _inherit = "legalsense.sync.mixin"

    legalsense_conflict = fields.Html(
        "LegalSense conflict",
        compute="_compute_legalsense_conflict",
        sanitize=False,
        help="The values Odoo and LegalSense both changed since the last sync.",
    )

    # ------------------------------------------------------------ reading back

    def _legalsense_inbound_values(self, facet, remote):
        """The Odoo values of LegalSense record ``remote`` of ``facet``, as an
        import would write them; None when the facet is not read back (then
        its export is never merged: Odoo's values are sent)."""
        return

    def _legalsense_conflict_policy(self, facet, data):
        """How this export of ``facet`` treats LegalSense's changes: None when
        it sends Odoo's payload without reading LegalSense first."""
        if not data.get("remote"):
            return None
        policy = once_per_job(
            self.env,
            ("conflict policy", self._legalsense_company().id),
            lambda: self._legalsense_config().conflict_policy,
        )
        if policy in (None, False, ODOO_WINS):
            return None
        if self._legalsense_inbound_values(facet, data["remote"]) is None:
            return None
        return policy

    # ------------------------------------------------------------ merging

    def _legalsense_merge(self, client, facet, data, payload, policy):
        """Read the LegalSense record of ``facet``, merge ``payload`` with it
        and send what Odoo changed. Returns the record as LegalSense holds it
        afterwards."""
        ls_id = self[facet.id_field]
        theirs = client.get(facet.resource, ls_id)
        held = [conflict["path"] for conflict in data.get(CONFLICTS) or ()]
        merge = three_way(data["remote"], payload, theirs, held)
        taken, taken_paths, conflicts = {}, [], []
        changes = [(path, False) for path in merge.changed_there]
        changes += [(path, True) for path in merge.conflicts]
        there = self._legalsense_inbound_values(facet, theirs) if changes else {}
        for path, both in changes:
            ours = value_at(payload, path)
            moved = self._legalsense_fields_moved(facet, theirs, there, path, ours)
            if not moved:
                # Odoo cannot take it in: Odoo's value is sent, as before.
                merge.payload = with_value(merge.payload, path, ours)
            elif both and policy == FLAG:
                conflicts.append({"path": path, "values": _as_json(moved)})
            else:
                taken.update(moved)
                taken_paths.append(path)
        if taken:
            # In a transaction of its own, as the sync stores ids: the job's
            # own transaction must not hold the row its bookkeeping updates.
            self._legalsense_store(taken)
        remote = theirs
        if not holds(theirs, merge.payload):
            remote = client.patch(facet.resource, ls_id, merge.payload)
        # Odoo's payload now: LegalSense's values where Odoo took them.
        now = payload
        for path in taken_paths:
            now = with_value(now, path, value_at(theirs, path))
        self._legalsense_remember(facet, remote, payload_digest(now), conflicts)
        return remote

    def _legalsense_fields_moved(self, facet, theirs, there, path, ours):
        """{Odoo field: LegalSense's value} of the fields that LegalSense's
        value at ``path`` moves (compared with Odoo's value there); ``there``
        holds the Odoo values of ``theirs``, read once per merge."""
        here = (
            self._legalsense_inbound_values(facet, with_value(theirs, path, ours)) or {}
        )
        return {
            name: value
            for name, value in (there or {}).items()
            if name in self._fields and value != here.get(name)
        }

    # ------------------------------------------------------------ showing

    @api.depends("legalsense_sync_data")
    @api.depends_context("uid")
    def _compute_legalsense_sync_state(self):
        result = super()._compute_legalsense_sync_state()
        for record in self:
            if record.legalsense_sync_state == "synced" and (
                record._legalsense_conflicts()
            ):
                record.legalsense_sync_state = "conflict"
        return result

    @api.model
    def _search_legalsense_sync_state(self, operator, value):
        if value != "conflict" or operator not in ("=", "!="):
            return super()._search_legalsense_sync_state(operator, value)
        self.flush_model(["legalsense_sync_data"])
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE %s",
                SQL.identifier(self._table),
                has_conflicts_sql(SQL.identifier("legalsense_sync_data")),
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        return [("id", "in" if operator == "=" else "not in", ids)]

    @api.depends("legalsense_sync_data")
    def _compute_legalsense_conflict(self):
        for record in self:
            rows = [
                record._legalsense_conflict_row(name, value)
                for conflict in record._legalsense_conflicts()
                for name, value in conflict["values"].items()
            ]
            record.legalsense_conflict = (
                Markup("<table class='table table-sm mb-0'>%s%s</table>")
                % (
                    Markup("<tr><th>%s</th><th>%s</th><th>%s</th></tr>")
                    % (
                        self.env._("Field"),
                        self.env._("In Odoo"),
                        self.env._("In LegalSense"),
                    ),
                    Markup().join(rows),
                )
                if rows
                else False
            )

    def _legalsense_conflict_row(self, name, value):
        field = self._fields.get(name)
        label = field.get_description(self.env)["string"] if field else name
        return Markup("<tr><td>%s</td><td>%s</td><td>%s</td></tr>") % (
            label,
            self._legalsense_shown_value(name, self[name] if field else False),
            self._legalsense_shown_value(name, value),
        )

    def _legalsense_shown_value(self, name, value):
        field = self._fields.get(name)
        if field and field.type == "many2one" and isinstance(value, int):
            value = self.env[field.comodel_name].browse(value)
        if isinstance(value, models.BaseModel):
            value = value.display_name
        elif field and field.type == "selection" and value:
            value = dict(field._description_selection(self.env)).get(value, value)
        if value in (False, None, ""):
            return Markup("<em>%s</em>") % self.env._("(empty)")
        return escape(str(value))

    def _legalsense_conflicts(self):
        """The open conflicts of every facet of this record."""
        data = self._legalsense_sync_data()
        return [
            conflict
            for facet_data in data.values()
            if isinstance(facet_data, dict)
            for conflict in facet_data.get(CONFLICTS) or ()
        ]

    # ------------------------------------------------------------ choosing

    def action_legalsense_keep_odoo_values(self):
        """Conflict: Odoo's values stay and are sent to LegalSense."""
        self.check_access("write")
        for record in self.sudo():
            record._legalsense_resolve_conflicts()
        self.sudo()._legalsense_mark_resend()
        self._legalsense_queue_export()
        return True

    def action_legalsense_take_legalsense_values(self):
        """Conflict: LegalSense's values are written into Odoo."""
        self.check_access("write")
        for record in self:
            values = {}
            for conflict in record._legalsense_conflicts():
                values.update(conflict["values"])
            record._legalsense_resolve_conflicts(values)
        return True

    def _legalsense_resolve_conflicts(self, values=None):
        """End the record's conflicts, writing ``values`` (no export follows)."""
        data = {
            name: {key: value for key, value in facet.items() if key != CONFLICTS}
            if isinstance(facet, dict)
            else facet
            for name, facet in self._legalsense_sync_data().items()
        }
        self.with_context(**{NO_EXPORT_CONTEXT: True}).write(
            {**(values or {}), "legalsense_sync_data": data}
        )


def has_conflicts_sql(sync_data):
    """SQL: the record whose sync data column ``sync_data`` has open conflicts."""
    return SQL(
        """
        (jsonb_typeof(%(data)s) = 'object' AND EXISTS (
            SELECT 1 FROM jsonb_each(%(data)s) AS facet
             WHERE jsonb_typeof(facet.value) = 'object'
               AND facet.value ? 'conflicts'))
        """,
        data=sync_data,
    )


def _as_json(values):
    """Odoo values as JSON holds them (dates as text)."""
    return json.loads(json.dumps(values, default=str))
