# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Settings — Contacts: what the import writes on contacts, how contacts and
clients are sent to LegalSense (Contacts — Sync, CM to LS) and the contact
display options (the manual's contact.config).
"""

import re

from odoo import api, fields, models

BRANCH_FIELDS = ("Industry", "IndustryCode", "Segment", "Tag", "Tag2")
CONTACT_TYPES = ("Person", "Company")
CLIENT_ID_FIELDS = (
    "sync_client_status_id",
    "client_status_code_active_id",
    "client_status_code_closed_id",
    "contact_details_kind_to_email_id",
    "contact_details_kind_cc_email_id",
)
_CODE = re.compile(r"^[A-Za-z0-9_-]+$")


class LegalsenseConfig(models.Model):
    _inherit = "legalsense.config"

    # ------------------------------------------------------------ Contacts — Import
    use_client_code = fields.Boolean(
        default=True,
        tracking=True,
        help="When true, the client code from LegalSense is stored and shown on the "
        "contact. Default: true.",
    )
    person_salutation_overwrite = fields.Boolean(
        default=True,
        tracking=True,
        help="When true, the salutation is always overwritten from LegalSense. When "
        "false, the salutation is only written if empty. Default: true.",
    )
    person_attention_overwrite = fields.Boolean(
        tracking=True,
        help="When true, the address_label_name.attention value from LegalSense is "
        "written to the attention field. Default: false.",
    )
    person_attention_overwrite_with_custom_attention = fields.Boolean(
        tracking=True,
        help="When true, the custom_attention value (if present) is written to the "
        "attention field instead of the standard attention. Default: false.",
    )
    sync_person_suffix = fields.Boolean(
        tracking=True,
        help="When true, the person's suffix title is synchronised to LegalSense. "
        "Default: false.",
    )

    # ------------------------------------------------------------ Contacts — Sync
    sync_client_originating_user_to_cm_field = fields.Selection(
        [("Owner", "Owner"), ("OwnerSub", "OwnerSub")],
        string="Client originating user from",
        default="OwnerSub",
        tracking=True,
        help="Controls which field is written to the originating_user field in "
        "LegalSense. Use Owner or OwnerSub. Default: OwnerSub.",
    )
    sync_client_referral = fields.Boolean(
        default=True,
        tracking=True,
        help="When true, the first referral on the contact is synchronised to the "
        "referrer field in LegalSense. Default: true.",
    )
    sync_client_segment = fields.Boolean(
        default=True,
        tracking=True,
        help="When true, the first segment on the contact is synchronised to the "
        "sector field in LegalSense. Default: true.",
    )
    sync_client_sector_to_cm_field = fields.Selection(
        [
            ("Industry", "Industry"),
            ("IndustryCode", "IndustryCode"),
            ("Interest", "Interest"),
            ("Segment", "Segment"),
            ("Tag", "Tag"),
            ("Tag2", "Tag2"),
            ("Referral", "Referral"),
            ("StockExchange", "StockExchange"),
        ],
        string="Client sector from",
        tracking=True,
        help="Specifies the field used as the source for the LegalSense sector "
        "field. Supported values: Industry, IndustryCode, Interest, Segment, Tag, "
        "Tag2, Referral, StockExchange. Leave empty to use the default "
        "SyncClientSegment behaviour.",
    )
    sync_client_branches_to_cm_field = fields.Char(
        string="Client branches from",
        tracking=True,
        help="Specifies the field used as the source for the LegalSense branches "
        "field (only the first item is synchronised). Supported values: Industry, "
        "IndustryCode, Segment, Tag, Tag2, or a LookupField Code. Leave empty to "
        "disable.",
    )
    sync_client_billing_instructions = fields.Boolean(
        tracking=True,
        help="When true, billing instructions are synchronised to LegalSense. "
        "Default: false.",
    )
    sync_client_status_id = fields.Integer(
        string="New client status ID",
        tracking=True,
        help="LegalSense client status ID to assign when a new client is created. "
        "Set to 0 to use the LegalSense default. Default: 0.",
    )
    client_status_code_active_id = fields.Integer(
        string="Active client status ID",
        default=1,
        tracking=True,
        help="LegalSense client_status ID assigned when a client is active. "
        "Default: 1.",
    )
    client_status_code_closed_id = fields.Integer(
        string="Closed client status ID",
        default=2,
        tracking=True,
        help="LegalSense client_status ID assigned when a client is inactive "
        "(contact archived). Default: 2.",
    )
    contact_details_kind_to_email_id = fields.Integer(
        string="Contact details kind ID for to_email",
        default=1,
        tracking=True,
        help="LegalSense contact_details kind ID for the to_email field. Default: 1.",
    )
    contact_details_kind_cc_email_id = fields.Integer(
        string="Contact details kind ID for cc_email",
        default=1,
        tracking=True,
        help="LegalSense contact_details kind ID for the cc_email field. Default: 1.",
    )
    no_dunning_lookup_field_value_code = fields.Char(
        tracking=True,
        help="Lookup field value code that, when set on a contact, marks that "
        "contact as exempt from dunning in LegalSense (has_dunning = false). Leave "
        "empty to disable.",
    )
    sync_company_use_display_name = fields.Boolean(
        tracking=True,
        help="When true, the company's display name is always synchronised to "
        "LegalSense instead of the official name. Default: false.",
    )
    sync_company_contact_use_official_name = fields.Boolean(
        tracking=True,
        help="When true, the company's official name is always written to the LS "
        "contact record, even when SyncCompanyUseDisplayName is enabled. "
        "Default: false.",
    )
    sync_company_use_alias_to_alternative_name = fields.Boolean(
        tracking=True,
        help="When true, the company's alias name is synchronised to "
        "alternative_names in LegalSense. When false, the previous name is used. "
        "Default: false.",
    )
    create_client_use_client_code_from_external_application = fields.Char(
        tracking=True,
        help="When specified, the client code for new clients is taken from the "
        "external code of the given external application. Leave empty to use "
        "LegalSense-generated codes.",
    )
    abbreviation_to_external_application = fields.Char(
        tracking=True,
        help="When specified, the abbreviation field is written to the given "
        "external application (e.g. for QUBIS integration). Leave empty to "
        "disable.",
    )
    default_tax_country_code = fields.Char(
        default="NL",
        tracking=True,
        help="Default ISO2 country code used for VAT calculation when no country is "
        "set on the address. Default: NL.",
    )
    sync_to_default_then_custom = fields.Boolean(
        tracking=True,
        help="When true, a value is first written to a standard LS property; if no "
        "standard property matches, it falls back to custom_fields. When false, "
        "values are always written to custom_fields only. Default: false.",
    )
    use_separate_numbering_sequences = fields.Boolean(
        tracking=True,
        help="When true, a new contact is numbered from the sequence chosen on it: "
        "clients, vendors or other contacts (its Numbering sequence). When false, "
        "every new contact is numbered from the client sequence. The number is "
        "the contact's Reference and becomes its client number in LegalSense. "
        "Switch on the same option in LegalSense (Use separate numbering "
        "sequences for clients, vendors, and other contact types). "
        "Default: false.",
    )
    conflict_policy = fields.Selection(
        [
            ("odoo", "Odoo wins"),
            ("flag", "Flag the conflict"),
            ("legalsense", "LegalSense wins"),
        ],
        string="Conflicting changes",
        default="odoo",
        required=True,
        tracking=True,
        help="What an export does when LegalSense changed a value of a contact, "
        "an address or a matter since the last sync. Odoo wins: Odoo's values "
        "are sent as they are, without reading LegalSense first (no extra "
        "request). Flag the conflict: the export first reads the LegalSense "
        "record; a value changed only in LegalSense is taken into Odoo, a value "
        "changed on both sides is kept in LegalSense and shown on the record "
        "until a user chooses which value stays. LegalSense wins: as Flag, but "
        "a value changed on both sides takes LegalSense's value in Odoo. "
        "Default: Odoo wins.",
    )

    # ---------------------------------------------------- Contact display options
    show_bank_account_number = fields.Boolean(
        tracking=True,
        help="When true, bank account numbers (IBAN and BIC) of companies and "
        "persons are synchronised to LegalSense (bank_account_iban, "
        "bank_account_bic). Default: false.",
    )
    show_company_peppol_number = fields.Boolean(
        tracking=True,
        help="When true, the Peppol number of companies is synchronised to "
        "LegalSense (peppol_id). Default: false.",
    )
    show_person_tax_number = fields.Boolean(
        tracking=True,
        help="When true, the VAT number of persons is synchronised to LegalSense "
        "(vat_number). Default: false.",
    )
    view_owner = fields.Char(
        tracking=True,
        help="Contact types whose owner is synchronised to the account_manager_user "
        "field in LegalSense: Person, Company or both (comma-separated). Leave "
        "empty to not synchronise the owner.",
    )
    billing_address_type_code = fields.Char(
        tracking=True,
        help="Address type code of the billing address. When set, the address of "
        "this type becomes the default billing address in LegalSense instead of "
        "the postal address.",
    )
    show_debtor_bill_reference = fields.Boolean(
        tracking=True,
        help="When true, the bill reference of a matter payor is synchronised to "
        "billing_reference in LegalSense. Default: false.",
    )
    debtor_hide_department = fields.Boolean(
        tracking=True,
        help="When true, the department of a matter payor is hidden and not "
        "synchronised to the address in LegalSense. Default: false.",
    )
    show_debtor_bill_email_address = fields.Boolean(
        tracking=True,
        help="When true, the invoice e-mail addresses of a matter payor are "
        "synchronised to LegalSense. Default: false.",
    )
    show_debtor_bill_email_address_existing_email_addresses_only = fields.Boolean(
        string="Invoice e-mail: existing e-mail addresses only",
        tracking=True,
        help="When true, one or two invoice addresses go to to_email and cc_email "
        "(existing contact details); when false they go to to_emails_custom and "
        "cc_emails_custom. Default: false.",
    )
    show_debtor_dunning_email_address = fields.Boolean(
        tracking=True,
        help="When true, the dunning e-mail addresses of a matter payor are "
        "synchronised to LegalSense. Default: false.",
    )
    show_referrals = fields.Char(
        default="Person,Company",
        tracking=True,
        help="Contact types (Person, Company) on which referrals are shown "
        "(contact.config ShowReferrals). Default: Person,Company.",
    )
    show_segments = fields.Char(
        default="Person,Company",
        tracking=True,
        help="Contact types (Person, Company) on which segments are shown "
        "(contact.config ShowSegments). Default: Person,Company.",
    )

    # ------------------------------------------------------------ create / write

    @api.model
    def _normalize_vals(self, vals):
        vals = super()._normalize_vals(vals)
        if vals.get("default_tax_country_code"):
            vals["default_tax_country_code"] = (
                vals["default_tax_country_code"].strip().upper()
            )
        return vals

    # ------------------------------------------------------------ validation

    @api.constrains(*CLIENT_ID_FIELDS)
    def _check_client_ids(self):
        self._check_ids(CLIENT_ID_FIELDS)

    @api.constrains("sync_client_branches_to_cm_field")
    def _check_sync_client_branches_to_cm_field(self):
        for config in self:
            value = config.sync_client_branches_to_cm_field
            if value and value not in BRANCH_FIELDS and not _CODE.match(value):
                raise config._invalid(
                    "sync_client_branches_to_cm_field",
                    self.env._("'%s' is neither a supported field nor a code.", value),
                    self.env._(
                        "%s, or the code of a lookup field (letters, digits, '_' "
                        "and '-')",
                        ", ".join(BRANCH_FIELDS),
                    ),
                )

    @api.constrains("default_tax_country_code")
    def _check_default_tax_country_code(self):
        for config in self:
            code = config.default_tax_country_code
            if code and not re.fullmatch(r"[A-Z]{2}", code):
                raise config._invalid(
                    "default_tax_country_code",
                    self.env._("'%s' is not an ISO2 country code.", code),
                    self.env._("two letters, e.g. NL"),
                )

    @api.constrains("view_owner", "show_referrals", "show_segments")
    def _check_contact_type_lists(self):
        self._check_choices(
            ("view_owner", "show_referrals", "show_segments"), CONTACT_TYPES
        )
