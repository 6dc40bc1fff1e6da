# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The LegalSense settings of one company (the manual's ``legalsense.config``).

Every setting of the manual's Configuration Reference is a field named after
the setting in snake_case (``SyncMatterIfVerified`` → ``sync_matter_if_verified``)
with the manual's default and text.
"""

import hashlib
import logging
import os
import re
import threading
import time

from odoo import api, conf, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import config as odoo_config

from ..legalsense_client import (
    MAX_PAGE_SIZE,
    DebugLog,
    LegalSenseClient,
    LegalSenseError,
    cleanup_log_directory,
    normalize_base_url,
)
from ..legalsense_mapping import (
    check_choices,
    check_codes,
    parse_country_mapping,
    parse_custom_fields,
)
from ..legalsense_mapping.country_mapping import SYNTAX as COUNTRY_MAPPING_SYNTAX
from ..legalsense_mapping.custom_fields import SYNTAX as CUSTOM_FIELDS_SYNTAX
from . import legalsense_secret

_logger = logging.getLogger(__name__)

JOB_CHANNEL = "root.legalsense"
LOG_SUBDIRECTORY = ("legalsense", "log")

# The credentials that are stored encrypted: field name -> what users call it.
SECRET_FIELDS = ("password", "bearer_token", "client_token")

USER_FIELD_SELECTION = [
    ("Originator", "Originator"),
    ("Owner", "Owner"),
    ("OwnerSub", "OwnerSub"),
]
MATTER_TYPE_FIELD_SELECTION = [("MatterType", "MatterType"), ("AreaOfLaw", "AreaOfLaw")]
MATTER_DATE_FIELD_SELECTION = [
    ("CloseDate", "CloseDate"),
    ("ArchiveDate", "ArchiveDate"),
]
MATTER_FORM_VISIBILITY = [
    ("visible", "Visible"),
    ("required", "Required"),
    ("not_visible", "Not visible"),
]
BRANCH_FIELDS = ("Industry", "IndustryCode", "Segment", "Tag", "Tag2")
ORIGINATOR_FIELDS = ("Originator", "Owner", "OwnerSub")
REFERRER_FIELD = "referrer"
LONG_NAME_FIELD = "Name"
EMAIL_ROLES = ("CreatedBy", "ModifiedBy", "Owner", "OwnerSub", "Originator")
CONTACT_TYPES = ("Person", "Company")
CREATE_NEW_TYPES = ("Person", "Company", "Employee")
ID_FIELDS = (
    "default_address_kind",
    "default_address_kind_postal_address",
    "default_address_kind_visitor_address",
    "sync_client_status_id",
    "client_status_code_active_id",
    "client_status_code_closed_id",
    "contact_details_kind_to_email_id",
    "contact_details_kind_cc_email_id",
    "matter_status_code_new_id",
    "matter_status_code_active_id",
    "matter_status_code_closed_id",
    "matter_status_code_archived_id",
)
_CODE = re.compile(r"^[A-Za-z0-9_-]+$")
_CUSTOM_FIELD_NAME_FORBIDDEN = re.compile(r"[;=\x00-\x1f]")
_TOKENS = {}
_TOKENS_LOCK = threading.Lock()
_VERSIONS = {}
_VERSIONS_LOCK = threading.Lock()
VERSION_CACHE_SECONDS = 3600


class _SharedTokenStore:
    """One LegalSense token per (database, config, credentials), for the process.

    Jobs build a new client each time; with this store they reuse the token
    instead of authenticating on every job. A change of credentials changes
    the key, so an old token is never used with new credentials.
    """

    def __init__(self, key):
        self._key = key

    def get(self):
        with _TOKENS_LOCK:
            return _TOKENS.get(self._key)

    def set(self, token):
        with _TOKENS_LOCK:
            _TOKENS[self._key] = token


class LegalsenseConfig(models.Model):
    _name = "legalsense.config"
    _inherit = ["mail.thread"]
    _description = "LegalSense Settings"
    _rec_name = "company_id"
    _order = "company_id"

    _sql_constraints = [
        (
            "company_uniq",
            "unique(company_id)",
            "A company has one LegalSense configuration only.",
        ),
    ]

    company_id = fields.Many2one(
        "res.company",
        required=True,
        ondelete="cascade",
        default=lambda self: self.env.company,
        tracking=True,
    )
    is_enabled = fields.Boolean(
        string="Integration enabled",
        compute="_compute_is_enabled",
        help="The integration is off when Disabled is set or the URL is empty.",
    )
    job_runner_configured = fields.Boolean(
        compute="_compute_job_runner_configured",
        help="Whether queue_job is a server-wide module of this Odoo server. Without "
        "it the job runner does not start and LegalSense jobs stay pending.",
    )

    # ------------------------------------------------------------ Authentication
    url = fields.Char(
        string="URL",
        tracking=True,
        help="Base URL of the LegalSense API. Example: https://epona.legalsense.nl/\n"
        "The module automatically appends /api/v3/ if not already present. The "
        "older /api/v1/ path is migrated automatically.",
    )
    username = fields.Char(
        tracking=True,
        help="Username for LegalSense API authentication (the manual's UserName).",
    )
    password = fields.Char(
        compute="_compute_secrets",
        inverse="_inverse_password",
        readonly=False,
        help="Password for LegalSense API authentication. Stored encrypted; it is "
        "never shown again. Enter a value to replace the stored password.",
    )
    password_encrypted = fields.Char(
        string="Password (encrypted)",
        groups="base.group_system",
        copy=False,
        prefetch=False,
    )
    password_is_set = fields.Boolean(compute="_compute_secret_is_set")
    bearer_token = fields.Char(
        compute="_compute_secrets",
        inverse="_inverse_bearer_token",
        readonly=False,
        help="Bearer token for API authentication. Use this to reuse an existing "
        "session token instead of username/password. Stored encrypted; it is "
        "never shown again.",
    )
    bearer_token_encrypted = fields.Char(
        string="Bearer token (encrypted)",
        groups="base.group_system",
        copy=False,
        prefetch=False,
    )
    bearer_token_is_set = fields.Boolean(compute="_compute_secret_is_set")
    client_identifier = fields.Char(
        tracking=True,
        help="Client identifier for the LegalSense API (used with "
        "OAuth/client-credentials flows).",
    )
    client_token = fields.Char(
        compute="_compute_secrets",
        inverse="_inverse_client_token",
        readonly=False,
        help="Client token for the LegalSense API. Stored encrypted; it is never "
        "shown again.",
    )
    client_token_encrypted = fields.Char(
        string="Client token (encrypted)",
        groups="base.group_system",
        copy=False,
        prefetch=False,
    )
    client_token_is_set = fields.Boolean(compute="_compute_secret_is_set")
    disabled = fields.Boolean(
        tracking=True,
        help="Master switch. When true, all LegalSense integration (inbound and "
        "outbound sync) is disabled. The integration is also disabled "
        "automatically when Url is empty.",
    )
    windows_domain_name = fields.Char(
        tracking=True,
        help="Set this to ensure that users imported from LegalSense are created "
        "with the matching Active Directory username (DOMAIN\\username). Leave "
        "empty when Windows Authentication is not used.",
    )
    data_steward_id = fields.Many2one(
        "res.users",
        string="Data steward",
        tracking=True,
        domain=[("share", "=", False)],
        help="Internal user who receives the notification e-mails of the "
        "integration, e.g. requests to delete a contact or matter manually in "
        "LegalSense.",
    )
    page_size = fields.Integer(
        default=100,
        tracking=True,
        help="Records per page when reading lists from LegalSense "
        f"(1..{MAX_PAGE_SIZE}).",
    )
    timeout = fields.Integer(
        string="Timeout (seconds)",
        default=60,
        tracking=True,
        help="Seconds to wait for an answer of LegalSense before giving up.",
    )
    legalsense_version = fields.Char(
        string="LegalSense version",
        readonly=True,
        copy=False,
        help="Version reported by LegalSense at the last successful connection test.",
    )
    last_connection_test = fields.Datetime(readonly=True, copy=False)
    last_connection_status = fields.Selection(
        [("ok", "Connected"), ("error", "Failed")],
        readonly=True,
        copy=False,
    )
    last_connection_error = fields.Text(readonly=True, copy=False)

    # ------------------------------------------------------------ Import — General
    import_country_mapping = fields.Text(
        tracking=True,
        help="Mapping from LegalSense country name to ISO2 country code, used during "
        "import when the country cannot be resolved automatically.\n"
        "Syntax: <LS country name>=<ISO2 code>, semicolon-separated for multiple "
        "entries.\nExample: The Netherlands=NL;Germany=DE",
    )
    import_users_is_disabled = fields.Boolean(
        tracking=True,
        help="When true, users and offices are not imported during the nightly "
        "sync. Disables the Users and Practice Groups nightly jobs entirely. "
        "Default: false.",
    )
    import_users_create_contact_folder = fields.Char(
        tracking=True,
        help="Specifies the parent folder name (or / for root) in which a contact "
        "folder should be created for each new user. Leave empty to disable "
        "automatic folder creation.",
    )
    import_users_use_email_address_part_for_username = fields.Boolean(
        tracking=True,
        help="When true, the part of the user's e-mail address before the @ is used "
        "as the username. Default: false.",
    )
    import_users_skip_inactive_users = fields.Boolean(
        tracking=True,
        help="When true, inactive LS users that do not yet exist are not created. "
        "Default: false.",
    )
    import_changed_clients_is_enabled = fields.Boolean(
        tracking=True,
        help="When true, the nightly job imports all clients changed in LegalSense "
        "since the last run. Default: false.",
    )
    sync_required_external_application = fields.Char(
        tracking=True,
        help="When set, only objects that have a synchronisation record for this "
        "external application are synchronised to LegalSense. For example, "
        "setting this to ASSYST ensures that only contacts already registered in "
        "ASSYST are pushed to LegalSense. Leave empty (default) to sync all "
        "objects without restriction.",
    )
    cleanup_log_directory = fields.Integer(
        string="Clean up debug logs after (days)",
        default=15,
        tracking=True,
        help="Number of days after which JSON debug files in the LegalSense log "
        "directory are deleted during the nightly job. Set to 0 to disable "
        "cleanup. Default: 15.",
    )
    debug = fields.Boolean(
        tracking=True,
        help="When true, API responses are dumped as JSON files to the LegalSense "
        "log directory (<data directory>/legalsense/log/<database>) for debugging. "
        "Credentials are removed from the dumps.",
    )

    # ------------------------------------------------------------ Import — Addresses
    address_kinds_in_active = fields.Char(
        string="Address kinds inactive",
        default="Vorig adres",
        tracking=True,
        help="One or more address type names (from LegalSense) whose addresses "
        "should be marked as inactive during import, separated by commas or "
        "semicolons. Default: Vorig adres (Previous address).",
    )
    default_address_kind = fields.Integer(
        string="Default address kind ID",
        default=1,
        tracking=True,
        help="Default LegalSense address kind ID used when no kind is specified. "
        "Default: 1.",
    )
    default_address_kind_postal_address = fields.Integer(
        string="Address kind ID of the postal address",
        tracking=True,
        help="LegalSense address kind ID that maps to the postal address. When an "
        "imported address has this kind, it is set as the postal address of the "
        "contact.",
    )
    default_address_kind_visitor_address = fields.Integer(
        string="Address kind ID of the visitor address",
        tracking=True,
        help="LegalSense address kind ID that maps to the visitor address. When an "
        "imported address has this kind, it is set as the visitor address of the "
        "contact.",
    )
    default_address_template = fields.Integer(
        default=4,
        tracking=True,
        help="Default LegalSense address template ID (1..18) used when no template "
        "is configured for the country. Default: 4 (UK with attention).",
    )

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
        help="What an export does when LegalSense changed a contact's or an "
        "address's value since the last sync. Odoo wins: Odoo's values are sent "
        "as they are, without reading LegalSense first (no extra request). Flag "
        "the conflict: the export first reads the LegalSense record; a value "
        "changed only in LegalSense is taken into Odoo, a value changed on both "
        "sides is kept in LegalSense and shown on the partner, who chooses which "
        "value stays. LegalSense wins: as Flag, but a value changed on both sides "
        "takes LegalSense's value in Odoo. Default: Odoo wins.",
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

    # ------------------------------------------------------------ Matters — General
    new_matter_change_owner_for_client = fields.Boolean(
        tracking=True,
        help="When true, the client owner is updated when the first matter is "
        "created. Default: false.",
    )
    new_matter_send_email = fields.Char(
        default="CreatedBy,OwnerSub",
        tracking=True,
        help="Comma-separated list of recipient roles notified when a new matter is "
        "created in LegalSense. Roles: " + ", ".join(EMAIL_ROLES) + ". "
        "Default: CreatedBy,OwnerSub.",
    )
    change_matter_send_email = fields.Char(
        default="ModifiedBy",
        tracking=True,
        help="Comma-separated list of recipient roles notified when an existing "
        "matter is changed. Roles: " + ", ".join(EMAIL_ROLES) + ". "
        "Default: ModifiedBy.",
    )
    matter_contact_activity_role_code_for_client = fields.Char(
        default="Client",
        tracking=True,
        help="Activity role code used for matter–client relationships. "
        "Default: Client.",
    )
    sync_matter_if_verified = fields.Boolean(
        tracking=True,
        help="When true, a matter is only created/synchronised in LegalSense after "
        "it has been verified. Default: false.",
    )
    sync_matter_enabled_for_activity_types = fields.Char(
        tracking=True,
        help="When specified, only matters of the listed activity types (codes, "
        "comma-separated) are synchronised to LegalSense. Leave empty to sync all "
        "matter types.",
    )
    sync_matter_minimal_open_date = fields.Date(
        tracking=True,
        help="Matters with an open date before this date are not created in "
        "LegalSense if they do not yet exist there. Leave empty to disable.",
    )
    use_owner_for_matter_practice_group = fields.Boolean(
        tracking=True,
        help="When true, the matter's office/location and department are updated "
        "from the selected owner (OwnerSub). Default: false.",
    )
    disable_practice_group = fields.Boolean(
        tracking=True,
        help="When true, the practice group is not set when synchronising a matter. "
        "Set automatically when LegalSense has no practice groups. Default: false.",
    )
    mark_matter_as_removed = fields.Boolean(
        tracking=True,
        help="When true, setting the soft-kill status to 3 in LegalSense is "
        "triggered when a matter is removed, and an e-mail notification is sent. "
        "Default: false.",
    )
    hide_billing_time_keeper = fields.Boolean(
        tracking=True,
        help="When true, the billing time keeper is hidden on matters and "
        "billing_user is not synchronised to LegalSense. Default: false.",
    )
    archive_matter_role = fields.Boolean(
        tracking=True,
        help="When set, a matter is not archived in LegalSense when the close date "
        "is filled, but only when the archive date is entered. At that point the "
        "archive number can also be entered and is synchronised to LegalSense.",
    )

    # ------------------------------------------------------------ Matter form options
    show_matter_type = fields.Selection(
        MATTER_FORM_VISIBILITY,
        default="visible",
        tracking=True,
        help="Whether the matter type is visible, required or not visible on the "
        "matter form (matter.config ShowMatterType).",
    )
    show_area_of_law = fields.Selection(
        MATTER_FORM_VISIBILITY,
        default="visible",
        tracking=True,
        help="Whether the area of law (LegalSense practice area) is visible, "
        "required or not visible on the matter form (matter.config ShowAreaOfLaw).",
    )
    hide_department = fields.Boolean(
        tracking=True,
        help="When true, the department (LegalSense practice group) is hidden on "
        "the matter form (matter.config HideDepartment).",
    )
    show_multiple_matter_payors = fields.Boolean(
        default=True,
        tracking=True,
        help="When true, a matter can have several payors (matter.config "
        "ShowMultipleMatterPayors). Default: true.",
    )
    hide_currency = fields.Boolean(
        default=True,
        tracking=True,
        help="When true, the currency is hidden on the matter form (matter.config "
        "HideCurrency). Default: true.",
    )
    create_new_for_type = fields.Char(
        default="Person,Company,Employee",
        tracking=True,
        help="Contact types (Person, Company, Employee) that can be created from the "
        "matter form (matter.config CreateNewForType). Default: "
        "Person,Company,Employee.",
    )

    # ---------------------------------------------------- Matters — Field Mapping
    sync_matter_description_to_cm_description = fields.Boolean(
        tracking=True,
        help="When true: description (first tab) → billing_instructions in LS, and "
        "comments (last tab) → description in LS.\nWhen false: matter comments → "
        "description in LS, and matter description → billing_instructions in LS.\n"
        "Default: false.",
    )
    sync_matter_practice_area_to_cm_field = fields.Selection(
        MATTER_TYPE_FIELD_SELECTION,
        string="Matter practice area to",
        default="AreaOfLaw",
        tracking=True,
        help="Field that receives the LegalSense practice_area value. Use "
        "MatterType, AreaOfLaw, or leave empty to disable. Default: AreaOfLaw.",
    )
    sync_matter_matter_type_to_cm_field = fields.Selection(
        MATTER_TYPE_FIELD_SELECTION,
        string="Matter type to",
        default="MatterType",
        tracking=True,
        help="Field that receives the LegalSense matter_type value. Use MatterType, "
        "AreaOfLaw, or leave empty to disable. Default: MatterType.",
    )
    sync_matter_referrer_to_cm_field = fields.Char(
        string="Matter referrer to",
        default=REFERRER_FIELD,
        tracking=True,
        help="Field or LS custom field name used for the matter referrer. Use "
        "referrer, a custom field name, or leave empty to disable. "
        "Default: referrer.",
    )
    sync_matter_originator_to_cm_field = fields.Char(
        string="Matter originator from",
        tracking=True,
        help="Field used for the matter originator. Use Originator, Owner, "
        "OwnerSub, or a contact_kind ID (in which case the originator is "
        "synchronised as a matter contact). Leave empty to disable.",
    )
    sync_matter_supervising_user_to_cm_field = fields.Selection(
        USER_FIELD_SELECTION,
        string="Matter supervising user from",
        default="Owner",
        tracking=True,
        help="Field used for the matter supervising user. Use Originator, Owner, or "
        "OwnerSub. Default: Owner.",
    )
    sync_matter_billing_user_to_cm_field = fields.Selection(
        USER_FIELD_SELECTION,
        string="Matter billing user from",
        default="OwnerSub",
        tracking=True,
        help="Field used for the matter billing user. Use Originator, Owner, or "
        "OwnerSub. Default: OwnerSub.",
    )
    sync_matter_long_name_to_cm_field = fields.Char(
        string="Matter long name from",
        tracking=True,
        help="Field used for the matter long name. Use Name or a custom field name. "
        "Leave empty to disable.",
    )
    sync_matter_enable_recofa_for_matter_types = fields.Char(
        tracking=True,
        help="One or more matter type codes (comma-separated) for which IsRecofa "
        "should be set to true in LegalSense. Matters with other types get "
        "IsRecofa = false. Leave empty to leave the value unchanged.",
    )
    sync_matter_aml_required_from_custom_field = fields.Char(
        tracking=True,
        help="Code of the custom field item that is mapped to the aml_required flag "
        "in LegalSense. The code or ExternalID must resolve to a boolean value "
        "(yes, true, 1, -1, ja, etc.). Leave empty to disable.",
    )
    create_matter_use_matter_code_from_cm = fields.Boolean(
        string="Create matter with matter code from Odoo",
        tracking=True,
        help="When true, the matter code is used as the matter code in LegalSense "
        "when creating a new matter. Default: false.",
    )
    sync_matter_payor_department_to_address = fields.Boolean(
        tracking=True,
        help="When true, the department name of the matter payor is written to the "
        "selected address in LegalSense.\nWarning: If the same address is used by "
        "multiple matter payors this will overwrite the value. Default: false.",
    )

    # ---------------------------------------------------- Matters — Archive / Status
    sync_matter_archive_date_field = fields.Selection(
        MATTER_DATE_FIELD_SELECTION,
        string="Matter archive date from",
        default="CloseDate",
        tracking=True,
        help="Date field synchronised to archive_date in LegalSense. Use CloseDate, "
        "ArchiveDate, or leave empty to disable. Default: CloseDate.",
    )
    sync_matter_soft_kill_status_field = fields.Selection(
        MATTER_DATE_FIELD_SELECTION,
        string="Matter soft-kill status from",
        default="CloseDate",
        tracking=True,
        help="Date field that drives the softkillstatus in LegalSense. When the "
        "field has a value, status becomes 2 (inactive); otherwise 1 (active). Use "
        "CloseDate, ArchiveDate, or leave empty to disable. Default: CloseDate.",
    )
    matter_status_code_new_id = fields.Integer(
        string="New matter status ID",
        tracking=True,
        help="LegalSense matter_status ID assigned when a new matter is created (or "
        "when SyncMatterIfVerified is active and the matter is not yet verified). "
        "Set to 0 to disable. Default: 0.",
    )
    matter_status_code_active_id = fields.Integer(
        string="Active matter status ID",
        tracking=True,
        help="LegalSense matter_status ID assigned when a matter is reopened (close "
        "date cleared). Set to 0 to disable. Default: 0.",
    )
    matter_status_code_closed_id = fields.Integer(
        string="Closed matter status ID",
        tracking=True,
        help="LegalSense matter_status ID assigned when the close date has a value. "
        "Set to 0 to disable. Default: 0.",
    )
    matter_status_code_archived_id = fields.Integer(
        string="Archived matter status ID",
        tracking=True,
        help="LegalSense matter_status ID assigned when the archive date has a "
        "value. Set to 0 to disable. Default: 0.",
    )
    sync_matter_archive_number_from_ls_to_cm = fields.Boolean(
        string="Archive number from LegalSense",
        tracking=True,
        help="When true, the LS archive_number (comment field) is copied when a "
        "matter is updated from LegalSense. Default: false.",
    )
    sync_matter_real_archive_number_from_ls_to_cm = fields.Boolean(
        string="Real archive number from LegalSense",
        tracking=True,
        help="When true, the LS real_archive_number is copied when a matter is "
        "updated. When both this and SyncMatterArchiveNumberFromLStoCM are "
        "enabled, both values are combined in the archive number (separated by /). "
        "Default: false.",
    )
    sync_matter_archive_number_from_cm_to_ls = fields.Selection(
        [
            ("ArchiveNumber", "ArchiveNumber"),
            ("RealArchiveNumber", "RealArchiveNumber"),
        ],
        string="Archive number to LegalSense",
        tracking=True,
        help="Syncs the archive number back to LegalSense. Set to ArchiveNumber to "
        "update archive_number in LS, or RealArchiveNumber to update "
        "real_archive_number (the value must be an integer). Leave empty to "
        "disable.\nNote: Mutually exclusive with SyncMatterArchiveNumberFromLStoCM "
        "and SyncMatterRealArchiveNumberFromLStoCM. Configure the sync in one "
        "direction only.",
    )
    sync_matter_notes_from_cm_to_ls = fields.Selection(
        [("Text1", "Text1"), ("Text2", "Text2")],
        string="Matter notes from",
        tracking=True,
        help="Field synchronised to the LS matter notes. Use Text1 or Text2. Leave "
        "empty to disable.",
    )
    sync_matter_chinese_wall_from_activity_type = fields.Boolean(
        tracking=True,
        help="When true, the chinese_wall_kind field in LegalSense is populated from "
        "the ExternalID of the LEGALSENSE_CHINESEWALL application stored on the "
        "activity type. Default: false.",
    )

    # ------------------------------------------------------------ Custom fields
    company_custom_fields = fields.Text(
        tracking=True,
        help="Defines which company fields are synchronised to LegalSense custom "
        "fields.\nFormat: <field name>=<LS custom field name>, semicolon-separated. "
        "Also LookupField.<code>[.Parent|.Root]=<LS name>, "
        "IndustryCode[.Parent|.Root]=<LS name> and DMSFORLEGAL=<LS name>.",
    )
    person_custom_fields = fields.Text(
        tracking=True,
        help="Defines which person fields are synchronised to LegalSense custom "
        "fields.\nFormat: <field name>=<LS custom field name>, semicolon-separated. "
        "Also LookupField.<code>[.Parent|.Root]=<LS name>, "
        "IndustryCode[.Parent|.Root]=<LS name> and DMSFORLEGAL=<LS name>.",
    )
    matter_custom_fields = fields.Text(
        tracking=True,
        help="Defines which matter fields are synchronised to LegalSense custom "
        "fields.\nFormat: <field name>=<LS custom field name>, semicolon-separated. "
        "Also LookupField.<code>[.Parent|.Root]=<LS name>, "
        "IndustryCode[.Parent|.Root]=<LS name> and DMSFORLEGAL=<LS name>.",
    )
    retention_period = fields.Char(
        tracking=True,
        help="LookupField code used to populate the retention_period field in "
        "LegalSense Matter Archive Information. Leave empty to disable.",
    )

    # ------------------------------------------------------------ enabled

    @api.depends("disabled", "url")
    def _compute_is_enabled(self):
        for config in self:
            config.is_enabled = config._is_enabled()

    def _compute_job_runner_configured(self):
        configured = "queue_job" in conf.server_wide_modules
        for config in self:
            config.job_runner_configured = configured

    def _is_enabled(self):
        """Whether the integration is on: a config, not disabled, with a URL."""
        return len(self) == 1 and not self.disabled and bool(self.url)

    @api.model
    def _get_config(self, company=None):
        """The LegalSense config of ``company`` (default: the current company).

        Returned with superuser rights, so any entry point (a partner saved by
        a user without LegalSense rights, a job) can read the settings; never
        hand it to the UI. Empty when the company has no config.
        """
        company = company or self.env.company
        return self.sudo().search([("company_id", "=", company.id)], limit=1)

    @api.model
    def _get_enabled_config(self, company=None):
        """The config of ``company`` when the integration is on, else empty."""
        config = self._get_config(company)
        return config if config._is_enabled() else config.browse()

    # ------------------------------------------------------------ create / write

    @api.model
    def _normalize_vals(self, vals):
        if "url" in vals:
            vals["url"] = normalize_base_url(vals["url"]) or False
        if vals.get("default_tax_country_code"):
            vals["default_tax_country_code"] = (
                vals["default_tax_country_code"].strip().upper()
            )
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        configs = super().create(
            [self._normalize_vals(dict(vals)) for vals in vals_list]
        )
        configs._forget_secrets(set().union(*vals_list))
        return configs

    def write(self, vals):
        result = super().write(self._normalize_vals(dict(vals)))
        self._forget_secrets(vals)
        return result

    # ------------------------------------------------------------ secrets

    def _compute_secrets(self):
        """Secrets are write-only: the UI never receives a stored value."""
        for config in self:
            for name in SECRET_FIELDS:
                config[name] = False

    @api.depends(*(f"{name}_encrypted" for name in SECRET_FIELDS))
    def _compute_secret_is_set(self):
        for config in self:
            stored = config.sudo()
            for name in SECRET_FIELDS:
                config[f"{name}_is_set"] = bool(stored[f"{name}_encrypted"])

    def _forget_secrets(self, names):
        """Drop just-saved secrets from the cache: what is read back is empty."""
        secrets = [name for name in SECRET_FIELDS if name in names]
        if secrets:
            self.invalidate_recordset(secrets)

    def _inverse_password(self):
        for config in self:
            config._set_secret("password", config.password)

    def _inverse_bearer_token(self):
        for config in self:
            config._set_secret("bearer_token", config.bearer_token)

    def _inverse_client_token(self):
        for config in self:
            config._set_secret("client_token", config.client_token)

    def _secret_label(self, name):
        return self._fields[name]._description_string(self.env).lower()

    def _set_secret(self, name, value):
        """Store ``value`` encrypted; an empty value removes the stored secret."""
        self.ensure_one()
        if not value and not self.sudo()[f"{name}_encrypted"]:
            return
        ciphertext = legalsense_secret.encrypt(self.env, value) if value else False
        self.sudo().write({f"{name}_encrypted": ciphertext})
        if value:
            body = self.env._("The %s was changed.", self._secret_label(name))
        else:
            body = self.env._("The %s was removed.", self._secret_label(name))
        self.message_post(body=body)

    def _get_secret(self, name):
        """The decrypted secret, or "" when none is stored."""
        self.ensure_one()
        ciphertext = self.sudo()[f"{name}_encrypted"]
        if not ciphertext:
            return ""
        return legalsense_secret.decrypt(self.env, ciphertext, self._secret_label(name))

    def _action_clear_secret(self, name):
        self.check_access("write")
        for config in self:
            config._set_secret(name, False)
        return True

    def action_clear_password(self):
        return self._action_clear_secret("password")

    def action_clear_bearer_token(self):
        return self._action_clear_secret("bearer_token")

    def action_clear_client_token(self):
        return self._action_clear_secret("client_token")

    # ------------------------------------------------------------ validation

    def _setting(self, name):
        return self._fields[name]._description_string(self.env)

    def _invalid(self, name, problem, syntax=None):
        message = self.env._(
            "LegalSense setting '%(setting)s': %(problem)s",
            setting=self._setting(name),
            problem=problem,
        )
        if syntax:
            message += "\n" + self.env._("Expected: %s", syntax)
        return ValidationError(message)

    @api.constrains(
        "company_custom_fields", "person_custom_fields", "matter_custom_fields"
    )
    def _check_custom_fields(self):
        for config in self:
            for name in (
                "company_custom_fields",
                "person_custom_fields",
                "matter_custom_fields",
            ):
                try:
                    parse_custom_fields(config[name])
                except ValueError as error:
                    raise config._invalid(name, error, CUSTOM_FIELDS_SYNTAX) from None

    @api.constrains("import_country_mapping")
    def _check_import_country_mapping(self):
        for config in self:
            try:
                parse_country_mapping(config.import_country_mapping)
            except ValueError as error:
                raise config._invalid(
                    "import_country_mapping", error, COUNTRY_MAPPING_SYNTAX
                ) from None

    @api.constrains(
        "sync_matter_archive_number_from_cm_to_ls",
        "sync_matter_archive_number_from_ls_to_cm",
        "sync_matter_real_archive_number_from_ls_to_cm",
    )
    def _check_archive_number_direction(self):
        for config in self:
            if config.sync_matter_archive_number_from_cm_to_ls and (
                config.sync_matter_archive_number_from_ls_to_cm
                or config.sync_matter_real_archive_number_from_ls_to_cm
            ):
                raise ValidationError(
                    self.env._(
                        "LegalSense settings '%(to_ls)s' and '%(from_ls)s' / "
                        "'%(real_from_ls)s' are mutually exclusive: configure the "
                        "archive number sync in one direction only.",
                        to_ls=self._setting("sync_matter_archive_number_from_cm_to_ls"),
                        from_ls=self._setting(
                            "sync_matter_archive_number_from_ls_to_cm"
                        ),
                        real_from_ls=self._setting(
                            "sync_matter_real_archive_number_from_ls_to_cm"
                        ),
                    )
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

    @api.constrains("default_address_template")
    def _check_default_address_template(self):
        for config in self:
            if not 1 <= config.default_address_template <= 18:
                raise config._invalid(
                    "default_address_template",
                    self.env._(
                        "%s is not an address template.",
                        config.default_address_template,
                    ),
                    self.env._(
                        "a template ID from 1 to 18, e.g. 4 (UK with attention)"
                    ),
                )

    @api.constrains("cleanup_log_directory", "page_size", "timeout", *ID_FIELDS)
    def _check_numbers(self):
        for config in self:
            if config.cleanup_log_directory < 0:
                raise config._invalid(
                    "cleanup_log_directory",
                    self.env._("the number of days cannot be negative."),
                    self.env._("0 (never clean up) or more days, e.g. 15"),
                )
            if not 1 <= config.page_size <= MAX_PAGE_SIZE:
                raise config._invalid(
                    "page_size",
                    self.env._("%s is out of range.", config.page_size),
                    self.env._("1 to %s", MAX_PAGE_SIZE),
                )
            if config.timeout < 1:
                raise config._invalid(
                    "timeout",
                    self.env._("%s seconds is too short.", config.timeout),
                    self.env._("1 second or more, e.g. 60"),
                )
            for name in ID_FIELDS:
                if config[name] < 0:
                    raise config._invalid(
                        name,
                        self.env._("%s is not a LegalSense ID.", config[name]),
                        self.env._("0 (not set) or a positive ID"),
                    )

    @api.constrains("data_steward_id")
    def _check_data_steward_id(self):
        for config in self:
            if config.data_steward_id.share:
                raise config._invalid(
                    "data_steward_id",
                    self.env._(
                        "%s is not an internal user.", config.data_steward_id.name
                    ),
                    self.env._(
                        "an internal user, who receives the notification e-mails"
                    ),
                )

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

    @api.constrains("sync_matter_originator_to_cm_field")
    def _check_sync_matter_originator_to_cm_field(self):
        for config in self:
            value = config.sync_matter_originator_to_cm_field
            if (
                value
                and value not in ORIGINATOR_FIELDS
                and not (value.isdigit() and int(value) > 0)
            ):
                raise config._invalid(
                    "sync_matter_originator_to_cm_field",
                    self.env._("'%s' is neither a field nor a contact kind ID.", value),
                    self.env._(
                        "%s, or a LegalSense contact_kind ID (a number)",
                        ", ".join(ORIGINATOR_FIELDS),
                    ),
                )

    @api.constrains(
        "sync_matter_referrer_to_cm_field", "sync_matter_long_name_to_cm_field"
    )
    def _check_field_or_custom_field(self):
        keywords = {
            "sync_matter_referrer_to_cm_field": REFERRER_FIELD,
            "sync_matter_long_name_to_cm_field": LONG_NAME_FIELD,
        }
        for config in self:
            for name, keyword in keywords.items():
                problem = self._custom_field_name_problem(config[name], keyword)
                if problem:
                    raise config._invalid(
                        name,
                        problem,
                        self.env._(
                            "%s, or the name of a LegalSense custom field", keyword
                        ),
                    )

    def _custom_field_name_problem(self, value, keyword):
        if not value or value == keyword:
            return None
        if value.lower() == keyword.lower():
            return self.env._(
                "write '%(keyword)s' exactly, not '%(value)s'.",
                keyword=keyword,
                value=value,
            )
        if value != value.strip() or _CUSTOM_FIELD_NAME_FORBIDDEN.search(value):
            return self.env._(
                "'%s' is not a custom field name (no ';', '=' or leading/trailing "
                "spaces).",
                value,
            )
        return None

    @api.constrains(
        "new_matter_send_email",
        "change_matter_send_email",
        "view_owner",
        "show_referrals",
        "show_segments",
        "create_new_for_type",
    )
    def _check_choice_lists(self):
        choices = {
            "new_matter_send_email": EMAIL_ROLES,
            "change_matter_send_email": EMAIL_ROLES,
            "view_owner": CONTACT_TYPES,
            "show_referrals": CONTACT_TYPES,
            "show_segments": CONTACT_TYPES,
            "create_new_for_type": CREATE_NEW_TYPES,
        }
        for config in self:
            for name, allowed in choices.items():
                try:
                    check_choices(config[name], allowed)
                except ValueError as error:
                    raise config._invalid(
                        name,
                        error,
                        self.env._("a comma-separated list of %s", ", ".join(allowed)),
                    ) from None

    @api.constrains(
        "sync_matter_enabled_for_activity_types",
        "sync_matter_enable_recofa_for_matter_types",
    )
    def _check_code_lists(self):
        for config in self:
            for name in (
                "sync_matter_enabled_for_activity_types",
                "sync_matter_enable_recofa_for_matter_types",
            ):
                try:
                    check_codes(config[name])
                except ValueError as error:
                    raise config._invalid(
                        name,
                        error,
                        self.env._(
                            "a comma-separated list of codes, "
                            "e.g. MATTER_ADV,MATTER_NOT"
                        ),
                    ) from None

    # ------------------------------------------------------------ client

    def _debug_log_directory(self):
        """``<data dir>/legalsense/log/<database>``: the manual's \\Log\\LegalSense."""
        return os.path.join(
            odoo_config["data_dir"], *LOG_SUBDIRECTORY, self.env.cr.dbname
        )

    def _token_store(self, credentials):
        digest = hashlib.sha256("\x1f".join(credentials).encode()).hexdigest()
        return _SharedTokenStore((self.env.cr.dbname, self.id, digest))

    def _get_client(self, **options):
        """A LegalSense client of this config; UserError when it is off.

        ``options`` are passed on to the client, e.g. ``max_retries=0`` for a
        job that leaves retrying to the job queue.
        """
        self.ensure_one()
        if not self._is_enabled():
            raise UserError(self._disabled_message())
        password = self._get_secret("password")
        bearer_token = self._get_secret("bearer_token")
        client_token = self._get_secret("client_token")
        credentials = (
            self.url,
            self.username or "",
            password,
            self.client_identifier or "",
            client_token,
            bearer_token,
        )
        return LegalSenseClient(
            self.url,
            username=self.username,
            password=password,
            client_identifier=self.client_identifier,
            client_token=client_token,
            bearer_token=bearer_token,
            page_size=self.page_size,
            timeout=(min(5, self.timeout), self.timeout),
            debug_log=DebugLog(self._debug_log_directory()) if self.debug else None,
            token_store=self._token_store(credentials),
            **options,
        )

    def _get_version(self, client):
        """The LegalSense version, asked at most once an hour per process.

        The version decides some payloads (clients' parent_client, address
        deletion); asking it in every job would add a request to every sync.
        """
        self.ensure_one()
        key = (self.env.cr.dbname, self.id, self.url)
        now = time.monotonic()
        with _VERSIONS_LOCK:
            cached = _VERSIONS.get(key)
        if cached and now - cached[1] < VERSION_CACHE_SECONDS:
            return cached[0]
        version = client.version()
        with _VERSIONS_LOCK:
            _VERSIONS[key] = (version, now)
        return version

    @api.model
    def _forget_versions(self):
        """Ask LegalSense its version again on the next sync."""
        with _VERSIONS_LOCK:
            _VERSIONS.clear()

    def _can_request_token(self):
        """Whether a credential pair is configured (else only a bearer token)."""
        return bool(
            (self.username and self.password_is_set)
            or (self.client_identifier and self.client_token_is_set)
        )

    def _disabled_message(self):
        if not self:
            return self.env._("LegalSense is not configured for this company.")
        if self.disabled:
            return self.env._(
                "The LegalSense integration of %s is switched off: clear 'Disabled' "
                "in the LegalSense settings to switch it on.",
                self.company_id.name,
            )
        return self.env._(
            "The LegalSense integration of %s is off because no URL is configured.",
            self.company_id.name,
        )

    def action_test_connection(self):
        """Authenticate, read the LegalSense version and report it."""
        self.ensure_one()
        self.check_access("write")
        values = {"last_connection_test": fields.Datetime.now()}
        try:
            client = self._get_client()
            if self._can_request_token():
                client.authenticate()
            version = client.version(refresh=True)
        except (UserError, LegalSenseError, ValueError) as error:
            message = str(error)
            values.update(last_connection_status="error", last_connection_error=message)
            self.write(values)
            return self._notification(
                self.env._("Connection to LegalSense failed"), message, "danger"
            )
        values.update(
            last_connection_status="ok",
            last_connection_error=False,
            legalsense_version=str(version),
        )
        self.write(values)
        return self._notification(
            self.env._("Connected to LegalSense"),
            self.env._("LegalSense version %s answered.", version),
            "success",
        )

    @api.model
    def _notification(self, title, message, kind):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": title,
                "message": message,
                "type": kind,
                "sticky": kind == "danger",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # ------------------------------------------------------------ debug log cleanup

    def _cleanup_log_directory(self):
        """Delete dumps older than ``cleanup_log_directory`` days; return how many."""
        self.ensure_one()
        directory = self._debug_log_directory()
        removed = cleanup_log_directory(directory, self.cleanup_log_directory)
        _logger.info(
            "LegalSense: removed %d debug dump(s) older than %d day(s) from %s",
            removed,
            self.cleanup_log_directory,
            directory,
        )
        return removed

    def _job_cleanup_log_directory(self):
        """Job: clean up the debug log directory."""
        removed = 0
        for config in self:
            removed += config._cleanup_log_directory()
        return self.env._("%s debug dump(s) removed.", removed)

    def action_cleanup_log_directory(self):
        """Queue a clean-up of the debug log directory."""
        self.ensure_one()
        self.check_access("write")
        for config in self:
            config.with_delay(
                channel=JOB_CHANNEL,
                description=self.env._("LegalSense: clean up debug logs"),
                identity_key=f"legalsense.config,{config.id}:cleanup_log_directory",
            )._job_cleanup_log_directory()
        return self._notification(
            self.env._("Clean-up queued"),
            self.env._(
                "Debug dumps older than %s day(s) will be removed by a job.",
                self.cleanup_log_directory,
            ),
            "info",
        )
