"""Opening hours behavior: weekly slots and dated exceptions, one per line.

Editors type lines such as ``mon 09:00-12:30`` and ``2026-12-25 closed``;
they are parsed on save (see ``famiguida.opening_hours``), so a wrong or
overlapping line is refused with the line number, and "open now" or "open on
Saturday" are computed from the parsed schedule, never from free text.
"""

from famiguida import _
from famiguida.opening_hours import OpeningHoursError
from famiguida.opening_hours import parse_exceptions
from famiguida.opening_hours import parse_weekly
from famiguida.opening_hours import Schedule
from plone.app.multilingual.dx import directives as multilingual
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from zope import schema
from zope.interface import Invalid
from zope.interface import provider


def _checked(parser):
    def constraint(lines):
        try:
            parser(list(lines or ()))
        except OpeningHoursError as error:
            raise Invalid(str(error)) from error
        return True

    return constraint


@provider(IFormFieldProvider)
class IOpeningHours(model.Schema):
    """When a place or a service is open."""

    multilingual.languageindependent("weekly_hours", "hours_exceptions")

    model.fieldset(
        "hours",
        label=_("fieldset_hours", default="Orari"),
        fields=["weekly_hours", "hours_exceptions"],
    )

    weekly_hours = schema.List(
        title=_("label_weekly_hours", default="Orari settimanali"),
        description=_(
            "help_weekly_hours",
            default="Una riga per fascia oraria: giorno, apertura-chiusura. "
            "Esempi: lun 09:00-12:30 / mar 14:00-17:00 / ven 22:00-02:00",
        ),
        value_type=schema.TextLine(),
        required=False,
        default=[],
        missing_value=[],
        constraint=_checked(parse_weekly),
    )
    hours_exceptions = schema.List(
        title=_("label_hours_exceptions", default="Giorni con orario diverso"),
        description=_(
            "help_hours_exceptions",
            default="Una riga per data: 2026-12-25 chiuso / "
            "2026-12-24 09:00-12:00 / 2026-08-10..2026-08-21 chiuso # Ferie",
        ),
        value_type=schema.TextLine(),
        required=False,
        default=[],
        missing_value=[],
        constraint=_checked(parse_exceptions),
    )


def schedule_of(obj):
    """The parsed schedule of an object with opening hours (None if it has none)."""
    weekly = getattr(obj, "weekly_hours", None) or []
    exceptions = getattr(obj, "hours_exceptions", None) or []
    if not weekly and not exceptions:
        return None
    return Schedule.from_lines(weekly, exceptions)
