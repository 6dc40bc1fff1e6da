# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The matter's status machine, closing and archive rules.

A matter is new until verified, then active; closed when it has a close date,
archived when it has an archive date (§ Status Codes). Closing or archiving a
matter that is in LegalSense is first checked with LegalSense (§ Matter:
Soft-Kill Status); a close LegalSense refuses later, in the export job, is
undone.
"""

import logging
from functools import partial

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.modules.registry import Registry

from ...legalsense_client import CannotCloseError, LegalSenseError
from ...legalsense_mapping.matter_settings import (
    ARCHIVE_DATE,
    CLOSE_DATE,
    REAL_ARCHIVE_NUMBER,
)
from ...legalsense_mapping.matter_status import closes, closing_rows
from ...legalsense_mapping.matters import matter_payload
from ..sync.common import payload_digest
from .legal_matter import STATES
from .matter_sync import MATTER

_logger = logging.getLogger(__name__)

# The one LegalSense call made while a user saves: checking that a matter may
# be closed (§ Matter: Soft-Kill Status). Short, and never retried.
CLOSE_CHECK_TIMEOUT = (3, 10)
# Odoo fields behind the manual's CloseDate / ArchiveDate settings.
DATE_FIELDS = {CLOSE_DATE: "close_date", ARCHIVE_DATE: "archive_date"}


class LegalMatter(models.Model):
    _inherit = "legal.matter"

    # ------------------------------------------------------------ status

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

    # ------------------------------------------------------------ closing

    def write(self, vals):
        suppressed = self._legalsense_export_suppressed()
        if not suppressed and (vals.get("close_date") or vals.get("archive_date")):
            vals = self._legalsense_check_close(vals)
        return super().write(vals)

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
