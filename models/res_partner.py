# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Partners synced to LegalSense (§ Synchronisation (CM to LegalSense)).

Which partner is what:

* a company (``is_company``) → an LS contact (organisation), a client when it
  is one, and its own address as the postal address;
* a person (no company above it) → an LS contact (person), a client when it
  is one, and its own address as the postal address;
* an employee (a person of type contact under a company) → an LS contact
  (person) and a contact-contact linking it to the company;
* a child address (type invoice, delivery or other) → an LS address of the
  contact above it.

The partners of the firm itself (company partners, internal users and what
is filed under them) are not synced. The payloads come from
``legalsense_mapping``; this model only collects the sources (in the order of
the manual's tables) and sends them through the sync mixin.
"""

import dataclasses
import datetime
import logging
from functools import partial

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..legalsense_client import (
    AlreadyLinkedError,
    DuplicateNameError,
    LegalSenseError,
    ResponseLostError,
    TransientError,
    supports_address_delete,
)
from ..legalsense_mapping import (
    AddressSource,
    ContactSource,
    EmployeeSource,
    LookupValue,
    MappingSettings,
    accepted_client_name,
    address_payload,
    billing_address_choice,
    billing_address_payload,
    client_payload,
    company_contact_payload,
    contact_contact_payload,
    duplicate_name_candidates,
    parse_custom_fields,
    person_contact_payload,
)
from ..legalsense_mapping.addresses import address_city
from ..legalsense_mapping.clients import client_name
from ..legalsense_mapping.compare import holds
from ..legalsense_mapping.custom_fields import SOURCE_FIELD
from ..legalsense_mapping.inbound import (
    InboundSettings,
    address_values,
    contact_values,
)
from ..legalsense_mapping.vat import EU_MEMBER_CODES
from .export_batch import once_per_job
from .legalsense_external_ref import DMSFORLEGAL, LEGALSENSE
from .legalsense_sync_mixin import (
    NO_EXPORT_CONTEXT,
    Facet,
    delete_if_present,
    payload_digest,
    same_identity,
)

_logger = logging.getLogger(__name__)

CONTACT = Facet(
    "contact",
    "contacts",
    "legalsense_contact_id",
    finder="_legalsense_find_contact",
    removal_key="contact_id",
)
CLIENT = Facet("client", "clients", "legalsense_client_id")
ADDRESS = Facet(
    "address",
    "addresses",
    "legalsense_address_id",
    finder="_legalsense_find_address",
    removal_key="address_id",
)
CONTACT_CONTACT = Facet(
    "contact_contact",
    "contactcontacts",
    "legalsense_contact_contact_id",
    finder="_legalsense_find_contact_contact",
    removal_key="contact_contact_id",
)
ADDRESS_TYPES = ("invoice", "delivery", "other")
# The list fields whose first item goes to LegalSense (sector, branches,
# referrer), and the column numbering their rows as they are added.
ORDERED_LIST_FIELDS = (
    "segment_ids",
    "interest_ids",
    "referral_ids",
    "lookup_value_ids",
    "category_id",
    "legalsense_tag2_ids",
)
ORDER_COLUMN = "legalsense_sequence"
ARCHIVED = 2
NUMBERING_SEQUENCES = [
    ("client", "Clients"),
    ("vendor", "Vendors"),
    ("other", "Other contacts"),
]
SEQUENCE_CODE = "legalsense.partner.%s"
# A create whose answer was lost, or a retried job, looks for the contact it
# may have made among the contacts created since its job started, less this
# margin for clock differences.
FIND_MARGIN = datetime.timedelta(minutes=10)
CONTACT_IDENTITY = (
    "is_organization",
    "organization_name",
    "first_name",
    "last_name",
    "name_prefix",
)
ADDRESS_IDENTITY = ("address", "address_line_2", "zipcode", "city", "address_kind")


class SyncRun:
    """What one job needs: the settings, the client and, when asked, the version."""

    def __init__(self, env, config, client):
        self.config = config
        self.client = client
        self.settings, self.eu_countries = once_per_job(
            env, ("mapping settings", config.id), lambda: self._read_settings(env)
        )
        self._version = None
        self._sources = {}
        self.done = []

    def _read_settings(self, env):
        settings = MappingSettings.from_config(self.config)
        europe = env.ref("base.europe", raise_if_not_found=False)
        codes = europe.sudo().country_ids.mapped("code") if europe else ()
        return settings, frozenset(codes) or EU_MEMBER_CODES

    @property
    def version(self):
        if self._version is None:
            self._version = self.config._get_version(self.client)
        return self._version

    def contact_source(self, partner):
        """The partner's contact source, read once per job; what the job itself
        stores on the partner (its LS ids) is kept current."""
        source = self._sources.get(partner.id)
        if source is None:
            source = self._sources[partner.id] = partner._legalsense_contact_source(
                self
            )
        return dataclasses.replace(
            source,
            ls_contact_id=partner.legalsense_contact_id or None,
            ls_client_id=partner.legalsense_client_id or None,
        )

    def note(self, facet, remote, created):
        """Remember for the job's result what happened to a LegalSense record."""
        if remote is None:
            return
        verb = "created" if created else "updated"
        self.done.append(f"{facet.resource}/{remote['id']} {verb}")

    def summary(self):
        return "; ".join(self.done) or "Nothing changed."


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "legalsense.sync.mixin"]

    _legalsense_facets = (CONTACT, CLIENT, ADDRESS, CONTACT_CONTACT)
    # Every field the partner mapping reads, in the order of the manual's tables.
    _legalsense_tracked_fields = (
        # what a partner is
        "is_company",
        "parent_id",
        "type",
        "active",
        # Company / Person to LSContacts
        "lang",
        "name",
        "firstname",
        "lastname",
        "infix",
        "initials",
        "gender",
        "birthdate_date",
        "title",
        "name_suffix",
        "salutation",
        "attention",
        "custom_attention",
        "is_deceased",
        "company_registry",
        "official_name",
        "vat",
        "user_id",
        "lookup_value_ids",
        "peppol_id",
        "phone",
        "mobile",
        "fax",
        "website",
        "email",
        "billing_email",
        "dunning_email",
        # Contact to LSClients
        "legalsense_is_client",
        "name_alias",
        "previous_name",
        "originator_id",
        "identification_document",
        "segment_ids",
        "interest_ids",
        "stock_exchange_id",
        "industry_id",
        "category_id",
        "legalsense_tag2_ids",
        "referral_ids",
        "billing_instructions",
        # Address to LSAddresses
        "street",
        "street2",
        "zip",
        "city",
        "country_id",
        "address_line",
        "is_visitor_address",
        "address_kind_id",
        "address_inactive",
        # Employee to LSContactContacts
        "function",
        "job_title",
    )

    # ------------------------------------------------------------ fields

    official_name = fields.Char(
        help="The company's official (legal) name, sent to LegalSense as the "
        "organisation and client name.",
    )
    name_alias = fields.Char(
        "Alias name",
        help="Another name the contact is known by; sent to LegalSense as its "
        "alternative names when the settings say so.",
    )
    previous_name = fields.Char(
        help="The contact's former name; sent to LegalSense as its alternative "
        "names unless the alias name is configured for that.",
    )
    fax = fields.Char()
    billing_email = fields.Char(
        "Invoice e-mail address(es)",
        help="Where invoices are e-mailed; separate several addresses by "
        "semicolons. The first goes to LegalSense as the billing 'to' address, "
        "the second as the billing 'cc' address.",
    )
    dunning_email = fields.Char(
        "Dunning e-mail address",
        help="Where payment reminders are e-mailed.",
    )
    peppol_id = fields.Char("Peppol ID")
    name_suffix = fields.Char("Suffix", help="Title after the name, e.g. MSc or LL.M.")
    christian_names = fields.Char(
        "Christian names",
        help="The person's full given names (doopnamen) as deeds and court "
        "documents need them, e.g. 'Johannes Petrus Maria'. LegalSense gets them "
        "as the first name when the first name is empty.",
    )
    salutation = fields.Char(
        help="Formal salutation, e.g. 'Geachte heer De Vries'. Leave empty to "
        "send LegalSense one made from the gender, name prefix and last name, "
        "in English for a person whose language is English.",
    )
    attention = fields.Char(
        help="Attention line on addresses to this person. Leave empty to send "
        "LegalSense one made from the title, initials, name prefix and last "
        "name, e.g. 'mr. J.P. van der Berg'.",
    )
    custom_attention = fields.Char(help="A custom attention line for this person.")
    is_deceased = fields.Boolean("Deceased")
    identification_document = fields.Binary(attachment=True, copy=False)
    identification_filename = fields.Char(copy=False)
    is_identified = fields.Boolean(
        "Identified",
        compute="_compute_is_identified",
        help="Whether an identification document is present.",
    )
    billing_instructions = fields.Text()
    originator_id = fields.Many2one(
        "res.users",
        "Originator",
        help="The user who brought in this contact; LegalSense's originating "
        "user of the client when the settings say so.",
    )
    segment_ids = fields.Many2many(
        "legalsense.lookup.value",
        "res_partner_legalsense_segment_rel",
        "partner_id",
        "value_id",
        "Segments",
        domain=[("lookup_type", "=", "segment")],
        help="The first segment added is the client's sector in LegalSense "
        "(remove and add a segment again to put it last).",
    )
    interest_ids = fields.Many2many(
        "legalsense.lookup.value",
        "res_partner_legalsense_interest_rel",
        "partner_id",
        "value_id",
        "Interests",
        domain=[("lookup_type", "=", "interest")],
        help="What the contact is interested in (ContactManager's Interest). The "
        "first interest added is the client's sector in LegalSense when the "
        "settings name Interest.",
    )
    stock_exchange_id = fields.Many2one(
        "legalsense.lookup.value",
        "Stock exchange",
        domain=[("lookup_type", "=", "stock_exchange")],
        ondelete="restrict",
        help="The stock exchange the company is listed on, e.g. Euronext "
        "Amsterdam; the client's sector in LegalSense when the settings name "
        "StockExchange.",
    )
    job_title = fields.Char(
        help="The contact person's job title, e.g. 'Senior advocaat'; LegalSense "
        "gets it as the job description when the job position is empty.",
    )
    referral_ids = fields.Many2many(
        "legalsense.lookup.value",
        "res_partner_legalsense_referral_rel",
        "partner_id",
        "value_id",
        "Referrals",
        domain=[("lookup_type", "=", "referral")],
        help="The first referral added is the client's referrer in LegalSense "
        "(remove and add a referral again to put it last).",
    )
    lookup_value_ids = fields.Many2many(
        "legalsense.lookup.value",
        "res_partner_legalsense_lookup_value_rel",
        "partner_id",
        "value_id",
        "Lookup field values",
        domain=[("lookup_type", "=", "lookup_field")],
        help="Values of the lookup fields (e.g. WWFT): sent to LegalSense custom "
        "fields, branches or the dunning exemption as the settings say.",
    )
    legalsense_tag2_ids = fields.Many2many(
        "res.partner.category",
        "res_partner_legalsense_tag2_rel",
        "partner_id",
        "category_id",
        "Tags 2",
        help="A second set of tags (ContactManager's Tag2): a source for the "
        "client's sector or branches when the settings name Tag2.",
    )
    address_line = fields.Char(
        help="A free first address line, e.g. a building or 'Postbus 1234'; "
        "LegalSense then gets the street on the second line.",
    )
    is_visitor_address = fields.Boolean(
        "Visiting address",
        help="The address where visitors come (bezoekadres). Without an address "
        "kind it gets the visitor address kind of the settings in LegalSense.",
    )
    address_kind_id = fields.Many2one(
        "legalsense.lookup.value",
        "Address kind",
        domain=[("lookup_type", "=", "address_kind")],
        ondelete="restrict",
        help="The LegalSense address kind of this address.",
    )
    address_inactive = fields.Boolean(
        "Inactive address",
        help="An inactive address stays in LegalSense with ' !INACTIVE!' after "
        "its city and is no billing address. An archived or deleted address is "
        "deleted in LegalSense (marked !INACTIVE! before LegalSense 18.120).",
    )
    legalsense_numbering_sequence = fields.Selection(
        NUMBERING_SEQUENCES,
        "Numbering sequence",
        default="client",
        copy=False,
        help="The sequence the Reference of a new contact is taken from, when "
        "the LegalSense settings use separate numbering sequences.",
    )
    legalsense_is_client = fields.Boolean(
        "Client in LegalSense",
        copy=False,
        help="Make this contact a client in LegalSense. A contact also becomes a "
        "client with its first matter.",
    )
    legalsense_contact_id = fields.Integer(
        "LegalSense contact ID", copy=False, index="btree_not_null"
    )
    legalsense_client_id = fields.Integer(
        "LegalSense client ID", copy=False, index="btree_not_null"
    )
    legalsense_client_code = fields.Char("Client code", copy=False)
    legalsense_address_id = fields.Integer(
        "LegalSense address ID", copy=False, index="btree_not_null"
    )
    legalsense_contact_contact_id = fields.Integer(
        "LegalSense contact-contact ID", copy=False, index="btree_not_null"
    )
    legalsense_use_client_code = fields.Boolean(compute="_compute_legalsense_settings")
    legalsense_use_separate_sequences = fields.Boolean(
        compute="_compute_legalsense_settings"
    )

    @api.depends("identification_document")
    def _compute_is_identified(self):
        for partner in self:
            partner.is_identified = bool(partner.identification_document)

    @api.depends_context("company")
    def _compute_legalsense_settings(self):
        config = self.env["legalsense.config"]._get_enabled_config()
        for partner in self:
            partner.legalsense_use_client_code = bool(config.use_client_code)
            partner.legalsense_use_separate_sequences = bool(
                config.use_separate_numbering_sequences
            )

    # ------------------------------------------------------------ create

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        if not self._legalsense_export_suppressed():
            partners._legalsense_assign_reference()
        return partners

    def _legalsense_assign_reference(self):
        """Number new contacts from the chosen sequence (their Reference)."""
        for partner in self:
            if partner.ref or partner._legalsense_kind() == "address":
                continue
            config = partner._legalsense_config()
            if not config or not partner._legalsense_is_syncable():
                continue
            kind = "client"
            if config.use_separate_numbering_sequences:
                kind = partner.legalsense_numbering_sequence or "client"
            number = self.env["ir.sequence"].sudo().next_by_code(SEQUENCE_CODE % kind)
            if number:
                partner._legalsense_silent().write({"ref": number})

    def _legalsense_silent(self):
        """This partner for a write that must not queue an export."""
        return self.with_context(legalsense_no_export=True)

    def _legalsense_queue_bank_change(self):
        """A bank account of these partners changed (the contact's bank rows)."""
        if not self._legalsense_export_suppressed():
            self._legalsense_queue_export()

    def _legalsense_tracked_field_names(self):
        """The mapping's fields, and the fields the custom-field settings name."""
        names = super()._legalsense_tracked_field_names()
        config = self.env["legalsense.config"]._get_enabled_config()
        for setting in (config.company_custom_fields, config.person_custom_fields):
            for rule in parse_custom_fields(setting or ""):
                if rule.source == SOURCE_FIELD and rule.code in self._fields:
                    names.add(rule.code)
        return names

    # ------------------------------------------------------------ what syncs

    def _legalsense_kind(self):
        """ "company", "person", "employee" or "address"."""
        self.ensure_one()
        if self.type in ADDRESS_TYPES and (self.parent_id or not self.is_company):
            # Also an address whose contact is gone: never promoted to one.
            return "address"
        if self.is_company:
            return "company"
        if self.parent_id.is_company:
            return "employee"
        return "person"

    def _legalsense_is_syncable(self):
        """Not the firm's own partners: companies, internal users, their children."""
        self.ensure_one()
        own = once_per_job(self.env, ("own partners",), self._legalsense_own_partners)
        if {self.id, self.parent_id.id, self.commercial_partner_id.id} & own:
            return False
        # Read for every partner the job exports at once (prefetched).
        partner = self.sudo().with_context(active_test=False)
        users = partner.user_ids | partner.parent_id.user_ids
        return not any(not user.share for user in users)

    @api.model
    def _legalsense_never_synced_sql(self, alias):
        """``_legalsense_is_syncable`` in SQL: the firm's own partners."""
        return SQL(
            """
            (EXISTS (SELECT 1 FROM res_company AS own
                      WHERE own.partner_id IN (%(partner)s.id, %(partner)s.parent_id,
                                               %(partner)s.commercial_partner_id))
             OR EXISTS (SELECT 1 FROM res_users AS internal
                         WHERE internal.partner_id IN (%(partner)s.id,
                                                       %(partner)s.parent_id)
                           AND internal.share IS NOT TRUE))
            %(flush)s
            """,
            partner=SQL.identifier(alias),
            flush=SQL().join(
                SQL(to_flush=field)
                for field in (
                    self._fields["parent_id"],
                    self._fields["commercial_partner_id"],
                    self.env["res.users"]._fields["partner_id"],
                    self.env["res.users"]._fields["share"],
                )
            ),
        )

    def _legalsense_own_partners(self):
        """The ids of the partners of the firm's companies."""
        companies = self.env["res.company"].sudo().with_context(active_test=False)
        return frozenset(companies.search([("partner_id", "!=", False)]).partner_id.ids)

    def _legalsense_wants_client(self):
        return self.legalsense_is_client or bool(self.legalsense_client_id)

    def _legalsense_contact_active(self):
        """Whether the company or person itself is active (its InActive).

        A contact person is a person working at a company: archiving it ends
        that work (the link to the company), not the person, whose LegalSense
        contact stays active. A company or a person of its own is inactive
        when it is archived.
        """
        return self.active or self._legalsense_kind() == "employee"

    def _legalsense_is_inactive_address(self):
        return self.address_inactive or not self.active

    def _legalsense_has_address(self):
        return any((self.street, self.street2, self.zip, self.city, self.country_id))

    def _legalsense_child_addresses(self):
        return self.with_context(active_test=False).child_ids.filtered(
            lambda child: child.type in ADDRESS_TYPES
        )

    # ------------------------------------------------------------ sources

    def _legalsense_contact_source(self, sync):
        """The company or person as § Company/Person to LSContacts and
        § Contact to LSClients read it, in the order of their tables."""
        self.ensure_one()
        bank = self.bank_ids[:1]
        title = self.title
        return ContactSource(
            odoo_id=self.id,
            is_company=self.is_company,
            # Company / Person to LSContacts
            language=self.lang or None,
            name=self.name or "",
            first_name=self.firstname or "",
            christian_names=self.christian_names or "",
            last_name=self.lastname or "",
            name_prefix=self.infix or "",
            initials=self.initials or "",
            gender=self.gender or None,
            birthdate=self.birthdate_date or None,
            title=title.shortcut or title.name or "",
            suffix=self.name_suffix or "",
            salutation=self.salutation or "",
            attention=self.attention or "",
            custom_attention=self.custom_attention or "",
            chamber_of_commerce=self.company_registry or "",
            official_name=self.official_name or "",
            vat=self.vat or "",
            active=self._legalsense_contact_active(),
            deceased=self.is_deceased,
            owner_ls_user_id=self._legalsense_user_id(self.user_id),
            lookup_values=self._legalsense_in_order(
                "lookup_value_ids"
            )._legalsense_mapping_values(),
            bank_iban=bank.sanitized_acc_number or "",
            bank_bic=bank.bank_bic or "",
            peppol_id=self.peppol_id or "",
            phone=self.phone or "",
            mobile=self.mobile or "",
            fax=self.fax or "",
            website=self.website or "",
            email=self.email or "",
            billing_emails=split_emails(self.billing_email),
            dunning_email=self.dunning_email or "",
            field_values=self._legalsense_field_values(sync.settings),
            industry=self._legalsense_record_value(self.industry_id),
            dmsforlegal_code=self._legalsense_external_code(DMSFORLEGAL),
            postal_city=self.city or "",
            postal_country_code=self.country_id.code or "",
            # Contact to LSClients
            create_date=self.create_date.date() if self.create_date else None,
            alias_name=self.name_alias or "",
            previous_name=self.previous_name or "",
            parent_client_ls_id=self._legalsense_parent_client_id(),
            owner_sub_ls_user_id=self._legalsense_user_id(self.originator_id),
            identification_present=self.is_identified,
            segments=self._legalsense_in_order(
                "segment_ids"
            )._legalsense_mapping_values(),
            interests=self._legalsense_in_order(
                "interest_ids"
            )._legalsense_mapping_values(),
            stock_exchange=(
                self.stock_exchange_id._legalsense_mapping_value()
                if self.stock_exchange_id
                else None
            ),
            tags=self._legalsense_record_values("category_id"),
            tags2=self._legalsense_record_values("legalsense_tag2_ids"),
            referrals=self._legalsense_in_order(
                "referral_ids"
            )._legalsense_mapping_values(),
            billing_instructions=self.billing_instructions or "",
            external_client_code=self._legalsense_external_client_code(sync),
            ls_contact_id=self.legalsense_contact_id or None,
            ls_client_id=self.legalsense_client_id or None,
        )

    def _legalsense_address_source(self, is_postal):
        """This partner's address as § Address to LSAddresses reads it."""
        self.ensure_one()
        contact = self.parent_id if not is_postal else self
        country = self.country_id.with_context(lang=contact.lang or self.env.lang)
        kind = self.address_kind_id
        return AddressSource(
            odoo_id=self.id,
            street=self.street or "",
            street2=self.street2 or "",
            address_line=self.address_line or "",
            address_kind_ls_id=kind.legalsense_id or None,
            address_kind_code=kind.code or "",
            is_postal=is_postal,
            is_visitor=not is_postal and self.is_visitor_address,
            city=self.city or "",
            inactive=(
                self.address_inactive
                if is_postal
                else self._legalsense_is_inactive_address()
            ),
            country_name=country.name or "",
            country_code=country.code or "",
            template_ls_id=self._legalsense_id_of(country),
            zip=self.zip or "",
            ls_id=self.legalsense_address_id or None,
        )

    def _legalsense_employee_source(self):
        """This contact person as § Employee to LSContactContacts reads it."""
        return EmployeeSource(
            odoo_id=self.id,
            organization_ls_id=self.parent_id.legalsense_contact_id or None,
            person_ls_id=self.legalsense_contact_id or None,
            job_function_name=self.function or "",
            job_title=self.job_title or "",
            active=self.active,
        )

    def _legalsense_field_values(self, settings):
        """The values of the fields named by ``<field>=`` custom-field rules."""
        text = (
            settings.company_custom_fields
            if self.is_company
            else settings.person_custom_fields
        )
        return {
            rule.code: plain_value(self, rule.code)
            for rule in parse_custom_fields(text)
            if rule.source == SOURCE_FIELD and rule.code in self._fields
        }

    def _legalsense_external_client_code(self, sync):
        application = (
            sync.settings.create_client_use_client_code_from_external_application
        )
        return self._legalsense_external_code(application) if application else ""

    def _legalsense_parent_client_id(self):
        """Company.MemberOf: the client id of the company this company belongs to."""
        parent = self.parent_id
        if self.is_company and parent.is_company:
            return parent.legalsense_client_id or None
        return None

    @api.model
    def _legalsense_id_of(self, record):
        """The LEGALSENSE external id of any record as an integer, or None."""
        if not record:
            return None
        value = self.env["legalsense.external.ref"]._external_id(record, LEGALSENSE)
        return int(value) if value.isdigit() else None

    @api.model
    def _legalsense_user_id(self, user):
        """The LegalSense user id of an Odoo user (its LEGALSENSE reference)."""
        return self._legalsense_id_of(user)

    @api.model
    def init(self):
        """Number the rows of the partner's list fields as they are added.

        The manual's "first segment", "only the first item" and "first
        referral" are the first the user gave the contact, not the first in
        the list's own order: each relation row gets a number when it is
        inserted (a column of this module's, filled by the database).
        """
        result = super().init()
        for name in ORDERED_LIST_FIELDS:
            table = self._fields[name].relation
            self.env.cr.execute(
                SQL(
                    "ALTER TABLE %s ADD COLUMN IF NOT EXISTS %s bigserial",
                    SQL.identifier(table),
                    SQL.identifier(ORDER_COLUMN),
                )
            )
        return result

    def _legalsense_in_order(self, field_name):
        """The records of the list field ``field_name`` in the order added."""
        self.ensure_one()
        field = self._fields[field_name]
        records = self[field_name]
        if not records or not self.id:
            return records
        self.flush_recordset([field_name])
        self.env.cr.execute(
            SQL(
                "SELECT %s FROM %s WHERE %s = %s ORDER BY %s",
                SQL.identifier(field.column2),
                SQL.identifier(field.relation),
                SQL.identifier(field.column1),
                self.id,
                SQL.identifier(ORDER_COLUMN),
            )
        )
        order = {row[0]: index for index, row in enumerate(self.env.cr.fetchall())}
        return records.sorted(lambda record: order.get(record.id, len(order)))

    def _legalsense_record_values(self, field_name):
        records = self._legalsense_in_order(field_name)
        return tuple(map(self._legalsense_record_value, records))

    def _legalsense_record_value(self, record):
        """A tag or industry as a lookup value: its name and LEGALSENSE id."""
        if not record:
            return None
        parent = record["parent_id"] if "parent_id" in record._fields else None
        code = record["code"] if "code" in record._fields else False
        return LookupValue(
            code=code or record.name or "",
            name=record.display_name or "",
            ls_id=self._legalsense_id_of(record),
            parent=self._legalsense_record_value(parent) if parent else None,
        )

    # ------------------------------------------------------------ export

    def _legalsense_export(self, config, client):
        sync = SyncRun(self.env, config, client)
        kind = self._legalsense_kind()
        if kind == "address":
            self._legalsense_export_address(sync)
        elif kind == "employee":
            self._legalsense_export_employee(sync)
        else:
            self._legalsense_export_contact(sync)
        return sync.summary()

    def _legalsense_export_contact(self, sync):
        """A company or person: contact, client, postal and billing address."""
        self._legalsense_sync_contact(sync)
        if self._legalsense_wants_client():
            self._legalsense_sync_client(sync)
        if self.legalsense_contact_contact_id:
            # No longer a contact person of a company.
            self._legalsense_delete_contact_contact(sync)
        self._legalsense_sync_own_address(sync)
        billing = self._legalsense_billing_child(sync)
        if billing:
            billing._legalsense_locked()._legalsense_sync_child_address(sync)
        self._legalsense_update_billing(sync)

    def _legalsense_export_employee(self, sync):
        """A contact person: its person contact, then the link to its company.

        An archived contact person ends its link to the company (§ Employee
        "On inactive"); the person's LegalSense contact stays as it is.
        """
        if not self.active:
            self._legalsense_delete_contact_contact(sync)
            return
        self._legalsense_sync_contact(sync)
        if self._legalsense_wants_client():
            self._legalsense_sync_client(sync)
        company = self.parent_id
        if company._legalsense_ensure_contact(sync):
            self._legalsense_sync_contact_contact(sync)

    def _legalsense_export_address(self, sync):
        """A child address: its contact first, then the address and the billing."""
        if not self.parent_id:
            self._legalsense_export_orphan_address(sync)
            return
        contact = self.parent_id._legalsense_locked()
        if not contact._legalsense_ensure_contact(sync):
            sync.done.append("Skipped: the contact of this address is not synced.")
            return
        self._legalsense_sync_child_address(sync)
        contact._legalsense_update_billing(sync)

    def _legalsense_export_orphan_address(self, sync):
        """An address whose contact is gone: removed like a deleted address."""
        if not self.legalsense_address_id:
            sync.done.append("Skipped: this address belongs to no contact.")
            return
        self._legalsense_remove_address(sync, self._legalsense_removal_values())
        self._legalsense_forget(ADDRESS)

    def _legalsense_locked(self):
        """This record with its export lock taken (for work done on its behalf)."""
        self._legalsense_lock()
        return self

    def _legalsense_ensure_contact(self, sync):
        """Make sure this partner has its LS contact; False when it cannot sync."""
        if self.legalsense_contact_id:
            return True
        if self._legalsense_skip_reason(sync.config):
            return False
        self._legalsense_locked()._legalsense_sync_contact(sync)
        return True

    def _legalsense_ensure_client(self, config, client):
        """For a matter: make this contact a client in LegalSense; its client id."""
        self.ensure_one()
        record = self.sudo()
        skipped = record._legalsense_skip_reason(config)
        if skipped:
            raise UserError(
                self.env._(
                    "%(contact)s cannot be a client in LegalSense: %(reason)s",
                    contact=record.display_name,
                    reason=skipped,
                )
            )
        record._legalsense_lock()
        if not record.legalsense_client_id:
            # Stored with the client's id (see _legalsense_link_values): a job
            # failing before leaves the partner as it was.
            sync = SyncRun(self.env, config, client)
            record._legalsense_sync_contact(sync)
            record._legalsense_sync_client(sync)
        return record.legalsense_client_id

    # ------------------------------------------------------------ reading back

    def _legalsense_inbound_values(self, facet, remote):
        """A contact's or an address's values read back from LegalSense, by the
        rules of the import (for conflicting changes)."""
        if facet not in (CONTACT, ADDRESS):
            return super()._legalsense_inbound_values(facet, remote)
        config = self._legalsense_config()
        settings = once_per_job(
            self.env,
            ("inbound settings", config.id),
            lambda: InboundSettings.from_config(config),
        )
        if facet == ADDRESS:
            inbound = address_values(remote, settings)
            values = {
                name: inbound.values[name]
                for name in ("street", "street2", "zip", "city")
            }
            values["country_id"] = self._legalsense_country_id(inbound)
            return values
        existing = {
            "salutation": self.salutation,
            "name": self.name,
            "official_name": self.official_name,
        }
        values = dict(contact_values(remote, settings, existing).values)
        # Whether it is an organisation is never changed by an update, and
        # archiving follows the archive rules.
        values.pop("is_company", None)
        values.pop("active", None)
        return values

    def _legalsense_country_id(self, inbound):
        if not inbound.country_code:
            return False
        country = self.env["res.country"].search(
            [("code", "=ilike", inbound.country_code)], limit=1
        )
        return country.id

    # ------------------------------------------------------------ contacts

    def _legalsense_contact_payload(self, sync, source, existing):
        build = company_contact_payload if self.is_company else person_contact_payload
        return build(source, sync.settings, existing, eu_countries=sync.eu_countries)

    def _legalsense_contact_builder(self, sync):
        source = sync.contact_source(self)
        return partial(self._legalsense_contact_payload, sync, source)

    def _legalsense_sync_contact(self, sync):
        remote, created = self._legalsense_upsert(
            sync.client,
            CONTACT,
            self._legalsense_contact_builder(sync),
            self._legalsense_find_contact,
        )
        sync.note(CONTACT, remote, created)

    def _legalsense_find_contact(self, client, payload):
        """A contact a lost create may have made: created since the job began,
        with the payload's names, and linked to no other partner."""
        since = self._legalsense_search_since()
        for contact in client.iterate("contacts", modified_date__gte=since):
            if parse_datetime(contact.get("created_date")) < since:
                continue
            if not same_identity(contact, payload, CONTACT_IDENTITY):
                continue
            if not self._legalsense_linked_elsewhere("legalsense_contact_id", contact):
                return contact
        return None

    def _legalsense_search_since(self):
        since = self.env.context.get("legalsense_search_since")
        if since:
            # A create in flight of a deleted partner: since it was sent.
            started = fields.Datetime.to_datetime(since)
            return (started - FIND_MARGIN).replace(tzinfo=datetime.timezone.utc)
        uuid = self.env.context.get("job_uuid")
        job = uuid and self.env["queue.job"].sudo().search([("uuid", "=", uuid)])
        started = job.date_created if job else fields.Datetime.now()
        return (started - FIND_MARGIN).replace(tzinfo=datetime.timezone.utc)

    def _legalsense_linked_elsewhere(self, field_name, remote):
        return bool(
            self.with_context(active_test=False).search_count(
                [(field_name, "=", remote["id"]), ("id", "!=", self.id)], limit=1
            )
        )

    def _legalsense_link_values(self, facet, remote):
        """The contact number as Reference when it has none; the client code."""
        values = super()._legalsense_link_values(facet, remote)
        number = remote.get("number")
        if facet == CONTACT and number and not self.ref:
            values["ref"] = number
        if (
            facet == CLIENT
            and number
            and self.legalsense_client_code != number
            and self._legalsense_config().use_client_code
        ):
            values["legalsense_client_code"] = number
        if facet == CLIENT and not self.legalsense_is_client:
            values["legalsense_is_client"] = True
        return values

    # ------------------------------------------------------------ clients

    def _legalsense_sync_client(self, sync):
        """The client; on a duplicate name the postal city, then the id is added."""
        if not self.legalsense_client_id:
            self._legalsense_link_existing_client(sync)
        source = sync.contact_source(self)
        names = duplicate_name_candidates(
            client_name(source, sync.settings), source.postal_city, self.id
        )
        for attempt, name in enumerate(names):
            build = partial(
                self._legalsense_client_payload, sync, source, name if attempt else None
            )
            try:
                remote, created = self._legalsense_upsert(sync.client, CLIENT, build)
            except DuplicateNameError:
                if attempt == len(names) - 1:
                    raise
                continue
            sync.note(CLIENT, remote, created)
            return

    def _legalsense_client_payload(self, sync, source, name, existing):
        payload = client_payload(source, sync.settings, sync.version, existing)
        if name:
            payload["name"] = name
        elif existing:
            payload["name"] = accepted_client_name(
                payload["name"], existing.get("name"), source.postal_city, self.id
            )
        return payload

    def _legalsense_link_existing_client(self, sync):
        """One client per contact: a client LegalSense has already is linked."""
        found = sync.client.find_first("clients", contact=self.legalsense_contact_id)
        if found:
            self._legalsense_remember(CLIENT, found, None)

    # ------------------------------------------------------------ addresses

    def _legalsense_sync_own_address(self, sync):
        """The partner's own address: its postal address in LegalSense."""
        if not self._legalsense_has_address() and not self.legalsense_address_id:
            return
        self._legalsense_sync_address(sync, self, is_postal=True)

    def _legalsense_sync_child_address(self, sync):
        """A child address. An inactive one is sent with " !INACTIVE!" after its
        city; an archived one is removed as the Address table's "On delete"
        says: deleted, or before LegalSense 18.120 marked inactive."""
        removed = not self.active
        if removed and not self.legalsense_address_id:
            return
        if removed and supports_address_delete(sync.version):
            self._legalsense_delete_address(sync)
            return
        try:
            self._legalsense_sync_address(sync, self.parent_id, is_postal=False)
        except LegalSenseError as error:
            if removed and not is_passing(error):
                self._legalsense_notify_address_failure(
                    sync, self._legalsense_address_label(), error
                )
            raise

    def _legalsense_address_label(self):
        """The address as a person recognises it: "Jansen, Archief (Dam 1,
        1012 JS Amsterdam)"."""
        place = " ".join(part for part in (self.zip, self.city) if part)
        lines = ", ".join(part for part in (self.street, self.street2, place) if part)
        return f"{self.display_name} ({lines})" if lines else self.display_name

    def _legalsense_sync_address(self, sync, contact, is_postal):
        source = self._legalsense_address_source(is_postal)
        contact_id = contact.legalsense_contact_id

        def build(existing):
            return address_payload(source, contact_id, sync.settings)

        remote, created = self._legalsense_upsert(
            sync.client, ADDRESS, build, self._legalsense_find_address
        )
        sync.note(ADDRESS, remote, created)

    def _legalsense_find_address(self, client, payload):
        """An address a lost create may have made: same contact and lines."""
        contact_id = payload["contact"]["id"]
        for address in client.iterate("addresses", contact=contact_id):
            if not same_identity(address, payload, ADDRESS_IDENTITY):
                continue
            if not self._legalsense_linked_elsewhere("legalsense_address_id", address):
                return address
        return None

    def _legalsense_delete_address(self, sync):
        try:
            delete_if_present(sync.client, "addresses", self.legalsense_address_id)
        except LegalSenseError as error:
            if not is_passing(error):
                self._legalsense_notify_address_failure(
                    sync, self._legalsense_address_label(), error
                )
            raise
        sync.done.append(f"addresses/{self.legalsense_address_id} deleted")
        self._legalsense_forget(ADDRESS)

    def _legalsense_billing_child(self, sync):
        """The child address of the BillingAddressTypeCode kind, when configured."""
        code = (sync.settings.billing_address_type_code or "").lower()
        if not code:
            return self.browse()
        children = self._legalsense_child_addresses().filtered(
            lambda child: (
                (child.address_kind_id.code or "").lower() == code
                and not child._legalsense_is_inactive_address()
                and not child._legalsense_skip_reason(sync.config)
            )
        )
        return children[:1]

    def _legalsense_address_sources(self):
        """The contact's addresses known in LegalSense: its own, then its children."""
        sources = []
        if self.legalsense_address_id:
            sources.append(self._legalsense_address_source(is_postal=True))
        for child in self._legalsense_child_addresses():
            if child.legalsense_address_id:
                sources.append(child._legalsense_address_source(is_postal=False))
        return sources

    def _legalsense_update_billing(self, sync):
        """§ Address to LSAddresses "After sync": the contact's billing address."""
        if not self.legalsense_contact_id:
            return
        chosen = billing_address_choice(
            self._legalsense_address_sources(), sync.settings
        )
        values = billing_address_payload(chosen)
        remote = self._legalsense_remote(CONTACT) or {}
        if not values or holds(remote, values):
            return
        remote = self._legalsense_patch(
            sync.client, CONTACT, values, self._legalsense_contact_builder(sync)
        )
        sync.note(CONTACT, remote, False)

    # ------------------------------------------------------------ contact-contacts

    def _legalsense_sync_contact_contact(self, sync):
        source = self._legalsense_employee_source()

        def build(existing):
            return contact_contact_payload(source)

        try:
            remote, created = self._legalsense_upsert(
                sync.client,
                CONTACT_CONTACT,
                build,
                self._legalsense_find_contact_contact,
            )
        except AlreadyLinkedError as error:
            remote, created = self._legalsense_relink(sync, error, build(None)), False
        sync.note(CONTACT_CONTACT, remote, created)

    def _legalsense_find_contact_contact(self, client, payload):
        return client.find_first(
            "contactcontacts",
            organization=payload["organization"]["id"],
            person=payload["person"]["id"],
        )

    def _legalsense_relink(self, sync, error, payload):
        """§ Employee "Duplicate": link the existing record and correct it."""
        existing_id = error.existing_id
        if not existing_id:
            found = self._legalsense_find_contact_contact(sync.client, payload)
            if not found:
                raise error
            existing_id = found["id"]
        old_id = self.legalsense_contact_contact_id
        if old_id and old_id != existing_id:
            delete_if_present(sync.client, "contactcontacts", old_id)
        remote = sync.client.patch("contactcontacts", existing_id, payload)
        self._legalsense_remember(CONTACT_CONTACT, remote, payload_digest(payload))
        return remote

    def _legalsense_delete_contact_contact(self, sync):
        """§ Employee "On inactive": delete the link and its sync record."""
        link_id = self.legalsense_contact_contact_id
        if not link_id:
            return
        delete_if_present(sync.client, "contactcontacts", link_id)
        sync.done.append(f"contactcontacts/{link_id} deleted")
        self._legalsense_forget(CONTACT_CONTACT)

    # ------------------------------------------------------------ deletion

    def unlink(self):
        """A deleted contact's addresses are removed in LegalSense with it.

        The database empties their ``parent_id`` without a write: their
        removal is queued here, and their link dropped, so they do not turn
        into contacts of their own.
        """
        addresses = self._legalsense_orphaned_addresses()
        if addresses and not self._legalsense_export_suppressed():
            addresses._legalsense_queue_removal()
            addresses.with_context(**{NO_EXPORT_CONTEXT: True}).write(
                {"legalsense_address_id": False, "legalsense_sync_data": False}
            )
        return super().unlink()

    def _legalsense_orphaned_addresses(self):
        children = self.with_context(active_test=False).child_ids - self
        return children.filtered(
            lambda child: child.type in ADDRESS_TYPES and child.legalsense_address_id
        )

    def _legalsense_removal_values(self):
        values = {
            "name": self.display_name,
            "contact_id": self.legalsense_contact_id,
            "contact_contact_id": self.legalsense_contact_contact_id,
        }
        if self._legalsense_kind() == "address":
            values.update(
                name=self._legalsense_address_label(),
                contact_id=False,
                address_id=self.legalsense_address_id,
                city=self.city or "",
                parent_id=self.parent_id.id,
            )
        return values

    def _legalsense_remove(self, config, client, removal):
        """§ Deletion: contacts are archived and reported, addresses deleted."""
        sync = SyncRun(self.env, config, client)
        if removal.get("contact_contact_id"):
            delete_if_present(client, "contactcontacts", removal["contact_contact_id"])
            sync.done.append(f"contactcontacts/{removal['contact_contact_id']} deleted")
        if removal.get("contact_id"):
            self._legalsense_archive_contact(sync, removal)
        if removal.get("address_id"):
            self._legalsense_remove_address(sync, removal)
        return sync.summary()

    def _legalsense_archive_contact(self, sync, removal):
        contact_id = removal["contact_id"]
        sync.client.patch("contacts", contact_id, {"softkill_status": ARCHIVED})
        sync.done.append(f"contacts/{contact_id} archived")
        self._legalsense_notify_data_steward(
            sync.config,
            self.env._("LegalSense: delete contact %s", removal["name"]),
            self.env._(
                "<p>The contact <b>%(name)s</b> was deleted in Odoo. It is archived "
                "in LegalSense (contact %(id)s); please delete it there by hand "
                "if it must go.</p>",
                name=removal["name"],
                id=contact_id,
            ),
        )

    def _legalsense_remove_address(self, sync, removal):
        address_id = removal["address_id"]
        try:
            if supports_address_delete(sync.version):
                delete_if_present(sync.client, "addresses", address_id)
                sync.done.append(f"addresses/{address_id} deleted")
            else:
                city = address_city(removal.get("city"), inactive=True)
                sync.client.patch("addresses", address_id, {"city": city})
                sync.done.append(f"addresses/{address_id} marked inactive")
        except LegalSenseError as error:
            if not is_passing(error):
                self._legalsense_notify_address_failure(sync, removal["name"], error)
            raise
        contact = self.browse(removal.get("parent_id")).exists()
        if contact and contact.legalsense_contact_id:
            contact._legalsense_locked()._legalsense_update_billing(sync)

    def _legalsense_notify_address_failure(self, sync, name, error):
        self._legalsense_notify_data_steward(
            sync.config,
            self.env._("LegalSense: address %s could not be removed", name),
            self.env._(
                "<p>The address <b>%(name)s</b> was deleted or archived in Odoo, "
                "but LegalSense refused to remove it: %(error)s</p>"
                "<p>Please remove it in LegalSense by hand.</p>",
                name=name,
                error=str(error),
            ),
        )

    # ------------------------------------------------------------ status, actions

    def _legalsense_url_path(self):
        contact = self.parent_id if self._legalsense_kind() == "address" else self
        if contact.legalsense_contact_id:
            return f"contacts/{contact.legalsense_contact_id}"
        return ""

    # ------------------------------------------------------------ matters

    # The roles a contact gets from matters (CM ChangeContactTypeToClient,
    # ...ToPayor, ...ToParty): client, payor, party in a role.
    legal_matter_client_ids = fields.One2many(
        "legal.matter",
        "client_id",
        "Matters as client",
        groups="legalsense.group_legalsense_user",
    )
    legal_matter_debtor_ids = fields.One2many(
        "legal.matter.debtor",
        "partner_id",
        "Matters as payor",
        groups="legalsense.group_legalsense_user",
    )
    legal_matter_party_ids = fields.One2many(
        "legal.matter.party",
        "partner_id",
        "Matters as party",
        groups="legalsense.group_legalsense_user",
    )
    legal_is_client = fields.Boolean(
        "Matter client",
        compute="_compute_legal_matter_roles",
        search="_search_legal_is_client",
        groups="legalsense.group_legalsense_user",
    )
    legal_is_payor = fields.Boolean(
        "Matter payor",
        compute="_compute_legal_matter_roles",
        search="_search_legal_is_payor",
        groups="legalsense.group_legalsense_user",
    )
    legal_party_role_ids = fields.Many2many(
        "legalsense.lookup.value",
        string="Party roles",
        compute="_compute_legal_matter_roles",
        search="_search_legal_party_role_ids",
        groups="legalsense.group_legalsense_user",
        help="The roles this contact has as a party on matters.",
    )
    legal_matter_count = fields.Integer(
        "Matters",
        compute="_compute_legal_matter_roles",
        groups="legalsense.group_legalsense_user",
    )

    @api.depends(
        "legal_matter_client_ids",
        "legal_matter_debtor_ids",
        "legal_matter_party_ids.role_id",
    )
    def _compute_legal_matter_roles(self):
        for partner in self:
            partner.legal_is_client = bool(partner.legal_matter_client_ids)
            partner.legal_is_payor = bool(partner.legal_matter_debtor_ids)
            partner.legal_party_role_ids = partner.legal_matter_party_ids.role_id
            partner.legal_matter_count = (
                self.env["legal.matter"].search_count(partner._legal_matter_domain())
                if partner.id
                else 0
            )

    def _search_legal_is_client(self, operator, value):
        return _role_domain("legal_matter_client_ids", operator, value)

    def _search_legal_is_payor(self, operator, value):
        return _role_domain("legal_matter_debtor_ids", operator, value)

    def _search_legal_party_role_ids(self, operator, value):
        return [("legal_matter_party_ids.role_id", operator, value)]

    def _legal_matter_domain(self):
        """Matters of this contact (or its contact persons) in any role."""
        return [
            "|",
            "|",
            ("client_id", "child_of", self.id),
            ("debtor_ids.partner_id", "child_of", self.id),
            ("party_ids.partner_id", "child_of", self.id),
        ]

    def action_open_legal_matters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "legalsense.legal_matter_all_action"
        )
        action["domain"] = self._legal_matter_domain()
        action["context"] = {"default_client_id": self.id}
        return action


def _role_domain(field_name, operator, value):
    """A contact has a role (``= True``) when it has matters in that role."""
    if operator not in ("=", "!="):
        raise NotImplementedError("Search a matter role for yes or no.")
    has_role = (operator == "=") == bool(value)
    return [(field_name, "!=" if has_role else "=", False)]


def split_emails(value):
    """The addresses of a semicolon-separated e-mail field, in order."""
    return tuple(part.strip() for part in (value or "").split(";") if part.strip())


def parse_datetime(value):
    """An LS date-time (ISO 8601 with offset) as an aware datetime; min when empty."""
    if not value:
        return datetime.datetime.min.replace(tzinfo=datetime.timezone.utc)
    moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment


def is_passing(error):
    """Whether a LegalSense error may pass by itself (the job is tried again)."""
    return isinstance(error, TransientError | ResponseLostError)


def plain_value(record, name):
    """A field's value for a custom field: text, number, date, yes/no or None."""
    field = record._fields[name]
    value = record[name]
    if field.type == "boolean":
        return bool(value)
    if field.type in ("many2one", "many2many", "one2many"):
        return ", ".join(value.mapped("display_name")) or None
    if value is False:
        return None
    return value
