# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class QueueJob(models.Model):
    _inherit = "queue.job"

    # The LegalSense sync status of a record is its last job, found by its
    # identity key in every state (queue_job only indexes the pending ones).
    identity_key = fields.Char(index=True)
