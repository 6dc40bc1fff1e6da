"""§ Job 2 matching: LegalSense id, then code or name, case-insensitive and exact."""

import pytest

from legalsense_mapping.inbound_lookups import (
    MATCH_CODE,
    MATCH_LS_ID,
    MATCH_NAME,
    LookupCandidate,
    LookupMatcher,
)

CANDIDATES = [
    LookupCandidate(10, ls_id=1, code="POST", name="Postadres"),
    LookupCandidate(11, code="2", name="Visit"),
    LookupCandidate(12, code="F", name="FACTUURADRES"),
    LookupCandidate(13, code="VORIG ADRES", name="Old"),
    LookupCandidate(14, ls_id=99, code="W", name="Website"),
]


@pytest.mark.parametrize(
    "item, expected",
    [
        pytest.param({"id": 1, "name": "Other"}, (10, MATCH_LS_ID), id="LS id first"),
        pytest.param({"id": 2, "name": "Bezoek"}, (11, MATCH_CODE), id="code = LS id"),
        pytest.param(
            {"id": 4, "name": "Vorig adres"}, (13, MATCH_CODE), id="code = LS name"
        ),
        pytest.param(
            {"id": 3, "name": "factuuradres"}, (12, MATCH_NAME), id="name, any case"
        ),
        pytest.param({"id": 5, "name": "Factuur"}, (None, None), id="no partial match"),
        pytest.param(
            {"id": 6, "name": "Website"},
            (None, None),
            id="a value of another LS item still listed is not taken",
        ),
        pytest.param({"id": 7, "name": ""}, (None, None), id="no name"),
    ],
)
def test_match(item, expected):
    candidate, how = LookupMatcher(CANDIDATES, listed_ids=(99,)).match(item)
    assert (candidate.odoo_id if candidate else None, how) == expected


def test_an_item_legalsense_renumbered_keeps_its_odoo_value():
    """ "The LS ID is stored or refreshed on the existing item regardless"."""
    matcher = LookupMatcher(CANDIDATES, listed_ids=(6, 1, 2))
    candidate, how = matcher.match({"id": 6, "name": "Website"})
    assert (candidate.odoo_id, how) == (14, MATCH_NAME)


def test_added_values_match_later_items():
    matcher = LookupMatcher([], listed_ids=(5, 6))
    matcher.add(LookupCandidate(20, ls_id=5, code="5", name="Nieuw"))
    assert matcher.match({"id": 5, "name": "x"})[0].odoo_id == 20
    assert matcher.match({"id": 6, "name": "NIEUW"}) == (None, None)
