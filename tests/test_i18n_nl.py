"""The Dutch translation covers every user-facing string of the addon.

``i18n/legalsense.pot`` is the template exported from the addon; ``i18n/nl.po``
must translate every one of its messages.  The checks name each string that is
left untranslated, so a new label, help text, selection value, menu, view text
or error message without a Dutch version makes them fail with the list.
"""

import re

import polib

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader, code_translations

MODULE = "legalsense"
LANG = "nl_NL"
# Records of these models carry the addon's field labels, help texts,
# selection values, menus, actions, views, groups and constraint messages.
# Records of the addon's own data models (lookup values, activity types) are
# data, not interface text, and are left out.
INTERFACE_MODELS = (
    "ir.actions.act_url",
    "ir.actions.act_window",
    "ir.actions.server",
    "ir.model",
    "ir.model.constraint",
    "ir.model.fields",
    "ir.model.fields.selection",
    "ir.module.category",
    "ir.ui.menu",
    "ir.ui.view",
    "res.groups",
)


def _listing(messages):
    return "\n".join(f"  - {message!r}" for message in sorted(messages))


@tagged("post_install", "-at_install")
class TestDutchTranslation(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang(LANG)
        cls.env["ir.module.module"]._load_module_terms([MODULE], [LANG], overwrite=True)
        cls.pot = polib.pofile(file_path(f"{MODULE}/i18n/{MODULE}.pot"))
        cls.po = polib.pofile(file_path(f"{MODULE}/i18n/nl.po"))
        cls.translations = {
            entry.msgid: entry.msgstr for entry in cls.po if not entry.obsolete
        }
        cls.nl = cls.env(context=dict(cls.env.context, lang=LANG))

    def _untranslated(self, msgids):
        return {
            msgid for msgid in msgids if not self.translations.get(msgid, "").strip()
        }

    def _occurrences(self, prefix):
        """{(model, field, xmlid): (msgid, msgstr)} of the .po's ``prefix`` terms."""
        found = {}
        for entry in self.po:
            for occurrence, _line in entry.occurrences:
                kind, _sep, rest = occurrence.partition(":")
                if kind != prefix:
                    continue
                target, _sep, xmlid = rest.partition(":")
                model, _sep, field = target.partition(",")
                found[(model, field, xmlid)] = (entry.msgid, entry.msgstr)
        return found

    def test_po_header_is_dutch(self):
        self.assertEqual(self.po.metadata.get("Language"), "nl")
        self.assertIn("charset=UTF-8", self.po.metadata.get("Content-Type", ""))
        self.assertEqual(
            self.po.metadata.get("Plural-Forms"), "nplurals=2; plural=(n != 1);"
        )

    def test_every_template_message_has_a_dutch_translation(self):
        missing = self._untranslated(entry.msgid for entry in self.pot)
        self.assertFalse(
            missing,
            f"{len(missing)} message(s) of i18n/{MODULE}.pot have no Dutch "
            f"translation in i18n/nl.po:\n{_listing(missing)}",
        )

    def test_every_current_interface_string_has_a_dutch_translation(self):
        """The addon as installed now, not only the template, is translated.

        A string added to a model, view or Python message after the template
        was exported shows up here until the template and nl.po have it.
        """
        reader = TranslationModuleReader(self.env.cr, modules=[MODULE])
        current = set()
        for module, kind, name, _res_id, source, _value, _comments in reader:
            if module != MODULE:
                continue
            if kind == "code" or name.partition(",")[0] in INTERFACE_MODELS:
                current.add(source)
        self.assertTrue(current)
        missing = self._untranslated(current)
        self.assertFalse(
            missing,
            f"{len(missing)} string(s) of the addon have no Dutch translation "
            f"(export i18n/{MODULE}.pot again and translate them in "
            f"i18n/nl.po):\n{_listing(missing)}",
        )

    def test_placeholders_are_kept(self):
        placeholder = r"%\([a-z_]+\)s|%[sd]|\{[a-z_]+\}"
        broken = set()
        for entry in self.po:
            if entry.msgstr and sorted(re.findall(placeholder, entry.msgid)) != sorted(
                re.findall(placeholder, entry.msgstr)
            ):
                broken.add(entry.msgid)
        self.assertFalse(
            broken, f"Placeholders differ in the translation of:\n{_listing(broken)}"
        )

    def test_record_strings_read_in_dutch(self):
        """Labels, help texts, selection values, menus, actions and groups."""
        wrong = []
        checked = 0
        for (model, field, xmlid), (_msgid, msgstr) in self._occurrences(
            "model"
        ).items():
            if model not in INTERFACE_MODELS or not msgstr:
                continue
            record = self.env.ref(xmlid, raise_if_not_found=False)
            if not record or record._name != model:
                continue
            checked += 1
            value = record.with_context(lang=LANG)[field]
            if value != msgstr:
                wrong.append(f"{xmlid} {field}: {value!r} instead of {msgstr!r}")
        self.assertGreater(checked, 900)
        self.assertFalse(
            wrong,
            f"{len(wrong)} string(s) do not read in Dutch:\n"
            + "\n".join(f"  - {line}" for line in sorted(wrong)),
        )

    def test_view_and_action_texts_read_in_dutch(self):
        """No English term of a view or window action help is left in Dutch."""
        untranslated = []
        checked = 0
        for _model, field, xmlid in sorted(self._occurrences("model_terms")):
            record = self.env.ref(xmlid, raise_if_not_found=False)
            if not record:
                continue
            checked += 1
            translated_field = record._fields[field]
            english = translated_field.get_trans_terms(
                record.with_context(lang="en_US")[field]
            )
            dutch = set(
                translated_field.get_trans_terms(record.with_context(lang=LANG)[field])
            )
            for term in english:
                # Like the export, skip punctuation and one-letter terms.
                if len(re.sub(r"\W+", "", term)) <= 1:
                    continue
                if term in dutch and self.translations.get(term, "") != term:
                    untranslated.append(f"{xmlid}: {term!r}")
        self.assertGreater(checked, 20)
        self.assertFalse(
            untranslated,
            f"{len(untranslated)} view text(s) are still English in Dutch:\n"
            + "\n".join(f"  - {line}" for line in untranslated),
        )

    def test_samples_in_dutch(self):
        matter_fields = self.nl["legal.matter"].fields_get(
            ["client_id", "engagement_letter_status", "code"],
            ["string", "help", "selection"],
        )
        self.assertEqual(matter_fields["client_id"]["string"], "Cliënt")
        self.assertEqual(matter_fields["code"]["string"], "Dossiercode")
        self.assertIn(
            ("Signed", "Getekend"),
            matter_fields["engagement_letter_status"]["selection"],
        )
        partner_fields = self.nl["res.partner"].fields_get(
            ["christian_names", "is_visitor_address"], ["string", "help"]
        )
        self.assertEqual(partner_fields["christian_names"]["string"], "Doopnamen")
        self.assertIn("doopnamen", partner_fields["christian_names"]["help"])
        self.assertEqual(partner_fields["is_visitor_address"]["string"], "Bezoekadres")
        menus = {
            "legalsense.legal_matter_root_menu": "Dossiers",
            "legalsense.legal_matter_menu": "Mijn dossiers",
            "legalsense.legal_matter_all_menu": "Alle dossiers",
            "legalsense.legalsense_queue_job_failed_menu": "Synchronisatiefouten",
            "legalsense.legalsense_config_menu": "Instellingen",
        }
        for xmlid, name in menus.items():
            self.assertEqual(self.nl.ref(xmlid).name, name, xmlid)
        form = self.nl["legal.matter"].get_views([(False, "form")])["views"]["form"]
        self.assertIn("Nu synchroniseren", form["arch"])
        self.assertNotIn('string="Sync now"', form["arch"])

    def test_python_messages_in_dutch(self):
        python = code_translations.get_python_translations(MODULE, LANG)
        code_msgids = {
            entry.msgid for entry in self.pot if "odoo-python" in (entry.comment or "")
        }
        self.assertTrue(code_msgids)
        missing = {msgid for msgid in code_msgids if not python.get(msgid)}
        self.assertFalse(
            missing,
            f"{len(missing)} Python message(s) have no Dutch translation:\n"
            f"{_listing(missing)}",
        )
        self.assertEqual(
            self.nl["legalsense.config"]._disabled_message(),
            "LegalSense is niet geconfigureerd voor dit bedrijf.",
        )
        with self.assertRaisesRegex(
            ValidationError, "De code van activiteitstype Advies mag niet leeg zijn"
        ):
            self.nl["legal.matter.activity.type"].create(
                {"name": "Advies", "code": "MATTER, ADV"}
            )
