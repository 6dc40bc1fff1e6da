# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the outbound sync shares: its constants, the facets a synced record
owns, and small helpers of the job methods."""

import hashlib
import json
import logging
from collections import namedtuple

from psycopg2 import errors as pg_errors

from odoo.addons.queue_job.exception import RetryableJobError

from ...legalsense_client import (
    NotFoundError,
)

_logger = logging.getLogger(__name__)

JOB_CHANNEL = "root.legalsense"
IMPORT_CONTEXT = "legalsense_import"
NO_EXPORT_CONTEXT = "legalsense_no_export"
RUNNING_JOB_STATES = ("wait_dependencies", "pending", "enqueued", "started")
WAITING_JOB_STATES = ("wait_dependencies", "pending", "enqueued")
JOINED, STARTING = "joined", "starting"
EXPORT_METHOD = "_legalsense_job_export"
BATCH_METHOD = "_legalsense_job_export_batch"
# The transaction's own export jobs, regrouped into batches before it commits.
REGROUP_KEY = "legalsense.own_exports"
# A record another job exports is tried again after this many seconds.
BUSY_SECONDS = 2
NOT_CACHED = object()
# What an export stores about what it sent (no field depends on them).
BOOKKEEPING_FIELDS = frozenset({"legalsense_sync_data", "legalsense_last_export"})
# The fields of queue.job the sync reads in SQL.
JOB_FIELDS_READ = (
    "identity_key",
    "state",
    "date_created",
    "model_name",
    "method_name",
    "records",
)
# The ids of a job's records in SQL (queue_job stores its records as JSON
# text in a jsonb column).
JOB_RECORD_IDS = (
    "(CASE jsonb_typeof(records) WHEN 'string' THEN (records #>> '{}')::jsonb"
    " ELSE records END -> 'ids')"
)
# A job retried on LegalSense's passing troubles (retry pattern in the job
# function data) gives up after this many tries.
JOB_MAX_RETRIES = 20
SYNC_STATES = [
    ("not_synced", "Not synced"),
    ("pending", "Pending"),
    ("synced", "Synced"),
    ("conflict", "Conflict"),
    ("unknown", "Status unknown"),
    ("error", "Error"),
]

# Storing a LegalSense id that meets a user's concurrent save of the record is
# tried again after these pauses (seconds); None: give up, the job fails and
# its next try finds the id in its create in flight.
STORE_PAUSES = (0.1, 0.3, 1, 3, None)
CONCURRENCY_ERRORS = (
    pg_errors.SerializationFailure,
    pg_errors.DeadlockDetected,
    pg_errors.LockNotAvailable,
)

Facet = namedtuple(
    "Facet", "name resource id_field finder removal_key", defaults=(None, None)
)
Facet.__doc__ = """One LegalSense record owned by an Odoo record.

``name`` keys its sync data, ``resource`` is the LegalSense API resource and
``id_field`` the Odoo field holding the LegalSense id. ``finder`` names the
method ``(client, payload)`` that finds the record a create whose answer was
lost made; ``removal_key`` the key of its id in the record's removal values.
"""


def payload_digest(payload):
    """A stable digest of a payload, to skip sending what was sent already."""
    text = json.dumps(payload, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def job_lock_key(uuid):
    """The advisory lock key a running batch export job holds."""
    return f"legalsense:job:{uuid}"


class RecordBusyError(RetryableJobError):
    """Another job exports the record now: this one tries again later."""


def retry_seconds(pattern, tries):
    """The wait before try ``tries`` by a retry ``pattern`` ({tries: seconds},
    seconds or a (min, max) range), 10 s without one."""
    waits = [wait for after, wait in sorted(pattern.items()) if tries >= after]
    wait = waits[-1] if waits else 10
    return wait[0] if isinstance(wait, (list, tuple)) else wait


def delete_if_present(client, resource, ls_id, also=()):
    """DELETE a LegalSense record; one that is gone already is fine.

    A DELETE sent again after its answer was lost finds nothing (404): the
    first one did its work. ``also`` are more errors to accept (logged).
    Returns whether LegalSense deleted it now.
    """
    try:
        client.delete(resource, ls_id)
    except (NotFoundError, *also) as error:
        _logger.info("LegalSense: %s/%s not deleted: %s", resource, ls_id, error)
        return False
    return True


def same_identity(remote, payload, keys):
    """Whether the LegalSense record ``remote`` has ``payload``'s ``keys``.

    LegalSense answers "" for a text sent empty or not sent at all (a
    person's organisation name), so empty values are alike.
    """
    return all((remote.get(key) or None) == (payload.get(key) or None) for key in keys)


def log_found(record, facet, found):
    """Log the LegalSense record a lost create made, found for ``record``."""
    _logger.info("LegalSense: %s found %s/%s", record, *found_ref(facet, found))


def found_ref(facet, found):
    """(resource, id) of a record found after a lost create, for the log."""
    return facet.resource, found.get("id")
