"""§ Job 2 Lookup Items: how a LegalSense list item finds its Odoo value.

"Matching is first attempted by external ID (LS internal ID stored on the
item). If no match is found, CM falls back to matching by code or name
(case-insensitive, 100% match required)." § Lookup Items adds: "Matched on
CM Code vs. LS internal ID, or on CM Name vs. LS description".
"""

import dataclasses

from .formats import text

MATCH_LS_ID = "ls_id"
MATCH_CODE = "code"
MATCH_NAME = "name"


@dataclasses.dataclass(frozen=True)
class LookupCandidate:
    """An Odoo value a LegalSense item may match."""

    odoo_id: int
    ls_id: int | None = None
    code: str = ""
    name: str = ""


def _key(value):
    return text(value).casefold()


class LookupMatcher:
    """Matches LegalSense items against one Odoo list, in the manual's order.

    "The LS ID is stored or refreshed on the existing item regardless": a
    candidate holding another LegalSense id is matched by code or name (an
    item LegalSense renumbered gets its new id), unless that other id is
    still in the list LegalSense gave (``listed_ids``): then it stands for
    that other item.
    """

    def __init__(self, candidates, listed_ids=()):
        self.listed_ids = {int(ls_id) for ls_id in listed_ids}
        self.by_ls_id = {}
        self.by_code = {}
        self.by_name = {}
        for candidate in candidates:
            if candidate.ls_id:
                self.by_ls_id.setdefault(int(candidate.ls_id), candidate)
            if candidate.code:
                self.by_code.setdefault(_key(candidate.code), candidate)
            if candidate.name:
                self.by_name.setdefault(_key(candidate.name), candidate)

    def match(self, item):
        """``(candidate, how)`` for a LegalSense item ``{"id", "name"}``, or
        ``(None, None)``."""
        ls_id = int(item["id"])
        found = self.by_ls_id.get(ls_id)
        if found:
            return found, MATCH_LS_ID
        name = _key(item.get("name"))
        for how, table, key in (
            (MATCH_CODE, self.by_code, str(ls_id)),
            (MATCH_CODE, self.by_code, name),
            (MATCH_NAME, self.by_name, name),
        ):
            found = table.get(key) if key else None
            if found and not self._taken(found, ls_id):
                return found, how
        return None, None

    def _taken(self, candidate, ls_id):
        other = int(candidate.ls_id or 0)
        return bool(other) and other != ls_id and other in self.listed_ids

    def add(self, candidate):
        """Make a value created or linked meanwhile matchable."""
        if candidate.ls_id:
            self.by_ls_id[int(candidate.ls_id)] = candidate
        if candidate.code:
            self.by_code.setdefault(_key(candidate.code), candidate)
        if candidate.name:
            self.by_name.setdefault(_key(candidate.name), candidate)
