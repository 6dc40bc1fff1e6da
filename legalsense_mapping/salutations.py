"""Person.GetSalutation(Formal) and Person.GetAttention() (§ Person to LSContacts).

The manual sends the salutation and the attention line ContactManager
generates for a person; ContactManager's own texts are not in the manual.
These follow Dutch and English business letters:

* salutation, Dutch (the domain default): "Geachte heer Van der Berg",
  "Geachte mevrouw De Vries", and the neutral "Geachte heer/mevrouw Van der
  Berg" when the gender is unknown (or other). Without a last name:
  "Geachte heer", "Geachte mevrouw", "Geachte heer/mevrouw";
* salutation, English (a person whose language is English, any variant):
  "Dear Mr Van der Berg", "Dear Ms De Vries", and "Dear Sir/Madam" when the
  gender is unknown (or other): the English neutral form takes no name.
  Without a last name: "Dear Sir", "Dear Madam", "Dear Sir/Madam". Any
  other language gets the domain default (the manual's "culture from person
  language or domain default");
* the name prefix is capitalised where it begins the name ("van der" +
  "Berg" → "Van der Berg"), the rest of it kept as written ("van 't" →
  "Van 't");
* attention line: title, initials, name prefix (lower case, inside the
  name) and last name, e.g. "mr. J.P. van der Berg", in every language. No
  "T.a.v." or "Attn.": the address template adds that word (AT_NL_TAV
  "t.a.v.", AT_UK_ATTN "Attn.", AT_DU_ZHD "z.H.", ...) and a template
  without one must not print it; LegalSense's own attention line (the
  contract's ``address_label_name.attention``) has the same form.

A salutation or attention line stored on the person wins over these.
"""

from .formats import text

DUTCH = "nl"
ENGLISH = "en"
MALE = "male"
FEMALE = "female"
NEUTRAL = None

# (culture, gender) → (opening before a last name, salutation without one).
# English's neutral form takes no name.
_SALUTATIONS = {
    (DUTCH, MALE): ("Geachte heer", "Geachte heer"),
    (DUTCH, FEMALE): ("Geachte mevrouw", "Geachte mevrouw"),
    (DUTCH, NEUTRAL): ("Geachte heer/mevrouw", "Geachte heer/mevrouw"),
    (ENGLISH, MALE): ("Dear Mr", "Dear Sir"),
    (ENGLISH, FEMALE): ("Dear Ms", "Dear Madam"),
    (ENGLISH, NEUTRAL): (None, "Dear Sir/Madam"),
}


def salutation_culture(language):
    """ "en" for a person whose (Odoo) language is English, else "nl"."""
    return ENGLISH if text(language).lower().startswith(ENGLISH) else DUTCH


def formal_last_name(name_prefix, last_name):
    """The last name as it stands alone: "van der" + "Berg" → "Van der Berg"."""
    prefix = text(name_prefix)
    if prefix:
        prefix = prefix[0].upper() + prefix[1:]
    return " ".join(part for part in (prefix, text(last_name)) if part)


def formal_salutation(gender, name_prefix, last_name, language):
    """GetSalutation(Formal) of a person; ``gender`` is Odoo's (male, female,
    other or empty)."""
    gender = text(gender).lower()
    if gender not in (MALE, FEMALE):
        gender = NEUTRAL
    opening, without_name = _SALUTATIONS[salutation_culture(language), gender]
    if not opening or not text(last_name):
        return without_name
    return f"{opening} {formal_last_name(name_prefix, last_name)}"


def attention_line(title, initials, name_prefix, last_name):
    """GetAttention() of a person: "mr. J.P. van der Berg"."""
    parts = (text(title), text(initials), text(name_prefix).lower(), text(last_name))
    return " ".join(part for part in parts if part)
