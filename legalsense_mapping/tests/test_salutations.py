"""Person.GetSalutation(Formal) and Person.GetAttention()."""

import pytest

from legalsense_mapping.salutations import (
    attention_line,
    formal_last_name,
    formal_salutation,
)


@pytest.mark.parametrize(
    ("gender", "prefix", "last_name", "language", "expected"),
    [
        # Dutch, the domain default
        ("male", "van der", "Berg", "nl_NL", "Geachte heer Van der Berg"),
        ("female", "de", "Vries", "nl_NL", "Geachte mevrouw De Vries"),
        (None, "van der", "Berg", "nl_NL", "Geachte heer/mevrouw Van der Berg"),
        ("other", "", "Jansen", "nl_NL", "Geachte heer/mevrouw Jansen"),
        (False, "", "Jansen", "nl_BE", "Geachte heer/mevrouw Jansen"),
        ("male", "", "", "nl_NL", "Geachte heer"),
        ("female", "de", "", "nl_NL", "Geachte mevrouw"),
        (None, "", "", "nl_NL", "Geachte heer/mevrouw"),
        # English, any variant
        ("male", "van der", "Berg", "en_US", "Dear Mr Van der Berg"),
        ("female", "de", "Vries", "en_GB", "Dear Ms De Vries"),
        (None, "van der", "Berg", "en_US", "Dear Sir/Madam"),
        ("other", "", "Jansen", "en_GB", "Dear Sir/Madam"),
        ("male", "", "", "en_US", "Dear Sir"),
        ("female", "", "", "en_US", "Dear Madam"),
        # another language or none: the domain default
        ("male", "", "Müller", "de_DE", "Geachte heer Müller"),
        ("male", "", "Jansen", None, "Geachte heer Jansen"),
        ("male", "", "Jansen", False, "Geachte heer Jansen"),
        # Odoo's gender in another case, names with spaces around
        ("Female", " de ", " Vries ", "nl_NL", "Geachte mevrouw De Vries"),
    ],
)
def test_formal_salutation(gender, prefix, last_name, language, expected):
    assert formal_salutation(gender, prefix, last_name, language) == expected


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("mr.", "J.P.", "van der", "Berg"), "mr. J.P. van der Berg"),
        (("", "A.", "De", "Vries"), "A. de Vries"),
        (("dr.", "", "", "Jansen"), "dr. Jansen"),
        (("", "", "", "Jansen"), "Jansen"),
        ((None, False, None, ""), ""),
    ],
)
def test_attention_line(parts, expected):
    assert attention_line(*parts) == expected


def test_a_prefix_alone_keeps_its_case_after_the_first_letter():
    assert formal_last_name("van 't", "Hek") == "Van 't Hek"
