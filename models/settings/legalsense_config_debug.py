# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Settings — Debug: the JSON dumps of LegalSense's answers and their clean-up.

The manual lists these two settings under Import — General; the clean-up of
the log directory is the first job of the nightly run.
"""

import logging

from odoo import api, fields, models

from ...legalsense_client import cleanup_log_directory

_logger = logging.getLogger(__name__)

JOB_CHANNEL = "root.legalsense"


class LegalsenseConfig(models.Model):
    _inherit = "legalsense.config"

    # ------------------------------------------------------------ Import — General
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

    # ------------------------------------------------------------ validation

    @api.constrains("cleanup_log_directory")
    def _check_cleanup_log_directory(self):
        for config in self:
            if config.cleanup_log_directory < 0:
                raise config._invalid(
                    "cleanup_log_directory",
                    self.env._("the number of days cannot be negative."),
                    self.env._("0 (never clean up) or more days, e.g. 15"),
                )

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
