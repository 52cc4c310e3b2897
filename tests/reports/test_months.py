"""Month parameters of the report and the month of a Rome datetime."""

from DateTime import DateTime
from datetime import datetime
from famiguida.desks.requests import ROME
from famiguida.reports.months import month_of
from famiguida.reports.months import month_range
from famiguida.reports.months import MonthRangeError
from zoneinfo import ZoneInfo

import pytest


TODAY = ROME.localize(datetime(2026, 12, 4, 3, 0))


def test_default_is_the_last_twelve_months():
    months = month_range(today=TODAY)
    assert months[0] == "2026-01"
    assert months[-1] == "2026-12"
    assert len(months) == 12


def test_one_end_given():
    assert month_range("2025-11", "", today=TODAY)[-1] == "2026-10"
    assert month_range("", "2026-02", today=TODAY)[0] == "2025-03"


def test_range_across_years_and_backwards():
    assert month_range("2025-11", "2026-02") == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]
    assert month_range("2026-02", "2025-11")[0] == "2025-11"
    assert month_range("2026-05", "2026-05") == ["2026-05"]


@pytest.mark.parametrize(
    "start, end",
    [
        ("2026-13", ""),
        ("26-01", ""),
        ("gennaio", ""),
        ("", "2026-1"),
        ("2000-01", "2026-01"),
    ],
)
def test_bad_months(start, end):
    with pytest.raises(MonthRangeError):
        month_range(start, end, today=TODAY)


def test_month_of_is_rome_time():
    utc = ZoneInfo("UTC")
    # 23:30 UTC on 31 January is 00:30 on 1 February in Rome
    assert month_of(datetime(2026, 1, 31, 23, 30, tzinfo=utc)) == "2026-02"
    assert month_of(datetime(2026, 1, 31, 22, 59, tzinfo=utc)) == "2026-01"
    # summer time: UTC+2
    assert month_of(datetime(2026, 6, 30, 22, 0, tzinfo=utc)) == "2026-07"
    assert month_of(DateTime("2026-01-31T23:30:00+01:00")) == "2026-01"
    assert month_of(DateTime("2026-01-31T23:30:00+00:00")) == "2026-02"
    # naive: Rome time
    assert month_of(datetime(2026, 1, 31, 23, 30)) == "2026-01"
