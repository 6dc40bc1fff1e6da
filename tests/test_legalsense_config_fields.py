import datetime

from psycopg2 import IntegrityError

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import LegalSenseConfigCase

# Every setting of the manual's Configuration Reference and its field.
MANUAL_SETTINGS = {
    "Url": "url",
    "UserName": "username",
    "Password": "password",
    "BearerToken": "bearer_token",
    "ClientIdentifier": "client_identifier",
    "ClientToken": "client_token",
    "Disabled": "disabled",
    "ImportCountryMapping": "import_country_mapping",
    "ImportUsersIsDisabled": "import_users_is_disabled",
    "ImportUsersCreateContactFolder": "import_users_create_contact_folder",
    "ImportUsersUseEmailAddressPartForUsername": (
        "import_users_use_email_address_part_for_username"
    ),
    "ImportUsersSkipInactiveUsers": "import_users_skip_inactive_users",
    "ImportChangedClientsIsEnabled": "import_changed_clients_is_enabled",
    "SyncRequiredExternalApplication": "sync_required_external_application",
    "CleanupLogDirectory": "cleanup_log_directory",
    "Debug": "debug",
    "AddressKindsInActive": "address_kinds_in_active",
    "DefaultAddressKind": "default_address_kind",
    "DefaultAddressKindPostalAddress": "default_address_kind_postal_address",
    "DefaultAddressKindVisitorAddress": "default_address_kind_visitor_address",
    "DefaultAddressTemplate": "default_address_template",
    "UseClientCode": "use_client_code",
    "PersonSalutationOverwrite": "person_salutation_overwrite",
    "PersonAttentionOverwrite": "person_attention_overwrite",
    "PersonAttentionOverwriteWithCustomAttention": (
        "person_attention_overwrite_with_custom_attention"
    ),
    "SyncPersonSuffix": "sync_person_suffix",
    "SyncClientOriginatingUserToCMField": "sync_client_originating_user_to_cm_field",
    "SyncClientReferral": "sync_client_referral",
    "SyncClientSegment": "sync_client_segment",
    "SyncClientSectorToCMField": "sync_client_sector_to_cm_field",
    "SyncClientBranchesToCMField": "sync_client_branches_to_cm_field",
    "SyncClientBillingInstructions": "sync_client_billing_instructions",
    "SyncClientStatusId": "sync_client_status_id",
    "ClientStatusCodeActiveID": "client_status_code_active_id",
    "ClientStatusCodeClosedID": "client_status_code_closed_id",
    "ContactDetailsKindToEmailID": "contact_details_kind_to_email_id",
    "ContactDetailsKindCCEmailID": "contact_details_kind_cc_email_id",
    "NoDunningLookupFieldValueCode": "no_dunning_lookup_field_value_code",
    "SyncCompanyUseDisplayName": "sync_company_use_display_name",
    "SyncCompanyContactUseOfficialName": "sync_company_contact_use_official_name",
    "SyncCompanyUseAliasToAlternativeName": (
        "sync_company_use_alias_to_alternative_name"
    ),
    "CreateClientUseClientCodeFromExternalApplication": (
        "create_client_use_client_code_from_external_application"
    ),
    "AbbreviationToExternalApplication": "abbreviation_to_external_application",
    "DefaultTaxCountryCode": "default_tax_country_code",
    "SyncToDefaultThenCustom": "sync_to_default_then_custom",
    "CompanyCustomFields": "company_custom_fields",
    "PersonCustomFields": "person_custom_fields",
    "NewMatterChangeOwnerForClient": "new_matter_change_owner_for_client",
    "NewMatterSendEmail": "new_matter_send_email",
    "ChangeMatterSendEmail": "change_matter_send_email",
    "MatterContactActivityRoleCodeForClient": (
        "matter_contact_activity_role_code_for_client"
    ),
    "SyncMatterIfVerified": "sync_matter_if_verified",
    "SyncMatterEnabledForActivityTypes": "sync_matter_enabled_for_activity_types",
    "SyncMatterMinimalOpenDate": "sync_matter_minimal_open_date",
    "UseOwnerForMatterPracticeGroup": "use_owner_for_matter_practice_group",
    "DisablePracticeGroup": "disable_practice_group",
    "MarkMatterAsRemoved": "mark_matter_as_removed",
    "SyncMatterDescriptionToCMDescription": (
        "sync_matter_description_to_cm_description"
    ),
    "SyncMatterPracticeAreaToCMField": "sync_matter_practice_area_to_cm_field",
    "SyncMatterMatterTypeToCMField": "sync_matter_matter_type_to_cm_field",
    "SyncMatterReferrerToCMField": "sync_matter_referrer_to_cm_field",
    "SyncMatterOriginatorToCMField": "sync_matter_originator_to_cm_field",
    "SyncMatterSupervisingUserToCMField": "sync_matter_supervising_user_to_cm_field",
    "SyncMatterBillingUserToCMField": "sync_matter_billing_user_to_cm_field",
    "SyncMatterLongNameToCMField": "sync_matter_long_name_to_cm_field",
    "SyncMatterEnableRecofaForMatterTypes": (
        "sync_matter_enable_recofa_for_matter_types"
    ),
    "SyncMatterAmlRequiredFromCustomField": (
        "sync_matter_aml_required_from_custom_field"
    ),
    "CreateMatterUseMatterCodeFromCM": "create_matter_use_matter_code_from_cm",
    "SyncMatterPayorDepartmentToAddress": "sync_matter_payor_department_to_address",
    "SyncMatterArchiveDateField": "sync_matter_archive_date_field",
    "SyncMatterSoftKillStatusField": "sync_matter_soft_kill_status_field",
    "MatterStatusCodeNewID": "matter_status_code_new_id",
    "MatterStatusCodeActiveID": "matter_status_code_active_id",
    "MatterStatusCodeClosedID": "matter_status_code_closed_id",
    "MatterStatusCodeArchivedID": "matter_status_code_archived_id",
    "SyncMatterArchiveNumberFromLStoCM": "sync_matter_archive_number_from_ls_to_cm",
    "SyncMatterRealArchiveNumberFromLStoCM": (
        "sync_matter_real_archive_number_from_ls_to_cm"
    ),
    "SyncMatterArchiveNumberFromCMtoLS": "sync_matter_archive_number_from_cm_to_ls",
    "SyncMatterNotesFromCMtoLS": "sync_matter_notes_from_cm_to_ls",
    "SyncMatterChineseWallFromActivityType": (
        "sync_matter_chinese_wall_from_activity_type"
    ),
    "MatterCustomFields": "matter_custom_fields",
    "RetentionPeriod": "retention_period",
}

# The manual's defaults; a setting without one is empty (False, 0, no value).
MANUAL_DEFAULTS = {
    "url": False,
    "username": False,
    "password": False,
    "bearer_token": False,
    "client_identifier": False,
    "client_token": False,
    "disabled": False,
    "import_country_mapping": False,
    "import_users_is_disabled": False,
    "import_users_create_contact_folder": False,
    "import_users_use_email_address_part_for_username": False,
    "import_users_skip_inactive_users": False,
    "import_changed_clients_is_enabled": False,
    "sync_required_external_application": False,
    "cleanup_log_directory": 15,
    "debug": False,
    "address_kinds_in_active": "Vorig adres",
    "default_address_kind": 1,
    "default_address_kind_postal_address": 0,
    "default_address_kind_visitor_address": 0,
    "default_address_template": 4,
    "use_client_code": True,
    "person_salutation_overwrite": True,
    "person_attention_overwrite": False,
    "person_attention_overwrite_with_custom_attention": False,
    "sync_person_suffix": False,
    "sync_client_originating_user_to_cm_field": "OwnerSub",
    "sync_client_referral": True,
    "sync_client_segment": True,
    "sync_client_sector_to_cm_field": False,
    "sync_client_branches_to_cm_field": False,
    "sync_client_billing_instructions": False,
    "sync_client_status_id": 0,
    "client_status_code_active_id": 1,
    "client_status_code_closed_id": 2,
    "contact_details_kind_to_email_id": 1,
    "contact_details_kind_cc_email_id": 1,
    "no_dunning_lookup_field_value_code": False,
    "sync_company_use_display_name": False,
    "sync_company_contact_use_official_name": False,
    "sync_company_use_alias_to_alternative_name": False,
    "create_client_use_client_code_from_external_application": False,
    "abbreviation_to_external_application": False,
    "default_tax_country_code": "NL",
    "sync_to_default_then_custom": False,
    "company_custom_fields": False,
    "person_custom_fields": False,
    "new_matter_change_owner_for_client": False,
    "new_matter_send_email": "CreatedBy,OwnerSub",
    "change_matter_send_email": "ModifiedBy",
    "matter_contact_activity_role_code_for_client": "Client",
    "sync_matter_if_verified": False,
    "sync_matter_enabled_for_activity_types": False,
    "sync_matter_minimal_open_date": False,
    "use_owner_for_matter_practice_group": False,
    "disable_practice_group": False,
    "mark_matter_as_removed": False,
    "sync_matter_description_to_cm_description": False,
    "sync_matter_practice_area_to_cm_field": "AreaOfLaw",
    "sync_matter_matter_type_to_cm_field": "MatterType",
    "sync_matter_referrer_to_cm_field": "referrer",
    "sync_matter_originator_to_cm_field": False,
    "sync_matter_supervising_user_to_cm_field": "Owner",
    "sync_matter_billing_user_to_cm_field": "OwnerSub",
    "sync_matter_long_name_to_cm_field": False,
    "sync_matter_enable_recofa_for_matter_types": False,
    "sync_matter_aml_required_from_custom_field": False,
    "create_matter_use_matter_code_from_cm": False,
    "sync_matter_payor_department_to_address": False,
    "sync_matter_archive_date_field": "CloseDate",
    "sync_matter_soft_kill_status_field": "CloseDate",
    "matter_status_code_new_id": 0,
    "matter_status_code_active_id": 0,
    "matter_status_code_closed_id": 0,
    "matter_status_code_archived_id": 0,
    "sync_matter_archive_number_from_ls_to_cm": False,
    "sync_matter_real_archive_number_from_ls_to_cm": False,
    "sync_matter_archive_number_from_cm_to_ls": False,
    "sync_matter_notes_from_cm_to_ls": False,
    "sync_matter_chinese_wall_from_activity_type": False,
    "matter_custom_fields": False,
    "retention_period": False,
    # Setup / General configuration, CM display options and client tuning
    "windows_domain_name": False,
    "show_bank_account_number": False,
    "show_company_peppol_number": False,
    "show_person_tax_number": False,
    "view_owner": False,
    "billing_address_type_code": False,
    "show_debtor_bill_reference": False,
    "debtor_hide_department": False,
    "show_debtor_bill_email_address": False,
    "show_debtor_bill_email_address_existing_email_addresses_only": False,
    "show_debtor_dunning_email_address": False,
    "hide_billing_time_keeper": False,
    "archive_matter_role": False,
    "show_matter_type": "visible",
    "show_area_of_law": "visible",
    "hide_department": False,
    "show_multiple_matter_payors": True,
    "hide_currency": True,
    "create_new_for_type": "Person,Company,Employee",
    "show_referrals": "Person,Company",
    "show_segments": "Person,Company",
    "page_size": 100,
    "timeout": 60,
}

# Settings whose values come from a fixed list: the manual's literal values.
SELECTIONS = {
    "sync_client_originating_user_to_cm_field": ["Owner", "OwnerSub"],
    "sync_client_sector_to_cm_field": [
        "Industry",
        "IndustryCode",
        "Interest",
        "Segment",
        "Tag",
        "Tag2",
        "Referral",
        "StockExchange",
    ],
    "sync_matter_practice_area_to_cm_field": ["MatterType", "AreaOfLaw"],
    "sync_matter_matter_type_to_cm_field": ["MatterType", "AreaOfLaw"],
    "sync_matter_supervising_user_to_cm_field": ["Originator", "Owner", "OwnerSub"],
    "sync_matter_billing_user_to_cm_field": ["Originator", "Owner", "OwnerSub"],
    "sync_matter_archive_date_field": ["CloseDate", "ArchiveDate"],
    "sync_matter_soft_kill_status_field": ["CloseDate", "ArchiveDate"],
    "sync_matter_archive_number_from_cm_to_ls": ["ArchiveNumber", "RealArchiveNumber"],
    "sync_matter_notes_from_cm_to_ls": ["Text1", "Text2"],
    "show_matter_type": ["visible", "required", "not_visible"],
    "show_area_of_law": ["visible", "required", "not_visible"],
}


@tagged("post_install", "-at_install")
class TestLegalSenseConfigFields(LegalSenseConfigCase):
    def test_every_manual_setting_is_a_field(self):
        fields = self.Config._fields
        for setting, name in MANUAL_SETTINGS.items():
            with self.subTest(setting=setting):
                self.assertIn(name, fields)
                self.assertTrue(fields[name].help, f"{name} has no help")

    def test_the_table_covers_the_configuration_reference(self):
        self.assertEqual(len(MANUAL_SETTINGS), 82)
        self.assertLessEqual(set(MANUAL_SETTINGS.values()), set(MANUAL_DEFAULTS))

    def test_defaults_are_the_manuals(self):
        config = self.new_config()
        for name, default in MANUAL_DEFAULTS.items():
            with self.subTest(field=name):
                self.assertEqual(config[name], default)

    def test_field_types(self):
        fields = self.Config._fields
        expected = {
            "sync_matter_if_verified": "boolean",
            "matter_status_code_new_id": "integer",
            "contact_details_kind_to_email_id": "integer",
            "default_address_template": "integer",
            "cleanup_log_directory": "integer",
            "sync_matter_minimal_open_date": "date",
            "sync_client_branches_to_cm_field": "char",
            "sync_matter_originator_to_cm_field": "char",
            "sync_matter_referrer_to_cm_field": "char",
            "sync_matter_long_name_to_cm_field": "char",
            "data_steward_id": "many2one",
        }
        for name, field_type in {
            **expected,
            **dict.fromkeys(SELECTIONS, "selection"),
        }.items():
            with self.subTest(field=name):
                self.assertEqual(fields[name].type, field_type)

    def test_selection_values_are_the_manuals(self):
        for name, values in SELECTIONS.items():
            with self.subTest(field=name):
                keys = [key for key, _label in self.Config._fields[name].selection]
                self.assertEqual(keys, values)

    def test_minimal_open_date_is_a_date(self):
        self.config.sync_matter_minimal_open_date = "2024-01-01"
        self.assertEqual(
            self.config.sync_matter_minimal_open_date, datetime.date(2024, 1, 1)
        )

    def test_data_steward_is_an_internal_user(self):
        domain = self.Config._fields["data_steward_id"].domain
        self.assertEqual(domain, [("share", "=", False)])

    def test_one_config_per_company(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
        ):
            self.Config.create({"company_id": self.company.id})

    def test_company_defaults_to_the_current_company(self):
        company = self.env["res.company"].create({"name": "Notaris"})
        config = self.Config.with_company(company).create({})
        self.assertEqual(config.company_id, company)
