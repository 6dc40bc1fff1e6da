import pytest

from legalsense_client.versions import (
    Version,
    supports_address_delete,
    supports_client_parent,
    supports_matter_date,
    supports_user_offices,
)


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        ("15.55", "17.10"),
        ("17.10", "18.99"),
        ("18.99", "18.120"),
        ("15.55", "18.120"),
        ("18", "18.1"),
        ("18.9", "18.10"),
        ("2", "10"),
        ("18.120", "18.120.1"),
        ("9.99.99", "10"),
    ],
)
def test_versions_compare_numerically_part_by_part(lower, higher):
    assert Version(lower) < Version(higher)
    assert Version(higher) > Version(lower)
    assert Version(lower) != Version(higher)


@pytest.mark.parametrize(
    ("left", "right"),
    [("18.120", "18.120"), ("18", "18.0"), ("18.120", "18.120.0.0"), ("07.1", "7.1")],
)
def test_missing_parts_count_as_zero(left, right):
    assert Version(left) == Version(right)
    assert hash(Version(left)) == hash(Version(right))
    assert Version(left) <= Version(right) <= Version(left)


def test_versions_compare_with_strings():
    assert Version("18.120") >= "18.120"
    assert Version("18.120") > "18.99"
    assert Version("15.55") < "17.10"
    assert Version("18.120") == "18.120.0"
    assert "18.99" < Version("18.120")


def test_str_gives_the_original_text():
    assert str(Version("18.120")) == "18.120"
    assert str(Version(" 17.10 ")) == "17.10"
    assert repr(Version("18.120")) == "Version('18.120')"


def test_version_of_version_is_equal():
    assert Version(Version("18.120")) == Version("18.120")


@pytest.mark.parametrize("text", ["", "18.", ".5", "18.x", "v18", "18..1", "1 8"])
def test_invalid_versions_are_refused(text):
    with pytest.raises(ValueError):
        Version(text)


def test_a_float_is_not_a_version():
    # 18.12 and 18.120 are different versions, a float cannot tell them apart.
    with pytest.raises(TypeError):
        Version(18.12)


def test_equality_with_garbage_is_false_not_an_error():
    assert Version("18.120") != "garbage"
    assert Version("18.120") != 18


@pytest.mark.parametrize(
    ("gate", "below_or_at", "above"),
    [
        (supports_user_offices, "15.55", "15.56"),
        (supports_client_parent, "15.55", "16"),
        (supports_matter_date, "17.10", "17.11"),
    ],
)
def test_strict_gates_open_only_after_their_version(gate, below_or_at, above):
    assert not gate(below_or_at)
    assert not gate("15.9")
    assert gate(above)
    assert gate(Version("18.120"))


def test_address_delete_opens_at_18_120():
    assert supports_address_delete("18.120")
    assert supports_address_delete("19")
    assert not supports_address_delete("18.99")
    assert not supports_address_delete("18.12")
