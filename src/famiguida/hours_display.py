"""Opening hours as a visitor reads them: today's status, the week, exceptions.

Built on ``famiguida.opening_hours`` (which answers "is it open at this
moment?"); this module only turns the answers into words.  Pure Python, no
templates: every text is an i18n Message with its Italian default, made a
string by a ``translate`` callable.  Views pass one bound to the request
(``zope.i18n.translate(message, context=request)``); the default,
:func:`default_translate`, fills in the Italian defaults, which is what unit
tests and the share card of an Italian page need.

Moments are aware datetimes; "now" comes from :func:`now_rome` unless the
caller passes another one (tests do).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import timedelta
from famiguida import _
from famiguida.opening_hours import ROME
from famiguida.opening_hours import Schedule
from zope.i18n import interpolate
from zope.i18nmessageid import Message


Translate = Callable[[Message], str]

WEEKDAYS = (
    _("weekday_mon", default="lunedì"),
    _("weekday_tue", default="martedì"),
    _("weekday_wed", default="mercoledì"),
    _("weekday_thu", default="giovedì"),
    _("weekday_fri", default="venerdì"),
    _("weekday_sat", default="sabato"),
    _("weekday_sun", default="domenica"),
)
WEEKDAYS_SHORT = (
    _("weekday_short_mon", default="lun"),
    _("weekday_short_tue", default="mar"),
    _("weekday_short_wed", default="mer"),
    _("weekday_short_thu", default="gio"),
    _("weekday_short_fri", default="ven"),
    _("weekday_short_sat", default="sab"),
    _("weekday_short_sun", default="dom"),
)
MONTHS = (
    _("month_jan", default="gennaio"),
    _("month_feb", default="febbraio"),
    _("month_mar", default="marzo"),
    _("month_apr", default="aprile"),
    _("month_may", default="maggio"),
    _("month_jun", default="giugno"),
    _("month_jul", default="luglio"),
    _("month_aug", default="agosto"),
    _("month_sep", default="settembre"),
    _("month_oct", default="ottobre"),
    _("month_nov", default="novembre"),
    _("month_dec", default="dicembre"),
)
# Within a week a weekday name is unambiguous; further ahead, the date too.
NAMED_DAYS_AHEAD = 7
EXCEPTIONS_AHEAD = 30


def default_translate(message) -> str:
    """The Italian default of ``message`` with its mapping filled in."""
    if isinstance(message, Message):
        return interpolate(message.default or str(message), message.mapping)
    return str(message)


def now_rome() -> datetime:
    """The current moment on the clocks of Lombardy (aware)."""
    return datetime.now(ROME)


def hhmm(minutes: int) -> str:
    """``570`` -> ``"09:30"``; minutes past midnight wrap (``1560`` -> ``02:00``)."""
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def span_text(opens: int, closes: int) -> str:
    """``"09:00-12:30"``; a night slot reads ``"22:00-02:00"``."""
    return f"{hhmm(opens)}-{hhmm(closes)}"


def day_name(weekday: int, translate: Translate = default_translate) -> str:
    """The weekday's full name (0 = Monday): ``"lunedì"``."""
    return translate(WEEKDAYS[weekday])


def capitalised(text: str) -> str:
    """First letter upper case (``"lunedì"`` -> ``"Lunedì"``); other scripts
    have no case and come back unchanged."""
    return text[:1].upper() + text[1:]


def format_date(day: date, translate: Translate = default_translate) -> str:
    """A date in words: ``"15 settembre 2026"``."""
    return translate(
        _(
            "date_long",
            default="${day} ${month} ${year}",
            mapping={
                "day": day.day,
                "month": translate(MONTHS[day.month - 1]),
                "year": day.year,
            },
        )
    )


def format_day(day: date, translate: Translate = default_translate) -> str:
    """A near date without the year: ``"martedì 8 dicembre"``."""
    return translate(
        _(
            "date_weekday_day_month",
            default="${weekday} ${day} ${month}",
            mapping={
                "weekday": day_name(day.weekday(), translate),
                "day": day.day,
                "month": translate(MONTHS[day.month - 1]),
            },
        )
    )


def _when(day: date, today: date, translate: Translate) -> str:
    """How to name a coming day: its weekday this week, else weekday and date."""
    if (day - today).days < NAMED_DAYS_AHEAD:
        return day_name(day.weekday(), translate)
    return format_day(day, translate)


@dataclass(frozen=True)
class OpeningStatus:
    """Whether a place is open at a moment, in words for the visitor."""

    is_open: bool
    text: str


def opening_status(
    schedule: Schedule | None,
    now: datetime,
    translate: Translate = default_translate,
) -> OpeningStatus | None:
    """``"Aperto ora, chiude alle 12:30"`` / ``"Chiuso ora, apre lunedì alle
    09:00"`` for ``now`` (aware); None when there are no hours at all."""
    if schedule is None:
        return None
    today = now.astimezone(ROME).date()
    if schedule.is_open(now):
        closes = schedule.closes_at(now)
        if closes is None:
            message = _("status_open", default="Aperto ora")
        elif closes.date() == today:
            message = _(
                "status_open_closes",
                default="Aperto ora, chiude alle ${time}",
                mapping={"time": closes.strftime("%H:%M")},
            )
        else:
            message = _(
                "status_open_closes_on",
                default="Aperto ora, chiude ${day} alle ${time}",
                mapping={
                    "day": _when(closes.date(), today, translate),
                    "time": closes.strftime("%H:%M"),
                },
            )
        return OpeningStatus(True, translate(message))
    opens = schedule.next_opening(now)
    if opens is None:
        message = _("status_closed", default="Chiuso ora")
    elif opens.date() == today:
        message = _(
            "status_closed_opens_today",
            default="Chiuso ora, apre oggi alle ${time}",
            mapping={"time": opens.strftime("%H:%M")},
        )
    else:
        message = _(
            "status_closed_opens_on",
            default="Chiuso ora, apre ${day} alle ${time}",
            mapping={
                "day": _when(opens.date(), today, translate),
                "time": opens.strftime("%H:%M"),
            },
        )
    return OpeningStatus(False, translate(message))


@dataclass(frozen=True)
class DayHours:
    """One row of the weekly table; no spans means closed that day."""

    weekday: int
    name: str
    spans: tuple[str, ...]

    @property
    def closed(self) -> bool:
        return not self.spans


def week_rows(
    schedule: Schedule, translate: Translate = default_translate
) -> list[DayHours]:
    """Seven rows, Monday first, each with the slots starting that day."""
    spans = {weekday: [] for weekday in range(7)}
    for slot in schedule.weekly:
        spans[slot.weekday].append(span_text(slot.opens, slot.closes))
    return [
        DayHours(
            weekday, capitalised(day_name(weekday, translate)), tuple(spans[weekday])
        )
        for weekday in range(7)
    ]


@dataclass(frozen=True)
class ExceptionRow:
    """Consecutive dates with the same different hours (or closure) and note."""

    first: date
    last: date
    when: str
    spans: tuple[str, ...]
    note: str

    @property
    def closed(self) -> bool:
        return not self.spans


def upcoming_exceptions(
    schedule: Schedule,
    today: date,
    days: int = EXCEPTIONS_AHEAD,
    translate: Translate = default_translate,
) -> list[ExceptionRow]:
    """Exceptions touching ``[today, today + days]``, consecutive equal dates
    merged (a summer closure is one row, shown whole)."""
    groups = []  # [first, last, slots, note]
    for day in sorted(schedule.exceptions):
        exception = schedule.exceptions[day]
        key = (exception.slots, exception.note)
        if groups and groups[-1][1] + timedelta(days=1) == day and groups[-1][2] == key:
            groups[-1][1] = day
        else:
            groups.append([day, day, key])
    end = today + timedelta(days=days)
    rows = []
    for first, last, (slots, note) in groups:
        if last < today or first > end:
            continue
        if first == last:
            when = format_day(first, translate)
        else:
            when = translate(
                _(
                    "date_range",
                    default="da ${first} a ${last}",
                    mapping={
                        "first": format_day(first, translate),
                        "last": format_day(last, translate),
                    },
                )
            )
        spans = tuple(span_text(opens, closes) for opens, closes in slots)
        rows.append(ExceptionRow(first, last, when, spans, note))
    return rows


def _day_ranges(weekdays, translate):
    """``[0, 1, 2, 4]`` -> ``"lun-mer, ven"``: runs of three or more joined."""
    runs = []
    for weekday in weekdays:
        if runs and runs[-1][-1] == weekday - 1:
            runs[-1].append(weekday)
        else:
            runs.append([weekday])
    parts = []
    for run in runs:
        names = [translate(WEEKDAYS_SHORT[weekday]) for weekday in run]
        if len(run) >= 3:
            parts.append(f"{names[0]}-{names[-1]}")
        else:
            parts.extend(names)
    return ", ".join(parts)


def week_summary(schedule: Schedule, translate: Translate = default_translate) -> str:
    """The week on one line, days with equal hours grouped:
    ``"lun-ven 09:00-12:30; mar, gio 14:00-16:30"``.  Empty without slots."""
    by_day = {weekday: [] for weekday in range(7)}
    for slot in schedule.weekly:
        by_day[slot.weekday].append(span_text(slot.opens, slot.closes))
    groups = {}  # spans -> weekdays, in the order of their first day
    for weekday in range(7):
        if by_day[weekday]:
            groups.setdefault(tuple(by_day[weekday]), []).append(weekday)
    return "; ".join(
        f"{_day_ranges(weekdays, translate)} {', '.join(spans)}"
        for spans, weekdays in groups.items()
    )
