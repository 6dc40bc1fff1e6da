import pytest

from legalsense_mapping.versions import is_after, supports_client_parent, version_tuple


class FakeVersion:
    """Any object whose str() is the dotted version, like the API client's."""

    def __init__(self, text):
        self.text = text

    def __str__(self):
        return self.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18.120", (18, 120)),
        ("18.120.0", (18, 120)),
        (" 15.55 ", (15, 55)),
        ("17", (17,)),
        ("0", (0,)),
    ],
)
def test_version_tuple(text, expected):
    assert version_tuple(text) == expected


@pytest.mark.parametrize("text", ["", "18.x", "v18", "18..1", None])
def test_version_tuple_refuses_non_versions(text):
    with pytest.raises(ValueError):
        version_tuple(text)


@pytest.mark.parametrize(
    ("version", "threshold", "expected"),
    [
        ("18.120", "18.99", True),
        ("18.99", "18.120", False),
        ("15.55", "15.55", False),
        ("15.55.0", "15.55", False),
        ("15.55.1", "15.55", True),
        ("15.6", "15.55", False),
        ("16", "15.55", True),
    ],
)
def test_is_after_compares_numerically_by_part(version, threshold, expected):
    assert is_after(version, threshold) is expected


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("15.55", False),
        ("15.56", True),
        ("18.120", True),
        (FakeVersion("15.54"), False),
        (FakeVersion("17.10"), True),
        (None, False),
    ],
)
def test_supports_client_parent(version, expected):
    assert supports_client_parent(version) is expected
