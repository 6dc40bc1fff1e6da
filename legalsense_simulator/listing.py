"""List answers: filters, pagination and the ``count/next/previous/results`` page."""

import re
from datetime import datetime, timezone
from math import ceil
from urllib.parse import urlencode

from . import errors

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
INSTANT_RE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?"
)


def positive_int(args, name, default):
    """A query parameter that must be a positive integer (400 ``invalid`` otherwise)."""
    value = args.get(name)
    if value is None:
        return default
    if not value.isdigit() or int(value) < 1:
        raise errors.invalid(name, f"{name} must be a positive integer.")
    return int(value)


def parse_instant(value):
    """The filter value: a date-time (UTC without offset) or a date (00:00 UTC)."""
    if not INSTANT_RE.fullmatch(value):
        raise errors.invalid(
            "modified_date__gte", "Use an ISO 8601 date-time, e.g. 2024-01-01."
        )
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        raise errors.invalid("modified_date__gte", "Not a valid date-time.") from None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=timezone.utc)
    return instant


def reference_filters(resource, args):
    """``{field: id}`` of the resource's reference filters; others are ignored."""
    filters = {}
    for param, field_name in resource.filters.items():
        if field_name and param in args:
            filters[field_name] = positive_int(args, param, None)
    return filters


def modified_since(records, args):
    """Records modified at or after ``modified_date__gte``, when given."""
    value = args.get("modified_date__gte")
    if value is None:
        return records
    since = parse_instant(value)
    return [r for r in records if datetime.fromisoformat(r["modified_date"]) >= since]


def page_of(records, args, base_url, render):
    """One page; a page after the last is 404, page 1 of nothing is empty."""
    page = positive_int(args, "page", 1)
    size = min(positive_int(args, "page_size", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE)
    pages = max(1, ceil(len(records) / size))
    if page > pages:
        raise errors.not_found("Invalid page.")
    start = (page - 1) * size
    return {
        "count": len(records),
        "next": _page_url(base_url, args, page + 1) if page < pages else None,
        "previous": _page_url(base_url, args, page - 1) if page > 1 else None,
        "results": [render(record) for record in records[start : start + size]],
    }


def _page_url(base_url, args, page):
    params = [(key, value) for key, value in args.items(multi=True) if key != "page"]
    return f"{base_url}?{urlencode([*params, ('page', page)])}"
