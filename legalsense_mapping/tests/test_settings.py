import types

import pytest

from legalsense_mapping.settings import MappingSettings


def test_manual_defaults():
    settings = MappingSettings()
    assert settings.default_tax_country_code == "NL"
    assert settings.sync_client_originating_user_to_cm_field == "OwnerSub"
    assert settings.sync_client_referral is True
    assert settings.sync_client_segment is True
    assert settings.person_salutation_overwrite is True
    assert settings.person_attention_overwrite is False
    assert settings.sync_client_status_id == 0
    assert settings.client_status_code_active_id == 1
    assert settings.client_status_code_closed_id == 2
    assert settings.default_address_kind == 1
    assert settings.default_address_kind_postal_address == 0
    assert settings.default_address_template == 4
    assert settings.sync_to_default_then_custom is False
    assert settings.view_owner == ""


def test_from_config_reads_same_named_attributes():
    config = types.SimpleNamespace(
        sync_company_use_display_name=True,
        sync_client_status_id=7,
        default_tax_country_code="be",
        view_owner="Person,Company",
        company_custom_fields="LookupField.WWFT=WWFT",
    )
    settings = MappingSettings.from_config(config)
    assert settings.sync_company_use_display_name is True
    assert settings.sync_client_status_id == 7
    assert settings.default_tax_country_code == "be"
    assert settings.view_owner == "Person,Company"
    assert settings.company_custom_fields == "LookupField.WWFT=WWFT"
    # not on the object: the manual's default
    assert settings.person_salutation_overwrite is True
    assert settings.default_address_template == 4


def test_from_config_odoo_empty_fields():
    """Odoo gives False for empty Char/Integer fields."""
    config = types.SimpleNamespace(
        no_dunning_lookup_field_value_code=False,
        default_tax_country_code=False,
        sync_client_originating_user_to_cm_field="",
        default_address_kind=False,
        billing_address_type_code=None,
        sync_client_referral=False,
    )
    settings = MappingSettings.from_config(config)
    assert settings.no_dunning_lookup_field_value_code == ""
    assert settings.default_tax_country_code == "NL"
    assert settings.sync_client_originating_user_to_cm_field == "OwnerSub"
    assert settings.default_address_kind == 1
    assert settings.billing_address_type_code == ""
    assert settings.sync_client_referral is False


@pytest.mark.parametrize(
    ("word", "expected"),
    [("ja", True), ("Yes", True), ("-1", True), ("nee", False), ("0", False)],
)
def test_from_config_reads_boolean_words(word, expected):
    config = types.SimpleNamespace(sync_person_suffix=word)
    assert MappingSettings.from_config(config).sync_person_suffix is expected


def test_from_config_refuses_a_non_boolean_word():
    config = types.SimpleNamespace(sync_person_suffix="maybe")
    with pytest.raises(ValueError, match="sync_person_suffix"):
        MappingSettings.from_config(config)


@pytest.mark.parametrize(
    ("view_owner", "company", "person"),
    [
        ("", False, False),
        ("Company", True, False),
        ("Person,Company", True, True),
        (" person ; ", False, True),
    ],
)
def test_owner_visible_for(view_owner, company, person):
    settings = MappingSettings(view_owner=view_owner)
    assert settings.owner_visible_for("Company") is company
    assert settings.owner_visible_for("Person") is person
