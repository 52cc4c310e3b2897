"""Months as ``YYYY-MM`` strings, in Europe/Rome, and the report's range."""

from datetime import datetime
from famiguida.desks.requests import ROME

import re


MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
# Longest range a report shows (five years of columns).
MAX_MONTHS = 60
DEFAULT_MONTHS = 12


class MonthRangeError(ValueError):
    """A month parameter is not ``YYYY-MM`` or the range is too long."""


def month_of(value):
    """The ``YYYY-MM`` in Rome of an aware datetime or a Zope DateTime."""
    if hasattr(value, "asdatetime"):  # DateTime
        value = value.asdatetime()
    if value.tzinfo is None:
        value = ROME.localize(value)
    return value.astimezone(ROME).strftime("%Y-%m")


def parse_month(text):
    """``(year, month)`` of ``YYYY-MM``; MonthRangeError otherwise."""
    match = MONTH_RE.match((text or "").strip())
    if not match:
        raise MonthRangeError(text)
    year, month = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 1900 <= year <= 9999):
        raise MonthRangeError(text)
    return year, month


def shift(year, month, delta):
    """The month ``delta`` months after (or before) ``year``-``month``."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def months_between(first, last):
    """Every ``YYYY-MM`` from ``first`` to ``last`` (tuples), both included."""
    months = []
    year, month = first
    while (year, month) <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = shift(year, month, 1)
    return months


def month_range(start=None, end=None, today=None):
    """The months of a report from the ``da``/``a`` parameters.

    Empty parameters: the last 12 months up to the current one (Rome); only
    ``da``: 12 months from it; only ``a``: the 12 months up to it.  The two
    ends are swapped if given backwards.  Raises MonthRangeError on a
    malformed month or a range longer than ``MAX_MONTHS``.
    """
    today = today or datetime.now(ROME)
    start = parse_month(start) if (start or "").strip() else None
    end = parse_month(end) if (end or "").strip() else None
    if start is None and end is None:
        end = (today.year, today.month)
    if end is None:
        end = shift(*start, DEFAULT_MONTHS - 1)
    if start is None:
        start = shift(*end, -(DEFAULT_MONTHS - 1))
    if start > end:
        start, end = end, start
    months = months_between(start, end)
    if len(months) > MAX_MONTHS:
        raise MonthRangeError(f"{len(months)} months")
    return months
