# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The users' notifications of a matter's sync: NewMatterSendEmail and
ChangeMatterSendEmail tell the users in the configured roles that LegalSense
has the new or changed matter."""

from markupsafe import Markup

from odoo import models

from ...legalsense_mapping.matters import notification_roles


class LegalMatter(models.Model):
    _inherit = "legal.matter"

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
            body = self.env._(
                "<p>Matter <b>%(matter)s</b> was created in LegalSense with "
                "number %(number)s.</p>"
            )
        else:
            subject = self.env._("Matter %s changed in LegalSense", self.display_name)
            body = self.env._(
                "<p>Matter <b>%(matter)s</b> (%(number)s) was changed in "
                "LegalSense.</p>"
            )
        body = Markup(body) % values
        # The user whose change this is is told as well (Odoo skips them).
        self.message_notify(
            partner_ids=partners.ids,
            subject=subject,
            body=body,
            email_layout_xmlid="mail.mail_notification_light",
            notify_author=True,
        )
        run.done.append(f"{len(partners)} user(s) notified")
