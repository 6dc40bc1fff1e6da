import uuid
from unittest import mock

from cryptography.fernet import Fernet

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import KEY_VARIABLE, LegalSenseConfigCase, encryption_key

SECRETS = ("password", "bearer_token", "client_token")
TEXT_TYPES = ("character varying", "text", "character", "jsonb", "json")


@tagged("post_install", "-at_install")
class TestLegalSenseConfigSecrets(LegalSenseConfigCase):
    def stored(self, name):
        return self.config.sudo()[f"{name}_encrypted"]

    def tables_containing(self, text):
        """Every (table, column) whose text contains ``text``, one query per table."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT c.table_name, array_agg(c.column_name::text)
              FROM information_schema.columns c
              JOIN information_schema.tables t
                ON t.table_schema = c.table_schema AND t.table_name = c.table_name
             WHERE c.table_schema = 'public'
               AND t.table_type = 'BASE TABLE'
               AND c.data_type = ANY(%s)
             GROUP BY c.table_name
            """,
            [list(TEXT_TYPES)],
        )
        found = []
        pattern = f"%{text}%"
        for table, columns in self.env.cr.fetchall():
            condition = SQL(" OR ").join(
                SQL("%s::text ILIKE %s", SQL.identifier(column), pattern)
                for column in columns
            )
            self.env.cr.execute(
                SQL(
                    "SELECT 1 FROM %s WHERE %s LIMIT 1",
                    SQL.identifier(table),
                    condition,
                )
            )
            if self.env.cr.fetchone():
                found.append(table)
        return found

    def test_secret_is_stored_encrypted(self):
        for name in SECRETS:
            with self.subTest(secret=name):
                plain = f"{name}-{uuid.uuid4().hex}"
                self.config.write({name: plain})
                ciphertext = self.stored(name)
                self.assertTrue(ciphertext)
                self.assertNotEqual(ciphertext, plain)
                self.assertNotIn(plain, ciphertext)
                self.assertEqual(
                    Fernet(self.key.encode()).decrypt(ciphertext.encode()).decode(),
                    plain,
                )
                self.assertEqual(self.config._get_secret(name), plain)

    def test_secret_never_reads_back(self):
        self.config.write({"password": "s3cret", "client_token": "t0ken"})
        self.config.invalidate_recordset()
        self.assertFalse(self.config.password)
        self.assertFalse(self.config.client_token)
        self.assertTrue(self.config.password_is_set)
        self.assertTrue(self.config.client_token_is_set)
        self.assertFalse(self.config.bearer_token_is_set)
        values = self.config.read(["password", "client_token", "bearer_token"])[0]
        self.assertFalse(values["password"] or values["client_token"])
        self.assertNotIn("s3cret", str(self.config.web_read({"password": {}})))

    def test_saving_from_the_form_sends_no_secret_back(self):
        spec = {name: {} for name in (*SECRETS, "password_is_set", "url")}
        result = self.config.web_save({"password": "FormSecret"}, spec)
        self.assertNotIn("FormSecret", str(result))
        self.assertTrue(result[0]["password_is_set"])
        self.assertFalse(self.config.password)
        config = self.Config.web_save(
            {
                "company_id": self.env["res.company"].create({"name": "N"}).id,
                "client_token": "NewSecret",
            },
            spec,
        )
        self.assertNotIn("NewSecret", str(config))

    def test_secret_set_on_create(self):
        config = self.new_config(url="https://x.nl", password="on-create")
        self.assertTrue(config.password_is_set)
        self.assertEqual(config._get_secret("password"), "on-create")

    def test_plain_secret_is_in_no_table(self):
        plain = f"Plain{uuid.uuid4().hex}"
        self.config.write(
            {"password": plain, "bearer_token": plain + "b", "client_token": plain}
        )
        self.config.message_post(body="A note after the change")
        self.assertTrue(self.stored("password"))
        self.assertEqual(self.tables_containing(plain), [])
        # The check finds what is there.
        self.assertIn(
            "legalsense_config", self.tables_containing(self.stored("password"))
        )

    def test_clearing_removes_the_secret(self):
        self.config.write({"password": "one", "bearer_token": "two"})
        self.config.write({"password": ""})
        self.assertFalse(self.stored("password"))
        self.assertFalse(self.config.password_is_set)
        self.assertEqual(self.config._get_secret("password"), "")
        self.config.action_clear_bearer_token()
        self.assertFalse(self.stored("bearer_token"))
        self.assertFalse(self.config.bearer_token_is_set)

    def test_changes_are_noted_without_the_value(self):
        self.config.write({"password": "VerySecret123"})
        bodies = " ".join(self.config.message_ids.mapped("body"))
        self.assertIn("password was changed", bodies)
        self.assertNotIn("VerySecret123", bodies)
        tracked = self.config.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertFalse(set(tracked) & {*SECRETS, "password_encrypted"})

    def test_saving_without_key_explains_how_to_configure_one(self):
        for key in (None, ""):
            with self.subTest(key=key), encryption_key(key):
                with self.assertRaises(UserError) as raised:
                    self.config.write({"password": "s3cret"})
                message = str(raised.exception)
                self.assertIn("No encryption key", message)
                self.assertIn("legalsense_encryption_key", message)
                self.assertIn("LEGALSENSE_ENCRYPTION_KEY", message)
                self.assertIn("Fernet.generate_key()", message)
                self.assertNotIn("s3cret", message)

    def test_key_from_the_environment(self):
        with (
            encryption_key(None),
            mock.patch.dict("os.environ", {KEY_VARIABLE: self.key}),
        ):
            self.config.write({"password": "from-env"})
        self.assertEqual(self.config._get_secret("password"), "from-env")

    def test_invalid_key(self):
        with encryption_key("not-a-fernet-key"), self.assertRaises(UserError) as raised:
            self.config.write({"password": "s3cret"})
        self.assertIn("not a valid Fernet key", str(raised.exception))

    def test_wrong_key_gives_a_clear_error(self):
        self.config.write({"password": "s3cret"})
        ciphertext = self.stored("password")
        with encryption_key(Fernet.generate_key().decode()):
            with self.assertRaises(UserError) as raised:
                self.config._get_secret("password")
            with self.assertRaises(UserError):
                self.config._get_client()
        message = str(raised.exception)
        self.assertIn("password cannot be decrypted", message)
        self.assertIn("enter the password again", message)
        self.assertNotIn("s3cret", message)
        self.assertNotIn(ciphertext, message)

    def test_secret_fields_are_for_system_only(self):
        for name in SECRETS:
            field = self.Config._fields[f"{name}_encrypted"]
            self.assertEqual(field.groups, "base.group_system")
            self.assertFalse(field.copy)
            self.assertFalse(field.prefetch)
            self.assertFalse(self.Config._fields[name].store)
