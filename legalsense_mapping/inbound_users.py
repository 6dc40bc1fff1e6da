"""§ Job 3 Users and Offices and § Job 4 Practice Groups: the pure rules.

Which LegalSense users are imported, the login an Odoo user gets, its first
password, and the name of the security group of a practice group.
"""

import re

from .formats import text

# "Users named admin, administrator, or system are skipped."
RESERVED_USERNAMES = frozenset({"admin", "administrator", "system"})
# "Special characters (&, /, \, ?, #) in the LS username are replaced with _."
_USERNAME_SPECIAL = re.compile(r"[&/\\?#]")
_SPACES = re.compile(r"\s+")


def is_reserved(username):
    """True for admin, administrator and system (any case, spaces around)."""
    return text(username).lower() in RESERVED_USERNAMES


def resolve_username(ls_user, use_email_part=False, windows_domain=""):
    """``(login, windows_authentication)`` of a LegalSense user.

    The e-mail part before ``@`` replaces the username when
    ImportUsersUseEmailAddressPartForUsername is on and the user has an
    e-mail address; special characters become ``_``; a WindowsDomainName is
    prepended as ``DOMAIN\\username`` (Windows Authentication: no password).
    """
    username = text(ls_user.get("username"))
    email = text(ls_user.get("email"))
    if use_email_part and "@" in email:
        username = email.split("@", 1)[0].strip() or username
    username = _USERNAME_SPECIAL.sub("_", username)
    domain = text(windows_domain).rstrip("\\")
    if domain:
        return f"{domain}\\{username}", True
    return username, False


def initial_password(username, ls_user_id):
    """Forms Authentication: ``<username><userId>`` (shown once in the import log)."""
    return f"{username}{ls_user_id}"


def practice_group_role_name(name):
    """The security group name of a practice group.

    "&" becomes "en", "/" and "\\" become spaces (role names must be safe in
    security expressions); white space is collapsed.
    """
    name = text(name).replace("&", " en ")
    name = name.replace("/", " ").replace("\\", " ")
    return _SPACES.sub(" ", name).strip()


def user_name_parts(ls_user):
    """(first name, name prefix, last name) of a LegalSense user, stripped."""
    return (
        text(ls_user.get("first_name")),
        text(ls_user.get("name_prefix")),
        text(ls_user.get("last_name")),
    )


def user_display_name(ls_user):
    """ "Jan de Vries"; the username when the user has no name."""
    name = " ".join(part for part in user_name_parts(ls_user) if part)
    return name or text(ls_user.get("username"))


def folder_name(ls_user):
    """The contact folder of a new user: "last, first" (prefix with the last name)."""
    first, prefix, last = user_name_parts(ls_user)
    last_part = " ".join(part for part in (prefix, last) if part)
    if last_part and first:
        return f"{last_part}, {first}"
    return last_part or first or text(ls_user.get("username"))
