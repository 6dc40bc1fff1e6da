"""JSON dumps of LegalSense requests and responses, and their clean-up.

With debugging switched on, every request/response pair is written to its
own ``.json`` file. Credentials never reach the disk: secret fields, bearer
tokens and the secret values the client knows are replaced before writing.
"""

import datetime
import itertools
import json
import logging
import os
import re
import time
from urllib.parse import urlsplit

from .redaction import redact
from .urls import API_PATH, redact_url

_logger = logging.getLogger(__name__)

_file_counter = itertools.count(1)
_UNSAFE_NAME_CHARACTERS = re.compile(r"[^A-Za-z0-9-]+")
_SECONDS_PER_DAY = 24 * 60 * 60
_MAX_NAME_ATTEMPTS = 5
DUMP_SUFFIX = ".json"


def _resource_of(url):
    """``contacts`` for ``.../api/v3/contacts/17?page=2``."""
    path = urlsplit(url or "").path
    relative = path.partition(API_PATH)[2] or path
    segments = [segment for segment in relative.split("/") if segment]
    name = segments[0] if segments else "root"
    return _UNSAFE_NAME_CHARACTERS.sub("-", name) or "root"


def _utc_now():
    return datetime.datetime.now(datetime.timezone.utc)


class DebugLog:
    """Writes one JSON file per request/response pair into ``directory``."""

    def __init__(self, directory, clock=_utc_now):
        self.directory = directory
        self._clock = clock

    def write(  # pylint: disable=method-required-super
        self,
        method,
        url,
        request_body,
        status,
        response_body,
        elapsed,
        *,
        request_headers=None,
        response_headers=None,
        secrets=(),
    ):
        """Dump one exchange; return the file path, or None when writing failed.

        ``secrets`` are literal values (password, tokens) to remove wherever
        they appear. A failure to write is logged and never breaks the call.
        """
        moment = self._clock()
        record = {
            "timestamp": moment.isoformat(),
            "method": method,
            "url": redact_url(url),
            "elapsed_seconds": round(elapsed, 6) if elapsed is not None else None,
            "request": {"headers": dict(request_headers or {}), "body": request_body},
            "response": {
                "status": status,
                "headers": dict(response_headers or {}),
                "body": response_body,
            },
        }
        text = json.dumps(
            redact(record, secrets), indent=2, ensure_ascii=False, default=str
        )
        try:
            return self._write_new_file(moment, method, url, text)
        except OSError as error:
            _logger.warning("Could not write LegalSense debug dump: %s", error)
            return None

    def _write_new_file(self, moment, method, url, text):
        os.makedirs(self.directory, exist_ok=True)
        for _attempt in range(_MAX_NAME_ATTEMPTS):
            path = os.path.join(self.directory, self._file_name(moment, method, url))
            try:
                with open(path, "x", encoding="utf-8") as dump:
                    dump.write(text)
                return path
            except FileExistsError:
                continue
        raise FileExistsError(f"no free debug dump name in {self.directory}")

    @staticmethod
    def _file_name(moment, method, url):
        stamp = moment.astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        counter = next(_file_counter)
        method = _UNSAFE_NAME_CHARACTERS.sub("-", str(method).upper())
        return f"{stamp}_{counter:06d}_{method}_{_resource_of(url)}{DUMP_SUFFIX}"


def _as_timestamp(now):
    if now is None:
        return time.time()
    if isinstance(now, datetime.datetime):
        return now.timestamp()
    return float(now)


def _old_dump_files(directory, oldest_kept):
    """Regular ``.json`` files (no links, no folders) changed before ``oldest_kept``."""
    with os.scandir(directory) as entries:
        for entry in entries:
            if not entry.name.endswith(DUMP_SUFFIX):
                continue
            if not entry.is_file(follow_symlinks=False):
                continue
            if entry.stat(follow_symlinks=False).st_mtime < oldest_kept:
                yield entry.path


def cleanup_log_directory(directory, days, now=None):
    """Delete ``.json`` dumps older than ``days`` days; return how many were deleted.

    ``days`` 0 (or None) keeps everything. Only ``.json`` files directly in
    ``directory`` are candidates; other files, folders and the directory
    itself are left alone. A missing directory counts as empty, and a file that
    cannot be deleted is logged and skipped.
    """
    if not days:
        return 0
    if days < 0:
        raise ValueError(f"days must be 0 or more, not {days}")
    oldest_kept = _as_timestamp(now) - days * _SECONDS_PER_DAY
    removed = 0
    try:
        old_files = list(_old_dump_files(directory, oldest_kept))
    except (FileNotFoundError, NotADirectoryError):
        return 0
    for path in old_files:
        try:
            os.remove(path)
        except OSError as error:
            _logger.warning(
                "Could not delete LegalSense debug dump %s: %s", path, error
            )
            continue
        removed += 1
    return removed
