# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What an export sends of a facet: create or update the LegalSense record,
never create it twice, and remember what was sent."""

from odoo import api, fields, models
from odoo.tools import SQL

from ...legalsense_client import (
    LegalSenseError,
    NotFoundError,
    ResponseLostError,
)
from ...legalsense_mapping.compare import holds
from .common import (
    NOT_CACHED,
    log_found,
    payload_digest,
)
from .export_batch import once_per_job


class LegalsenseSyncMixin(models.AbstractModel):
    _inherit = "legalsense.sync.mixin"

    def _legalsense_facet_data(self, facet):
        return dict(self._legalsense_sync_data().get(facet.name) or {})

    def _legalsense_sync_data(self):
        """The record's sync data, read-only: the value this transaction
        holds, not the deep copy each read of the JSON field makes (a large
        part of an export's own work)."""
        field = self._fields["legalsense_sync_data"]
        value = self.env.cache.get(self, field, NOT_CACHED)
        if value is NOT_CACHED:
            return self.legalsense_sync_data or {}
        return value or {}

    def _legalsense_remote(self, facet):
        """The LegalSense record of ``facet`` as it was last returned, or None."""
        return self._legalsense_facet_data(facet).get("remote")

    def _legalsense_upsert(self, client, facet, build_payload, find_existing=None):
        """Create or update the LegalSense record of ``facet``.

        ``build_payload(existing)`` builds the payload from the record's
        current values, ``existing`` being the LegalSense record (None when it
        is created). ``find_existing(client, payload)`` finds a record a lost
        create may have made. Returns ``(ls_record, created)``; ``ls_record``
        is None when nothing changed since the last export.
        """
        ls_id = self[facet.id_field]
        if ls_id:
            data = self._legalsense_facet_data(facet)
            existing = data.get("remote") or {}
            payload = build_payload(existing)
            digest = payload_digest(payload)
            if digest == data.get("digest"):
                return None, False
            if self._legalsense_holds_unsent(data, payload):
                # LegalSense holds it already, e.g. as an import found it.
                self._legalsense_remember(facet, data["remote"], digest)
                return None, False
            policy = self._legalsense_conflict_policy(facet, data)
            if policy:
                return self._legalsense_merge(
                    client, facet, data, payload, policy
                ), False
            remote = client.patch(facet.resource, ls_id, payload)
            self._legalsense_remember(facet, remote, digest, conflicts=())
            return remote, False
        payload = build_payload(None)
        remote, sent = self._legalsense_create(client, facet, payload, find_existing)
        if payload_digest(sent) != payload_digest(payload):
            # An earlier try made it from values changed since: send them.
            self._legalsense_remember(facet, remote, None)
            return self._legalsense_upsert(client, facet, build_payload)[0], True
        self._legalsense_remember(facet, remote, payload_digest(build_payload(remote)))
        return remote, True

    @staticmethod
    def _legalsense_holds_unsent(data, payload):
        """Whether a facet never sent from here (imported, or whose last
        payload is unknown) has ``payload`` in LegalSense already. "Sync
        now" (``resend``) sends it whatever LegalSense held."""
        if data.get("digest") is not None or data.get("resend"):
            return False
        return holds(data.get("remote"), payload)

    def _legalsense_patch(self, client, facet, values, build_payload):
        """PATCH ``values`` the mapping does not own on the record of ``facet``.

        E.g. a contact's billing address, set after its address sync. When
        the last payload sent was still the current one, the digest follows
        the new record (nothing is sent again); otherwise the record has
        changes waiting and its digest stays, so they are still sent.
        """
        data = self._legalsense_facet_data(facet)
        current = payload_digest(build_payload(data.get("remote") or {}))
        remote = client.patch(facet.resource, self[facet.id_field], values)
        digest = data.get("digest")
        if digest == current:
            digest = payload_digest(build_payload(remote))
        self._legalsense_remember(facet, remote, digest)
        return remote

    def _legalsense_settle_creates_in_flight(self, client):
        """Link what an earlier try created before this export decides
        anything: a create whose answer was lost is found (by the id it
        stored, else by its payload), so that the export updates it, or
        deletes it when the record no longer wants it (an archived contact
        person's link, say)."""
        if self.id not in once_per_job(
            self.env, ("creates in flight", self._name), self._legalsense_ids_in_flight
        ):
            return
        facets = self._legalsense_facets_by_name()
        for attempt in self._legalsense_attempts():
            facet = facets.get(attempt.facet)
            if not facet or self[facet.id_field] or not facet.finder:
                continue
            finder = getattr(self, facet.finder)
            found, sent = self._legalsense_find_earlier_create(
                client, facet, attempt.payload, finder
            )
            if found:
                log_found(self, facet, found)
                # Made from ``sent``: the export sends what changed since.
                self._legalsense_remember(facet, found, payload_digest(sent))

    @api.model
    def _legalsense_ids_in_flight(self):
        """The ids of this model's records with a create in flight."""
        self.env["legalsense.sync.attempt"].flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT res_id FROM legalsense_sync_attempt"
                " WHERE res_model = %s",
                self._name,
            )
        )
        return frozenset(row[0] for row in self.env.cr.fetchall())

    def _legalsense_create(self, client, facet, payload, find_existing):
        """POST ``payload``, never twice for one record.

        Returns the LegalSense record and the payload it was made from. The
        payload is recorded before the POST and the new id as soon as
        LegalSense answers (``legalsense.sync.attempt``), each committed at
        once; whatever runs the job again finds what the first try made.
        """
        found, sent = self._legalsense_find_earlier_create(
            client, facet, payload, find_existing
        )
        Attempt = self.env["legalsense.sync.attempt"]
        if found:
            log_found(self, facet, found)
            Attempt._record(self, facet, sent, found["id"])
            return found, sent
        sent = fields.Datetime.to_string(fields.Datetime.now())
        Attempt._record(self, facet, payload)
        try:
            remote = client.create(facet.resource, payload)
        except ResponseLostError:
            found = find_existing and find_existing(client, payload)
            if not found:
                Attempt._await_late_answer(client, sent, facet.resource)
                raise
            log_found(self, facet, found)
            remote = found
        except LegalSenseError:
            Attempt._record_answered(self, facet)
            raise
        Attempt._record(self, facet, payload, remote["id"])
        return remote, payload

    def _legalsense_find_earlier_create(self, client, facet, payload, find_existing):
        """What an earlier try of this export created: ``(record, payload)``.

        By the id it stored; else by the payload it sent (the record's values
        may have changed since); else, in a job queue_job retries, by the
        current payload. ``(None, None)`` when there is none.
        """
        attempt = self.env["legalsense.sync.attempt"]._find(self, facet)
        if attempt.remote_id:
            try:
                return client.get(facet.resource, attempt.remote_id), attempt.payload
            except NotFoundError:
                return None, None
        if not find_existing:
            return None, None
        if attempt:
            found = find_existing(client, attempt.payload)
            if not found:
                attempt._await_late_answer(
                    client, attempt._unanswered_since(), facet.resource
                )
            return found, attempt.payload
        if self._legalsense_job_is_retry():
            return find_existing(client, payload), payload
        return None, None

    def _legalsense_remember(self, facet, remote, digest, conflicts=None):
        """Store the LegalSense id of ``facet`` and what was sent.

        ``conflicts``: the facet's open conflicts from now on (None: those it
        had stay; see legalsense_sync_conflicts)."""
        data = dict(self._legalsense_sync_data())
        if conflicts is None:
            conflicts = (data.get(facet.name) or {}).get("conflicts")
        data[facet.name] = {"digest": digest, "remote": remote}
        if conflicts:
            data[facet.name]["conflicts"] = list(conflicts)
        values = {"legalsense_sync_data": data}
        if remote and self[facet.id_field] != remote["id"]:
            values[facet.id_field] = remote["id"]
        if remote:
            values["legalsense_last_export"] = fields.Datetime.now()
            values.update(self._legalsense_link_values(facet, remote))
        self._legalsense_store(values, settled_facet=remote and facet.name)

    def _legalsense_link_values(self, facet, remote):
        """More values to store with the link of ``facet`` (e.g. a number)."""
        return {}

    def _legalsense_forget(self, facet):
        """Drop the link of ``facet`` (its LegalSense record is gone)."""
        data = dict(self._legalsense_sync_data())
        data.pop(facet.name, None)
        self._legalsense_store(
            {facet.id_field: False, "legalsense_sync_data": data},
            settled_facet=facet.name,
        )
