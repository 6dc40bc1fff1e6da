"""ImportAddressTemplates: the known templates and the defaults per country."""

import pytest

from legalsense_mapping.address_templates import (
    ADDRESS_TEMPLATES,
    DEFAULT_COUNTRY_TEMPLATES,
    template_label,
    templates_to_set,
)


def test_all_eighteen_templates_are_known():
    assert sorted(ADDRESS_TEMPLATES) == list(range(1, 19))
    assert ADDRESS_TEMPLATES[4][0] == "AT_UK_ATTN"
    assert template_label(2) == "2 AT_NL_TAV"
    assert template_label(40) == "40"


def test_the_predefined_countries():
    assert list(DEFAULT_COUNTRY_TEMPLATES) == [
        "NL", "BE", "GB", "DE", "US", "FR", "IT", "ES", "PT", "SE", "DK", "AU", "CA",
        "NZ",
    ]  # fmt: skip
    assert set(DEFAULT_COUNTRY_TEMPLATES.values()) <= set(ADDRESS_TEMPLATES)


@pytest.mark.parametrize(
    "current, force, expected",
    [
        pytest.param({}, False, DEFAULT_COUNTRY_TEMPLATES, id="nothing set: all"),
        pytest.param(
            {code: "3" for code in DEFAULT_COUNTRY_TEMPLATES},
            False,
            {},
            id="all set: none without force",
        ),
        pytest.param(
            {"NL": "3", "DE": False},
            False,
            {k: v for k, v in DEFAULT_COUNTRY_TEMPLATES.items() if k != "NL"},
            id="only the unset ones",
        ),
        pytest.param(
            {code: str(t) for code, t in DEFAULT_COUNTRY_TEMPLATES.items()}
            | {"NL": "3"},
            True,
            {"NL": 2},
            id="force: only what differs",
        ),
    ],
)
def test_templates_to_set(current, force, expected):
    assert templates_to_set(current, force_overwrite=force) == expected
