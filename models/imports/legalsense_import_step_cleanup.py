# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Import step of the nightly job: Job 1, clean up the log directory."""

from odoo import models


class LegalsenseImportStepCleanup(models.AbstractModel):
    _name = "legalsense.import.step.cleanup"
    _inherit = "legalsense.import.step"
    _description = "LegalSense log directory clean-up"

    def _skip_reason(self, run, line, config):
        if config.cleanup_log_directory <= 0:
            return self.env._("Skipped: CleanupLogDirectory is 0 (never clean up).")
        return ""

    def _step_cleanup(self, run, line, tally, page):
        config = run._config()
        if run.dry_run:
            tally.note(self.env._("Dry run: no file removed."))
            return
        removed = config._cleanup_log_directory()
        tally.done += removed
        tally.count("updated", removed)
        tally.note(self.env._("%s debug dump(s) removed.", removed))
        return
