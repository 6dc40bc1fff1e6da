"""The rows of the manual's outbound field mapping tables, as the tests read them.

A table test maps one base source record with the default settings; each row
of the table changes the source and the settings, and expects the payload of
the base record with the row's changes. ``NEW`` in place of the record
LegalSense holds means that the record is new there; ``DROP`` as an expected
value means that the key is not in the payload.
"""

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

import pytest

NEW = object()  # marks "existing is None"
DROP = object()  # the key is not in the payload
_BASE = object()  # a row without an existing record of its own


@dataclasses.dataclass(frozen=True)
class PayloadTable:
    """One mapping table: its payload builder, base source and base payload.

    ``build(source, settings, *extra, existing)`` maps a source record;
    ``settings`` is ``settings_class`` with a row's changes; ``existing`` is
    the record LegalSense holds, or None for a new record. ``always`` is what
    every payload of ``source`` holds, ``new_only`` what only a new record's
    payload adds. ``extra`` names the other values a row may set (e.g. the
    LegalSense version) with their defaults, in the order ``build`` takes them.
    """

    build: Callable
    source: Any
    settings_class: type
    existing: Mapping
    always: Mapping
    new_only: Mapping
    extra: Mapping = dataclasses.field(default_factory=dict)

    def row(
        self, row_text, source=None, settings=None, existing=_BASE, expect=None, **extra
    ):
        """One table row: the changes to the source and settings, and the
        expected changes to the payload; the values of ``pytest.param`` are
        (source, settings, existing, expect, *extra)."""
        if existing is _BASE:
            existing = self.existing
        unknown = set(extra) - set(self.extra)
        if unknown:
            raise TypeError(f"not a column of this table: {', '.join(sorted(unknown))}")
        extra = [extra.get(name, default) for name, default in self.extra.items()]
        return pytest.param(
            source or {}, settings or {}, existing, expect or {}, *extra, id=row_text
        )

    def payload(self, source_changes, setting_changes, existing, *extra):
        """The payload of the base source and settings with a row's changes."""
        defaults = list(self.extra.values())[len(extra) :]
        return self.build(
            dataclasses.replace(self.source, **source_changes),
            self.settings_class(**setting_changes),
            *extra,
            *defaults,
            None if existing is NEW else existing,
        )

    def expected(self, existing, changes):
        """The base payload with a row's ``changes``, for a new or existing record."""
        base = self.always | self.new_only if existing is NEW else dict(self.always)
        return {
            key: value for key, value in (base | changes).items() if value is not DROP
        }
