"""Person.GetSalutation(Formal) and Person.GetAttention() (§ Person to LSContacts).

The manual sends the salutation and the attention line ContactManager
generates for a person. ContactManager's own texts are not in the manual;
these follow Dutch business letters:

* salutation, Dutch: "Geachte heer Van der Berg", "Geachte mevrouw De
  Vries", "Geachte heer/mevrouw Jansen" when the gender is unknown (or
  other), "Geachte heer/mevrouw" without a last name;
* salutation, English (a person whose language is English): "Dear Mr Van
  der Berg", "Dear Ms De Vries", "Dear Mr/Ms Jansen", "Dear Sir/Madam";
  the manual's "culture from person language or domain default": any other
  language gets the domain default, Dutch;
* attention line: title, initials, name prefix and last name, e.g. "mr.
  J.P. van der Berg" (the prefix in lower case inside a name).

A salutation or attention line stored on the person wins over these.
"""

from .formats import text

_SALUTATIONS = {
    "nl": {
        "male": "Geachte heer",
        "female": "Geachte mevrouw",
        None: "Geachte heer/mevrouw",
    },
    "en": {"male": "Dear Mr", "female": "Dear Ms", None: "Dear Mr/Ms"},
}
_ENGLISH_NO_NAME = "Dear Sir/Madam"


def salutation_culture(language):
    """ "en" for an English-speaking person, else the domain default "nl"."""
    return "en" if text(language).lower().startswith("en") else "nl"


def formal_last_name(name_prefix, last_name):
    """The last name as it stands alone: "van der" + "Berg" → "Van der Berg"."""
    prefix = text(name_prefix)
    if prefix:
        prefix = prefix[0].upper() + prefix[1:]
    return " ".join(part for part in (prefix, text(last_name)) if part)


def formal_salutation(gender, name_prefix, last_name, language):
    """GetSalutation(Formal) of a person."""
    culture = salutation_culture(language)
    opening = _SALUTATIONS[culture].get(
        gender if gender in ("male", "female") else None
    )
    name = formal_last_name(name_prefix, last_name) if text(last_name) else ""
    if not name:
        return _ENGLISH_NO_NAME if culture == "en" else _SALUTATIONS["nl"][None]
    return f"{opening} {name}"


def attention_line(title, initials, name_prefix, last_name):
    """GetAttention() of a person: "mr. J.P. van der Berg"."""
    parts = (title, initials, text(name_prefix).lower(), last_name)
    return " ".join(text(part) for part in parts if text(part))
