"""Small builders shared by the mapping tests."""


def detail(kind, value, to=False, cc=False, dunning=False):
    """A contact ``details`` item as the mapping writes it, flags spelled out."""
    return {
        "kind": kind,
        "value": value,
        "is_billing_to_email": to,
        "is_billing_cc_email": cc,
        "is_dunning_to_email": dunning,
    }
