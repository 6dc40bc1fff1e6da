# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Matter debtors (the manual's CM MatterPayor) and § MatterPayor to LSMatterDebtors.

Several contacts can share a matter's invoices by percentage. The first
debtor becomes LegalSense's main debtor (split type FullRemainingAmount, see
the matter's reconciliation); the others are Percentage debtors. The invoice
and dunning e-mail addresses are copied from the contact when it is chosen
(§ Invoice e-mail address) and can then be changed per matter (see
``legal_matter_debtor_emails``).
"""

import logging
from functools import partial

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ...legalsense_client import MainDebtorError, NotFoundError
from ...legalsense_mapping.matter_debtors import (
    DebtorSource,
    address_department_payload,
    debtor_payload,
    find_created_debtor,
    is_main_debtor,
    split_addresses,
)
from ..sync.common import Facet, delete_if_present, payload_digest

_logger = logging.getLogger(__name__)

DEBTOR = Facet(
    "debtor",
    "matterdebtors",
    "legalsense_debtor_id",
    finder="_legalsense_find_created_debtor",
    removal_key="debtor_id",
)
DEPARTMENT_KEY = "address_department"


class LegalMatterDebtor(models.Model):
    _name = "legal.matter.debtor"
    _inherit = ["legal.matter.line.mixin"]
    _description = "Matter debtor"

    _legalsense_facets = (DEBTOR,)
    _legalsense_tracked_fields = (
        "partner_id",
        "address_id",
        "percentage",
        "billing_reference",
        "department",
        "invoice_emails",
        "dunning_emails",
    )

    partner_id = fields.Many2one(
        string="Debtor",
        help="The contact who pays; a contact person at a company makes the "
        "company pay for the attention of that person.",
    )
    address_id = fields.Many2one(
        "res.partner",
        "Invoice address",
        domain="['|', ('id', '=', commercial_partner_id), "
        "('parent_id', '=', commercial_partner_id)]",
        help="The address invoices are sent to; the contact's invoice address "
        "when empty.",
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", string="Paying company"
    )
    percentage = fields.Float(
        digits=(5, 2),
        default=100.0,
        help="The debtor's share of the invoices. Ignored for the main debtor in "
        "LegalSense, which pays what the others do not.",
    )
    billing_reference = fields.Char(
        help="The debtor's reference on invoices (purchase order number)."
    )
    department = fields.Char(
        help="The department invoices are addressed to, e.g. Accounts payable."
    )
    invoice_emails = fields.Char(
        "Invoice e-mail addresses",
        help="Semicolon-separated. Copied from the contact's invoice e-mail "
        "address when the debtor is chosen; change or remove them for this "
        "matter only. Without an address, invoices go by regular mail.",
    )
    dunning_emails = fields.Char(
        "Dunning e-mail addresses",
        help="Semicolon-separated. Copied from the contact's dunning e-mail "
        "address when the debtor is chosen.",
    )
    legalsense_debtor_id = fields.Integer(
        "LegalSense debtor ID", copy=False, index=True, readonly=True
    )
    legalsense_is_main_debtor = fields.Boolean(
        "Main debtor",
        copy=False,
        readonly=True,
        help="LegalSense's main debtor of the matter (FullRemainingAmount): it "
        "pays what the other debtors do not, and cannot be deleted there.",
    )

    # ------------------------------------------------------------ constraints

    @api.constrains("percentage")
    def _check_percentage(self):
        for debtor in self:
            if not 0 <= debtor.percentage <= 100:
                raise ValidationError(
                    self.env._(
                        "The share of debtor %(debtor)s on matter %(matter)s must be "
                        "between 0 and 100 percent.",
                        debtor=debtor.partner_id.display_name,
                        matter=debtor.matter_id.display_name,
                    )
                )

    # ------------------------------------------------------------ what syncs

    def _legalsense_paying_partner(self):
        """The LS debtor: the company of a contact person, else the contact."""
        return self._legalsense_organization()

    # ------------------------------------------------------------ export

    def _legalsense_before_contacts(self, run):
        matter = self.matter_id
        if not self.legalsense_debtor_id and matter._legalsense_needs_reconciliation():
            # A debtor added to a matter whose main debtor no Odoo debtor holds
            # yet takes it (§ "Matter debtor reconciliation").
            matter._legalsense_lock()
            matter._legalsense_reconcile_debtors(run)

    def _legalsense_export_line(self, run, payor, person):
        address = self._legalsense_ensure_address(run)
        self._legalsense_force_is_debtor(run, payor)
        source = self._legalsense_debtor_source(run, payor, person, address)
        remote, created = self._legalsense_upsert(
            run.client,
            DEBTOR,
            partial(debtor_payload, source, run.settings),
            self._legalsense_find_created_debtor,
        )
        run.note(DEBTOR, remote, created)
        self._legalsense_sync_address_department(run, source)

    def _legalsense_ensure_address(self, run):
        """The invoice address (contact, address and matter are synced first)."""
        address = self.address_id
        if not address or address.legalsense_address_id:
            return address
        if address._legalsense_skip_reason(run.config):
            return address.browse()
        address._legalsense_lock()
        address._legalsense_export(run.config, run.client)
        return address

    def _legalsense_force_is_debtor(self, run, payor):
        """ "Before save: is_debtor on the linked LS contact is forced to true"."""
        from ..partner.partner_sync import CONTACT

        remote = payor._legalsense_remote(CONTACT) or {}
        if remote.get("is_debtor"):
            return
        payor._legalsense_lock()
        payor._legalsense_patch(
            run.client,
            CONTACT,
            {"is_debtor": True},
            payor._legalsense_contact_builder(run.partner_run),
        )
        run.done.append(f"contacts/{payor.legalsense_contact_id} made a debtor")

    def _legalsense_debtor_source(self, run, payor, person, address):
        details = []
        if self._legalsense_needs_email_details(run):
            for contact in (payor, person):
                if contact and contact.legalsense_contact_id:
                    details.extend(self._legalsense_email_details(run, contact))
        return DebtorSource(
            odoo_id=self.id,
            matter_ls_id=self.matter_id.legalsense_matter_id,
            debtor_ls_id=payor.legalsense_contact_id or None,
            contact_person_ls_id=(person and person.legalsense_contact_id) or None,
            address_ls_id=(address and address.legalsense_address_id) or None,
            percentage=self.percentage,
            billing_reference=self.billing_reference or "",
            department=self.department or "",
            invoice_emails=split_addresses(self.invoice_emails),
            dunning_emails=split_addresses(self.dunning_emails),
            email_details=tuple(details),
        )

    def _legalsense_find_created_debtor(self, client, payload):
        """The debtor a lost create made, from the payload alone (also for a
        debtor deleted since): its matter's debtors no Odoo debtor holds."""
        ls_matter = (payload.get("matter") or {}).get("id")
        records = client.list("matterdebtors", matter=ls_matter)
        held = self.sudo().search([("matter_id.legalsense_matter_id", "=", ls_matter)])
        linked = set(held.mapped("legalsense_debtor_id")) - {0}
        return find_created_debtor(records, payload, linked)

    def _legalsense_sync_address_department(self, run, source):
        """Row "department (on address)": written to the debtor's LS address
        when it changed since it was last written."""
        values = address_department_payload(source, run.settings)
        if values is None:
            return
        digest = payload_digest([source.address_ls_id, values])
        data = dict(self._legalsense_sync_data())
        if data.get(DEPARTMENT_KEY) == digest:
            return
        run.client.patch("addresses", source.address_ls_id, values)
        run.done.append(f"addresses/{source.address_ls_id} department")
        data[DEPARTMENT_KEY] = digest
        self._legalsense_store({"legalsense_sync_data": data})

    def _legalsense_link_values(self, facet, remote):
        values = super()._legalsense_link_values(facet, remote)
        if facet == DEBTOR and remote:
            main = is_main_debtor(remote)
            if main != self.legalsense_is_main_debtor:
                values["legalsense_is_main_debtor"] = main
        return values

    def _legalsense_link_main_debtor(self, main):
        """Reconciliation: this debtor is LegalSense's main debtor from now on."""
        self._legalsense_lock()
        self._legalsense_remember(DEBTOR, main, None)

    def _legalsense_delete_ls_debtor(self, client, ls_id):
        delete_if_present(client, "matterdebtors", ls_id, also=(MainDebtorError,))

    # ------------------------------------------------------------ deletion

    def _legalsense_removal_values(self):
        return {
            "debtor_id": self.legalsense_debtor_id,
            "is_main": self.legalsense_is_main_debtor,
            "matter": self.matter_id.id,
        }

    def _legalsense_remove(self, config, client, removal):
        """ "On delete: record is deleted unless it is the main debtor; the main
        debtor cannot be deleted via LS API — instead the matter is marked
        dirty for a full re-sync"."""
        matter = self.env["legal.matter"].browse(removal.get("matter")).exists()
        ls_id = removal["debtor_id"]
        if not ls_id:
            return "Nothing in LegalSense to remove."
        if not removal.get("is_main"):
            try:
                client.delete("matterdebtors", ls_id)
                return f"matterdebtors/{ls_id} deleted"
            except NotFoundError:
                return f"matterdebtors/{ls_id} was gone already"
            except MainDebtorError as error:
                # Linked as the main debtor since the deletion was queued.
                _logger.info("LegalSense: matterdebtors/%s: %s", ls_id, error)
        if matter:
            matter.action_legalsense_sync_now()
        return "The main debtor stays: its matter is sent again."
