"""MatterSettings: the manual's defaults and reading them from a config record."""

import datetime
from types import SimpleNamespace

import pytest

from legalsense_mapping.matter_settings import MatterSettings


def test_defaults_are_the_manuals():
    settings = MatterSettings()
    assert settings.matter_contact_activity_role_code_for_client == "Client"
    assert settings.sync_matter_practice_area_to_cm_field == "AreaOfLaw"
    assert settings.sync_matter_matter_type_to_cm_field == "MatterType"
    assert settings.sync_matter_referrer_to_cm_field == "referrer"
    assert settings.sync_matter_supervising_user_to_cm_field == "Owner"
    assert settings.sync_matter_billing_user_to_cm_field == "OwnerSub"
    assert settings.sync_matter_archive_date_field == "CloseDate"
    assert settings.sync_matter_soft_kill_status_field == "CloseDate"
    assert settings.matter_status_code_new_id == 0


def test_from_config_reads_odoo_values():
    config = SimpleNamespace(
        sync_matter_archive_date_field=False,
        matter_status_code_closed_id=3,
        sync_matter_if_verified=True,
        sync_matter_minimal_open_date=datetime.date(2024, 1, 1),
        sync_matter_long_name_to_cm_field=" Name ",
        matter_status_code_new_id=False,
    )
    settings = MatterSettings.from_config(config)
    # Odoo's empty value disables; a missing attribute keeps the default
    assert settings.sync_matter_archive_date_field == ""
    assert settings.sync_matter_soft_kill_status_field == "CloseDate"
    assert settings.matter_status_code_closed_id == 3
    assert settings.matter_status_code_new_id == 0
    assert settings.sync_matter_if_verified is True
    assert settings.sync_matter_minimal_open_date == datetime.date(2024, 1, 1)
    assert settings.sync_matter_long_name_to_cm_field == "Name"


def test_from_config_reads_text_dates_and_refuses_bad_words():
    config = SimpleNamespace(
        sync_matter_minimal_open_date="2024-02-03", sync_matter_if_verified="ja"
    )
    settings = MatterSettings.from_config(config)
    assert settings.sync_matter_minimal_open_date == datetime.date(2024, 2, 3)
    assert settings.sync_matter_if_verified is True
    with pytest.raises(ValueError, match="sync_matter_if_verified"):
        MatterSettings.from_config(SimpleNamespace(sync_matter_if_verified="misschien"))
