import os
import tempfile
import time
from unittest import mock

from odoo.tests import tagged
from odoo.tools import config as odoo_config

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import LegalSenseConfigCase

DAY = 24 * 60 * 60


@tagged("post_install", "-at_install")
class TestLegalSenseConfigCleanup(LegalSenseConfigCase):
    def setUp(self):
        super().setUp()
        self.data_dir = self.enterContext(tempfile.TemporaryDirectory())
        self.enterContext(
            mock.patch.dict(odoo_config.options, {"data_dir": self.data_dir})
        )
        self.directory = self.config._debug_log_directory()
        os.makedirs(self.directory)

    def make_file(self, name, age_days):
        path = os.path.join(self.directory, name)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("{}")
        moment = time.time() - age_days * DAY
        os.utime(path, (moment, moment))
        return path

    def remaining(self):
        return sorted(os.listdir(self.directory))

    def make_files(self):
        self.make_file("old.json", 20)
        self.make_file("recent.json", 3)
        self.make_file("old.txt", 20)
        os.makedirs(os.path.join(self.directory, "old-folder.json"))

    def test_removes_only_old_json_files(self):
        self.make_files()
        self.assertEqual(self.config._cleanup_log_directory(), 1)
        self.assertEqual(
            self.remaining(), ["old-folder.json", "old.txt", "recent.json"]
        )
        self.assertTrue(os.path.isdir(self.directory))

    def test_days_setting(self):
        self.make_files()
        self.config.cleanup_log_directory = 2
        self.assertEqual(self.config._cleanup_log_directory(), 2)
        self.assertEqual(self.remaining(), ["old-folder.json", "old.txt"])

    def test_zero_never_cleans_up(self):
        self.make_files()
        self.config.cleanup_log_directory = 0
        self.assertEqual(self.config._cleanup_log_directory(), 0)
        self.assertEqual(len(self.remaining()), 4)

    def test_missing_directory(self):
        os.rmdir(self.directory)
        self.assertEqual(self.config._cleanup_log_directory(), 0)

    def test_button_queues_the_job(self):
        self.make_files()
        with trap_jobs() as trap:
            action = self.config.action_cleanup_log_directory()
            trap.assert_jobs_count(1)
            trap.assert_enqueued_job(
                self.config._job_cleanup_log_directory,
                args=(),
                kwargs={},
                properties={"channel": "root.legalsense"},
            )
            self.assertEqual(len(self.remaining()), 4)
            trap.perform_enqueued_jobs()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(
            self.remaining(), ["old-folder.json", "old.txt", "recent.json"]
        )

    def test_job_function_configuration(self):
        function = self.env.ref(
            "legalsense.queue_job_function_legalsense_config_job_cleanup_log_directory"
        )
        self.assertEqual(function.channel, "root.legalsense")
        self.assertEqual(
            function.name, "<legalsense.config>._job_cleanup_log_directory"
        )
        self.assertEqual(
            function._parse_retry_pattern(), {1: 10, 5: 60, 10: 300, 15: 1800}
        )
        config = self.env["queue.job.function"].job_config(function.name)
        self.assertEqual(config.channel, "root.legalsense")
