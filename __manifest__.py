# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "LegalSense",
    "summary": "Two-way sync between Odoo and the LegalSense practice-management "
    "and legal-accounting system",
    "version": "18.0.1.0.0",
    "category": "Services/Legal",
    "website": "https://github.com/legalsense/legalsense",
    "author": "legalsense contributors",
    "license": "AGPL-3",
    "application": True,
    "installable": True,
    "depends": [
        "base",
        "mail",
        "contacts",
        "hr",
        "queue_job",
        "partner_firstname",
        "l10n_nl_partner_name",
        "partner_contact_gender",
        "partner_contact_birthdate",
    ],
    "external_dependencies": {
        "python": ["requests", "cryptography", "xlsxwriter"],
    },
    "data": [
        "security/legalsense_groups.xml",
        "security/ir.model.access.csv",
        "security/legalsense_config_security.xml",
        "security/legal_matter_security.xml",
        "security/legalsense_import_security.xml",
        "data/queue_job_channel_data.xml",
        "data/queue_job_function_data.xml",
        "data/ir_sequence_data.xml",
        "data/legal_matter_data.xml",
        "data/legalsense_import_data.xml",
        "data/legalsense_import_cron.xml",
        "views/legalsense_config_views.xml",
        "views/res_partner_views.xml",
        "views/res_partner_industry_views.xml",
        "views/res_partner_category_views.xml",
        "views/res_users_views.xml",
        "views/legalsense_configuration_templates.xml",
        "views/legalsense_menus.xml",
        "views/legal_matter_views.xml",
        "views/legal_matter_activity_type_views.xml",
        "views/legalsense_import_views.xml",
        "views/legalsense_import_wizard_views.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "legalsense/static/src/fields/*",
        ],
        "web.assets_tests": [
            "legalsense/static/src/js/tours/*.js",
        ],
    },
    "demo": [
        "demo/legalsense_config_demo.xml",
    ],
}
