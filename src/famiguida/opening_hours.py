"""Opening hours of services and locations: parsing, "open now", next opening.

Editors type one entry per line.  Weekly slots (``weekly_hours``) like
``mon 09:00-12:30, 14:00-17:00``, ``sabato 9.00-12.00`` or ``fri 22:00-02:00``
(past midnight: it belongs to Friday); dated exceptions (``hours_exceptions``)
like ``2026-12-25 chiuso # Natale``, ``2026-12-24 09:00-12:00`` or
``2026-08-10..2026-08-21 closed`` replace the weekly slots of their dates.
Text after ``#`` is a note, kept for exceptions and ignored on weekly lines.

Everything is computed in the wall-clock time of Europe/Rome: "09:00-12:30"
means 09:00 on the clocks of Lombardy, on DST days too.  Pure Python, no
Plone: content types call it from validators and indexers.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import UTC
from zoneinfo import ZoneInfo

import re
import unicodedata


ROME = ZoneInfo("Europe/Rome")
DAY = 1440
WEEK = 7 * DAY
MAX_CROSSING = 12 * 60
SEARCH_DAYS = 370
DAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
IT_CODES = ("lun", "mar", "mer", "gio", "ven", "sab", "dom")
_FULL_NAMES = (
    "monday lunedì lunedi",
    "tuesday martedì martedi",
    "wednesday mercoledì mercoledi",
    "thursday giovedì giovedi",
    "friday venerdì venerdi",
    "saturday sabato",
    "sunday domenica",
)
WEEKDAY_NAMES = {
    name: wd
    for wd, names in enumerate(_FULL_NAMES)
    for name in (DAY_CODES[wd], IT_CODES[wd], *names.split())
}
CLOSED_WORDS = frozenset(("closed", "chiuso", "chiusa"))
_SLOT = re.compile(r"(\d{1,2})[:.](\d{2})-(\d{1,2})[:.](\d{2})")
_DATES = re.compile(r"(\d{4}-\d{2}-\d{2})(?:\s*\.\.\s*(\d{4}-\d{2}-\d{2}))?(?=\s|$)")
_FORMAT_HINT = "usare il formato 09:00-12:30"


class OpeningHoursError(ValueError):
    """A line editors typed is not valid; the message is Italian, for them."""

    def __init__(self, line, text, reason):
        self.line = line
        self.text = text
        self.reason = reason
        super().__init__(f'Riga {line} "{text}": {reason}')


@dataclass(frozen=True, order=True)
class Slot:
    """A weekly opening: ``closes`` > 1440 when it runs past midnight."""

    weekday: int
    opens: int
    closes: int

    def format(self) -> str:
        """Canonical English line, e.g. ``mon 09:00-12:30``."""
        return f"{DAY_CODES[self.weekday]} {_span(self.opens, self.closes)}"


@dataclass(frozen=True)
class DayException:
    """The hours of one date, replacing the weekly slots; no slots = closed."""

    day: date
    slots: tuple[tuple[int, int], ...]
    note: str = ""

    @property
    def closed(self) -> bool:
        return not self.slots


def _hhmm(minutes):
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _span(opens, closes):
    end = closes - DAY if closes > DAY else closes
    return f"{_hhmm(opens)}-{_hhmm(end)}"


class _Bad(Exception):
    """Why a line is wrong; _each_line adds its number and text."""


def _each_line(lines, parse):
    """Call ``parse(body, note, number)`` on each line that is not blank.

    ``body`` is the text before any ``#``, ``note`` the text after it.
    """
    if isinstance(lines, str):
        lines = lines.splitlines()
    for number, raw in enumerate(lines or (), start=1):
        text = raw.strip()
        body, _, note = text.partition("#")
        if body.strip():
            try:
                parse(body.strip(), note.strip(), number)
            except _Bad as bad:
                raise OpeningHoursError(number, text, str(bad)) from None


def _parse_slots(rest):
    """Slots typed on one line as (opens, closes, typed text)."""
    rest = re.sub(r"\s*[-\u2013\u2014]\s*", "-", rest)
    tokens = [token for token in re.split(r"[,;\s]+", rest) if token]
    if not tokens:
        raise _Bad(f"manca l'orario ({_FORMAT_HINT})")
    slots = []
    for token in tokens:
        what = f"l'orario {token}" if len(tokens) > 1 else "l'orario"
        match = _SLOT.fullmatch(token)
        if not match:
            raise _Bad(f'orario non valido "{token}" ({_FORMAT_HINT})')
        h1, m1, h2, m2 = (int(group) for group in match.groups())
        if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2):
            raise _Bad(f'ora non valida in "{token}"')
        opens, end = h1 * 60 + m1, h2 * 60 + m2
        if end == opens:
            raise _Bad(f"{what} inizia e finisce alla stessa ora")
        closes = end if end > opens else end + DAY
        # 22:00-02:00 is a night opening; 14:00-13:00 is a typo, not 23 hours
        if end < opens and closes - opens > MAX_CROSSING:
            raise _Bad(f"{what} finisce prima di iniziare")
        slots.append((opens, closes, token))
    return slots


def _overlaps(a, b, period=None):
    shifts = (-period, 0, period) if period else (0,)
    return any(max(a[0], b[0] + s) < min(a[1], b[1] + s) for s in shifts)


def parse_weekly(lines: Iterable[str] | str | None) -> tuple[Slot, ...]:
    """Parse ``weekly_hours`` lines into slots sorted by weekday and time.

    Raises OpeningHoursError on the first bad line: unknown day, bad time,
    a slot that ends before it starts, or one that overlaps another slot
    (also across midnight, Sunday night into Monday included).  Blank lines
    and ``#`` comments are ignored; ``None`` counts as no lines, a string is
    split into lines.
    """
    seen = []  # (week start, week end, weekday, opens, closes, line number)

    def parse(body, _note, number):
        head, _, rest = body.replace("\t", " ").partition(" ")
        # NFC: an "ì" pasted from some keyboards is "i" + a combining accent
        name = unicodedata.normalize("NFC", head.lower()).rstrip(":.")
        weekday = WEEKDAY_NAMES.get(name)
        if weekday is None:
            days = ", ".join(IT_CODES)
            raise _Bad(f'giorno non riconosciuto "{head}" (usare {days})')
        for opens, closes, _token in _parse_slots(rest):
            week = (weekday * DAY + opens, weekday * DAY + closes)
            for other in seen:
                if _overlaps(week, other, WEEK):
                    where = f"{IT_CODES[other[2]]} {_span(*other[3:5])}"
                    raise _Bad(f"si sovrappone a {where} (riga {other[5]})")
            seen.append((*week, weekday, opens, closes, number))

    _each_line(lines, parse)
    return tuple(sorted(Slot(s[2], s[3], s[4]) for s in seen))


def parse_exceptions(
    lines: Iterable[str] | str | None,
) -> tuple[DayException, ...]:
    """Parse ``hours_exceptions`` lines into DayExceptions sorted by date.

    A line is a date (``2026-12-25``) or an inclusive range
    (``2026-08-10..2026-08-21``, at most 366 days), then ``closed``/``chiuso``
    or slots as in the weekly lines, then an optional ``# note``.  A range
    gives one DayException per date.  A date given twice is an error.
    """
    found = {}  # date -> (DayException, line number)

    def parse(body, note, number):
        match = _DATES.match(body)
        if not match:
            raise _Bad('data non valida (es. "2026-12-25 chiuso")')
        try:
            first = date.fromisoformat(match.group(1))
            last = date.fromisoformat(match.group(2) or match.group(1))
        except ValueError:
            raise _Bad("data inesistente") from None
        if last < first:
            raise _Bad("l'intervallo di date finisce prima di iniziare")
        if (last - first).days >= 366:
            raise _Bad("intervallo di date troppo lungo")
        rest = body[match.end() :].strip()
        slots = [] if rest.lower() in CLOSED_WORDS else _parse_slots(rest)
        for i, (opens, closes, _token) in enumerate(slots):
            for other in slots[:i]:
                if _overlaps((opens, closes), other):
                    raise _Bad(f"si sovrappone a {_span(*other[:2])}")
        slots = tuple(sorted((opens, closes) for opens, closes, _ in slots))
        for offset in range((last - first).days + 1):
            day = first + timedelta(days=offset)
            if day in found:
                raise _Bad(f"la data {day} compare già alla riga {found[day][1]}")
            found[day] = (DayException(day, slots, note), number)

    _each_line(lines, parse)
    return tuple(found[day][0] for day in sorted(found))


def format_weekly(slots: Iterable[Slot]) -> list[str]:
    """Canonical lines, one per slot, sorted: ``["mon 09:00-12:30", ...]``."""
    return [slot.format() for slot in sorted(slots)]


def _local(at):
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"naive datetime {at!r}: pass an aware datetime")
    local = at.astimezone(ROME)
    return local.date(), local.hour * 60 + local.minute


def _aware(day, minutes, after):
    """The aware Rome datetime of a wall-clock minute, later than ``after``.

    A wall time skipped by the spring DST jump comes out as the instant it
    maps to (02:30 -> 03:30 CEST); a repeated autumn time is the first of
    the two unless that one is not after ``after``.
    """
    day += timedelta(days=minutes // DAY)
    wall = datetime.combine(day, time(*divmod(minutes % DAY, 60)), tzinfo=ROME)
    # in UTC: same-zone comparisons look at the wall clock and ignore fold
    if wall.astimezone(UTC) <= after.astimezone(UTC):
        wall = wall.replace(fold=1)
    return wall.astimezone(UTC).astimezone(ROME)


def token_for(at: datetime, step: int = 30) -> str:
    """Catalog token of the ``step``-minute bucket holding ``at`` (Rome time).

    ``token_for(<Monday 09:47>)`` is ``"mon-0930"``.  Naive datetimes raise
    ValueError.
    """
    _check_step(step)
    day, minutes = _local(at)
    return _token(day.weekday() * DAY + minutes - minutes % step)


def _token(week_minute):
    weekday, minutes = divmod(week_minute % WEEK, DAY)
    return f"{DAY_CODES[weekday]}-{minutes // 60:02d}{minutes % 60:02d}"


def _check_step(step):
    if step <= 0 or DAY % step:
        raise ValueError(f"step {step} must divide a day of 1440 minutes")


class Schedule:
    """Weekly slots plus dated exceptions; answers questions about moments.

    An exception replaces the slots *starting* on its date.  A weekly slot
    that starts the evening before and crosses midnight still runs into the
    exception date: Thursday 22:00-02:00 keeps a service open until 02:00 of
    a closed Friday, because the night shift belongs to Thursday.  An
    exception slot crossing midnight likewise runs into the next date.

    All methods taking a moment need an aware datetime (any time zone; it is
    converted to Europe/Rome) and raise ValueError on a naive one.
    """

    def __init__(
        self,
        weekly: Iterable[Slot] = (),
        exceptions: Iterable[DayException] = (),
    ):
        self.weekly = tuple(sorted(weekly))
        self.exceptions = {exception.day: exception for exception in exceptions}
        self._by_weekday = {wd: [] for wd in range(7)}
        for slot in self.weekly:
            self._by_weekday[slot.weekday].append((slot.opens, slot.closes))

    @classmethod
    def from_lines(cls, weekly_lines, exception_lines=()) -> "Schedule":
        """Parse both fields (``None`` = empty); raises OpeningHoursError."""
        return cls(parse_weekly(weekly_lines), parse_exceptions(exception_lines))

    def _slots_on(self, day):
        """(opens, closes) of the slots starting on ``day``, sorted."""
        exception = self.exceptions.get(day)
        if exception is not None:
            return exception.slots
        return self._by_weekday[day.weekday()]

    def _intervals(self, day):
        """Slots from the day before ``day`` on, in minutes from its midnight."""
        for offset in range(-1, SEARCH_DAYS + 1):
            for opens, closes in self._slots_on(day + timedelta(days=offset)):
                yield offset * DAY + opens, offset * DAY + closes

    def open_minutes(self, day: date) -> list[tuple[int, int]]:
        """Stretches open on ``day``, in wall-clock minutes from its midnight,
        clipped to the day: its own slots (or its exception's) and the night
        slot of the day before running into it."""
        stretches = []
        for offset in (-1, 0):
            for opens, closes in self._slots_on(day + timedelta(days=offset)):
                start, end = (
                    max(offset * DAY + opens, 0),
                    min(offset * DAY + closes, DAY),
                )
                if start < end:
                    stretches.append((start, end))
        return sorted(stretches)

    def _scan(self, at):
        """at's Rome date, then in minutes from its midnight: the next opening
        after ``at`` (or None) and the end of the stretch open at ``at`` (or
        an earlier minute).  Touching or overlapping slots are one stretch."""
        day, now = _local(at)
        end = -DAY
        for opens, closes in self._intervals(day):
            if opens > now and opens > end:
                return day, opens, end
            end = max(end, closes)
        return day, None, end

    def is_open(self, at: datetime) -> bool:
        """True if some slot holds the moment ``at``."""
        day, now = _local(at)
        today = self._slots_on(day)
        yesterday = self._slots_on(day - timedelta(days=1))
        return any(opens <= now < closes for opens, closes in today) or any(
            opens <= now + DAY < closes for opens, closes in yesterday
        )

    def next_opening(self, at: datetime) -> datetime | None:
        """When it next opens strictly after ``at`` (aware, Europe/Rome).

        If open at ``at``, the opening after the current stretch of slots.
        None if it does not open in the next 370 days.
        """
        day, opens, _end = self._scan(at)
        return None if opens is None else _aware(day, opens, at)

    def closes_at(self, at: datetime) -> datetime | None:
        """When the stretch open at ``at`` ends (aware, Europe/Rome).

        Adjacent slots (09:00-12:00, 12:00-14:00) count as one stretch.  None
        if closed at ``at``, or if open without a break for the next 370 days.
        """
        if not self.is_open(at):
            return None
        day, opens, end = self._scan(at)
        if opens is None and end > SEARCH_DAYS * DAY:
            return None
        return _aware(day, end, at)

    def open_on_weekday(self, weekday: int) -> bool:
        """True if a weekly slot starts on ``weekday`` (0=Monday).

        Exceptions are not considered, nor the small hours reached by the
        previous night's slot: Friday 22:00-02:00 does not open Saturday.
        """
        if weekday not in self._by_weekday:
            raise ValueError(f"weekday {weekday} not in 0..6")
        return bool(self._by_weekday[weekday])

    def days_open(self) -> list[str]:
        """English codes of the weekdays with slots, in week order."""
        return [DAY_CODES[wd] for wd in range(7) if self._by_weekday[wd]]

    def week_tokens(self, step: int = 30) -> set[str]:
        """Tokens (``"mon-0930"``) of the weekly buckets open at their start.

        Weekly slots only: exceptions are dated, a catalog index is not.
        Exact for slots on multiples of ``step``; otherwise a query for
        ``token_for(now)`` misses a slot's first, partial bucket and may
        include its last one.  Confirm the results with is_open.
        """
        _check_step(step)
        tokens = set()
        for slot in self.weekly:
            start = slot.weekday * DAY + slot.opens
            end = slot.weekday * DAY + slot.closes
            first = -(-start // step) * step
            tokens.update(_token(bucket) for bucket in range(first, end, step))
        return tokens

    def closed_dates(self, start: date, days: int) -> set[date]:
        """Dates in ``[start, start + days)`` that an exception closes."""
        window = {start + timedelta(days=offset) for offset in range(days)}
        return {day for day, exc in self.exceptions.items() if exc.closed} & window
