"""Opening hours in words: today's status, the weekly table, exceptions, summary."""

from datetime import date
from datetime import datetime
from datetime import UTC
from famiguida.hours_display import default_translate
from famiguida.hours_display import format_date
from famiguida.hours_display import format_day
from famiguida.hours_display import now_rome
from famiguida.hours_display import opening_status
from famiguida.hours_display import upcoming_exceptions
from famiguida.hours_display import week_rows
from famiguida.hours_display import week_summary
from famiguida.opening_hours import ROME
from famiguida.opening_hours import Schedule
from zope.i18n import interpolate

import pytest


# The hours of the starter location "csc-crema", with two of its exceptions.
OFFICE = Schedule.from_lines(
    [
        "mon 09:00-12:30",
        "tue 09:00-12:30",
        "tue 14:00-16:30",
        "wed 09:00-12:30",
        "thu 09:00-12:30",
        "thu 14:00-16:30",
        "fri 09:00-12:30",
    ],
    [
        "2026-12-08 closed # Immacolata Concezione",
        "2026-12-24 09:00-12:00 # Vigilia di Natale",
        "2027-08-09..2027-08-20 closed # chiusura estiva",
    ],
)
NIGHT = Schedule.from_lines(["fri 22:00-02:00"])
ALWAYS = Schedule.from_lines(
    [f"{day} 00:00-24:00" for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")]
)


def rome(*args):
    return datetime(*args, tzinfo=ROME)


# 2026-11-23 is a Monday.
@pytest.mark.parametrize(
    "schedule,now,is_open,text",
    [
        (OFFICE, rome(2026, 11, 23, 10, 0), True, "Aperto ora, chiude alle 12:30"),
        (
            OFFICE,
            rome(2026, 11, 23, 12, 30),
            False,
            "Chiuso ora, apre martedì alle 09:00",
        ),
        (OFFICE, rome(2026, 11, 24, 13, 0), False, "Chiuso ora, apre oggi alle 14:00"),
        (OFFICE, rome(2026, 11, 24, 8, 59), False, "Chiuso ora, apre oggi alle 09:00"),
        (
            OFFICE,
            rome(2026, 11, 27, 18, 0),
            False,
            "Chiuso ora, apre lunedì alle 09:00",
        ),
        (
            OFFICE,
            rome(2026, 11, 28, 11, 0),
            False,
            "Chiuso ora, apre lunedì alle 09:00",
        ),
        # the Tuesday holiday is skipped
        (
            OFFICE,
            rome(2026, 12, 7, 13, 0),
            False,
            "Chiuso ora, apre mercoledì alle 09:00",
        ),
        # Christmas Eve closes early
        (OFFICE, rome(2026, 12, 24, 11, 0), True, "Aperto ora, chiude alle 12:00"),
        # beyond a week: the date too (summer closure)
        (
            OFFICE,
            rome(2027, 8, 6, 13, 0),
            False,
            "Chiuso ora, apre lunedì 23 agosto alle 09:00",
        ),
        (
            NIGHT,
            rome(2026, 11, 27, 23, 0),
            True,
            "Aperto ora, chiude sabato alle 02:00",
        ),
        (NIGHT, rome(2026, 11, 28, 1, 0), True, "Aperto ora, chiude alle 02:00"),
        (ALWAYS, rome(2026, 11, 28, 1, 0), True, "Aperto ora"),
        (Schedule(), rome(2026, 11, 28, 1, 0), False, "Chiuso ora"),
        # any time zone in, Rome wall clock out: 09:00 UTC is 10:00 in Rome
        (
            OFFICE,
            datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
            True,
            "Aperto ora, chiude alle 12:30",
        ),
    ],
)
def test_opening_status(schedule, now, is_open, text):
    status = opening_status(schedule, now)
    assert (status.is_open, status.text) == (is_open, text)


def test_no_hours_no_status():
    assert opening_status(None, rome(2026, 11, 23, 10, 0)) is None


def test_naive_now_is_refused():
    with pytest.raises(ValueError):
        opening_status(OFFICE, datetime(2026, 11, 23, 10, 0))


def test_now_is_aware_rome_time():
    assert now_rome().tzinfo is ROME


ENGLISH = {
    "weekday_mon": "Monday",
    "status_closed_opens_on": "Closed now, opens ${day} at ${time}",
}


def english(message):
    """A stand-in for a catalog: English where known, else the default."""
    return interpolate(ENGLISH.get(str(message), message.default), message.mapping)


def test_texts_go_through_translate():
    status = opening_status(OFFICE, rome(2026, 11, 27, 18, 0), english)
    assert status.text == "Closed now, opens Monday at 09:00"


def test_week_rows_cover_seven_days():
    rows = week_rows(OFFICE)
    assert [row.name for row in rows] == [
        "Lunedì",
        "Martedì",
        "Mercoledì",
        "Giovedì",
        "Venerdì",
        "Sabato",
        "Domenica",
    ]
    assert rows[1].spans == ("09:00-12:30", "14:00-16:30")
    assert [row.closed for row in rows] == [False] * 5 + [True] * 2


def test_week_rows_show_night_slots_on_their_day():
    rows = week_rows(NIGHT)
    assert rows[4].spans == ("22:00-02:00",)
    assert rows[5].closed


@pytest.mark.parametrize(
    "today,expected",
    [
        # 30 days ahead include the 8th of December, not Christmas Eve
        (date(2026, 11, 23), [("martedì 8 dicembre", (), "Immacolata Concezione")]),
        (
            date(2026, 12, 1),
            [
                ("martedì 8 dicembre", (), "Immacolata Concezione"),
                ("giovedì 24 dicembre", ("09:00-12:00",), "Vigilia di Natale"),
            ],
        ),
        (
            date(2026, 12, 9),
            [("giovedì 24 dicembre", ("09:00-12:00",), "Vigilia di Natale")],
        ),
        # a closure of many days is one row, shown whole even once begun
        (
            date(2027, 8, 15),
            [("da lunedì 9 agosto a venerdì 20 agosto", (), "chiusura estiva")],
        ),
        (date(2026, 10, 1), []),
    ],
)
def test_upcoming_exceptions(today, expected):
    rows = upcoming_exceptions(OFFICE, today)
    assert [(row.when, row.spans, row.note) for row in rows] == expected


@pytest.mark.parametrize(
    "lines,summary",
    [
        (
            OFFICE.weekly,
            "lun, mer, ven 09:00-12:30; mar, gio 09:00-12:30, 14:00-16:30",
        ),
        (
            Schedule.from_lines(
                [f"{d} 09:00-13:00" for d in ("mon", "tue", "wed", "thu", "fri")]
            ).weekly,
            "lun-ven 09:00-13:00",
        ),
        (
            Schedule.from_lines(
                ["tue 15:00-18:00", "thu 09:30-12:30", "sat 09:30-12:00"]
            ).weekly,
            "mar 15:00-18:00; gio 09:30-12:30; sab 09:30-12:00",
        ),
        (NIGHT.weekly, "ven 22:00-02:00"),
        ((), ""),
    ],
)
def test_week_summary(lines, summary):
    assert week_summary(Schedule(lines)) == summary


@pytest.mark.parametrize(
    "day,long,short",
    [
        (date(2026, 9, 15), "15 settembre 2026", "martedì 15 settembre"),
        (date(2027, 1, 1), "1 gennaio 2027", "venerdì 1 gennaio"),
    ],
)
def test_dates_in_words(day, long, short):
    assert format_date(day) == long
    assert format_day(day) == short


def test_default_translate_passes_plain_text():
    assert default_translate("già testo") == "già testo"
