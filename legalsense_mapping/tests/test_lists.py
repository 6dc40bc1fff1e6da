import pytest

from legalsense_mapping.lists import check_choices, check_codes, split_list

ROLES = ("CreatedBy", "ModifiedBy", "Owner", "OwnerSub")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        (None, []),
        ("Vorig adres", ["Vorig adres"]),
        ("CreatedBy,OwnerSub", ["CreatedBy", "OwnerSub"]),
        (" CreatedBy ; OwnerSub ,, ", ["CreatedBy", "OwnerSub"]),
    ],
)
def test_split_list(text, expected):
    assert split_list(text) == expected


def test_check_choices():
    assert check_choices("CreatedBy, OwnerSub", ROLES) == ["CreatedBy", "OwnerSub"]
    with pytest.raises(ValueError, match="'Boss' is not one of CreatedBy"):
        check_choices("CreatedBy,Boss", ROLES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MATTER_ADV, MATTER_NOT", ["MATTER_ADV", "MATTER_NOT"]),
        ("A-1;b.2", ["A-1", "b.2"]),
        ("", []),
    ],
)
def test_check_codes(text, expected):
    assert check_codes(text) == expected


def test_check_codes_refuses_spaces():
    with pytest.raises(ValueError, match="'MATTER ADV' is not a code"):
        check_codes("MATTER ADV")
