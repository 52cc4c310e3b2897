"""The report page (form, SVG chart, tables) and its CSV/XLSX download."""

from .helpers import call_view
from .helpers import RANGE
from openpyxl import load_workbook
from plone.app.testing import login
from zExceptions import BadRequest
from zExceptions import Unauthorized

import csv
import io
import pytest
import re


def chart_of(html):
    """The report's own <svg> (the page has icons in SVG as well)."""
    return re.search(r"<svg[^>]*famiguida-report-svg.*?</svg>", html, re.S).group(0)


def csv_table(data):
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def by_key(rows):
    """{(dimension, code, label): [numbers...]} of the CSV body."""
    return {(r[0], r[1], r[2]): [int(n) for n in r[4:]] for r in rows[1:]}


def test_page_as_site_admin(report_site):
    login(report_site.portal, "siteadmin")
    view, html = call_view(report_site.portal["sportelli"], "rendiconto", **RANGE)
    assert view.request.response.getStatus() == 200
    # the chart: an accessible SVG, one bar per month
    svg = chart_of(html)
    assert 'role="img"' in svg
    assert 'aria-labelledby="report-chart-title report-chart-desc"' in svg
    assert re.search(r'<title id="report-chart-title"\s*>Richieste ricevute', svg)
    desc = "gen 2026: 2; feb 2026: 2; mar 2026: 2"
    assert re.search(rf'<desc id="report-chart-desc"\s*>{desc}</desc>', svg)
    assert "<title>feb 2026: 2</title>" in svg
    assert svg.count('class="famiguida-report-bar"') == 3
    # the tables, in a scrolling wrapper, with the totals
    assert html.count('class="table-responsive famiguida-report-scroll"') == 7
    assert 'id="report-homes"' in html
    assert "Ambito distrettuale Oglio Ovest" in html
    assert "++resource++famiguida.reports/rendiconto.css" in html
    # the form keeps the range and offers every desk
    assert 'value="2026-01"' in html and 'value="2026-03"' in html
    assert 'value="mediazione"' in html
    assert "@@rendiconto-csv?da=2026-01&amp;a=2026-03" in html
    assert "formato=xlsx" in html


def test_default_range_is_twelve_months(report_site):
    login(report_site.portal, "siteadmin")
    view, html = call_view(report_site.portal["sportelli"], "rendiconto")
    assert len(view.months) == 12
    svg = chart_of(html)
    assert svg.count('class="famiguida-report-bar"') == 12


def test_csv_numbers_and_totals(report_site):
    login(report_site.portal, "siteadmin")
    view, data = call_view(report_site.portal["sportelli"], "rendiconto-csv", **RANGE)
    response = view.request.response
    assert response.getHeader("Content-Type").startswith("text/csv")
    assert "rendiconto-sportelli-2026-01-2026-03.csv" in response.getHeader(
        "Content-Disposition"
    )
    rows = csv_table(data)
    assert rows[0] == [
        "dimensione",
        "codice",
        "voce",
        "ambito",
        "2026-01",
        "2026-02",
        "2026-03",
        "totale",
    ]
    numbers = by_key(rows)
    assert numbers[("sportello", "casa", "Sportello casa")] == [1, 1, 1, 3]
    assert numbers[("sportello", "mediazione", "Servizio di mediazione")] == [
        0,
        1,
        0,
        1,
    ]
    assert numbers[("sportello", "", "totale")] == [2, 2, 2, 6]
    assert numbers[("modulo", "cerco-casa", "cerco-casa")] == [1, 0, 1, 2]
    assert numbers[("ambito", "", "Non indicato")] == [0, 0, 1, 1]
    assert numbers[("comune", "crema", "Crema")] == [1, 1, 0, 2]
    assert numbers[("lingua", "ar", "العربية")] == [0, 1, 1, 2]
    assert numbers[("stato", "new", "Nuova")] == [2, 0, 0, 2]
    assert numbers[("stato", "", "totale")] == [2, 2, 2, 6]
    assert numbers[("case", "available", "Disponibile")] == [0, 1, 0, 1]
    assert numbers[("case", "", "totale")] == [0, 1, 0, 1]
    chiari = next(r for r in rows if r[:2] == ["comune", "chiari"])
    assert chiari[3] == "Ambito distrettuale Oglio Ovest"
    # every dimension adds up to the six requests
    totals = {r[0]: int(r[-1]) for r in rows[1:] if r[2] == "totale"}
    assert totals == {
        "sportello": 6,
        "modulo": 6,
        "ambito": 6,
        "comune": 6,
        "lingua": 6,
        "stato": 6,
        "case": 1,
    }


def test_xlsx_has_the_same_numbers(report_site):
    login(report_site.portal, "siteadmin")
    _view, data = call_view(
        report_site.portal["sportelli"], "rendiconto-csv", formato="xlsx", **RANGE
    )
    sheet = load_workbook(io.BytesIO(data)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][4:] == ["2026-01", "2026-02", "2026-03", "totale"]
    casa = next(r for r in rows if r[0] == "sportello" and r[1] == "casa")
    assert list(casa[4:]) == [1, 1, 1, 3]


def test_desk_sees_only_its_desk(report_site):
    login(report_site.portal, "housing")
    sportelli = report_site.portal["sportelli"]
    view, html = call_view(sportelli, "rendiconto", **RANGE)
    assert view.desks == ["casa"]
    assert view.counts.total == 3
    # no other desk is offered nor named
    assert 'value="mediazione"' not in html
    assert "Servizio di mediazione" not in html
    assert "Sportello assistenti familiari" not in html
    _view, data = call_view(sportelli, "rendiconto-csv", **RANGE)
    numbers = by_key(csv_table(data))
    assert numbers[("sportello", "", "totale")] == [1, 1, 1, 3]
    assert {code for (dim, code, _l) in numbers if dim == "sportello"} == {
        "casa",
        "",
    }
    # asking for another desk is refused
    for name in ("rendiconto", "rendiconto-csv"):
        with pytest.raises(Unauthorized):
            call_view(sportelli, name, sportello="mediazione", **RANGE)


def test_report_on_an_inbox_covers_that_desk(report_site):
    login(report_site.portal, "siteadmin")
    inbox = report_site.portal["sportelli"]["assistenti-familiari"]
    view, html = call_view(inbox, "rendiconto", sportello="casa", **RANGE)
    assert view.desks == ["assistenti-familiari"]
    assert view.counts.total == 2
    # the desk is fixed: no desk choice, no vacant homes
    assert 'name="sportello"' not in html
    assert 'id="report-homes"' not in html
    svg = chart_of(html)
    assert svg.count('class="famiguida-report-bar"') == 3
    view, data = call_view(inbox, "rendiconto-csv", **RANGE)
    assert "rendiconto-assistenti-familiari-2026-01" in view.request.response.getHeader(
        "Content-Disposition"
    )
    numbers = by_key(csv_table(data))
    assert numbers[("sportello", "", "totale")] == [1, 0, 1, 2]


def test_one_desk_chosen_on_the_area(report_site):
    login(report_site.portal, "siteadmin")
    view, html = call_view(
        report_site.portal["sportelli"], "rendiconto", sportello="mediazione", **RANGE
    )
    assert view.desks == ["mediazione"]
    assert view.counts.total == 1
    assert re.search(r'<option selected="selected"\s+value="mediazione"', html)


@pytest.mark.parametrize(
    "form",
    [
        {"da": "2026-13"},
        {"a": "marzo"},
        {"da": "2020-01", "a": "2026-01"},
        {"sportello": "x"},
    ],
)
def test_bad_parameters(report_site, form):
    login(report_site.portal, "siteadmin")
    sportelli = report_site.portal["sportelli"]
    view, html = call_view(sportelli, "rendiconto", **form)
    assert view.request.response.getStatus() == 400
    assert 'role="alert"' in html
    assert "famiguida-report-svg" not in html
    with pytest.raises(BadRequest):
        call_view(sportelli, "rendiconto-csv", **form)


def test_no_personal_data_in_the_report(report_site):
    login(report_site.portal, "siteadmin")
    sportelli = report_site.portal["sportelli"]
    _view, html = call_view(sportelli, "rendiconto", **RANGE)
    _view, data = call_view(sportelli, "rendiconto-csv", **RANGE)
    for obj in report_site.made.values():
        reference = obj.reference
        assert reference not in html
        assert reference.encode() not in data
    assert "Persona" not in html
    assert b"Persona" not in data
    assert "persona-a@" not in html
