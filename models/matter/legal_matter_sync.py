# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A matter's outbound sync (§ Matter to LSMatters).

A matter job writes, in this order: the client (and, when the client is a
contact person at a company, that person; when the originator is a matter
contact, the originator's contact), the matter, the client's matter contact,
the originator's matter contact, the debtor reconciliation, and then it
queues the debtors and parties, which run after it. The payloads come from
``legalsense_mapping.matters``; this model collects the sources and sends
them through the sync mixin.
"""

from functools import partial

from odoo import models
from odoo.tools import html_escape

from ...legalsense_client import CannotCloseError, DuplicateNameError
from ...legalsense_mapping.custom_fields import SOURCE_FIELD, parse_custom_fields
from ...legalsense_mapping.inbound_matters import (
    MatterSettings as InboundMatterSettings,
)
from ...legalsense_mapping.inbound_matters import matter_values
from ...legalsense_mapping.matter_debtors import reconcile_main_debtor
from ...legalsense_mapping.matter_settings import MatterSettings
from ...legalsense_mapping.matter_status import archive_number_from_ls, matter_state
from ...legalsense_mapping.matters import (
    creation_blocked,
    duplicate_matter_name,
    find_created_matter,
    matter_payload,
)
from ..sync.common import delete_if_present
from ..sync.export_batch import once_per_job
from .matter_sync import MATTER, MatterRun, organization_of


class LegalMatter(models.Model):
    _inherit = "legal.matter"

    # ------------------------------------------------------------ tracked fields

    def _legalsense_tracked_field_names(self):
        """The mapping's fields, and the fields MatterCustomFields names."""
        names = super()._legalsense_tracked_field_names()
        config = self.env["legalsense.config"].sudo()._get_enabled_config()
        for rule in parse_custom_fields(config.matter_custom_fields or ""):
            if rule.source == SOURCE_FIELD and rule.code in self._fields:
                names.add(rule.code)
        return names

    # ------------------------------------------------------------ what syncs

    def _legalsense_client_partner(self):
        """The LegalSense client: the company of a contact person, else the client."""
        self.ensure_one()
        return organization_of(self.client_id)

    def _legalsense_client_person(self):
        """The contact person at a company who is the client (else empty)."""
        client = self.client_id
        if client and client != self._legalsense_client_partner():
            return client
        return client.browse()

    def _legalsense_settings(self, config=None):
        return MatterSettings.from_config(config or self._legalsense_config())

    def _legalsense_is_syncable(self):
        """Matters that do not exist in LegalSense yet pass § When to Create."""
        self.ensure_one()
        if self.legalsense_matter_id:
            return True
        config = self._legalsense_config()
        return not config or not self._legalsense_creation_blocked(config)

    def _legalsense_creation_blocked(self, config):
        source = self._legalsense_matter_source(None)
        return creation_blocked(source, self._legalsense_settings(config))

    def _legalsense_skip_reason(self, config):
        if not self.legalsense_matter_id:
            blocked = self._legalsense_creation_blocked(config)
            if blocked:
                return f"Not created in LegalSense: {blocked}."
        return super()._legalsense_skip_reason(config)

    # ------------------------------------------------------------ reading back

    def _legalsense_inbound_values(self, facet, remote):
        """A matter's values read back from LegalSense, by the rules of the
        import (for conflicting changes). Its number, status and people
        follow their own rules."""
        if facet != MATTER:
            return super()._legalsense_inbound_values(facet, remote)
        config = self._legalsense_config()
        settings = once_per_job(
            self.env,
            ("inbound matter settings", config.id),
            lambda: InboundMatterSettings.from_config(config),
        )
        values = dict(matter_values(remote, settings).values)
        for name in ("code", "is_verified", "open_date"):
            values.pop(name, None)
        return values

    # ------------------------------------------------------------ export

    def _legalsense_export(self, config, client):
        run = MatterRun(self.env, config, client)
        recipients = self._legalsense_recipient_users()
        client_id = self._legalsense_client_partner()._legalsense_ensure_client(
            config, client
        )
        person = self._legalsense_client_person()
        if person:
            person._legalsense_ensure_contact(run.partner_run)
        originator = self._legalsense_originator_partner(run)
        self._legalsense_ensure_originator_contact(run, originator)
        remote, created = self._legalsense_sync_matter(run, client_id)
        self._legalsense_sync_client_contact(run, person)
        self._legalsense_sync_originator_contact(run, originator)
        if created or self._legalsense_needs_reconciliation():
            self._legalsense_reconcile_debtors(run)
        if created:
            self._legalsense_change_client_owner(run)
        if remote:
            self._legalsense_notify_users(run, remote, created, recipients)
        self._legalsense_queue_lines(changed=created or remote is not None)
        return run.summary()

    def _legalsense_sync_matter(self, run, client_id):
        """The matter; a duplicate name gets the Odoo id, a refused close is undone."""
        source = self._legalsense_matter_source(client_id, run.settings)
        build = partial(self._legalsense_matter_payload, run, source, None)
        try:
            try:
                remote, created = self._legalsense_upsert(
                    run.client, MATTER, build, self._legalsense_find_matter
                )
            except DuplicateNameError:
                name = duplicate_matter_name(build(None)["name"], self.id)
                build = partial(self._legalsense_matter_payload, run, source, name)
                remote, created = self._legalsense_upsert(
                    run.client, MATTER, build, self._legalsense_find_matter
                )
        except CannotCloseError as error:
            source = self._legalsense_refused_close(run, error, client_id)
            build = partial(self._legalsense_matter_payload, run, source, None)
            remote, created = self._legalsense_upsert(
                run.client, MATTER, build, self._legalsense_find_matter
            )
        run.note(MATTER, remote, created)
        if created and self._legalsense_created_new_but_active(source, run.settings):
            # § Status Codes: created New, the next sync makes it Active.
            self._legalsense_remember(MATTER, remote, None)
            self._legalsense_queue_export()
        return remote, created

    @staticmethod
    def _legalsense_created_new_but_active(source, settings):
        return matter_state(source, settings, is_new=True) != matter_state(
            source, settings, is_new=False
        )

    def _legalsense_matter_payload(self, run, source, name, existing):
        version = run.version if existing is None else None
        payload = matter_payload(source, run.settings, version, existing)
        if name:
            payload["name"] = name
        return payload

    def _legalsense_find_matter(self, client, payload):
        """A matter a lost create may have made: same client and name, not
        linked to another Odoo matter."""
        client_id = (payload.get("client") or {}).get("id")
        candidates = [
            matter
            for matter in client.list("matters", client=client_id)
            if not self._legalsense_linked_elsewhere(matter["id"])
        ]
        return find_created_matter(candidates, payload)

    def _legalsense_linked_elsewhere(self, ls_id):
        return bool(
            self.sudo().search_count(
                [("legalsense_matter_id", "=", ls_id), ("id", "!=", self.id)], limit=1
            )
        )

    def _legalsense_link_values(self, facet, remote):
        """After a matter sync: the code from LegalSense when Odoo has none
        (§ "Matter code") and the archive number LS → Odoo."""
        values = super()._legalsense_link_values(facet, remote)
        if facet != MATTER:
            return values
        number = remote.get("number")
        if number and not self.code:
            values["code"] = number
        archive_number = archive_number_from_ls(remote, self._legalsense_settings())
        if archive_number is not None and archive_number != (self.archive_number or ""):
            values["archive_number"] = archive_number or False
        return values

    # ------------------------------------------------------------ debtors

    def _legalsense_needs_reconciliation(self):
        debtors = self.debtor_ids
        return bool(debtors) and not any(debtors.mapped("legalsense_is_main_debtor"))

    def _legalsense_reconcile_debtors(self, run):
        """§ "Matter debtor reconciliation": the LS main debtor is linked to
        the first unlinked Odoo debtor, or forced onto the first one."""
        debtors = self.debtor_ids.sorted(lambda debtor: (debtor.sequence, debtor.id))
        if not debtors:
            return
        ls_debtors = run.client.list("matterdebtors", matter=self.legalsense_matter_id)
        link = reconcile_main_debtor(
            ls_debtors,
            [(debtor.id, debtor.legalsense_debtor_id or None) for debtor in debtors],
        )
        if not link:
            return
        debtor = debtors.browse(link[0])
        previous = debtor.legalsense_debtor_id
        if previous and previous != link[1]["id"]:
            # The force-linked debtor's own LS debtor would pay twice. Deleted
            # before the link moves: a passing trouble retries both.
            debtor._legalsense_delete_ls_debtor(run.client, previous)
            run.done.append(f"matterdebtors/{previous} deleted")
        debtor._legalsense_link_main_debtor(link[1])
        run.done.append(f"matterdebtors/{link[1]['id']} linked to debtor {debtor.id}")
        # Its payer, share and e-mails are the Odoo debtor's from now on.
        debtor._legalsense_queue_export()

    def _legalsense_queue_lines(self, changed):
        """ "After sync: all matter attendees are queued": the parties, and the
        debtors (which follow their matter). When the matter did not change,
        only those not in LegalSense yet."""
        debtors, parties = self.debtor_ids, self.party_ids
        if not changed:
            debtors = debtors.filtered(lambda debtor: not debtor.legalsense_debtor_id)
            parties = parties.filtered(
                lambda party: not party.legalsense_matter_contact_id
            )
        debtors._legalsense_queue_export()
        parties._legalsense_queue_export()

    # ------------------------------------------------------------ after creation

    def _legalsense_change_client_owner(self, run):
        """NewMatterChangeOwnerForClient: the client gets the matter's owner when
        it has none, or its owner is no longer active."""
        if not run.config.new_matter_change_owner_for_client or not self.owner_id:
            return
        client = self._legalsense_client_partner().sudo()
        owner = client.user_id
        if owner and owner.active:
            return
        client.write({"user_id": self.owner_id.id})
        run.done.append(f"client owner set to {self.owner_id.login}")

    # ------------------------------------------------------------ deletion

    def _legalsense_removal_values(self):
        return {
            "matter_id": self.legalsense_matter_id,
            "name": self.display_name,
            "code": self.code or "",
            "client": self.client_id.display_name or "",
        }

    def _legalsense_remove(self, config, client, removal):
        """§ Matter to LSMatters "On delete": with MarkMatterAsRemoved the LS
        matter is deleted (marked removed) and the data steward told; else
        the data steward is asked to delete it by hand."""
        matter_id = removal["matter_id"]
        if not matter_id:
            return "Nothing in LegalSense to remove."
        values = {
            "name": html_escape(removal["name"]),
            "code": html_escape(removal.get("code") or ""),
            "client": html_escape(removal.get("client") or ""),
            "id": matter_id,
        }
        if config.mark_matter_as_removed:
            delete_if_present(client, "matters", matter_id)
            self._legalsense_notify_data_steward(
                config,
                self.env._("LegalSense: matter %s removed", removal["name"]),
                self.env._(
                    "<p>Matter <b>%(name)s</b> %(code)s of %(client)s was deleted "
                    "in Odoo and marked as removed in LegalSense (matter "
                    "%(id)s).</p>",
                    **values,
                ),
            )
            return f"matters/{matter_id} removed"
        self._legalsense_notify_data_steward(
            config,
            self.env._("LegalSense: delete matter %s", removal["name"]),
            self.env._(
                "<p>Matter <b>%(name)s</b> %(code)s of %(client)s was deleted in "
                "Odoo. It still exists in LegalSense (matter %(id)s); please "
                "delete it there by hand.</p>",
                **values,
            ),
        )
        return "The data steward was asked to delete the matter in LegalSense."

    # ------------------------------------------------------------ actions

    def _legalsense_url_path(self):
        if self.legalsense_matter_id:
            return f"matters/{self.legalsense_matter_id}"
        return ""

    def action_legalsense_sync_now(self):
        """Send the matter again, and its debtors and parties after it."""
        result = super().action_legalsense_sync_now()
        self.debtor_ids.action_legalsense_sync_now()
        self.party_ids.action_legalsense_sync_now()
        return result
