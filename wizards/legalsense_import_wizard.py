# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The import wizard (§ Initial Import): what to import, Overwrite, dry run."""

from odoo import api, fields, models

WIZARD_ACTIONS = [
    ("complete", "Complete import"),
    ("lookups", "Lookup items only"),
    ("users", "Users and offices only"),
    ("practice_groups", "Practice groups only"),
    ("contacts", "Contacts and addresses"),
    ("contacts_matters", "Contacts, addresses and matters"),
    ("matters", "Matters only"),
    ("all", "Import all (missing data)"),
    ("changed_clients", "Changed clients"),
    ("update_client_code", "Client codes (retroactively)"),
    ("bank_account_numbers", "Bank account numbers (overwrites)"),
    ("billing_instructions", "Billing instructions (overwrites)"),
    ("branches", "Branches"),
]
OVERWRITING_ACTIONS = ("bank_account_numbers", "billing_instructions")


class LegalsenseImportWizard(models.TransientModel):
    _name = "legalsense.import.wizard"
    _description = "Import from LegalSense"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    action = fields.Selection(
        WIZARD_ACTIONS, "Import", required=True, default="complete"
    )
    overwrite = fields.Boolean(
        help="Also update the records that exist in Odoo already with the "
        "LegalSense values. Without it only what is missing is created or linked.",
    )
    dry_run = fields.Boolean(
        help="Only count what would be created, linked, updated or skipped; "
        "nothing is written.",
    )
    last_change_date = fields.Date(
        "Changed since",
        help="Changed clients: import what changed since this date. Empty: since "
        "the last run (one day ago on the first run).",
    )
    description = fields.Text(compute="_compute_description")
    is_overwriting = fields.Boolean(compute="_compute_description")
    integration_enabled = fields.Boolean(compute="_compute_integration_enabled")

    @api.depends("action")
    def _compute_description(self):
        texts = {
            "complete": self.env._(
                "Everything: lookup items, address templates and languages, offices "
                "and users, practice groups, contacts with their addresses and "
                "contact persons, clients, matters with their debtors and matter "
                "contacts."
            ),
            "all": self.env._(
                "Everything that is missing in Odoo. Records imported before are "
                "left as they are unless Overwrite is set."
            ),
            "lookups": self.env._(
                "The LegalSense lookup lists (address kinds, practice areas, matter "
                "types, sectors, contact kinds, referrers, branches), the Dutch and "
                "English languages and the default address templates."
            ),
            "users": self.env._(
                "Offices as work locations, users with their employees."
            ),
            "practice_groups": self.env._(
                "Practice groups as departments, each with a security group of its "
                "members."
            ),
            "contacts": self.env._(
                "Contacts, their addresses and their contact persons (employees)."
            ),
            "contacts_matters": self.env._(
                "Contacts, addresses and contact persons, plus clients, matters, "
                "their debtors and matter contacts."
            ),
            "matters": self.env._(
                "Matters, their debtors and matter contacts, for clients whose "
                "contacts are in Odoo already."
            ),
            "changed_clients": self.env._(
                "Contacts, addresses and contact persons changed in LegalSense since "
                "the date (or since the last run)."
            ),
            "update_client_code": self.env._(
                "The client code of every contact that is a LegalSense client."
            ),
            "bank_account_numbers": self.env._(
                "The bank account numbers of the LegalSense contacts. Existing bank "
                "account numbers in Odoo will be overwritten."
            ),
            "billing_instructions": self.env._(
                "The billing instructions of the LegalSense clients. Existing billing "
                "instructions in Odoo will be overwritten."
            ),
            "branches": self.env._(
                "The branches of the LegalSense clients, into the field chosen by "
                "SyncClientBranchesToCMField."
            ),
        }
        for wizard in self:
            wizard.description = texts.get(wizard.action, "")
            wizard.is_overwriting = wizard.action in OVERWRITING_ACTIONS

    @api.depends("company_id")
    def _compute_integration_enabled(self):
        for wizard in self:
            config = self.env["legalsense.config"]._get_config(wizard.company_id)
            wizard.integration_enabled = config._is_enabled()

    def action_import(self):
        """Create the import and queue it; open its result log."""
        self.ensure_one()
        run = self.env["legalsense.import"].create(
            {
                "action": self.action,
                "overwrite": self.overwrite,
                "dry_run": self.dry_run,
                "last_change_date": self.last_change_date or False,
                "company_id": self.company_id.id,
            }
        )
        run.action_start()
        return {
            "type": "ir.actions.act_window",
            "res_model": "legalsense.import",
            "res_id": run.id,
            "view_mode": "form",
            "target": "current",
        }
