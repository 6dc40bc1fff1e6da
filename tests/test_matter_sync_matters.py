"""§ Matter to LSMatters through Odoo: every row, the settings, names and codes."""

from odoo.tests import tagged

from ..legalsense_simulator.testing import ApiClient
from .matter_common import (
    LS_FIRM,
    LS_MATTER_TYPE,
    LS_PRACTICE_AREA,
    LS_PRACTICE_GROUP,
    LS_REFERRER,
    STATUS_ACTIVE,
    STATUS_NEW,
    LegalSenseMatterCase,
)

ALWAYS_ROWS = (
    "client",
    "firm",
    "name",
    "description",
    "billing_instructions",
    "invoice_language",
    "matter_type",
    "practice_area",
    "referrer",
    "practice_group",
    "supervising_user",
    "billing_user",
    "client_reference",
    "engagement_letter_status",
    "archived_date",
    "softkill_status",
    "matter_status",
)


@tagged("post_install", "-at_install")
class TestMatterRows(LegalSenseMatterCase):
    def test_new_matter_rows_and_client_first(self):
        matter = self.create_matter(
            description="Fixed fee", comments="Urgent", client_reference="REF-9"
        )
        self.assertEqual(
            self.call_lines(),
            [
                "POST contacts",
                "GET clients",
                "GET version",
                "POST clients",
                "POST matters",
            ],
        )
        client_id = matter.client_id.legalsense_client_id
        self.assertEqual(
            self.body("POST", "matters"),
            {
                # new only
                "date": "2024-03-04",
                "softkill_status": 1,
                "is_billable": True,
                "matter_status": {"id": STATUS_NEW},
                # always
                "client": {"id": client_id},
                "firm": {"id": LS_FIRM},
                "name": "Jansen / huurgeschil",
                "description": "Urgent",
                "billing_instructions": "Fixed fee",
                "invoice_language": "en",
                "matter_type": {"id": LS_MATTER_TYPE},
                "practice_area": {"id": LS_PRACTICE_AREA},
                "referrer": {"internal": {"id": LS_REFERRER}},
                "practice_group": {"id": LS_PRACTICE_GROUP},
                "supervising_user": {"id": 2},
                "billing_user": {"id": 3},
                "client_reference": "REF-9",
                "engagement_letter_status": {"status": "Unknown", "is_derived": True},
                "archived_date": None,
            },
        )
        ls_matter = self.ls_matter(matter)
        # "Matter code: if Matter.MatterCode is empty, it is set from lsMatter.number"
        self.assertEqual(matter.code, ls_matter["number"])
        self.assertEqual(matter.legalsense_sync_state, "synced")
        self.assertEqual(
            matter.legalsense_url,
            f"{self.server.url}matters/{matter.legalsense_matter_id}",
        )

    def test_update_sends_the_always_rows_only(self):
        matter = self.create_matter()
        self.forget_calls()
        self.run_all_jobs(
            lambda: matter.write(
                {"name": "Jansen / ontbinding", "engagement_letter_status": "Signed"}
            )
        )
        self.assertEqual(
            self.call_lines(), [f"PATCH matters/{matter.legalsense_matter_id}"]
        )
        body = self.calls()[0][2]
        self.assertEqual(sorted(body), sorted(ALWAYS_ROWS))
        self.assertEqual(body["name"], "Jansen / ontbinding")
        self.assertEqual(
            body["engagement_letter_status"], {"status": "Signed", "is_derived": False}
        )
        # Not verified yet: still New.
        self.assertEqual(body["matter_status"], {"id": STATUS_NEW})

    def test_saves_collapse_and_the_job_reads_the_current_state(self):
        matter = self.create_matter()
        self.forget_calls()
        with self.trapped_jobs() as trap:
            matter.write({"name": "Eerste"})
            matter.write({"name": "Tweede"})
            matter.write({"color": 3})  # not tracked
            self.assertEqual(len(trap.enqueued_jobs), 1)
            trap.perform_enqueued_jobs()
        self.assertEqual(
            self.call_lines(), [f"PATCH matters/{matter.legalsense_matter_id}"]
        )
        self.assertEqual(self.calls()[0][2]["name"], "Tweede")

    def test_untracked_and_imported_changes_send_nothing(self):
        matter = self.create_matter()
        self.forget_calls()
        with self.trapped_jobs() as trap:
            matter.write({"color": 5, "office_id": False})
            matter.with_context(legalsense_import=True).write({"name": "Uit LS"})
            self.assertFalse(trap.enqueued_jobs)

    def test_sync_now_without_changes_sends_everything_again(self):
        matter = self.create_matter()
        self.forget_calls()
        self.run_all_jobs(matter.action_legalsense_sync_now)
        self.assertEqual(
            self.call_lines(), [f"PATCH matters/{matter.legalsense_matter_id}"]
        )

    def test_field_mapping_settings(self):
        self.set_config(
            sync_matter_description_to_cm_description=True,
            sync_matter_long_name_to_cm_field="Name",
            sync_matter_matter_type_to_cm_field="AreaOfLaw",
            sync_matter_practice_area_to_cm_field="MatterType",
            sync_matter_supervising_user_to_cm_field="OwnerSub",
            sync_matter_billing_user_to_cm_field="Owner",
            sync_matter_originator_to_cm_field="Originator",
            disable_practice_group=True,
            sync_matter_chinese_wall_from_activity_type=True,
            sync_matter_enable_recofa_for_matter_types="ADV",
        )
        self.advice.chinese_wall_kind = 7
        self.create_matter(
            long_name="Jansen Holding / huurgeschil Keizersgracht",
            description="Fixed fee",
            comments="Urgent",
        )
        body = self.body("POST", "matters")
        self.assertEqual(body["name"], "Jansen Holding / huurgeschil Keizersgracht")
        self.assertEqual(body["description"], "Fixed fee")
        self.assertEqual(body["billing_instructions"], "Urgent")
        self.assertEqual(body["matter_type"], {"id": LS_PRACTICE_AREA})
        self.assertEqual(body["practice_area"], {"id": LS_MATTER_TYPE})
        self.assertEqual(body["supervising_user"], {"id": 3})
        self.assertEqual(body["billing_user"], {"id": 2})
        self.assertEqual(body["originating_user"], {"id": 3})
        self.assertIsNone(body["practice_group"])
        self.assertEqual(body["chinese_wall_kind"], 7)
        self.assertIs(body["is_recofa"], True)

    def test_optional_rows_off(self):
        self.set_config(
            sync_matter_matter_type_to_cm_field=False,
            sync_matter_practice_area_to_cm_field=False,
            sync_matter_referrer_to_cm_field=False,
            hide_billing_time_keeper=True,
            sync_matter_archive_date_field=False,
            sync_matter_soft_kill_status_field=False,
        )
        self.create_matter()
        body = self.body("POST", "matters")
        for row in (
            "matter_type",
            "practice_area",
            "referrer",
            "billing_user",
            "originating_user",
            "archived_date",
            "chinese_wall_kind",
            "is_recofa",
            "aml_required",
            "archive_information",
            "custom_fields",
            "number",
        ):
            self.assertNotIn(row, body)
        self.assertEqual(body["softkill_status"], 1)  # the new-only row

    def test_custom_fields_referrer_and_long_name_fields(self):
        self.custom_field_definitions(
            "mattercustomfielddefinitions",
            Referentie="text",
            Aanbrenger="text",
            Lang="text",
            DMS="url",
            Soort="text",
        )
        self.set_config(
            matter_custom_fields="client_reference=Referentie;DMSFORLEGAL=DMS;"
            "LookupField.SOORT=Soort",
            sync_matter_referrer_to_cm_field="Aanbrenger",
            sync_matter_long_name_to_cm_field="Lang",
        )
        field = self.env["legalsense.lookup.field"].create(
            {"code": "SOORT", "name": "Soort"}
        )
        value = self.lookup("lookup_field", "ARCH", "Archief", field_id=field.id)
        client = self.client_company()
        matter = self.run_all_jobs(
            lambda: self.Matter.create(
                self.matter_values(
                    client,
                    client_reference="REF-1",
                    long_name="Lange naam",
                    lookup_value_ids=[(6, 0, value.ids)],
                )
            )
        )
        self.run_all_jobs(
            lambda: self.ls_ref(
                matter, "x", "DMSFORLEGAL", code="https://dms.example/1"
            )
        )
        self.forget_calls()
        self.run_all_jobs(lambda: matter.write({"client_reference": "REF-2"}))
        stored = self.ls_matter(matter)
        self.assertEqual(
            stored["custom_fields"],
            {
                "Referentie": "REF-2",
                "DMS": "https://dms.example/1",
                "Soort": "ARCH",
                "Aanbrenger": "WEB",
                "Lang": "Lange naam",
            },
        )
        self.assertNotIn("referrer", self.calls()[-1][2])

    def test_aml_required_and_archive_information(self):
        self.set_config(
            sync_matter_aml_required_from_custom_field="AML",
            sync_matter_archive_number_from_cm_to_ls="RealArchiveNumber",
            sync_matter_notes_from_cm_to_ls="Text2",
            retention_period="BEWAAR",
        )
        aml = self.env["legalsense.lookup.field"].create({"code": "AML", "name": "AML"})
        keep = self.env["legalsense.lookup.field"].create(
            {"code": "BEWAAR", "name": "Bewaartermijn"}
        )
        yes = self.lookup("lookup_field", "JA", "Ja", field_id=aml.id)
        seven = self.lookup("lookup_field", "7", "Zeven jaar", field_id=keep.id)
        matter = self.create_matter(
            archive_number="1234",
            text2="Doos 4",
            lookup_value_ids=[(6, 0, (yes | seven).ids)],
        )
        body = self.body("POST", "matters")
        self.assertIs(body["aml_required"], True)
        self.assertEqual(
            body["archive_information"],
            {"notes": "Doos 4", "number": 1234, "retention_period": 7},
        )
        self.assertEqual(self.ls_matter(matter)["archive_information"]["number"], 1234)

    def test_archive_number_from_legalsense(self):
        self.set_config(
            sync_matter_archive_number_from_ls_to_cm=True,
            sync_matter_real_archive_number_from_ls_to_cm=True,
        )
        matter = self.create_matter()
        api = ApiClient(self.simulator)
        api.patch(
            f"matters/{matter.legalsense_matter_id}",
            json={"archive_information": {"notes": "A-17", "number": 88}},
        )
        with self.trapped_jobs() as trap:
            matter.write({"name": "Nieuwe naam"})
            trap.perform_enqueued_jobs()
            # Written back without an export of its own.
            self.assertFalse(trap.enqueued_jobs)
        self.assertEqual(matter.archive_number, "A-17/88")

    def test_matter_code_from_odoo(self):
        self.set_config(create_matter_use_matter_code_from_cm=True)
        client = self.client_company()
        matter = self.run_all_jobs(
            lambda: self.Matter.create(self.matter_values(client, code="2024-0007"))
        )
        self.assertEqual(self.body("POST", "matters")["number"], "2024-0007")
        self.assertEqual(self.ls_matter(matter)["number"], "2024-0007")
        generated = self.create_matter(client=client, name="Tweede zaak")
        self.assertTrue(generated.code)
        self.assertEqual(self.ls_matter(generated)["number"], generated.code)

    def test_matter_date_needs_version_above_17_10(self):
        self.simulator.set_version("17.10")
        self.create_matter()
        self.assertNotIn("date", self.body("POST", "matters"))

    def test_duplicate_name_gets_the_odoo_id(self):
        client = self.client_company()
        first = self.create_matter(client=client)
        self.forget_calls()
        second = self.create_matter(client=client)
        expected = f"Jansen / huurgeschil ({second.id})"
        self.assertEqual(self.ls_matter(second)["name"], expected)
        self.assertEqual(second.name, "Jansen / huurgeschil")
        self.assertEqual(self.ls_matter(first)["name"], "Jansen / huurgeschil")
        self.forget_calls()
        self.run_all_jobs(lambda: second.write({"client_reference": "X"}))
        self.assertEqual(self.calls()[-1][2]["name"], expected)
        self.assertEqual(len(self.call_lines()), 1)

    def test_lost_create_response_makes_one_matter(self):
        self.simulator.add_fault("POST", "matters", lost_response=True)
        matter = self.create_matter()
        self.assertEqual(len(self.ls_matters()), 1)
        self.assertEqual(matter.legalsense_matter_id, self.ls_matters()[0]["id"])
        self.assertEqual(
            [line for line in self.call_lines() if "matters" in line],
            ["POST matters", "GET matters"],
        )


@tagged("post_install", "-at_install")
class TestMatterWhenToCreate(LegalSenseMatterCase):
    def test_sync_matter_if_verified(self):
        self.set_config(sync_matter_if_verified=True)
        client = self.client_company()
        with self.trapped_jobs() as trap:
            matter = self.Matter.create(self.matter_values(client))
            self.assertFalse(trap.enqueued_jobs)
        self.run_all_jobs(matter.action_verify)
        # "new only | matter_status | MatterStatusCodeNewID": created New...
        body = self.body("POST", "matters")
        self.assertEqual(body["matter_status"], {"id": STATUS_NEW})
        # ... and Active by the sync that follows, as it is verified.
        path = f"matters/{matter.legalsense_matter_id}"
        self.assertEqual(
            self.body("PATCH", path)["matter_status"], {"id": STATUS_ACTIVE}
        )
        self.assertEqual(self.ls_matter(matter)["matter_status"], {"id": STATUS_ACTIVE})
        self.forget_calls()
        self.run_all_jobs(lambda: matter.write({"client_reference": "R-1"}))
        self.assertEqual(self.call_lines(), [f"PATCH {path}"])
        self.assertEqual(self.calls()[0][2]["client_reference"], "R-1")
        # In LegalSense now: an unverified matter still syncs, as New.
        self.run_all_jobs(lambda: matter.write({"is_verified": False}))
        self.assertEqual(self.calls()[-1][2]["matter_status"], {"id": STATUS_NEW})

    def test_a_matter_created_verified_is_created_new(self):
        """Created New ("new only" row), then Active by the sync that follows."""
        client = self.client_company()
        matter = self.create_matter(client=client, is_verified=True)
        self.assertEqual(matter.state, "active")
        ls_id = matter.legalsense_matter_id
        matter_calls = [
            (line, body["matter_status"])
            for (method, path, body), line in zip(
                self.calls(), self.call_lines(), strict=True
            )
            if line in ("POST matters", f"PATCH matters/{ls_id}")
        ]
        self.assertEqual(
            matter_calls,
            [
                ("POST matters", {"id": STATUS_NEW}),
                (f"PATCH matters/{ls_id}", {"id": STATUS_ACTIVE}),
            ],
        )
        self.assertEqual(self.ls_matter(matter)["matter_status"], {"id": STATUS_ACTIVE})
        # Nothing more to send.
        self.forget_calls()
        self.run_all_jobs(lambda: matter.write({"description": matter.description}))
        self.assertNotIn(f"PATCH matters/{ls_id}", self.call_lines())

    def test_sync_matter_enabled_for_activity_types(self):
        self.set_config(sync_matter_enabled_for_activity_types="MATTER_NOT")
        matter = self.create_matter()
        self.assertFalse(matter.legalsense_matter_id)
        self.assertFalse(self.bodies("POST", "matters"))
        notary = self.ActivityType.create({"name": "Notary", "code": "MATTER_NOT"})
        self.run_all_jobs(lambda: matter.write({"matter_activity_type_id": notary.id}))
        self.assertTrue(matter.legalsense_matter_id)

    def test_sync_matter_minimal_open_date(self):
        self.set_config(sync_matter_minimal_open_date="2024-03-05")
        matter = self.create_matter()
        self.assertFalse(matter.legalsense_matter_id)
        self.assertIn(
            "SyncMatterMinimalOpenDate",
            matter._legalsense_skip_reason(self.config),
        )
        self.run_all_jobs(lambda: matter.write({"open_date": "2024-03-05"}))
        self.assertTrue(matter.legalsense_matter_id)

    def test_required_external_application(self):
        self.set_config(sync_required_external_application="ASSYST")
        client = self.client_company()
        self.ls_ref(client, "C1", "ASSYST")
        party = self.client_company(name="Wederpartij")
        self.ls_ref(party, "C2", "ASSYST")
        matter = self.create_matter(
            client=client,
            debtor_ids=[self.debtor_line(client)],
            party_ids=[self.party_line(party, self.role_counterparty)],
        )
        self.assertFalse(matter.legalsense_matter_id)
        self.run_all_jobs(lambda: self.ls_ref(matter, "1", "ASSYST"))
        self.assertTrue(matter.legalsense_matter_id)
        # Its debtors and parties follow the matter's reference.
        self.assertTrue(matter.debtor_ids.legalsense_debtor_id)
        self.assertTrue(matter.party_ids.legalsense_matter_contact_id)
