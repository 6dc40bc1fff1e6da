"""§ Job 3 / Job 4 rules: reserved names, logins, passwords, folders, roles."""

import pytest

from legalsense_mapping.inbound_users import (
    folder_name,
    initial_password,
    is_reserved,
    practice_group_role_name,
    resolve_username,
    user_display_name,
)

USER = {
    "id": 7,
    "username": "jdevries",
    "first_name": "Jan",
    "name_prefix": "de",
    "last_name": "Vries",
    "email": "jan.de.vries@advocaten.example",
}


@pytest.mark.parametrize(
    "username, reserved",
    [
        ("admin", True),
        (" Administrator ", True),
        ("SYSTEM", True),
        ("admins", False),
        ("jdevries", False),
        ("", False),
    ],
)
def test_reserved_names(username, reserved):
    assert is_reserved(username) is reserved


@pytest.mark.parametrize(
    "user, use_email_part, domain, expected",
    [
        pytest.param(USER, False, "", ("jdevries", False), id="plain username"),
        pytest.param(
            dict(USER, username="a&b/c\\d?e#f"),
            False,
            "",
            ("a_b_c_d_e_f", False),
            id="special characters become _",
        ),
        pytest.param(
            USER,
            True,
            "",
            ("jan.de.vries", False),
            id="e-mail part when the setting is on",
        ),
        pytest.param(
            dict(USER, email=""),
            True,
            "",
            ("jdevries", False),
            id="no e-mail: the username stays",
        ),
        pytest.param(
            USER, False, "ADVOCATEN", ("ADVOCATEN\\jdevries", True), id="windows domain"
        ),
        pytest.param(
            USER,
            False,
            "ADVOCATEN\\",
            ("ADVOCATEN\\jdevries", True),
            id="domain with a trailing backslash",
        ),
        pytest.param(
            dict(USER, email="p#q@x.example"),
            True,
            "D",
            ("D\\p_q", True),
            id="e-mail part, cleaned, with domain",
        ),
    ],
)
def test_resolve_username(user, use_email_part, domain, expected):
    assert resolve_username(user, use_email_part, domain) == expected


def test_initial_password_is_username_and_user_id():
    assert initial_password("jdevries", 7) == "jdevries7"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Arbeidsrecht", "Arbeidsrecht"),
        ("Fiscaal & Ondernemingsrecht", "Fiscaal en Ondernemingsrecht"),
        ("IE/ICT", "IE ICT"),
        ("Vastgoed\\Bouw", "Vastgoed Bouw"),
        ("A&B", "A en B"),
        ("  Straf  recht ", "Straf recht"),
    ],
)
def test_practice_group_role_name(name, expected):
    assert practice_group_role_name(name) == expected


@pytest.mark.parametrize(
    "user, expected",
    [
        (USER, "de Vries, Jan"),
        (dict(USER, first_name=""), "de Vries"),
        (dict(USER, name_prefix="", last_name="", first_name=""), "jdevries"),
    ],
)
def test_folder_name_is_last_comma_first(user, expected):
    assert folder_name(user) == expected


def test_display_name():
    assert user_display_name(USER) == "Jan de Vries"
    assert user_display_name({"username": "admin"}) == "admin"
