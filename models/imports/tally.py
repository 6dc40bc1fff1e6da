# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a batch of an import step counts, and the records that failed.

A step counts each record it reads in a ``Tally`` (created, linked, updated,
skipped or failed); a record that fails is counted as failed with a one-line
reason (``error_text``) and named in the result log (``record_name``,
``address_name``, ``link_name``). ``RemoteRecords`` reads the LegalSense
records a batch needs by id, each once.
"""

import collections

from ...legalsense_client import LegalSenseError, TransientError
from ...legalsense_mapping.inbound import ref_id

OUTCOMES = ("created", "linked", "updated", "skipped", "failed")
# After this many records in a row failing with passing troubles LegalSense is
# taken to be down: the page stops and the job queue retries it later.
TRANSIENT_FAILURES_IN_A_ROW = 3


class RecordFailed(Exception):
    """A record could not be imported (the reason is the message)."""


class LegalSenseUnavailable(TransientError):
    """Records failed one after another with passing troubles: LegalSense is down."""

    def _describe(self):
        return (
            f"LegalSense is unavailable: {TRANSIENT_FAILURES_IN_A_ROW} records in a "
            f"row failed ({self.detail})"
        )


class Tally:
    """What one batch of a line did: counts per outcome and the failures.

    ``related`` counts what was imported along with the records (the
    addresses and contact persons of a new client); ``transient_in_a_row``
    the records failing with passing troubles of LegalSense one after another.
    """

    def __init__(self):
        self.counts = collections.Counter()
        self.failures = []
        self.done = 0
        self.total = None
        self.notes = []
        self.related = collections.Counter()
        self.transient_in_a_row = 0

    def count(self, outcome, number=1):
        self.counts[outcome] += number

    def fail(self, ls_id, reason, name=""):
        self.counts["failed"] += 1
        self.failures.append((ls_id, str(reason), name or ""))

    def note(self, text):
        self.notes.append(text)

    def passing_trouble(self, error):
        """Count a record failing with a passing trouble; after
        ``TRANSIENT_FAILURES_IN_A_ROW`` in a row LegalSense is taken to be down."""
        self.transient_in_a_row += 1
        if self.transient_in_a_row >= TRANSIENT_FAILURES_IN_A_ROW:
            raise LegalSenseUnavailable(str(error)) from error

    def mark(self):
        """What the tally holds now, to ``undo`` what a failing record added."""
        return self.counts.copy(), len(self.failures), len(self.notes)

    def undo(self, mark):
        counts, failures, notes = mark
        self.counts = counts
        del self.failures[failures:]
        del self.notes[notes:]

    def __bool__(self):
        return bool(self.counts or self.failures or self.done or self.notes) or (
            self.total is not None
        )


class RemoteRecords:
    """LegalSense records read by id when a record needs one, each read once.

    ``known`` holds the records known already. A read that failed (after the
    client's retries) fails every record needing it; only the first asks.
    """

    def __init__(self, client_factory, resource, known=None):
        self._client_factory = client_factory
        self._client = None
        self.resource = resource
        self._records = dict(known or {})

    def get(self, ls_id):
        """The LegalSense record ``ls_id`` (None without an id); raises the
        read's error, ``RecordFailed`` when it failed before."""
        if not ls_id:
            return None
        if ls_id not in self._records:
            self._client = self._client or self._client_factory()
            try:
                self._records[ls_id] = self._client.get(self.resource, ls_id)
            except LegalSenseError as error:
                self._records[ls_id] = RecordFailed(error_text(error))
                raise
        found = self._records[ls_id]
        if isinstance(found, RecordFailed):
            raise found
        return found


def error_text(error):
    """A one-line reason for the result log."""
    text = str(error).strip() or error.__class__.__name__
    return text.splitlines()[0] if len(text) > 500 else text


def record_name(contact):
    """The name of an LS contact in the result log."""
    if contact.get("is_organization"):
        return contact.get("organization_name") or ""
    parts = (
        contact.get("first_name"),
        contact.get("name_prefix"),
        contact.get("last_name"),
    )
    return " ".join(part for part in parts if part)


def address_name(address):
    parts = (address.get("address"), address.get("zipcode"), address.get("city"))
    return ", ".join(part for part in parts if part)


def link_name(link):
    return "{} → {}".format(
        ref_id(link.get("person")), ref_id(link.get("organization"))
    )
