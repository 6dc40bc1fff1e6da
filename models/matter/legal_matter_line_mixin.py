# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a matter's debtors and parties share: a contact on a matter, synced
to LegalSense after its matter.

A line follows its matter: it syncs when its matter does, and waits for it
when the matter is not in LegalSense yet. Its contact is a company, a person,
or a contact person at a company (the company is then the LegalSense contact
and the person its contact person); both are synced before the line.
"""

from odoo import fields, models

from .matter_sync import MatterRun, organization_of


class LegalMatterLineMixin(models.AbstractModel):
    _name = "legal.matter.line.mixin"
    _inherit = ["legalsense.sync.mixin"]
    _description = "Matter debtor or party"
    _order = "matter_id, sequence, id"
    _rec_name = "partner_id"

    matter_id = fields.Many2one(
        "legal.matter", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="matter_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one(
        "res.partner",
        "Contact",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('type', '=', 'contact')]",
    )

    # ------------------------------------------------------------ what syncs

    def _legalsense_organization(self):
        """The LS contact: the company of a contact person, else the contact."""
        return organization_of(self.partner_id)

    def _legalsense_contact_person(self):
        """The contact person at the LS contact's company, else None."""
        partner = self.partner_id
        return partner if partner != self._legalsense_organization() else None

    def _legalsense_passes_required_application(self, application):
        """The required external application filter: its matter's reference."""
        return super()._legalsense_passes_required_application(
            application
        ) or self.matter_id._legalsense_passes_required_application(application)

    def _legalsense_is_syncable(self):
        """A line follows its matter: it syncs when its matter does."""
        self.ensure_one()
        matter = self.matter_id
        return bool(matter.legalsense_matter_id) or matter._legalsense_is_syncable()

    # ------------------------------------------------------------ export

    def _legalsense_export(self, config, client):
        matter = self.matter_id
        if not matter.legalsense_matter_id:
            matter._legalsense_queue_export()
            return "Waiting for the matter: it is sent to LegalSense first."
        run = MatterRun(self.env, config, client)
        self._legalsense_before_contacts(run)
        organization = self._legalsense_organization()
        if not organization._legalsense_ensure_contact(run.partner_run):
            return f"Skipped: {organization.display_name} is not synchronised."
        person = self._legalsense_contact_person()
        if person:
            person._legalsense_ensure_contact(run.partner_run)
        self._legalsense_export_line(run, organization, person)
        return run.summary()

    def _legalsense_before_contacts(self, run):
        """What the line does in LegalSense before its contacts are synced."""

    def _legalsense_export_line(self, run, organization, person):
        """Write the line itself, its contacts being in LegalSense."""
        raise NotImplementedError
