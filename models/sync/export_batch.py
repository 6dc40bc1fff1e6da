# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the records one export job exports share.

An export job (of one record or of a batch) puts an :class:`ExportBatch` in
its context under ``BATCH_CONTEXT``. What the records read alike (settings,
the firm's own partners, external references, creates in flight) is read
once for all of them, and what they sent is stored for all of them at the
end of the job. The job's transaction sees the database as it was when it
began, so what is read once stays true for the whole job.
"""

BATCH_CONTEXT = "legalsense_export_batch"
# Records whose external references are read together (as Odoo prefetches).
PREFETCH_MAX = 1000


class ExportBatch:
    def __init__(self):
        self._memo = {}
        self.bookkeeping = {}  # {(model, id): values to store}

    def once(self, key, compute):
        """``compute()``, computed once per job for ``key`` (a tuple)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def forget(self, kind):
        """Drop what was read once of ``kind`` (the first item of its keys)."""
        for key in [key for key in self._memo if key[0] == kind]:
            del self._memo[key]


def batch_of(env):
    """The ExportBatch of the export job ``env`` runs in, or None."""
    return env.context.get(BATCH_CONTEXT)


def once_per_job(env, key, compute):
    """``compute()``, once per export job (each time outside one)."""
    batch = batch_of(env)
    return batch.once(key, compute) if batch is not None else compute()
