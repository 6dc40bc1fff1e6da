"""How plain values are written on the LegalSense wire.

Odoo hands empty Char fields over as ``False``; the LS API wants ``""`` for
text and ``yyyy-MM-dd`` for dates (contract § 1).
"""

import datetime


def text(value):
    """A stripped string; ``None`` and ``False`` (Odoo's empty field) give ``""``."""
    if value is None or value is False:
        return ""
    return str(value).strip()


def format_date(value):
    """``yyyy-MM-dd`` of a date or date-time, ``None`` when there is no date."""
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    return value.isoformat()


def id_ref(ls_id):
    """``{"id": ls_id}``, or ``None`` when nothing is linked (contract § 1)."""
    return {"id": int(ls_id)} if ls_id else None
