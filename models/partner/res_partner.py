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
``legalsense_mapping``; the partner model only collects the sources (in the
order of the manual's tables) and sends them through the sync mixin.

Here: the partner's fields, what syncs, and its export facet by facet; each
LegalSense record a partner owns has a module of its own, as each table of
the manual has in ``legalsense_mapping``.
"""

from odoo import api, fields, models
from odoo.tools import SQL

from ...legalsense_mapping import parse_custom_fields
from ...legalsense_mapping.custom_fields import SOURCE_FIELD
from ...legalsense_mapping.inbound import InboundSettings
from ..sync.export_batch import once_per_job
from .partner_sync import (
    ADDRESS,
    ADDRESS_TYPES,
    CLIENT,
    CONTACT,
    CONTACT_CONTACT,
    SyncRun,
)


def _lookup_value(lookup_type, string, help_text):
    """A field of one LegalSense lookup value of the type ``lookup_type``."""
    return fields.Many2one(
        "legalsense.lookup.value",
        string,
        domain=[("lookup_type", "=", lookup_type)],
        ondelete="restrict",
        help=help_text,
    )


def _lookup_values(relation, lookup_type, string, help_text):
    """A list field of LegalSense lookup values of the type ``lookup_type``."""
    return fields.Many2many(
        "legalsense.lookup.value",
        relation,
        "partner_id",
        "value_id",
        string,
        domain=[("lookup_type", "=", lookup_type)],
        help=help_text,
    )


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
    segment_ids = _lookup_values(
        "res_partner_legalsense_segment_rel",
        "segment",
        "Segments",
        "The first segment added is the client's sector in LegalSense "
        "(remove and add a segment again to put it last).",
    )
    interest_ids = _lookup_values(
        "res_partner_legalsense_interest_rel",
        "interest",
        "Interests",
        "What the contact is interested in (ContactManager's Interest). The "
        "first interest added is the client's sector in LegalSense when the "
        "settings name Interest.",
    )
    stock_exchange_id = _lookup_value(
        "stock_exchange",
        "Stock exchange",
        "The stock exchange the company is listed on, e.g. Euronext "
        "Amsterdam; the client's sector in LegalSense when the settings name "
        "StockExchange.",
    )
    job_title = fields.Char(
        help="The contact person's job title, e.g. 'Senior advocaat'; LegalSense "
        "gets it as the job description when the job position is empty.",
    )
    referral_ids = _lookup_values(
        "res_partner_legalsense_referral_rel",
        "referral",
        "Referrals",
        "The first referral added is the client's referrer in LegalSense "
        "(remove and add a referral again to put it last).",
    )
    lookup_value_ids = _lookup_values(
        "res_partner_legalsense_lookup_value_rel",
        "lookup_field",
        "Lookup field values",
        "Values of the lookup fields (e.g. WWFT): sent to LegalSense custom "
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
    address_kind_id = _lookup_value(
        "address_kind",
        "Address kind",
        "The LegalSense address kind of this address.",
    )
    address_inactive = fields.Boolean(
        "Inactive address",
        help="An inactive address stays in LegalSense with ' !INACTIVE!' after "
        "its city and is no billing address. An archived or deleted address is "
        "deleted in LegalSense (marked !INACTIVE! before LegalSense 18.120).",
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

    @api.depends("identification_document")
    def _compute_is_identified(self):
        for partner in self:
            partner.is_identified = bool(partner.identification_document)

    # ------------------------------------------------------------ changes

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

    def _legalsense_linked_elsewhere(self, field_name, remote):
        """Whether another partner holds the LegalSense record ``remote``."""
        return bool(
            self.with_context(active_test=False).search_count(
                [(field_name, "=", remote["id"]), ("id", "!=", self.id)], limit=1
            )
        )

    def _legalsense_delete_facet(self, sync, facet):
        """Delete the LegalSense record of ``facet`` and drop its link."""
        ls_id = self[facet.id_field]
        if not ls_id:
            return
        sync.delete(facet.resource, ls_id)
        self._legalsense_forget(facet)

    # ------------------------------------------------------------ reading back

    def _legalsense_inbound_settings(self):
        """The import's settings, to read values back from LegalSense."""
        config = self._legalsense_config()
        return once_per_job(
            self.env,
            ("inbound settings", config.id),
            lambda: InboundSettings.from_config(config),
        )

    # ------------------------------------------------------------ status, actions

    def _legalsense_url_path(self):
        contact = self.parent_id if self._legalsense_kind() == "address" else self
        if contact.legalsense_contact_id:
            return f"contacts/{contact.legalsense_contact_id}"
        return ""
