"""``@@rendiconto``: the funders' report of the desk requests, and its CSV.

On ``/Plone/sportelli`` it covers every desk the user may see (site
administrators: all three; desk staff: their own), with a ``sportello``
parameter to pick one; on a desk's inbox it covers that desk.  Plain GET
parameters, no JavaScript:

- ``da``, ``a``: first and last month, ``YYYY-MM`` (default: the last 12
  months up to the current one, Europe/Rome);
- ``sportello``: a desk id (``casa``, ``assistenti-familiari``,
  ``mediazione``), empty for every desk the user may see;
- ``formato=xlsx`` on ``@@rendiconto-csv`` for a spreadsheet instead of CSV.

Numbers only: no personal data is read or shown.
"""

from AccessControl import Unauthorized
from famiguida import _
from famiguida.desks import DESKS
from famiguida.desks.content import IDeskInbox
from famiguida.directory_io.export import CSV_CONTENT_TYPE
from famiguida.directory_io.export import to_csv
from famiguida.directory_io.export import to_xlsx
from famiguida.directory_io.export import XLSX_CONTENT_TYPE
from famiguida.reports.chart import bars
from famiguida.reports.chart import HEIGHT
from famiguida.reports.chart import WIDTH
from famiguida.reports.counting import count_desks
from famiguida.reports.months import month_range
from famiguida.reports.months import MonthRangeError
from famiguida.reports.months import parse_month
from famiguida.reports.tables import build_tables
from famiguida.reports.tables import csv_rows
from famiguida.reports.tables import DESK_LABELS
from plone import api
from plone.base.i18nl10n import monthname_msgid_abbr
from Products.Five import BrowserView
from urllib.parse import urlencode
from zExceptions import BadRequest
from zope.i18n import translate


VIEW_REPORTS = "famiguida: View desk reports"
# Plone's month abbreviations (plonelocales) where a language lacks them.
MONTHS_IT = [
    "gen",
    "feb",
    "mar",
    "apr",
    "mag",
    "giu",
    "lug",
    "ago",
    "set",
    "ott",
    "nov",
    "dic",
]


class ReportError(ValueError):
    """A parameter of the report is wrong; the message is a msgid."""


def visible_desks(portal):
    """The desk ids whose inbox the current user may view, in DESKS order."""
    desks = []
    for desk_id, spec in DESKS.items():
        inbox = portal.unrestrictedTraverse(spec["path"], None)
        if inbox is not None and api.user.has_permission("View", obj=inbox):
            desks.append(desk_id)
    return desks


class ReportParameters:
    """The desks and months a request asks for, checked against the user."""

    def __init__(self, context, form):
        self.context = context
        self.form = form
        portal = api.portal.get()
        if IDeskInbox.providedBy(context):
            self.fixed_desk = context.getId()
            self.allowed = [d for d in visible_desks(portal) if d == self.fixed_desk]
        else:
            self.fixed_desk = None
            self.allowed = visible_desks(portal)
        if not self.allowed:
            raise Unauthorized(VIEW_REPORTS)

    def value(self, name):
        value = self.form.get(name, "")
        return value.strip() if isinstance(value, str) else ""

    def desks(self):
        """The desks to count; Unauthorized for a desk the user may not see."""
        if self.fixed_desk:
            return [self.fixed_desk]
        wanted = self.value("sportello")
        if not wanted:
            return list(self.allowed)
        if wanted not in DESKS:
            raise ReportError(
                _("msg_report_unknown_desk", default="Sportello sconosciuto.")
            )
        if wanted not in self.allowed:
            raise Unauthorized(wanted)
        return [wanted]

    def months(self):
        try:
            return month_range(self.value("da"), self.value("a"))
        except MonthRangeError:
            raise ReportError(
                _(
                    "msg_report_bad_months",
                    default="Indica i mesi come AAAA-MM (per esempio 2026-01), "
                    "al massimo 60 mesi.",
                )
            ) from None


def check_reports(context):
    """Refuse anyone without the report permission (checked in the view too,
    as the desk views do)."""
    if not api.user.has_permission(VIEW_REPORTS, obj=context):
        raise Unauthorized(VIEW_REPORTS)


class ReportView(BrowserView):
    """The report page: the form, a chart of the months and the tables."""

    chart_width = WIDTH
    chart_height = HEIGHT

    def __call__(self):
        check_reports(self.context)
        self.params = ReportParameters(self.context, self.request.form)
        self.error = None
        self.tables = []
        self.months = []
        try:
            self.desks = self.params.desks()
            self.months = self.params.months()
        except ReportError as error:
            self.error = self.t(error.args[0])
            self.desks = []
            self.request.response.setStatus(400)
        if not self.error:
            self.counts = count_desks(self.desks, self.months)
            self.tables = build_tables(self.counts, self.t)
        self.request.response.setHeader("Cache-Control", "private, no-store")
        return self.index()

    def t(self, msgid):
        return translate(msgid, context=self.request)

    def portal_url(self):
        return api.portal.get().absolute_url()

    def value(self, name):
        return self.params.value(name)

    def month_label(self, month, with_year=True):
        year, number = parse_month(month)
        abbr = translate(
            monthname_msgid_abbr(number),
            domain="plonelocales",
            context=self.request,
            default=MONTHS_IT[number - 1],
        )
        return f"{abbr} {year}" if with_year else abbr

    def month_headers(self):
        return [self.month_label(month) for month in self.months]

    def form_months(self):
        """The values of the month fields: what was asked, else the range."""
        return {
            "da": self.value("da") or (self.months[0] if self.months else ""),
            "a": self.value("a") or (self.months[-1] if self.months else ""),
        }

    def desk_options(self):
        """The desk choice; none on an inbox or for a single desk."""
        if self.params.fixed_desk or len(self.params.allowed) < 2:
            return []
        chosen = self.value("sportello")
        return [
            {
                "value": desk,
                "label": self.t(DESK_LABELS[desk]),
                "selected": desk == chosen,
            }
            for desk in self.params.allowed
        ]

    def desk_names(self):
        return ", ".join(self.t(DESK_LABELS[desk]) for desk in self.desks)

    def total(self):
        return self.counts.total if self.tables else 0

    def chart(self):
        """The bars of the requests per month."""
        if not self.tables:
            return []
        values = [self.counts.totals.get(month, 0) for month in self.months]
        labels = [self.month_label(month, with_year=False) for month in self.months]
        years = [
            month[:4] if i == 0 or month.endswith("-01") else ""
            for i, month in enumerate(self.months)
        ]
        return bars(values, labels, years, self.month_headers())

    def chart_description(self):
        return "; ".join(
            f"{self.month_label(month)}: {self.counts.totals.get(month, 0)}"
            for month in self.months
        )

    def query_string(self, **changes):
        params = {
            key: self.value(key) for key in ("da", "a", "sportello") if self.value(key)
        }
        if self.months:
            params.setdefault("da", self.months[0])
            params.setdefault("a", self.months[-1])
        params.update({k: v for k, v in changes.items() if v})
        return urlencode(params)

    def csv_url(self, file_format=None):
        return (
            f"{self.context.absolute_url()}/@@rendiconto-csv?"
            f"{self.query_string(formato=file_format)}"
        )


class ReportExport(BrowserView):
    """``@@rendiconto-csv``: the report's numbers as CSV (or XLSX)."""

    def __call__(self):
        check_reports(self.context)
        params = ReportParameters(self.context, self.request.form)
        try:
            desks = params.desks()
            months = params.months()
        except ReportError as error:
            raise BadRequest(translate(error.args[0], context=self.request)) from None
        counts = count_desks(desks, months)
        tables = build_tables(
            counts, lambda msgid: translate(msgid, context=self.request)
        )
        head, rows = csv_rows(tables, months)
        scope = params.fixed_desk or params.value("sportello") or "sportelli"
        name = f"rendiconto-{scope}-{months[0]}-{months[-1]}"
        if params.value("formato") == "xlsx":
            data = to_xlsx(head, rows, title="rendiconto")
            content_type, filename = XLSX_CONTENT_TYPE, f"{name}.xlsx"
        else:
            data = to_csv(head, rows)
            content_type, filename = CSV_CONTENT_TYPE, f"{name}.csv"
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
        response.setHeader("Cache-Control", "private, no-store")
        return data
