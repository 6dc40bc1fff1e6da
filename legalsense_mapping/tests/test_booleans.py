import pytest

from legalsense_mapping.booleans import parse_bool


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("yes", True),
        ("true", True),
        ("1", True),
        ("-1", True),
        ("ja", True),
        ("j", True),
        ("y", True),
        ("on", True),
        ("  JA ", True),
        ("True", True),
        ("no", False),
        ("false", False),
        ("0", False),
        ("nee", False),
        ("n", False),
        ("off", False),
        ("", False),
        ("   ", False),
        ("NEE", False),
        ("maybe", None),
        ("2", None),
        ("jaa", None),
        ("yes please", None),
        (True, True),
        (False, False),
        (1, True),
        (-1, True),
        (0, False),
        (2, None),
        (None, None),
        (1.0, None),
    ],
)
def test_parse_bool(value, expected):
    assert parse_bool(value) is expected
