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

    A candidate already taken by another LegalSense id is not matched by code
    or name: it stands for that other item.
    """

    def __init__(self, candidates):
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

    @staticmethod
    def _taken(candidate, ls_id):
        return bool(candidate.ls_id) and int(candidate.ls_id) != ls_id

    def add(self, candidate):
        """Make a value created or linked meanwhile matchable."""
        if candidate.ls_id:
            self.by_ls_id[int(candidate.ls_id)] = candidate
        if candidate.code:
            self.by_code.setdefault(_key(candidate.code), candidate)
        if candidate.name:
            self.by_name.setdefault(_key(candidate.name), candidate)
