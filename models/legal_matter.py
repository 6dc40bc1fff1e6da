# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Matters (the manual's CM Matter) and their outbound sync (§ Matter to LSMatters).

A matter job writes, in this order: the client (and, when the client is a
contact person at a company, that person; when the originator is a matter
contact, the originator's contact), the matter, the client's matter contact,
the originator's matter contact, the debtor reconciliation, and then it
queues the debtors and parties, which run after it. The payloads come from
``legalsense_mapping.matters``; this model collects the sources and sends
them through the sync mixin.
"""

import logging
from functools import partial

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.modules.registry import Registry
from odoo.tools import html_escape

from ..legalsense_client import (
    CannotCloseError,
    DuplicateNameError,
    LegalSenseError,
)
from ..legalsense_mapping.custom_fields import SOURCE_FIELD, parse_custom_fields
from ..legalsense_mapping.inbound_matters import MatterSettings as InboundMatterSettings
from ..legalsense_mapping.inbound_matters import matter_values
from ..legalsense_mapping.matter_contacts import (
    find_created_matter_contact,
    person_matter_contact_payload,
)
from ..legalsense_mapping.matter_debtors import reconcile_main_debtor
from ..legalsense_mapping.matter_settings import (
    ARCHIVE_DATE,
    CLOSE_DATE,
    REAL_ARCHIVE_NUMBER,
    MatterSettings,
)
from ..legalsense_mapping.matters import (
    MatterSource,
    archive_number_from_ls,
    closes,
    closing_rows,
    creation_blocked,
    duplicate_matter_name,
    find_created_matter,
    matter_payload,
    matter_state,
    notification_roles,
    originator_contact_kind,
)
from .export_batch import once_per_job
from .legalsense_external_ref import DMSFORLEGAL, LEGALSENSE_INTERNAL
from .legalsense_sync_mixin import (
    NO_EXPORT_CONTEXT,
    Facet,
    delete_if_present,
    payload_digest,
)

_logger = logging.getLogger(__name__)

MATTER = Facet(
    "matter",
    "matters",
    "legalsense_matter_id",
    finder="_legalsense_find_matter",
    removal_key="matter_id",
)
CLIENT_CONTACT = Facet(
    "client_contact", "mattercontacts", "legalsense_client_contact_id"
)
ORIGINATOR_CONTACT = Facet(
    "originator_contact", "mattercontacts", "legalsense_originator_contact_id"
)
STATES = [
    ("new", "New"),
    ("active", "Active"),
    ("closed", "Closed"),
    ("archived", "Archived"),
]
ENGAGEMENT_LETTER_STATUSES = [
    ("Unknown", "Unknown"),
    ("NotRequired", "Not required"),
    ("NotSent", "Not sent"),
    ("Sent", "Sent"),
    ("Signed", "Signed"),
]
# The one LegalSense call made while a user saves: checking that a matter may
# be closed (§ Matter: Soft-Kill Status). Short, and never retried.
CLOSE_CHECK_TIMEOUT = (3, 10)
# Odoo fields behind the manual's CloseDate / ArchiveDate settings.
DATE_FIELDS = {CLOSE_DATE: "close_date", ARCHIVE_DATE: "archive_date"}


class MatterRun:
    """What one matter, debtor or party job needs: settings, client, version."""

    def __init__(self, env, config, client):
        self.env = env
        self.config = config
        self.client = client
        self.settings = MatterSettings.from_config(config)
        self._version = None
        self._partner_run = None
        self.done = []

    @property
    def version(self):
        if self._version is None:
            self._version = self.config._get_version(self.client)
        return self._version

    @property
    def partner_run(self):
        """The partner sync's run, to sync contacts on the matter's behalf."""
        if self._partner_run is None:
            from .partner.partner_sync import SyncRun

            self._partner_run = SyncRun(self.env, self.config, self.client)
        return self._partner_run

    def note(self, facet, remote, created):
        if remote is not None:
            verb = "created" if created else "updated"
            self.done.append(f"{facet.resource}/{remote['id']} {verb}")

    def summary(self):
        done = self.done + (self._partner_run.done if self._partner_run else [])
        return "; ".join(done) or "Nothing changed."


class LegalMatter(models.Model):
    _name = "legal.matter"
    _inherit = ["mail.thread", "mail.activity.mixin", "legalsense.sync.mixin"]
    _description = "Matter"
    _order = "open_date desc, id desc"

    _legalsense_facets = (MATTER, CLIENT_CONTACT, ORIGINATOR_CONTACT)
    # Every field the matter mapping reads, in the order of § Matter to LSMatters.
    _legalsense_tracked_fields = (
        "open_date",
        "code",
        "client_id",
        "matter_activity_type_id",
        "name",
        "long_name",
        "description",
        "comments",
        "lang",
        "matter_type_id",
        "area_of_law_id",
        "department_id",
        "owner_id",
        "originator_id",
        "client_reference",
        "referral_id",
        "engagement_letter_status",
        "close_date",
        "archive_date",
        "is_verified",
        "archive_number",
        "text1",
        "text2",
        "lookup_value_ids",
    )

    # ------------------------------------------------------------ fields

    name = fields.Char(required=True, tracking=True)
    long_name = fields.Char(
        help="The full name of the matter; sent to LegalSense as its name or as "
        "a custom field, per the setting SyncMatterLongNameToCMField."
    )
    code = fields.Char(
        "Matter code",
        copy=False,
        index="trigram",
        tracking=True,
        help="The matter number. Written back from LegalSense after creation, or "
        "sent to LegalSense when CreateMatterUseMatterCodeFromCM is on.",
    )
    description = fields.Text()
    comments = fields.Text()
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    client_id = fields.Many2one(
        "res.partner",
        "Client",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain="[('type', '=', 'contact'), '|', ('company_id', '=', False), "
        "('company_id', '=', company_id)]",
        help="A company, a person, or a contact person at a company (the company "
        "is then the client in LegalSense and the person its matter contact).",
    )
    client_company_id = fields.Many2one(
        "res.partner",
        "Client company",
        compute="_compute_client_company_id",
        help="The company of a client who is a contact person at a company.",
    )
    owner_id = fields.Many2one(
        "res.users",
        "Owner",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    originator_id = fields.Many2one(
        "res.users",
        "Originator",
        tracking=True,
        domain="[('share', '=', False)]",
        help="The manual's OwnerSub (labelled Originator).",
    )
    department_id = fields.Many2one(
        "hr.department",
        "Department",
        tracking=True,
        check_company=True,
        help="The practice group of the matter in LegalSense.",
    )
    office_id = fields.Many2one("hr.work.location", "Office", tracking=True)
    matter_type_id = fields.Many2one(
        "legalsense.lookup.value",
        "Matter type",
        tracking=True,
        domain=[("lookup_type", "=", "matter_type")],
    )
    area_of_law_id = fields.Many2one(
        "legalsense.lookup.value",
        "Area of law",
        tracking=True,
        domain=[("lookup_type", "=", "area_of_law")],
    )
    matter_activity_type_id = fields.Many2one(
        "legal.matter.activity.type",
        "Activity type",
        tracking=True,
        index=True,
        help="E.g. advice or notary matters: it decides the LegalSense firm and "
        "the Chinese wall.",
    )
    lang = fields.Selection(
        "_lang_get",
        "Language",
        help="The invoice language of the matter.",
    )
    client_reference = fields.Char(tracking=True)
    referral_id = fields.Many2one(
        "legalsense.lookup.value",
        "Referral",
        domain=[("lookup_type", "=", "referral")],
    )
    engagement_letter_status = fields.Selection(
        ENGAGEMENT_LETTER_STATUSES,
        "Engagement letter",
        default="Unknown",
        required=True,
        tracking=True,
    )
    is_verified = fields.Boolean("Verified", tracking=True, copy=False)
    open_date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True
    )
    close_date = fields.Date(tracking=True, copy=False)
    archive_date = fields.Date(tracking=True, copy=False)
    archive_number = fields.Char(tracking=True, copy=False)
    text1 = fields.Text("Text 1")
    text2 = fields.Text("Text 2")
    lookup_value_ids = fields.Many2many(
        "legalsense.lookup.value",
        "legal_matter_lookup_value_rel",
        "matter_id",
        "value_id",
        "Lookup values",
        domain=[("lookup_type", "=", "lookup_field")],
        help="Values of lookup fields (retention period, AML, custom fields).",
    )
    debtor_ids = fields.One2many(
        "legal.matter.debtor", "matter_id", "Debtors", copy=True
    )
    party_ids = fields.One2many("legal.matter.party", "matter_id", "Parties", copy=True)
    state = fields.Selection(
        STATES,
        "Status",
        compute="_compute_state",
        store=True,
        index=True,
        group_expand="_group_expand_states",
        help="New until verified, then active; closed when it has a close date, "
        "archived when it has an archive date.",
    )
    color = fields.Integer()
    legalsense_matter_id = fields.Integer(
        "LegalSense matter ID", copy=False, index=True, readonly=True
    )
    legalsense_client_contact_id = fields.Integer(
        "LegalSense client matter contact ID", copy=False, readonly=True
    )
    legalsense_originator_contact_id = fields.Integer(
        "LegalSense originator matter contact ID", copy=False, readonly=True
    )
    # The matter form options of the settings (matter.config).
    legalsense_show_matter_type = fields.Char(compute="_compute_form_options")
    legalsense_show_area_of_law = fields.Char(compute="_compute_form_options")
    legalsense_hide_department = fields.Boolean(compute="_compute_form_options")
    legalsense_multiple_payors = fields.Boolean(compute="_compute_form_options")
    debtor_count = fields.Integer(compute="_compute_counts")
    party_count = fields.Integer(compute="_compute_counts")
    client_matter_count = fields.Integer(compute="_compute_counts")

    # ------------------------------------------------------------ computes

    @api.model
    def _lang_get(self):
        return self.env["res.lang"].get_installed()

    @api.depends("client_id")
    def _compute_client_company_id(self):
        for matter in self:
            matter.client_company_id = matter._legalsense_client_partner()

    @api.depends("is_verified", "close_date", "archive_date")
    def _compute_state(self):
        for matter in self:
            if matter.archive_date:
                matter.state = "archived"
            elif matter.close_date:
                matter.state = "closed"
            elif matter.is_verified:
                matter.state = "active"
            else:
                matter.state = "new"

    @api.model
    def _group_expand_states(self, states, domain):
        return [key for key, _label in STATES]

    @api.depends("company_id")
    @api.depends_context("company")
    def _compute_form_options(self):
        for matter in self:
            config = (
                self.env["legalsense.config"]
                .sudo()
                ._get_config(matter.company_id or self.env.company)
            )
            matter.legalsense_show_matter_type = config.show_matter_type or "visible"
            matter.legalsense_show_area_of_law = config.show_area_of_law or "visible"
            matter.legalsense_hide_department = bool(config.hide_department)
            matter.legalsense_multiple_payors = (
                config.show_multiple_matter_payors if config else True
            )

    @api.depends("debtor_ids", "party_ids", "client_id")
    def _compute_counts(self):
        for matter in self:
            matter.debtor_count = len(matter.debtor_ids)
            matter.party_count = len(matter.party_ids)
            company = matter._legalsense_client_partner()
            matter.client_matter_count = (
                self.search_count([("client_id", "child_of", company.id)])
                if company
                else 0
            )

    # ------------------------------------------------------------ constraints

    @api.constrains("open_date", "close_date", "archive_date")
    def _check_dates(self):
        for matter in self:
            if matter.close_date and matter.close_date < matter.open_date:
                raise ValidationError(
                    self.env._(
                        "Matter %s cannot be closed before it was opened.", matter.name
                    )
                )
            if matter.archive_date and matter.archive_date < matter.open_date:
                raise ValidationError(
                    self.env._(
                        "Matter %s cannot be archived before it was opened.",
                        matter.name,
                    )
                )

    @api.constrains("archive_number")
    def _check_archive_number(self):
        for matter in self:
            config = matter._legalsense_config()
            number = (matter.archive_number or "").strip()
            real = (
                config.sync_matter_archive_number_from_cm_to_ls == REAL_ARCHIVE_NUMBER
            )
            if real and number and not number.isdigit():
                raise ValidationError(
                    self.env._(
                        "The archive number of matter %(matter)s must be a whole "
                        "number: it is sent to LegalSense as its real archive "
                        "number. '%(number)s' is not.",
                        matter=matter.name,
                        number=number,
                    )
                )

    @api.constrains("debtor_ids")
    def _check_single_payor(self):
        for matter in self:
            if not matter.legalsense_multiple_payors and len(matter.debtor_ids) > 1:
                raise ValidationError(
                    self.env._(
                        "Matter %s can have one debtor only (the setting "
                        "ShowMultipleMatterPayors is off).",
                        matter.name,
                    )
                )

    @api.constrains("matter_type_id", "area_of_law_id")
    def _check_required_lookups(self):
        for matter in self:
            if matter.legalsense_show_matter_type == "required" and not (
                matter.matter_type_id
            ):
                raise ValidationError(
                    self.env._("Matter %s needs a matter type.", matter.name)
                )
            if matter.legalsense_show_area_of_law == "required" and not (
                matter.area_of_law_id
            ):
                raise ValidationError(
                    self.env._("Matter %s needs an area of law.", matter.name)
                )

    # ------------------------------------------------------------ onchanges

    @api.onchange("matter_activity_type_id")
    def _onchange_matter_activity_type_id(self):
        department = self.matter_activity_type_id.practice_group_id
        if department and not self.department_id:
            self.department_id = department

    @api.onchange("originator_id")
    def _onchange_originator_id(self):
        self.update(self._owner_practice_group_values(self.originator_id))

    @api.onchange("client_id")
    def _onchange_client_id(self):
        if self.client_id and not self.lang:
            self.lang = self.client_id.lang

    def _owner_practice_group_values(self, user):
        """UseOwnerForMatterPracticeGroup: office and department of the
        originator (OwnerSub)'s employee record; they win over the values
        given with the originator."""
        config = (
            self.env["legalsense.config"]
            .sudo()
            ._get_config(self.company_id or self.env.company)
        )
        if not config.use_owner_for_matter_practice_group or not user:
            return {}
        employee = (
            user.sudo().employee_ids.filtered(
                lambda emp: emp.company_id == (self.company_id or self.env.company)
            )[:1]
            or user.sudo().employee_id
        )
        values = {}
        if employee.department_id:
            values["department_id"] = employee.department_id.id
        if employee.work_location_id:
            values["office_id"] = employee.work_location_id.id
        return values

    # ------------------------------------------------------------ ORM

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._complete_new_values(vals)
        return super().create(vals_list)

    def _complete_new_values(self, vals):
        company = self.env["res.company"].browse(vals.get("company_id")) or (
            self.env.company
        )
        config = self.env["legalsense.config"].sudo()._get_config(company)
        if config.create_matter_use_matter_code_from_cm and not vals.get("code"):
            vals["code"] = self.env["ir.sequence"].next_by_code("legal.matter")
        if vals.get("matter_activity_type_id") and not vals.get("department_id"):
            activity_type = self.env["legal.matter.activity.type"].browse(
                vals["matter_activity_type_id"]
            )
            if activity_type.practice_group_id:
                vals["department_id"] = activity_type.practice_group_id.id
        if vals.get("originator_id") and not self._legalsense_export_suppressed():
            user = self.env["res.users"].browse(vals["originator_id"])
            vals.update(self.with_company(company)._owner_practice_group_values(user))

    def write(self, vals):
        suppressed = self._legalsense_export_suppressed()
        if not suppressed and (vals.get("close_date") or vals.get("archive_date")):
            vals = self._legalsense_check_close(vals)
        if not suppressed and vals.get("originator_id") and self:
            user = self.env["res.users"].browse(vals["originator_id"])
            vals = {**vals, **self[:1]._owner_practice_group_values(user)}
        return super().write(vals)

    def unlink(self):
        # A party or debtor removed with its matter is not deleted in
        # LegalSense on its own (§ ActivityAttendee "On delete").
        silent = {NO_EXPORT_CONTEXT: True}
        self.party_ids.with_context(**silent).unlink()
        self.debtor_ids.with_context(**silent).unlink()
        return super().unlink()

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for matter, vals in zip(self, vals_list, strict=True):
            vals.setdefault("name", self.env._("%s (copy)", matter.name))
        return vals_list

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
        client = self.client_id
        if client and not client.is_company and client.parent_id.is_company:
            return client.parent_id
        return client

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

    # ------------------------------------------------------------ sources

    def _legalsense_matter_source(self, client_ls_id, settings=None, **changes):
        """The matter as § Matter to LSMatters reads it."""
        self.ensure_one()
        partners = self.env["res.partner"]
        activity_type = self.matter_activity_type_id
        values = {
            "odoo_id": self.id,
            "name": self.name or "",
            "long_name": self.long_name or "",
            "code": self.code or "",
            "description": self.description or "",
            "comments": self.comments or "",
            "language": self.lang or None,
            "open_date": self.open_date or None,
            "close_date": self.close_date or None,
            "archive_date": self.archive_date or None,
            "archive_number": self.archive_number or "",
            "text1": self.text1 or "",
            "text2": self.text2 or "",
            "client_reference": self.client_reference or "",
            "engagement_letter_status": self.engagement_letter_status or "Unknown",
            "verified": self.is_verified,
            "client_ls_id": client_ls_id or None,
            "activity_type_code": activity_type.code or "",
            "firm_ls_id": activity_type.firm_legalsense_id or None,
            "chinese_wall_kind": activity_type.chinese_wall_kind or None,
            "practice_group_ls_id": self._legalsense_internal_id(self.department_id),
            "matter_type": _mapping_value(self.matter_type_id),
            "area_of_law": _mapping_value(self.area_of_law_id),
            "referral": _mapping_value(self.referral_id),
            "owner_ls_user_id": partners._legalsense_user_id(self.owner_id),
            "owner_sub_ls_user_id": partners._legalsense_user_id(self.originator_id),
            "lookup_values": self.lookup_value_ids._legalsense_mapping_values(),
            "field_values": self._legalsense_field_values(settings),
            "dmsforlegal_code": self._legalsense_external_code(DMSFORLEGAL),
        }
        values.update(changes)
        return MatterSource(**values)

    def _legalsense_internal_id(self, record):
        """The LEGALSENSE_INTERNAL external id of ``record`` as an integer, or None."""
        if not record:
            return None
        value = self.env["legalsense.external.ref"]._external_id(
            record, LEGALSENSE_INTERNAL
        )
        return int(value) if value.isdigit() else None

    def _legalsense_field_values(self, settings):
        """The values of the fields named by ``<field>=`` MatterCustomFields rules."""
        if settings is None:
            return {}
        from .partner.res_partner_source import plain_value

        return {
            rule.code: plain_value(self, rule.code)
            for rule in parse_custom_fields(settings.matter_custom_fields)
            if rule.source == SOURCE_FIELD and rule.code in self._fields
        }

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

    # ------------------------------------------------------------ closing

    def _legalsense_closing_fields(self, settings):
        """The Odoo date fields whose value closes or archives the LS matter."""
        names = set()
        for setting in (
            settings.sync_matter_archive_date_field,
            settings.sync_matter_soft_kill_status_field,
        ):
            if setting == CLOSE_DATE and settings.archive_matter_role:
                setting = ARCHIVE_DATE
            if setting in DATE_FIELDS:
                names.add(DATE_FIELDS[setting])
        return names

    def _legalsense_check_close(self, vals):
        """§ Matter: Soft-Kill Status: "CM validates that the matter may be
        closed before setting the close or archive date".

        Only for a matter that is in LegalSense, with SyncMatterSoftKillStatus
        Field set, when the new dates close or archive it there: the matter
        with its new dates is sent at once (one short call, no retry). A
        refusal raises the user's error with LegalSense's reason, so the date
        is not stored; when LegalSense cannot be reached, the save goes on and
        the export job closes the matter later (and undoes the date if
        refused). Returns the values to write: with what was sent, so that the
        export job sends nothing again when nothing else changed.
        """
        vals = dict(vals)
        for matter in self:
            sent = matter._legalsense_check_close_one(vals)
            if sent is not None and len(self) == 1:
                payload, remote = sent
                data = dict(matter._legalsense_sync_data())
                data[MATTER.name] = {
                    "digest": payload_digest(payload),
                    "remote": remote,
                }
                vals["legalsense_sync_data"] = data
                link_values = matter._legalsense_link_values(MATTER, remote)
                vals.update({k: v for k, v in link_values.items() if k not in vals})
        return vals

    def _legalsense_check_close_one(self, vals):
        matter = self.sudo()
        if not matter.legalsense_matter_id:
            return None
        config = matter._legalsense_config()
        if not config:
            return None
        settings = matter._legalsense_settings(config)
        if not settings.sync_matter_soft_kill_status_field:
            return None
        dates = {
            name: vals[name] if name in vals else matter[name]
            for name in ("close_date", "archive_date")
        }
        client_ls_id = matter._legalsense_client_partner().legalsense_client_id
        source = matter._legalsense_matter_source(
            client_ls_id,
            settings,
            close_date=fields.Date.to_date(dates["close_date"]) or None,
            archive_date=fields.Date.to_date(dates["archive_date"]) or None,
        )
        existing = matter._legalsense_remote(MATTER) or {}
        if not closes(closing_rows(source, settings), existing):
            return None
        payload = matter_payload(source, settings, None, existing)
        try:
            client = config._get_client(max_retries=0)
            client.timeout = CLOSE_CHECK_TIMEOUT
            remote = client.patch("matters", matter.legalsense_matter_id, payload)
        except CannotCloseError as error:
            raise UserError(
                self.env._(
                    "LegalSense does not allow closing matter %(matter)s: %(reason)s",
                    matter=matter.display_name,
                    reason=error.detail or str(error),
                )
            ) from None
        except (LegalSenseError, UserError) as error:
            _logger.info(
                "LegalSense: closing %s not checked now (%s); the export job will",
                matter,
                error,
            )
            return None
        matter._legalsense_resync_after_rollback()
        return payload, remote

    def _legalsense_resync_after_rollback(self):
        """The LS matter was closed for this save: if the save is rolled back
        after all, a fresh export puts LegalSense back in line with Odoo."""
        if self.env.registry.in_test_mode():
            return
        dbname, uid, ids = self.env.cr.dbname, self.env.uid, self.ids
        self.env.cr.postrollback.add(partial(resync_after_rollback, dbname, uid, ids))

    def _legalsense_refused_close(self, run, error, client_id):
        """LegalSense refused to close or archive the matter: the dates that
        closed it are cleared, the user is told why; the new source."""
        names = [
            name
            for name in sorted(self._legalsense_closing_fields(run.settings))
            if self[name]
        ]
        self._legalsense_store({name: False for name in names})
        reason = error.detail or str(error)
        labels = ", ".join(self._fields[name].string for name in names)
        message = self.env._(
            "LegalSense does not allow closing this matter: %(reason)s. "
            "The %(dates)s was cleared.",
            reason=reason,
            dates=labels.lower(),
        )
        self.message_post(body=message, subtype_xmlid="mail.mt_note")
        user = self.write_uid if self.write_uid and not self.write_uid.share else None
        self.activity_schedule(
            "mail.mail_activity_data_warning",
            summary=self.env._("LegalSense refused to close the matter"),
            note=message,
            user_id=(user or self.owner_id or self.env.user).id,
        )
        run.done.append(f"close refused: {reason}")
        return self._legalsense_matter_source(client_id, run.settings)

    # ------------------------------------------------------------ matter contacts

    def _legalsense_client_contact_kind(self, run):
        """MatterContactActivityRoleCodeForClient as a LegalSense contact kind."""
        code = run.settings.matter_contact_activity_role_code_for_client
        role = (
            self.env["legalsense.lookup.value"]
            .sudo()
            .search(
                [("lookup_type", "=", "activity_role"), ("code", "=ilike", code)],
                limit=1,
            )
        )
        if not role.legalsense_id:
            raise UserError(
                self.env._(
                    "No activity role with code '%s' is linked to a LegalSense "
                    "contact kind: import the lookup lists, or set "
                    "MatterContactActivityRoleCodeForClient to the code of one.",
                    code,
                )
            )
        return role.legalsense_id

    def _legalsense_sync_client_contact(self, run, person):
        """§ "Employee contact — client matter contact": the person, with the
        client role; deleted and created again on any change."""
        if not person or not person.legalsense_contact_id:
            delete_matter_contact(self, run, CLIENT_CONTACT)
            return
        kind = self._legalsense_client_contact_kind(run)
        payload = person_matter_contact_payload(
            self.legalsense_matter_id, person.legalsense_contact_id, kind
        )
        self._legalsense_replace_matter_contact(run, CLIENT_CONTACT, payload)

    def _legalsense_originator_partner(self, run):
        """The originator's partner when the originator is a matter contact."""
        if originator_contact_kind(run.settings) and self.originator_id:
            return self.originator_id.sudo().partner_id
        return self.env["res.partner"]

    def _legalsense_ensure_originator_contact(self, run, originator):
        """The originator's LegalSense person contact, created through the
        partner sync when it has none. The partner sync leaves the firm's own
        people alone, so this is its contact sync called on the matter's
        behalf (lock, lookup of a lost create and all)."""
        if not originator or originator.legalsense_contact_id:
            return
        originator._legalsense_locked()._legalsense_sync_contact(run.partner_run)

    def _legalsense_sync_originator_contact(self, run, originator):
        kind = originator_contact_kind(run.settings)
        if not kind or not originator or not originator.legalsense_contact_id:
            delete_matter_contact(self, run, ORIGINATOR_CONTACT)
            return
        payload = person_matter_contact_payload(
            self.legalsense_matter_id, originator.legalsense_contact_id, kind
        )
        self._legalsense_replace_matter_contact(run, ORIGINATOR_CONTACT, payload)

    def _legalsense_replace_matter_contact(self, run, facet, payload):
        find = partial(self._legalsense_find_matter_contact, facet)
        replace_matter_contact(self, run, facet, payload, find)

    def _legalsense_find_matter_contact(self, facet, client, payload):
        records = client.list("mattercontacts", matter=self.legalsense_matter_id)
        linked = set(self._legalsense_linked_matter_contact_ids())
        return find_created_matter_contact(records, payload, linked)

    def _legalsense_linked_matter_contact_ids(self):
        ids = self.party_ids.mapped("legalsense_matter_contact_id")
        ids += [
            self.legalsense_client_contact_id,
            self.legalsense_originator_contact_id,
        ]
        return [ls_id for ls_id in ids if ls_id]

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

    def _legalsense_recipient_users(self):
        """{role: user} for NewMatterSendEmail / ChangeMatterSendEmail."""
        return {
            "CreatedBy": self.create_uid,
            "ModifiedBy": self.write_uid,
            "Owner": self.owner_id,
            "OwnerSub": self.originator_id,
            "Originator": self.originator_id,
        }

    def _legalsense_notify_users(self, run, remote, created, recipients):
        """NewMatterSendEmail / ChangeMatterSendEmail: tell the users in the
        configured roles that LegalSense has the new or changed matter."""
        setting = (
            run.config.new_matter_send_email
            if created
            else run.config.change_matter_send_email
        )
        users = self.env["res.users"]
        for role in notification_roles(setting):
            users |= recipients.get(role) or users
        users = users.filtered(lambda user: user.active and not user.share)
        partners = users.partner_id.filtered("email")
        if not partners:
            return
        values = {"matter": self.display_name, "number": remote.get("number") or ""}
        if created:
            subject = self.env._("Matter %s created in LegalSense", self.display_name)
            body = (
                Markup(
                    self.env._(
                        "<p>Matter <b>%(matter)s</b> was created in LegalSense with "
                        "number %(number)s.</p>"
                    )
                )
                % values
            )
        else:
            subject = self.env._("Matter %s changed in LegalSense", self.display_name)
            body = (
                Markup(
                    self.env._(
                        "<p>Matter <b>%(matter)s</b> (%(number)s) was changed in "
                        "LegalSense.</p>"
                    )
                )
                % values
            )
        # The user whose change this is is told as well (Odoo skips them).
        self.message_notify(
            partner_ids=partners.ids,
            subject=subject,
            body=body,
            email_layout_xmlid="mail.mail_notification_light",
            notify_author=True,
        )
        run.done.append(f"{len(partners)} user(s) notified")

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

    # ------------------------------------------------------------ status, actions

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

    def action_verify(self):
        self.write({"is_verified": True})

    def action_close(self):
        self.write({"close_date": fields.Date.context_today(self)})

    def action_reopen(self):
        self.write({"close_date": False, "archive_date": False})

    def action_archive_matter(self):
        values = {"archive_date": fields.Date.context_today(self)}
        for matter in self:
            if not matter.close_date:
                values["close_date"] = values["archive_date"]
        self.write(values)

    def action_open_client(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.client_id.id,
            "view_mode": "form",
        }

    def action_open_client_matters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "legalsense.legal_matter_action"
        )
        company = self._legalsense_client_partner()
        action["domain"] = [("client_id", "child_of", company.id)]
        action["context"] = {"default_client_id": self.client_id.id}
        return action


def replace_matter_contact(record, run, facet, payload, find_existing):
    """Write a LegalSense matter contact, which is never changed in place.

    "Existing records are always deleted and re-created on update" (§
    ActivityAttendee to LSMatterContacts): unchanged since it was last sent,
    or imported holding the payload, nothing is sent; changed, the old one
    is deleted, then the new one is created (a create of an earlier try is
    looked up first).
    """
    digest = payload_digest(payload)
    if record[facet.id_field]:
        data = record._legalsense_facet_data(facet)
        if digest == data.get("digest"):
            return
        if record._legalsense_holds_unsent(data, payload):
            # Imported as it is: nothing to replace.
            record._legalsense_remember(facet, data["remote"], digest)
            return
        delete_matter_contact(record, run, facet)
    remote, sent = record._legalsense_create(run.client, facet, payload, find_existing)
    if payload_digest(sent) != digest:
        # An earlier try made it from other values: it is replaced as well.
        record._legalsense_remember(facet, remote, None)
        replace_matter_contact(record, run, facet, payload, find_existing)
        return
    record._legalsense_remember(facet, remote, digest)
    run.note(facet, remote, True)


def delete_matter_contact(record, run, facet):
    """Delete the LegalSense matter contact of ``facet`` and forget it."""
    ls_id = record[facet.id_field]
    if not ls_id:
        return
    delete_if_present(run.client, "mattercontacts", ls_id)
    run.done.append(f"mattercontacts/{ls_id} deleted")
    record._legalsense_forget(facet)


def _mapping_value(value):
    return value._legalsense_mapping_value() if value else None


def resync_after_rollback(dbname, uid, matter_ids):
    """Queue a full export of matters whose save was rolled back after
    LegalSense closed them (see ``_legalsense_check_close``)."""
    try:
        with Registry(dbname).cursor() as cr:
            env = api.Environment(cr, uid, {})
            matters = env["legal.matter"].sudo().browse(matter_ids).exists()
            matters.action_legalsense_sync_now()
    except Exception:  # pylint: disable=broad-exception-caught
        _logger.exception("LegalSense: could not queue matters %s again", matter_ids)
