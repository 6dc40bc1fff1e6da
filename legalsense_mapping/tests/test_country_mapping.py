import pytest

from legalsense_mapping.country_mapping import parse_country_mapping


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", {}),
        (None, {}),
        ("The Netherlands=NL", {"The Netherlands": "NL"}),
        (
            "The Netherlands=NL;Germany=DE",
            {"The Netherlands": "NL", "Germany": "DE"},
        ),
        (" Nederland = nl ; ", {"Nederland": "NL"}),
        ("Holland=NL;Holland=nl", {"Holland": "NL"}),
    ],
)
def test_parse_valid(text, expected):
    assert parse_country_mapping(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("The Netherlands", "has no '='"),
        ("=NL", "no LegalSense country name"),
        ("Germany=DEU", "'DEU' (for 'Germany') is not an ISO2 country code"),
        ("Germany=", "'' (for 'Germany') is not an ISO2"),
        ("Germany=D1", "is not an ISO2"),
        ("Holland=NL;Holland=BE", "'Holland' is mapped twice, to NL and to BE"),
    ],
)
def test_parse_invalid(text, message):
    with pytest.raises(ValueError) as raised:
        parse_country_mapping(text)
    assert message in str(raised.value)
