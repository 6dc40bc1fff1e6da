"""Encryption of the LegalSense credentials with a key from the server configuration.

The key never comes from the database: a dump of the database then holds only
ciphertext. It is read from the Odoo configuration file option
``legalsense_encryption_key`` or, when that is not set, from the environment
variable ``LEGALSENSE_ENCRYPTION_KEY``.
"""

import os

from cryptography.fernet import Fernet, InvalidToken

from odoo.exceptions import UserError
from odoo.tools import config

CONFIG_OPTION = "legalsense_encryption_key"
ENVIRONMENT_VARIABLE = "LEGALSENSE_ENCRYPTION_KEY"
GENERATE_COMMAND = (
    'python3 -c "from cryptography.fernet import Fernet; '
    'print(Fernet.generate_key().decode())"'
)


def _how_to_configure(env):
    return env._(
        "Generate a key with\n%(command)s\nand set it as '%(option)s = <key>' in the "
        "[options] section of the Odoo configuration file, or as the environment "
        "variable %(variable)s of the Odoo server, then restart Odoo. Keep the key "
        "safe: without it the stored credentials cannot be read.",
        command=GENERATE_COMMAND,
        option=CONFIG_OPTION,
        variable=ENVIRONMENT_VARIABLE,
    )


def _fernet(env):
    key = (
        config.get(CONFIG_OPTION) or os.environ.get(ENVIRONMENT_VARIABLE) or ""
    ).strip()
    if not key:
        raise UserError(
            env._("No encryption key for the LegalSense credentials is configured.")
            + "\n"
            + _how_to_configure(env)
        )
    try:
        return Fernet(key.encode())
    except (ValueError, TypeError):
        raise UserError(
            env._("The configured LegalSense encryption key is not a valid Fernet key.")
            + "\n"
            + _how_to_configure(env)
        ) from None


def encrypt(env, plain):
    """The ciphertext of ``plain`` (a str) as text."""
    return _fernet(env).encrypt(plain.encode()).decode()


def decrypt(env, token, label):
    """The plain text of ``token``; UserError naming ``label`` when unreadable."""
    fernet = _fernet(env)
    try:
        return fernet.decrypt(token.encode()).decode()
    except (InvalidToken, ValueError, TypeError):
        raise UserError(
            env._(
                "The stored LegalSense %(secret)s cannot be decrypted with the "
                "configured encryption key: the key was changed or the value is "
                "damaged. Restore the previous key in the server configuration, or "
                "enter the %(secret)s again.",
                secret=label,
            )
        ) from None
