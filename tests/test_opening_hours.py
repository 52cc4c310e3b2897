"""Opening hours: parsing what editors type, open now, next opening, tokens."""

from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from datetime import UTC
from famiguida.opening_hours import DayException
from famiguida.opening_hours import format_weekly
from famiguida.opening_hours import OpeningHoursError
from famiguida.opening_hours import parse_exceptions
from famiguida.opening_hours import parse_weekly
from famiguida.opening_hours import ROME
from famiguida.opening_hours import Schedule
from famiguida.opening_hours import Slot
from famiguida.opening_hours import token_for

import pytest


def rome(*args, fold=0):
    return datetime(*args, tzinfo=ROME, fold=fold)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# 2026-03-02 is a Monday; 2026-03-29 and 2026-10-25 are the DST Sundays.
MON = date(2026, 3, 2)


def on(weekday, hour, minute=0):
    """A Rome moment in the week of MON (weekday 0 = Monday)."""
    day = MON + timedelta(days=weekday)
    return rome(day.year, day.month, day.day, hour, minute)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("mon 09:00-12:30", [Slot(0, 540, 750)]),
        ("MON 9:00-12:30", [Slot(0, 540, 750)]),
        ("mon 9.30-12.00", [Slot(0, 570, 720)]),
        ("tue 09:00-12:30, 14:00-16:00", [Slot(1, 540, 750), Slot(1, 840, 960)]),
        ("tue 09:00-12:30 14:00-16:00", [Slot(1, 540, 750), Slot(1, 840, 960)]),
        ("wed 09:00 - 12:00", [Slot(2, 540, 720)]),
        ("sat 09:00-12:00", [Slot(5, 540, 720)]),
        ("sun 00:00-24:00", [Slot(6, 0, 1440)]),
        ("fri 18:00-24:00", [Slot(4, 1080, 1440)]),
        ("fri 22:00-02:00", [Slot(4, 1320, 1560)]),
        ("fri 12:00-00:00", [Slot(4, 720, 1440)]),
        ("sat 20:00-08:00", [Slot(5, 1200, 1920)]),
        ("lun 09:00-12:00", [Slot(0, 540, 720)]),
        ("mar 09:00-12:00", [Slot(1, 540, 720)]),
        ("mer 09:00-12:00", [Slot(2, 540, 720)]),
        ("gio 09:00-12:00", [Slot(3, 540, 720)]),
        ("ven 09:00-12:00", [Slot(4, 540, 720)]),
        ("sab 09:00-12:00", [Slot(5, 540, 720)]),
        ("dom 09:00-12:00", [Slot(6, 540, 720)]),
        ("Lunedì 09:00-12:00", [Slot(0, 540, 720)]),
        ("lunedi 09:00-12:00", [Slot(0, 540, 720)]),
        ("lunedi\u0300 09:00-12:00", [Slot(0, 540, 720)]),
        ("MARTEDÌ 09:00-12:00", [Slot(1, 540, 720)]),
        ("mercoledì 09:00-12:00", [Slot(2, 540, 720)]),
        ("giovedi 09:00-12:00", [Slot(3, 540, 720)]),
        ("venerdì 09:00-12:00", [Slot(4, 540, 720)]),
        ("Sabato 09:00-12:00", [Slot(5, 540, 720)]),
        ("domenica 09:00-12:00", [Slot(6, 540, 720)]),
        ("  mon 09:00-12:00  # solo su appuntamento", [Slot(0, 540, 720)]),
    ],
)
def test_valid_weekly_lines(line, expected):
    assert parse_weekly([line]) == tuple(expected)


def test_blank_and_comment_lines_are_ignored():
    lines = ["", "mon 09:00-12:00", "   ", "# estate", "tue 09:00-12:00"]
    assert parse_weekly(lines) == (Slot(0, 540, 720), Slot(1, 540, 720))
    assert parse_weekly([]) == ()
    assert parse_weekly(None) == ()


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("mon 14:00-13:00", "l'orario finisce prima di iniziare"),
        ("mon 20:00-08:01", "l'orario finisce prima di iniziare"),
        ("mon 10:00-10:00", "inizia e finisce alla stessa ora"),
        ("mon 00:00-00:00", "inizia e finisce alla stessa ora"),
        ("tue 09:00-12:30, 14:00-13:00", "l'orario 14:00-13:00 finisce prima"),
        ("xyz 09:00-12:00", 'giorno non riconosciuto "xyz"'),
        ("09:00-12:00", 'giorno non riconosciuto "09:00-12:00"'),
        ("mon", "manca l'orario"),
        ("mon 9-12", 'orario non valido "9-12"'),
        ("mon 09:00", 'orario non valido "09:00"'),
        ("mon 09:00-12:00 chiuso", 'orario non valido "chiuso"'),
        ("mon 25:00-26:00", "ora non valida"),
        ("mon 09:60-12:00", "ora non valida"),
        ("mon 24:00-02:00", "ora non valida"),
        ("mon 22:00-24:30", "ora non valida"),
        ("mon 09:00-12:00, 11:00-13:00", "si sovrappone a lun 09:00-12:00 (riga 2)"),
    ],
)
def test_invalid_weekly_lines(line, reason):
    with pytest.raises(OpeningHoursError) as info:
        parse_weekly(["sat 09:00-12:00", line])
    error = info.value
    assert error.line == 2
    assert error.text == line
    assert str(error).startswith(f'Riga 2 "{line}": ')
    assert reason in str(error)


def test_error_message_example():
    with pytest.raises(OpeningHoursError) as info:
        parse_weekly(["mon 09:00-12:00", "mon 14:00-13:00"])
    assert str(info.value) == (
        'Riga 2 "mon 14:00-13:00": l\'orario finisce prima di iniziare'
    )
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("lines", "line", "reason"),
    [
        (["mon 09:00-12:00", "lun 11:59-13:00"], 2, "lun 09:00-12:00 (riga 1)"),
        (["mon 09:00-18:00", "mon 10:00-11:00"], 2, "lun 09:00-18:00"),
        (["mon 10:00-11:00", "mon 09:00-18:00"], 2, "lun 10:00-11:00"),
        (["fri 22:00-02:00", "sat 01:00-05:00"], 2, "ven 22:00-02:00 (riga 1)"),
        (["sat 01:00-05:00", "fri 22:00-02:00"], 2, "sab 01:00-05:00 (riga 1)"),
        (["sun 23:00-01:00", "", "mon 00:30-02:00"], 3, "dom 23:00-01:00 (riga 1)"),
        (["mon 00:30-02:00", "sun 23:00-01:00"], 2, "lun 00:30-02:00"),
        (["mon 09:00-12:00", "mon 09:00-12:00"], 2, "lun 09:00-12:00"),
    ],
)
def test_overlaps_are_rejected(lines, line, reason):
    with pytest.raises(OpeningHoursError) as info:
        parse_weekly(lines)
    assert info.value.line == line
    assert f"si sovrappone a {reason}" in str(info.value)


@pytest.mark.parametrize(
    "lines",
    [
        ["mon 09:00-12:00", "mon 12:00-14:00"],
        ["fri 22:00-02:00", "sat 02:00-05:00"],
        ["sun 23:00-01:00", "mon 01:00-09:00"],
        ["mon 09:00-12:00", "tue 09:00-12:00"],
    ],
)
def test_touching_slots_are_not_overlaps(lines):
    assert len(parse_weekly(lines)) == 2


@pytest.mark.parametrize(
    "lines",
    [
        ["mon 09:00-12:30", "mon 14:00-17:00", "sat 09:00-12:00"],
        ["tue 09:00-12:30, 14:00-16:00", "fri 22:00-02:00", "sun 23:00-01:00"],
        ["lunedì 9.00-12.00", "Domenica 12:00-00:00", "sab 18:00-24:00"],
        ["sun 00:00-24:00", "mon 20:00-08:00"],
    ],
)
def test_round_trip(lines):
    slots = parse_weekly(lines)
    assert parse_weekly(format_weekly(slots)) == slots
    assert format_weekly(parse_weekly(format_weekly(slots))) == format_weekly(slots)


def test_canonical_format():
    slots = parse_weekly(["venerdì 22.00-2.00", "lun 9:00-12:30", "sab 12:00-00:00"])
    assert format_weekly(slots) == [
        "mon 09:00-12:30",
        "fri 22:00-02:00",
        "sat 12:00-24:00",
    ]
    assert Slot(0, 540, 750).format() == "mon 09:00-12:30"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2026-12-25 closed", [DayException(date(2026, 12, 25), ())]),
        ("2026-12-25 CHIUSO", [DayException(date(2026, 12, 25), ())]),
        (
            "2026-08-15 chiuso # Ferragosto",
            [DayException(date(2026, 8, 15), (), "Ferragosto")],
        ),
        (
            "2026-12-24 09:00-12:00",
            [DayException(date(2026, 12, 24), ((540, 720),))],
        ),
        (
            "2026-12-24 14:00-16:00, 9.00-12.00 # vigilia",
            [DayException(date(2026, 12, 24), ((540, 720), (840, 960)), "vigilia")],
        ),
        (
            "2026-12-31 20:00-02:00",
            [DayException(date(2026, 12, 31), ((1200, 1560),))],
        ),
        (
            "2026-08-10..2026-08-12 chiuso # ferie",
            [
                DayException(date(2026, 8, 10), (), "ferie"),
                DayException(date(2026, 8, 11), (), "ferie"),
                DayException(date(2026, 8, 12), (), "ferie"),
            ],
        ),
        ("2026-08-10 .. 2026-08-10 closed", [DayException(date(2026, 8, 10), ())]),
    ],
)
def test_valid_exception_lines(line, expected):
    assert parse_exceptions([line]) == tuple(expected)


def test_exceptions_are_sorted_by_date():
    parsed = parse_exceptions(["2026-12-25 chiuso", "", "2026-01-01 chiuso"])
    assert [exception.day for exception in parsed] == [
        date(2026, 1, 1),
        date(2026, 12, 25),
    ]
    assert parse_exceptions(None) == ()


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("2026-12-25", "manca l'orario"),
        ("2026-12-25 # Natale", "manca l'orario"),
        ("25/12/2026 chiuso", "data non valida"),
        ("natale chiuso", "data non valida"),
        ("2026-02-30 chiuso", "data inesistente"),
        ("2026-12-25chiuso", "data non valida"),
        ("2026-12-25 aperto", 'orario non valido "aperto"'),
        ("2026-12-24 12:00-09:00", "finisce prima di iniziare"),
        ("2026-12-24 09:00-12:00, 11:00-13:00", "si sovrappone a 09:00-12:00"),
        ("2026-08-21..2026-08-10 chiuso", "l'intervallo di date finisce prima"),
        ("2027-01-01..2028-01-02 chiuso", "intervallo di date troppo lungo"),
        ("2026-01-01 chiuso", "la data 2026-01-01 compare già alla riga 1"),
        ("2026-01-01..2027-01-01 chiuso", "la data 2026-01-01 compare già"),
        ("2025-12-31..2026-01-02 chiuso", "la data 2026-01-01 compare già"),
    ],
)
def test_invalid_exception_lines(line, reason):
    with pytest.raises(OpeningHoursError) as info:
        parse_exceptions(["2026-01-01 chiuso", line])
    assert info.value.line == 2
    assert str(info.value).startswith(f'Riga 2 "{line}": ')
    assert reason in str(info.value)


OFFICE = Schedule.from_lines(
    ["mon 09:00-12:30", "mon 14:00-17:00", "fri 09:00-13:00", "sat 09:00-12:00"]
)
NIGHT = Schedule.from_lines(["fri 22:00-02:00", "sun 23:00-01:00"])


@pytest.mark.parametrize(
    ("schedule", "at", "expected"),
    [
        (OFFICE, on(0, 8, 59), False),
        (OFFICE, on(0, 9, 0), True),
        (OFFICE, on(0, 12, 29), True),
        (OFFICE, on(0, 12, 30), False),
        (OFFICE, on(0, 16, 59), True),
        (OFFICE, on(0, 17, 0), False),
        (OFFICE, on(1, 10, 0), False),
        (OFFICE, on(5, 11, 0), True),
        (NIGHT, on(4, 21, 59), False),
        (NIGHT, on(4, 22, 0), True),
        (NIGHT, on(5, 1, 0), True),
        (NIGHT, on(5, 1, 59), True),
        (NIGHT, on(5, 2, 0), False),
        (NIGHT, on(5, 2, 30), False),
        (NIGHT, on(6, 23, 30), True),
        (NIGHT, on(7, 0, 30), True),
        (NIGHT, on(7, 1, 0), False),
        (NIGHT, on(0, 0, 30), True),
    ],
)
def test_is_open(schedule, at, expected):
    assert schedule.is_open(at) is expected


def test_is_open_converts_other_time_zones():
    # Monday 09:30 in Rome (CET, UTC+1) is 08:30 UTC and 03:30 in New York
    assert OFFICE.is_open(utc(2026, 3, 2, 8, 30))
    assert OFFICE.is_open(
        datetime(2026, 3, 2, 3, 30, tzinfo=timezone(-timedelta(hours=5)))
    )
    assert not OFFICE.is_open(utc(2026, 3, 2, 7, 30))
    assert OFFICE.is_open(on(0, 12, 29) + timedelta(seconds=59))


@pytest.mark.parametrize(
    "call",
    [
        lambda: OFFICE.is_open(datetime(2026, 3, 2, 10, 0)),
        lambda: OFFICE.next_opening(datetime(2026, 3, 2, 10, 0)),
        lambda: OFFICE.closes_at(datetime(2026, 3, 2, 10, 0)),
        lambda: token_for(datetime(2026, 3, 2, 10, 0)),
    ],
)
def test_naive_datetime_is_rejected(call):
    with pytest.raises(ValueError, match="naive"):
        call()


@pytest.mark.parametrize(
    ("schedule", "at", "expected"),
    [
        (OFFICE, on(0, 8, 0), on(0, 9, 0)),
        (OFFICE, on(0, 9, 0), on(0, 14, 0)),
        (OFFICE, on(0, 10, 0), on(0, 14, 0)),
        (OFFICE, on(0, 12, 30), on(0, 14, 0)),
        (OFFICE, on(0, 15, 0), on(4, 9, 0)),
        (OFFICE, on(4, 8, 59), on(4, 9, 0)),
        # across the weekend: Saturday noon to Monday morning
        (OFFICE, on(5, 12, 0), on(7, 9, 0)),
        (OFFICE, on(6, 10, 0), on(7, 9, 0)),
        (NIGHT, on(5, 1, 0), on(6, 23, 0)),
        (NIGHT, on(6, 23, 30), on(11, 22, 0)),
    ],
)
def test_next_opening(schedule, at, expected):
    assert schedule.next_opening(at) == expected


def test_next_opening_seconds_after_the_opening_minute():
    at = on(0, 8, 59) + timedelta(seconds=30)
    assert OFFICE.next_opening(at) == on(0, 9, 0)
    assert OFFICE.next_opening(on(0, 9, 0) + timedelta(seconds=1)) == on(0, 14, 0)


def test_next_opening_is_in_rome_time():
    opening = OFFICE.next_opening(utc(2026, 3, 2, 6, 0))
    assert opening.tzinfo is ROME
    assert opening == utc(2026, 3, 2, 8, 0)


def test_adjacent_slots_are_one_stretch():
    schedule = Schedule.from_lines(["mon 09:00-12:00, 12:00-14:00", "tue 09:00-10:00"])
    assert schedule.closes_at(on(0, 10, 0)) == on(0, 14, 0)
    assert schedule.next_opening(on(0, 10, 0)) == on(1, 9, 0)
    night = Schedule.from_lines(["fri 22:00-02:00", "sat 02:00-04:00"])
    assert night.closes_at(on(4, 23, 0)) == on(5, 4, 0)


@pytest.mark.parametrize(
    ("schedule", "at", "expected"),
    [
        (OFFICE, on(0, 9, 0), on(0, 12, 30)),
        (OFFICE, on(0, 16, 0), on(0, 17, 0)),
        (OFFICE, on(0, 13, 0), None),
        (NIGHT, on(4, 23, 0), on(5, 2, 0)),
        (NIGHT, on(5, 1, 0), on(5, 2, 0)),
        (NIGHT, on(7, 0, 30), on(7, 1, 0)),
    ],
)
def test_closes_at(schedule, at, expected):
    assert schedule.closes_at(at) == expected


def test_always_open():
    schedule = Schedule.from_lines([f"{day} 00:00-24:00" for day in DAYS])
    assert schedule.is_open(on(3, 3, 0))
    assert schedule.next_opening(on(3, 3, 0)) is None
    assert schedule.closes_at(on(3, 3, 0)) is None
    assert len(schedule.week_tokens(60)) == 7 * 24


def test_lines_given_as_one_string():
    assert parse_weekly("mon 09:00-12:00\n\ntue 09:00-12:00") == (
        Slot(0, 540, 720),
        Slot(1, 540, 720),
    )
    assert parse_exceptions("2026-12-25 chiuso\n") == (
        DayException(date(2026, 12, 25), ()),
    )


def test_never_open():
    assert Schedule.from_lines([], []).next_opening(on(0, 9, 0)) is None
    only_dated = Schedule.from_lines([], ["2026-12-24 09:00-12:00"])
    assert only_dated.next_opening(rome(2026, 1, 1, 0, 0)) == rome(2026, 12, 24, 9, 0)
    assert only_dated.next_opening(rome(2025, 12, 1, 0, 0)) is None


CHRISTMAS = Schedule.from_lines(
    ["thu 09:00-12:00, 22:00-02:00", "fri 09:00-17:00", "mon 09:00-12:00"],
    ["2026-12-24 09:00-12:00 # vigilia", "2026-12-25 chiuso # Natale"],
)


def test_christmas_is_a_friday():
    assert date(2026, 12, 25).weekday() == 4


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (rome(2026, 12, 18, 10, 0), True),  # an ordinary Friday
        (rome(2026, 12, 25, 10, 0), False),  # Christmas, closed
        (rome(2026, 12, 24, 10, 0), True),  # Christmas Eve, reduced hours
        (rome(2026, 12, 24, 11, 59), True),
        (rome(2026, 12, 24, 12, 0), False),
        (rome(2026, 12, 24, 23, 0), False),  # the Thursday night slot is replaced
        (rome(2026, 12, 25, 1, 0), False),
        (rome(2026, 12, 17, 23, 0), True),  # an ordinary Thursday night
        (rome(2026, 12, 18, 1, 0), True),
    ],
)
def test_exceptions_override_weekly_slots(at, expected):
    assert CHRISTMAS.is_open(at) is expected


def test_next_opening_across_a_closed_holiday():
    # Christmas Eve noon: Christmas (Friday) is closed, next is Monday the 28th
    assert CHRISTMAS.next_opening(rome(2026, 12, 24, 12, 0)) == rome(2026, 12, 28, 9, 0)
    assert CHRISTMAS.closes_at(rome(2026, 12, 24, 10, 0)) == rome(2026, 12, 24, 12, 0)


def test_night_slot_runs_into_a_closed_date():
    schedule = Schedule.from_lines(["thu 22:00-02:00"], ["2026-12-25 chiuso"])
    assert schedule.is_open(rome(2026, 12, 25, 1, 0))
    assert schedule.closes_at(rome(2026, 12, 25, 1, 0)) == rome(2026, 12, 25, 2, 0)
    assert not schedule.is_open(rome(2026, 12, 25, 2, 0))


def test_exception_night_slot_runs_into_the_next_date():
    schedule = Schedule.from_lines([], ["2026-12-31 20:00-02:00"])
    assert schedule.is_open(rome(2027, 1, 1, 1, 0))
    assert schedule.closes_at(rome(2026, 12, 31, 21, 0)) == rome(2027, 1, 1, 2, 0)


def test_closed_dates():
    schedule = Schedule.from_lines(
        ["mon 09:00-12:00"],
        [
            "2026-08-10..2026-08-21 chiuso",
            "2026-12-24 09:00-10:00",
            "2026-12-25 closed",
        ],
    )
    assert schedule.closed_dates(date(2026, 8, 20), 5) == {
        date(2026, 8, 20),
        date(2026, 8, 21),
    }
    assert schedule.closed_dates(date(2026, 12, 1), 31) == {date(2026, 12, 25)}
    assert schedule.closed_dates(date(2026, 12, 1), 0) == set()


def test_days_open_and_open_on_weekday():
    assert OFFICE.days_open() == ["mon", "fri", "sat"]
    assert [OFFICE.open_on_weekday(wd) for wd in range(7)] == [
        True,
        False,
        False,
        False,
        True,
        True,
        False,
    ]
    # the small hours reached by Friday night do not make Saturday an open day
    assert NIGHT.days_open() == ["fri", "sun"]
    assert not NIGHT.open_on_weekday(5)
    with pytest.raises(ValueError):
        OFFICE.open_on_weekday(7)


@pytest.mark.parametrize(
    ("lines", "step", "expected"),
    [
        (["mon 09:00-10:30"], 30, {"mon-0900", "mon-0930", "mon-1000"}),
        (["mon 09:00-10:30"], 60, {"mon-0900", "mon-1000"}),
        (["mon 09:15-10:00"], 30, {"mon-0930"}),
        (
            ["fri 22:00-02:00"],
            60,
            {"fri-2200", "fri-2300", "sat-0000", "sat-0100"},
        ),
        (["sun 23:00-01:00"], 30, {"sun-2300", "sun-2330", "mon-0000", "mon-0030"}),
        ([], 30, set()),
    ],
)
def test_week_tokens(lines, step, expected):
    assert Schedule.from_lines(lines).week_tokens(step) == expected


def test_week_tokens_count():
    assert len(Schedule.from_lines(["sun 00:00-24:00"]).week_tokens()) == 48
    assert len(OFFICE.week_tokens(15)) == (210 + 180 + 240 + 180) // 15


@pytest.mark.parametrize(
    ("at", "step", "expected"),
    [
        (on(0, 9, 47), 30, "mon-0930"),
        (on(0, 9, 47), 15, "mon-0945"),
        (on(0, 9, 47), 60, "mon-0900"),
        (on(6, 23, 59), 30, "sun-2330"),
        (on(0, 0, 0), 30, "mon-0000"),
        (utc(2026, 3, 1, 23, 10), 30, "mon-0000"),  # Sunday in UTC, Monday in Rome
    ],
)
def test_token_for(at, step, expected):
    assert token_for(at, step) == expected


@pytest.mark.parametrize("step", [0, -30, 7, 100])
def test_bad_step(step):
    with pytest.raises(ValueError):
        token_for(on(0, 9, 0), step)
    with pytest.raises(ValueError):
        OFFICE.week_tokens(step)


def test_tokens_agree_with_is_open_on_aligned_slots():
    tokens = NIGHT.week_tokens(30)
    moment = on(0, 0, 0)
    while moment < on(7, 0, 0):
        assert (token_for(moment) in tokens) is NIGHT.is_open(moment), moment
        moment += timedelta(minutes=30)


# Daylight saving time: 2026-03-29 02:00 CET -> 03:00 CEST,
# 2026-10-25 03:00 CEST -> 02:00 CET (02:00-03:00 happens twice).
SPRING = Schedule.from_lines(["sat 22:00-04:00", "sun 09:00-12:00"])
AUTUMN = Schedule.from_lines(["sat 22:00-04:00", "sun 09:00-12:00"])


def test_dst_dates():
    assert date(2026, 3, 29).weekday() == 6
    assert date(2026, 10, 25).weekday() == 6


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (utc(2026, 3, 28, 20, 59), False),  # Saturday 21:59 CET
        (utc(2026, 3, 28, 21, 0), True),  # Saturday 22:00 CET
        (utc(2026, 3, 29, 0, 59), True),  # Sunday 01:59 CET
        (utc(2026, 3, 29, 1, 0), True),  # Sunday 03:00 CEST, right after the jump
        (utc(2026, 3, 29, 1, 59), True),  # 03:59 CEST
        (utc(2026, 3, 29, 2, 0), False),  # 04:00 CEST
        (utc(2026, 3, 29, 7, 0), True),  # 09:00 CEST
        (utc(2026, 3, 29, 9, 59), True),  # 11:59 CEST
        (utc(2026, 3, 29, 10, 0), False),  # 12:00 CEST
    ],
)
def test_is_open_on_spring_dst_day(at, expected):
    assert SPRING.is_open(at) is expected


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (utc(2026, 10, 24, 19, 59), False),  # Saturday 21:59 CEST
        (utc(2026, 10, 24, 20, 0), True),  # Saturday 22:00 CEST
        (utc(2026, 10, 25, 0, 30), True),  # Sunday 02:30 CEST
        (utc(2026, 10, 25, 1, 30), True),  # Sunday 02:30 CET, the second time
        (utc(2026, 10, 25, 2, 59), True),  # 03:59 CET
        (utc(2026, 10, 25, 3, 0), False),  # 04:00 CET
        (utc(2026, 10, 25, 8, 0), True),  # 09:00 CET
        (utc(2026, 10, 25, 11, 0), False),  # 12:00 CET
    ],
)
def test_is_open_on_autumn_dst_day(at, expected):
    assert AUTUMN.is_open(at) is expected


def test_wall_clock_hours_on_dst_days():
    # the Saturday night slot is 6 wall-clock hours: 5 real ones in spring...
    spring_start = rome(2026, 3, 28, 22, 0)
    spring_end = SPRING.closes_at(spring_start)
    assert spring_end == rome(2026, 3, 29, 4, 0)
    assert spring_end.astimezone(UTC) - spring_start.astimezone(UTC) == timedelta(
        hours=5
    )
    # ... and 7 in autumn
    autumn_start = rome(2026, 10, 24, 22, 0)
    autumn_end = AUTUMN.closes_at(autumn_start)
    assert autumn_end.astimezone(UTC) == utc(2026, 10, 25, 3, 0)
    assert autumn_end.astimezone(UTC) - autumn_start.astimezone(UTC) == timedelta(
        hours=7
    )


def test_next_opening_on_dst_days():
    assert SPRING.next_opening(rome(2026, 3, 29, 5, 0)) == utc(2026, 3, 29, 7, 0)
    assert AUTUMN.next_opening(rome(2026, 10, 25, 5, 0)) == utc(2026, 10, 25, 8, 0)
    assert SPRING.next_opening(rome(2026, 3, 28, 12, 0)) == utc(2026, 3, 28, 21, 0)


def test_next_opening_in_the_skipped_hour():
    # 02:30 does not exist on 2026-03-29: the opening is at 03:30 CEST
    schedule = Schedule.from_lines(["sun 02:30-05:00"])
    opening = schedule.next_opening(rome(2026, 3, 29, 1, 0))
    assert opening == utc(2026, 3, 29, 1, 30)
    assert (opening.hour, opening.minute) == (3, 30)
    assert schedule.is_open(opening)


def test_next_opening_in_the_repeated_hour():
    schedule = Schedule.from_lines(["sun 02:30-02:40"])
    # 02:10 the first time (CEST): opens 20 minutes later, still CEST
    # (times in the repeated hour never compare equal across zones: use UTC)
    first = rome(2026, 10, 25, 2, 10)
    assert schedule.next_opening(first).astimezone(UTC) == utc(2026, 10, 25, 0, 30)
    # 02:10 the second time (CET): 02:30 CEST is past, so 02:30 CET
    second = rome(2026, 10, 25, 2, 10, fold=1)
    assert schedule.next_opening(second).astimezone(UTC) == utc(2026, 10, 25, 1, 30)
    assert schedule.next_opening(second).astimezone(UTC) > second.astimezone(UTC)


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (utc(2026, 3, 29, 0, 30), "sun-0130"),
        (utc(2026, 3, 29, 1, 0), "sun-0300"),
        (utc(2026, 10, 25, 0, 30), "sun-0230"),
        (utc(2026, 10, 25, 1, 30), "sun-0230"),
        (utc(2026, 10, 25, 2, 0), "sun-0300"),
    ],
)
def test_token_for_on_dst_days(at, expected):
    assert token_for(at) == expected
