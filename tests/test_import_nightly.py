import datetime
from unittest import mock

from odoo import fields
from odoo.tests import tagged

from .import_common import LegalSenseImportCase, ls_client, ls_org

NIGHTLY_STEPS = [
    "cleanup",
    *(["lookups"] * 7),
    "languages",
    "address_templates",
    "offices",
    "users",
    "practice_groups",
    "changed_contacts",
    "changed_addresses",
    "changed_contact_contacts",
]


@tagged("post_install", "-at_install")
class TestImportNightly(LegalSenseImportCase):
    def nightly(self):
        with self.trapped_jobs() as trap:
            runs = self.env["legalsense.config"]._cron_nightly()
            self.perform_all(trap)
        runs = runs.filtered(lambda run: run.company_id == self.company)
        runs.invalidate_recordset()
        return runs

    def states(self, run):
        return {line.step: line.state for line in run.line_ids}

    def test_the_five_jobs_in_the_manuals_order(self):
        run = self.nightly()
        self.assertEqual(run.action, "nightly")
        self.assertEqual(run.trigger, "nightly")
        self.assertEqual(run.line_ids.sorted("sequence").mapped("step"), NIGHTLY_STEPS)
        self.assertEqual(run.state, "done")
        states = self.states(run)
        self.assertEqual(states["users"], "done")
        self.assertEqual(states["practice_groups"], "done")
        # Job 5 only when enabled
        self.assertEqual(states["changed_contacts"], "skipped")
        self.assertIn(
            "ImportChangedClientsIsEnabled is off",
            self.line(run, "changed_contacts").message,
        )
        # what each job did is on the run
        self.assertEqual(self.counts(run, "users"), {"created": 4, "skipped": 1})
        self.assertEqual(self.counts(run, "lookups", "addresskinds"), {"created": 4})

    def test_the_calls_follow_the_jobs_order(self):
        self.config.import_changed_clients_is_enabled = True
        self.nightly()
        paths = [path for path, _query in self.calls()]
        order = ["addresskinds", "offices", "users", "practicegroups", "contacts"]
        positions = [paths.index(path) for path in order]
        self.assertEqual(positions, sorted(positions))

    def test_a_failing_cleanup_is_logged_and_the_rest_runs(self):
        config_class = type(self.env["legalsense.config"])
        with (
            mock.patch.object(
                config_class,
                "_cleanup_log_directory",
                side_effect=OSError("Permission denied: the log directory"),
            ),
            self.assertLogs(
                "odoo.addons.legalsense.models.imports.legalsense_import_jobs",
                level="ERROR",
            ) as logged,
        ):
            run = self.nightly()
        self.assertIn("cleanup failed", logged.output[0])
        cleanup = self.line(run, "cleanup")
        self.assertEqual(cleanup.state, "failed")
        self.assertIn("Permission denied", cleanup.message)
        self.assertEqual(self.states(run)["users"], "done")
        self.assertEqual(self.counts(run, "practice_groups"), {"created": 3})
        self.assertEqual(run.state, "failed")

    def test_a_failing_lookup_list_does_not_stop_the_users(self):
        self.simulator.add_fault("GET", "contactkinds", status=500, times=None)
        run = self.nightly()
        self.assertEqual(self.line(run, "lookups", "contactkinds").state, "failed")
        self.assertEqual(self.states(run)["users"], "done")

    def test_users_and_practice_groups_skipped_when_disabled(self):
        self.config.import_users_is_disabled = True
        run = self.nightly()
        states = self.states(run)
        self.assertEqual(
            (states["offices"], states["users"], states["practice_groups"]),
            ("skipped", "skipped", "skipped"),
        )
        self.assertNotIn("users", [path for path, _query in self.calls()])

    def test_changed_clients_when_enabled(self):
        self.config.import_changed_clients_is_enabled = True
        run = self.nightly()
        self.assertEqual(self.states(run)["changed_contacts"], "done")
        stamps = self.env["legalsense.import.timestamp"]
        self.assertTrue(stamps._get(self.company, "changed_clients").last_run)
        self.assertTrue(stamps._get(self.company, "nightly").last_run)
        self.assertTrue(self.config.nightly_last_run)

    def test_branches_into_a_lookup_field_every_night(self):
        """§ Branches: "The nightly sync also imports branches"; with
        SyncClientBranchesToCMField a LookupField code, into that field: the
        branch list (Job 2) and the first branch of a new client (Job 5)."""
        self.config.write(
            {
                "sync_client_branches_to_cm_field": "BRANCHE",
                "import_changed_clients_is_enabled": True,
            }
        )
        now = fields.Datetime.now()
        changed = now.replace(tzinfo=datetime.timezone.utc).isoformat()
        self.load(
            contacts=[ls_org(10, "Jansen", modified_date=changed)],
            clients=[ls_client(50, 10, "Jansen", branches=[{"id": 2}, {"id": 3}])],
            addresses=[],
            contactcontacts=[],
        )
        run = self.nightly()
        self.assertEqual(self.counts(run, "lookups", "branches"), {"created": 3})
        branche = self.env["legalsense.lookup.field"].search([("code", "=", "BRANCHE")])
        values = branche.value_ids.sorted("legalsense_id")
        self.assertEqual(
            [(value.legalsense_id, value.name) for value in values],
            [(1, "ICT"), (2, "Detailhandel"), (3, "Transport en logistiek")],
        )
        jansen = self.env["res.partner"].search([("legalsense_contact_id", "=", 10)])
        self.assertEqual(jansen.lookup_value_ids, values[1])
        # A branch LegalSense adds is in Odoo the next morning.
        self.load(
            branches=[
                {"id": 1, "name": "ICT"},
                {"id": 2, "name": "Detailhandel"},
                {"id": 3, "name": "Transport en logistiek"},
                {"id": 4, "name": "Zorg"},
            ]
        )
        run = self.nightly()
        self.assertEqual(
            self.counts(run, "lookups", "branches"), {"created": 1, "skipped": 3}
        )
        self.env.invalidate_all()
        self.assertEqual(
            branche.value_ids.sorted("legalsense_id").mapped("name"),
            ["ICT", "Detailhandel", "Transport en logistiek", "Zorg"],
        )

    def test_cleanup_skipped_when_zero_days(self):
        self.config.cleanup_log_directory = 0
        run = self.nightly()
        self.assertEqual(self.states(run)["cleanup"], "skipped")

    def test_the_address_templates_are_applied_once(self):
        run = self.nightly()
        self.assertEqual(self.line(run, "address_templates").updated, 14)
        run = self.nightly()
        self.assertEqual(self.states(run)["address_templates"], "skipped")

    def test_nothing_runs_when_the_integration_is_off(self):
        self.config.disabled = True
        runs = self.nightly()
        self.assertFalse(runs)
        self.assertFalse(self.calls())

    def test_two_runs_never_overlap(self):
        timestamps = type(self.env["legalsense.import.timestamp"])
        with mock.patch.object(timestamps, "_lock_all", return_value=None):
            run = self.nightly()
        self.assertEqual(run.state, "failed")
        self.assertFalse(self.calls())

    def test_the_lock_is_taken_on_the_timestamps(self):
        stamps = self.env["legalsense.import.timestamp"]
        queries = []
        original = type(self.env.cr).execute

        def execute(cr, query, *args, **kwargs):
            queries.append(str(query))
            return original(cr, query, *args, **kwargs)

        with mock.patch.object(type(self.env.cr), "execute", execute):
            locked = stamps._lock_all(self.company, ["nightly", "changed_clients"])
        self.assertEqual(locked.mapped("key"), ["nightly", "changed_clients"])
        self.assertEqual(sum("FOR UPDATE SKIP LOCKED" in query for query in queries), 2)
