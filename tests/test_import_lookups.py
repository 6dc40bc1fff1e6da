from odoo.tests import tagged

from .import_common import LegalSenseImportCase


@tagged("post_install", "-at_install")
class TestImportLookups(LegalSenseImportCase):
    def values(self, lookup_type):
        return self.Lookup.search(
            [("lookup_type", "=", lookup_type), ("field_id", "=", False)],
            order="legalsense_id",
        )

    def ref_of(self, record):
        return self.env["legalsense.external.ref"]._external_id(record, "LEGALSENSE")

    def test_lookup_lists_created_in_an_empty_database(self):
        run = self.run_import("lookups")
        self.assertEqual(run.state, "done")
        kinds = self.values("address_kind")
        self.assertEqual(
            [(kind.legalsense_id, kind.code, kind.name) for kind in kinds],
            [
                (1, "1", "Postadres"),
                (2, "2", "Bezoekadres"),
                (3, "3", "Factuuradres"),
                (4, "4", "Vorig adres"),
            ],
        )
        self.assertEqual(self.counts(run, "lookups", "addresskinds"), {"created": 4})
        # PracticeArea → AreaOfLaw, MatterType → MatterType (the defaults)
        self.assertEqual(len(self.values("area_of_law")), 4)
        self.assertEqual(
            self.values("matter_type").mapped("name"),
            ["Advies", "Procedure", "Transactie"],
        )
        # Sector → Segment (SyncClientSegment), ContactKind → activity roles,
        # Referrer → referrals
        self.assertEqual(len(self.values("segment")), 4)
        self.assertEqual(len(self.values("activity_role")), 5)
        self.assertEqual(len(self.values("referral")), 3)
        branches = self.line(run, "lookups", "branches")
        self.assertEqual(branches.state, "done")
        self.assertIn("SyncClientBranchesToCMField is empty", branches.message)

    def test_names_are_written_in_dutch_and_english(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.run_import("lookups")
        kind = self.values("address_kind")[:1]
        self.assertEqual(kind.with_context(lang="nl_NL").name, "Postadres")
        self.assertEqual(kind.with_context(lang="en_US").name, "Postadres")

    def test_an_item_legalsense_renumbered_gets_its_new_id(self):
        """ "The LS ID is stored or refreshed on the existing item regardless"."""
        old = self.Lookup.create(
            {
                "lookup_type": "address_kind",
                "name": "Factuuradres",
                "code": "FACTUUR",
                "legalsense_id": 33,  # LegalSense's id before it renumbered
            }
        )
        run = self.run_import("lookups")
        self.assertEqual(old.legalsense_id, 3)
        self.assertEqual(
            self.values("address_kind").mapped("name").count("Factuuradres"), 1
        )
        self.assertEqual(
            self.Lookup.search(
                [("legalsense_id", "=", 3), ("lookup_type", "=", "address_kind")]
            ),
            old,
        )
        self.assertEqual(run.state, "done")

    def test_matching_by_ls_id_code_and_name(self):
        by_id = self.Lookup.create(
            {
                "lookup_type": "address_kind",
                "name": "Post",
                "code": "P",
                "legalsense_id": 1,
            }
        )
        by_code = self.Lookup.create(
            {"lookup_type": "address_kind", "name": "Visit", "code": "2"}
        )
        by_name = self.Lookup.create(
            {"lookup_type": "address_kind", "name": "FACTUURADRES", "code": "F"}
        )
        run = self.run_import("lookups")
        self.assertEqual(
            self.counts(run, "lookups", "addresskinds"),
            {"created": 1, "linked": 2, "skipped": 1},
        )
        self.assertEqual(by_code.legalsense_id, 2)
        self.assertEqual(by_name.legalsense_id, 3)
        # not overwritten without Overwrite
        self.assertEqual(
            (by_id.name, by_code.name, by_name.name), ("Post", "Visit", "FACTUURADRES")
        )
        self.assertEqual(len(self.values("address_kind")), 4)

    def test_overwrite_updates_names(self):
        kind = self.Lookup.create(
            {"lookup_type": "address_kind", "name": "Post", "legalsense_id": 1}
        )
        run = self.run_import("lookups", overwrite=True)
        self.assertEqual(kind.name, "Postadres")
        self.assertEqual(
            self.counts(run, "lookups", "addresskinds"), {"created": 3, "updated": 1}
        )

    def test_ls_id_is_refreshed_on_a_code_match(self):
        kind = self.Lookup.create(
            {"lookup_type": "referral", "name": "Netwerk", "code": "NET"}
        )
        self.run_import("lookups")
        self.assertEqual(kind.legalsense_id, 3)

    def test_a_value_of_an_ls_id_no_longer_listed_is_matched_by_name(self):
        """The manual: the LS ID is refreshed "regardless"; a value holding an
        id LegalSense no longer lists (renumbered) takes the listed one."""
        renumbered = self.Lookup.create(
            {"lookup_type": "referral", "name": "Website", "legalsense_id": 99}
        )
        self.run_import("lookups")
        websites = self.Lookup.search(
            [("lookup_type", "=", "referral"), ("name", "=", "Website")]
        )
        self.assertEqual(websites, renumbered)
        self.assertNotEqual(renumbered.legalsense_id, 99)

    def test_a_second_run_creates_nothing(self):
        self.run_import("lookups")
        count = self.Lookup.search_count([])
        run = self.run_import("lookups")
        self.assertEqual(self.Lookup.search_count([]), count)
        for line in run.line_ids.filtered(lambda line: line.step == "lookups"):
            self.assertFalse(
                line.created or line.linked or line.failed, line.record_type
            )

    def test_dry_run_writes_nothing(self):
        run = self.run_import("lookups", dry_run=True)
        self.assertEqual(run.state, "done")
        self.assertFalse(self.Lookup.search_count([("legalsense_id", "!=", 0)]))
        self.assertEqual(self.counts(run, "lookups", "addresskinds"), {"created": 4})
        self.assertEqual(self.counts(run, "lookups", "contactkinds"), {"created": 5})
        self.assertIn("nothing was written", run.summary)

    def test_practice_area_and_matter_type_settings(self):
        self.config.write(
            {
                "sync_matter_practice_area_to_cm_field": "MatterType",
                "sync_matter_matter_type_to_cm_field": False,
            }
        )
        run = self.run_import("lookups")
        self.assertEqual(
            self.values("matter_type").mapped("name"),
            ["Arbeidsrecht", "Ondernemingsrecht", "Vastgoed", "Familierecht"],
        )
        self.assertFalse(self.values("area_of_law"))
        self.assertIn(
            "SyncMatterMatterTypeToCMField is empty",
            self.line(run, "lookups", "mattertypes").message,
        )

    def test_sector_to_industry(self):
        self.config.sync_client_sector_to_cm_field = "Industry"
        industries = self.env["res.partner.industry"]
        existing = industries.create({"name": "bouw"})
        run = self.run_import("lookups")
        self.assertEqual(self.ref_of(existing), "2")
        bouw = industries.search([("name", "=ilike", "Zorg")])
        self.assertEqual(self.ref_of(bouw), "3")
        self.assertEqual(
            self.counts(run, "lookups", "sectors"), {"created": 3, "linked": 1}
        )
        self.assertFalse(self.values("segment"))

    def test_sector_skipped_without_segment_sync(self):
        self.config.sync_client_segment = False
        run = self.run_import("lookups")
        self.assertFalse(self.values("segment"))
        self.assertIn(
            "SyncClientSegment is off", self.line(run, "lookups", "sectors").message
        )

    def test_branches_to_tags(self):
        self.config.sync_client_branches_to_cm_field = "Tag"
        self.run_import("lookups")
        tag = self.env["res.partner.category"].search([("name", "=", "ICT")])
        self.assertEqual(self.ref_of(tag), "1")

    def test_sector_to_interests_or_stock_exchanges(self):
        self.config.write(
            {"sync_client_segment": False, "sync_client_sector_to_cm_field": "Interest"}
        )
        run = self.run_import("lookups")
        interests = self.values("interest")
        self.assertEqual(interests.mapped("legalsense_id"), [1, 2, 3, 4])
        self.assertEqual(
            interests.mapped("name"),
            ["Zakelijke dienstverlening", "Bouw", "Zorg", "Overheid"],
        )
        self.assertEqual(self.counts(run, "lookups", "sectors"), {"created": 4})
        self.assertFalse(self.values("segment"))
        self.config.sync_client_sector_to_cm_field = "StockExchange"
        self.run_import("lookups")
        self.assertEqual(len(self.values("stock_exchange")), 4)

    def test_branches_to_tags_2(self):
        """Tag2 is a target wherever Tag is one (Tags 2 are partner tags)."""
        self.config.sync_client_branches_to_cm_field = "Tag2"
        ict = self.env["res.partner.category"].create({"name": "ict"})
        run = self.run_import("lookups")
        self.assertEqual(
            self.counts(run, "lookups", "branches"), {"created": 2, "linked": 1}
        )
        self.assertEqual(self.ref_of(ict), "1")
        transport = self.env["res.partner.category"].search(
            [("name", "=", "Transport en logistiek")]
        )
        self.assertEqual(self.ref_of(transport), "3")

    def test_sectors_to_tags_2(self):
        self.config.sync_client_sector_to_cm_field = "Tag2"
        run = self.run_import("lookups")
        self.assertEqual(self.counts(run, "lookups", "sectors"), {"created": 4})
        zorg = self.env["res.partner.category"].search([("name", "=", "Zorg")])
        self.assertEqual(self.ref_of(zorg), "3")
        self.assertFalse(self.values("segment"))

    def test_branches_to_a_lookup_field(self):
        self.config.sync_client_branches_to_cm_field = "BRANCHE"
        run = self.run_import("lookups")
        field = self.env["legalsense.lookup.field"].search([("code", "=", "BRANCHE")])
        self.assertEqual(
            field.value_ids.sorted("legalsense_id").mapped("name"),
            ["ICT", "Detailhandel", "Transport en logistiek"],
        )
        self.assertEqual(self.counts(run, "lookups", "branches"), {"created": 3})

    def test_languages_are_activated_and_linked(self):
        run = self.run_import("lookups")
        dutch = self.env["res.lang"]._lang_get("nl_NL")
        self.assertTrue(dutch.active)
        self.assertEqual(self.ref_of(dutch), "nl")
        english = self.env["res.lang"]._lang_get("en_US")
        self.assertEqual(self.ref_of(english), "en")
        self.assertEqual(self.line(run, "languages").state, "done")

    def test_address_templates_are_applied(self):
        run = self.run_import("lookups")
        self.assertEqual(self.ref_of(self.env.ref("base.nl")), "2")
        self.assertEqual(self.ref_of(self.env.ref("base.de")), "6")
        self.assertEqual(self.line(run, "address_templates").updated, 14)
        self.assertTrue(self.config.address_templates_imported)

    def test_new_activity_roles_are_added_to_every_matter_activity_type(self):
        existing_role = self.Lookup.create(
            {"lookup_type": "activity_role", "name": "Cliënt", "legalsense_id": 1}
        )
        advice = self.env["legal.matter.activity.type"].create(
            {"name": "Advies", "code": "MATTER_ADV"}
        )
        notary = self.env["legal.matter.activity.type"].create(
            {"name": "Notariaat", "code": "MATTER_NOT"}
        )
        self.run_import("lookups")
        new_roles = self.values("activity_role") - existing_role
        self.assertEqual(len(new_roles), 4)
        self.assertEqual(advice.activity_role_ids, new_roles)
        self.assertEqual(notary.activity_role_ids, new_roles)

    def test_failing_list_fails_its_line_only(self):
        self.simulator.add_fault("GET", "sectors", status=400)
        run = self.run_import("lookups")
        self.assertEqual(run.state, "failed")
        self.assertEqual(self.line(run, "lookups", "sectors").state, "failed")
        self.assertEqual(self.line(run, "lookups", "referrers").state, "done")
        self.assertEqual(len(self.values("referral")), 3)
