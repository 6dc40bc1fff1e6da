from unittest import mock

from odoo import conf
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from .common import LegalSenseConfigCase

CUSTOM_FIELD_SETTINGS = (
    "company_custom_fields",
    "person_custom_fields",
    "matter_custom_fields",
)


@tagged("post_install", "-at_install")
class TestLegalSenseConfigValidation(LegalSenseConfigCase):
    def assertRefused(self, values, *fragments):
        """Writing ``values`` fails with a message containing every fragment."""
        with self.assertRaises(ValidationError) as raised:
            self.config.write(values)
        message = str(raised.exception)
        for fragment in fragments:
            self.assertIn(fragment, message)
        return message

    # ------------------------------------------------------------ url / enabled

    def test_url_is_normalised_on_save(self):
        cases = {
            "https://epona.legalsense.nl/": "https://epona.legalsense.nl/api/v3/",
            "https://epona.legalsense.nl": "https://epona.legalsense.nl/api/v3/",
            "https://epona.legalsense.nl/api/v3/": "https://epona.legalsense.nl/api/v3/",
            "https://epona.legalsense.nl/api/v1/": "https://epona.legalsense.nl/api/v3/",
            "https://epona.legalsense.nl/api/v1": "https://epona.legalsense.nl/api/v3/",
            " epona.legalsense.nl ": "https://epona.legalsense.nl/api/v3/",
            "": False,
            False: False,
        }
        for typed, stored in cases.items():
            with self.subTest(url=typed):
                self.config.url = typed
                self.assertEqual(self.config.url, stored)
        config = self.new_config(url="https://x.legalsense.nl/api/v1/")
        self.assertEqual(config.url, "https://x.legalsense.nl/api/v3/")

    def test_enabled_needs_a_url_and_not_disabled(self):
        self.assertTrue(self.config.is_enabled)
        self.assertTrue(self.config._is_enabled())
        self.config.disabled = True
        self.assertFalse(self.config.is_enabled)
        self.assertFalse(self.config._is_enabled())
        self.config.write({"disabled": False, "url": False})
        self.assertFalse(self.config.is_enabled)
        self.assertFalse(self.config._is_enabled())
        self.assertFalse(self.Config.browse()._is_enabled())

    def test_job_runner_warning(self):
        for modules, configured in (
            (["base", "web", "queue_job"], True),
            (["base", "web"], False),
        ):
            with (
                self.subTest(modules=modules),
                mock.patch.object(conf, "server_wide_modules", modules),
            ):
                self.config.invalidate_recordset(["job_runner_configured"])
                self.assertEqual(self.config.job_runner_configured, configured)

    def test_get_config_per_company(self):
        Config = self.Config.with_company(self.company)
        self.assertEqual(Config._get_config(), self.config)
        self.assertEqual(self.Config._get_config(self.company), self.config)
        self.assertEqual(Config._get_enabled_config(), self.config)
        self.config.disabled = True
        self.assertFalse(Config._get_enabled_config())
        self.assertEqual(Config._get_config(), self.config)
        other = self.env["res.company"].create({"name": "Zonder LegalSense"})
        self.assertFalse(self.Config._get_config(other))
        self.assertFalse(self.Config._get_enabled_config(other))

    # ------------------------------------------------------------ custom fields

    def test_custom_fields_accept_the_manual_syntax(self):
        text = (
            "ref=Reference;LookupField.WWFT=WWFT;LookupField.Expertise.Parent=Expertise;"
            "LookupField.Expertise.Root=ExpertiseRoot;DMSFORLEGAL=Dossier;"
            "IndustryCode.Root=SBI"
        )
        for name in CUSTOM_FIELD_SETTINGS:
            with self.subTest(setting=name):
                self.config.write({name: text})
                self.config.write({name: False})

    def test_custom_fields_refuse_bad_syntax(self):
        cases = {
            "ref": "'ref' has no '='",
            "LookupField.WWFT.Top=WWFT": "'Top' is not a level",
            "ref.Parent=Reference": "only LookupField.<code> and IndustryCode",
            "LookupField=WWFT": "write LookupField.<code>",
            "ref=": "no LegalSense custom field name",
        }
        for name in CUSTOM_FIELD_SETTINGS:
            label = self.Config._fields[name].string
            for text, problem in cases.items():
                with self.subTest(setting=name, text=text):
                    self.assertRefused(
                        {name: text},
                        label,
                        problem,
                        "LookupField.<code>[.Parent|.Root]=<LS name>",
                    )

    # ------------------------------------------------------------ other syntaxes

    def test_country_mapping(self):
        self.config.import_country_mapping = "The Netherlands=NL;Germany=DE"
        self.assertRefused(
            {"import_country_mapping": "Germany=DEU"},
            "Import Country Mapping",
            "'DEU' (for 'Germany') is not an ISO2 country code",
            "<LS country name>=<ISO2 code>",
        )
        self.assertRefused({"import_country_mapping": "Germany"}, "has no '='")

    def test_archive_number_directions_are_exclusive(self):
        self.config.sync_matter_archive_number_from_cm_to_ls = "ArchiveNumber"
        for name in (
            "sync_matter_archive_number_from_ls_to_cm",
            "sync_matter_real_archive_number_from_ls_to_cm",
        ):
            with self.subTest(setting=name):
                self.assertRefused({name: True}, "mutually exclusive", "one direction")
        self.config.write(
            {
                "sync_matter_archive_number_from_cm_to_ls": False,
                "sync_matter_archive_number_from_ls_to_cm": True,
                "sync_matter_real_archive_number_from_ls_to_cm": True,
            }
        )
        self.assertRefused(
            {"sync_matter_archive_number_from_cm_to_ls": "RealArchiveNumber"},
            "mutually exclusive",
        )

    def test_default_tax_country_code(self):
        self.config.default_tax_country_code = "be"
        self.assertEqual(self.config.default_tax_country_code, "BE")
        for code in ("NLD", "N", "1L"):
            with self.subTest(code=code):
                self.assertRefused(
                    {"default_tax_country_code": code},
                    "Default Tax Country Code",
                    "is not an ISO2 country code",
                    "two letters",
                )

    def test_default_address_template(self):
        for template in (1, 18):
            self.config.default_address_template = template
        for template in (0, 19, -1):
            with self.subTest(template=template):
                self.assertRefused(
                    {"default_address_template": template},
                    "Default Address Template",
                    "from 1 to 18",
                )

    def test_numbers(self):
        self.config.cleanup_log_directory = 0
        self.assertRefused(
            {"cleanup_log_directory": -1}, "cannot be negative", "0 (never clean up)"
        )
        self.assertRefused({"page_size": 0}, "Page Size", "1 to 500")
        self.assertRefused({"page_size": 501}, "Page Size", "1 to 500")
        self.assertRefused({"timeout": 0}, "Timeout", "1 second or more")
        self.assertRefused(
            {"matter_status_code_new_id": -2},
            "New matter status ID",
            "is not a LegalSense ID",
        )

    def test_branches_field_or_lookup_code(self):
        for value in ("Industry", "IndustryCode", "Segment", "Tag", "Tag2", "SBI_1"):
            self.config.sync_client_branches_to_cm_field = value
        self.assertRefused(
            {"sync_client_branches_to_cm_field": "Industry Code"},
            "Client branches from",
            "'Industry Code' is neither a supported field nor a code",
            "Industry, IndustryCode, Segment, Tag, Tag2",
        )

    def test_originator_field_or_contact_kind(self):
        for value in ("Originator", "Owner", "OwnerSub", "12"):
            self.config.sync_matter_originator_to_cm_field = value
        for value in ("Partner", "0", "-3", "owner"):
            with self.subTest(value=value):
                self.assertRefused(
                    {"sync_matter_originator_to_cm_field": value},
                    "Matter originator from",
                    "contact_kind ID",
                )

    def test_referrer_and_long_name(self):
        self.config.sync_matter_referrer_to_cm_field = "Aanbrenger"
        self.config.sync_matter_long_name_to_cm_field = "Lange naam"
        self.config.sync_matter_long_name_to_cm_field = "Name"
        self.assertRefused(
            {"sync_matter_referrer_to_cm_field": "Referrer"},
            "write 'referrer' exactly",
        )
        self.assertRefused(
            {"sync_matter_long_name_to_cm_field": "name"}, "write 'Name' exactly"
        )
        self.assertRefused(
            {"sync_matter_referrer_to_cm_field": "a=b"},
            "Matter referrer to",
            "is not a custom field name",
        )

    def test_choice_lists(self):
        self.config.write(
            {
                "new_matter_send_email": "CreatedBy, OwnerSub, Owner",
                "change_matter_send_email": "ModifiedBy;Originator",
                "view_owner": "Person,Company",
                "create_new_for_type": "Company",
            }
        )
        cases = {
            "new_matter_send_email": ("Boss", "CreatedBy, ModifiedBy"),
            "change_matter_send_email": ("modifiedby", "CreatedBy, ModifiedBy"),
            "view_owner": ("Employee", "Person, Company"),
            "show_referrals": ("Matter", "Person, Company"),
            "show_segments": ("Matter", "Person, Company"),
            "create_new_for_type": ("Matter", "Person, Company, Employee"),
        }
        for name, (value, allowed) in cases.items():
            with self.subTest(setting=name):
                self.assertRefused(
                    {name: f"Person,{value}" if "Person" in allowed else value},
                    f"'{value}' is not one of {allowed}",
                    "comma-separated list",
                )

    def test_data_steward_is_internal(self):
        steward = new_test_user(self.env, "steward", groups="base.group_user")
        self.config.data_steward_id = steward
        portal = new_test_user(self.env, "portal_user", groups="base.group_portal")
        self.assertRefused(
            {"data_steward_id": portal.id},
            "Data steward",
            "is not an internal user",
        )

    def test_code_lists(self):
        self.config.sync_matter_enabled_for_activity_types = "MATTER_ADV,MATTER_NOT"
        self.config.sync_matter_enable_recofa_for_matter_types = "FAIL; SURS"
        for name in (
            "sync_matter_enabled_for_activity_types",
            "sync_matter_enable_recofa_for_matter_types",
        ):
            with self.subTest(setting=name):
                self.assertRefused({name: "MATTER ADV"}, "'MATTER ADV' is not a code")
