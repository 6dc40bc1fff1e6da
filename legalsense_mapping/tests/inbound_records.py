"""The LegalSense records and import settings the inbound tests read."""

from legalsense_mapping.inbound import InboundSettings
from legalsense_mapping.settings import MappingSettings


def settings(**mapping):
    """InboundSettings with ``mapping`` as its MappingSettings, but for the
    import's own settings (country mapping, inactive kinds, client code)."""
    extra = {
        key: mapping.pop(key)
        for key in ("country_mapping", "address_kinds_inactive", "use_client_code")
        if key in mapping
    }
    return InboundSettings(mapping=MappingSettings(**mapping), **extra)


def detail(kind, value):
    """A contact ``details`` item as LegalSense sends it."""
    return {"kind": kind, "value": value}


# A person contact as LegalSense sends it.
PERSON = {
    "id": 20,
    "is_organization": False,
    "first_name": "Jan",
    "last_name": "Vries",
    "name_prefix": "de",
    "initials": "J.",
    "gender": "Male",
    "birthdate": "1970-05-04",
    "title": "mr.",
    "suffix_title": "LL.M.",
    "salutation": "Geachte heer",
    "attention": "Jan persoonlijk",
    "address_label_name": {"internal": "", "attention": "mr. J. de Vries"},
    "vat_number": "NL0001",
}
