# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The sources the payloads are built from: a partner as the manual's tables
read it (contact, address, employee), its list fields in the order added."""

from odoo import api, models
from odoo.tools import SQL

from ...legalsense_mapping import (
    AddressSource,
    ContactSource,
    EmployeeSource,
    LookupValue,
    parse_custom_fields,
)
from ...legalsense_mapping.custom_fields import SOURCE_FIELD
from ..sync.legalsense_external_ref import DMSFORLEGAL, LEGALSENSE

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


class ResPartner(models.Model):
    _inherit = "res.partner"

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
            lookup_values=self._legalsense_lookup_values("lookup_value_ids"),
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
            segments=self._legalsense_lookup_values("segment_ids"),
            interests=self._legalsense_lookup_values("interest_ids"),
            stock_exchange=(
                self.stock_exchange_id._legalsense_mapping_value()
                if self.stock_exchange_id
                else None
            ),
            tags=self._legalsense_record_values("category_id"),
            tags2=self._legalsense_record_values("legalsense_tag2_ids"),
            referrals=self._legalsense_lookup_values("referral_ids"),
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

    def _legalsense_lookup_values(self, field_name):
        """The lookup values of the list field ``field_name`` in the order added."""
        return self._legalsense_in_order(field_name)._legalsense_mapping_values()

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


def split_emails(value):
    """The addresses of a semicolon-separated e-mail field, in order."""
    return tuple(part.strip() for part in (value or "").split(";") if part.strip())


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
