"""The report's tables: one per dimension, rows x months, with totals."""

from dataclasses import dataclass
from famiguida import _
from famiguida.desks.browser import DESK_STATES
from famiguida.desks.browser import STATE_LABELS
from famiguida.territory import get_territory
from famiguida.vocabularies.languages_spoken import LANGUAGES_SPOKEN


DESK_LABELS = {
    "casa": _("label_report_desk_casa", default="Sportello casa"),
    "assistenti-familiari": _(
        "label_report_desk_assistenti_familiari",
        default="Sportello assistenti familiari",
    ),
    "mediazione": _("label_report_desk_mediazione", default="Servizio di mediazione"),
}
HOME_STATES = ("to_verify", "available", "assigned", "withdrawn")

TITLES = {
    "desk": _("heading_report_per_desk", default="Richieste per sportello"),
    "form": _("heading_report_per_form", default="Richieste per modulo"),
    "district": _("heading_report_per_district", default="Richieste per Ambito"),
    "municipality": _(
        "heading_report_per_municipality", default="Richieste per comune"
    ),
    "language": _("heading_report_per_language", default="Richieste per lingua"),
    "state": _("heading_report_per_state", default="Richieste per stato"),
    "homes": _(
        "heading_report_homes_per_state",
        default="Case offerte per stato (sportello casa)",
    ),
}
# Short names of the dimensions, the first column of the CSV.
CSV_NAMES = {
    "desk": "sportello",
    "form": "modulo",
    "district": "ambito",
    "municipality": "comune",
    "language": "lingua",
    "state": "stato",
    "homes": "case",
}
NOT_GIVEN = _("label_report_not_given", default="Non indicato")


@dataclass
class Row:
    code: str
    label: str
    cells: list
    total: int
    district: str = ""


@dataclass
class Table:
    key: str
    title: str
    rows: list
    totals: list
    total: int
    with_district: bool = False


def _rows(counter, months, codes, label_of, district_of=None):
    rows = []
    for code in codes:
        cells = [counter.get((code, month), 0) for month in months]
        rows.append(
            Row(
                code=code,
                label=label_of(code),
                cells=cells,
                total=sum(cells),
                district=district_of(code) if district_of else "",
            )
        )
    return rows


def _table(key, translate, counter, months, codes, label_of, district_of=None):
    rows = _rows(counter, months, codes, label_of, district_of)
    totals = [sum(row.cells[i] for row in rows) for i in range(len(months))]
    return Table(
        key=key,
        title=translate(TITLES[key]),
        rows=rows,
        totals=totals,
        total=sum(totals),
        with_district=district_of is not None,
    )


def _seen(counter):
    return {code for code, _month in counter}


def build_tables(counts, translate):
    """The tables of ``counts`` (a ``counting.Counts``), labels translated."""
    months = counts.months
    territory = get_territory()
    towns = territory.municipality_titles
    district_titles = {d.id: d.title for d in territory.districts}
    not_given = translate(NOT_GIVEN)
    languages = dict(LANGUAGES_SPOKEN)
    language_order = {code: i for i, (code, _t) in enumerate(LANGUAGES_SPOKEN)}
    district_order = {d.id: i for i, d in enumerate(territory.districts)}

    def district_label(code):
        return district_titles.get(code, code) if code else not_given

    def state_label(code):
        return translate(STATE_LABELS[code]) if code in STATE_LABELS else code

    def town_label(code):
        return towns.get(code, code) if code else not_given

    per = counts.per
    tables = [
        _table(
            "desk",
            translate,
            per["desk"],
            months,
            counts.desks,
            lambda code: translate(DESK_LABELS.get(code, code)),
        ),
        _table(
            "form",
            translate,
            per["form"],
            months,
            sorted(_seen(per["form"]), key=lambda c: (c == "", c)),
            lambda code: code or not_given,
        ),
        _table(
            "district",
            translate,
            per["district"],
            months,
            sorted(
                _seen(per["district"]),
                key=lambda c: (c == "", district_order.get(c, 99), c),
            ),
            district_label,
        ),
        _table(
            "municipality",
            translate,
            per["municipality"],
            months,
            sorted(
                _seen(per["municipality"]),
                key=lambda c: (c == "", town_label(c).casefold(), c),
            ),
            town_label,
            district_of=lambda code: (
                district_label(territory.district_of_municipality.get(code, ""))
                if code
                else ""
            ),
        ),
        _table(
            "language",
            translate,
            per["language"],
            months,
            sorted(
                _seen(per["language"]),
                key=lambda c: (c == "", language_order.get(c, 99), c),
            ),
            lambda code: languages.get(code, code) if code else not_given,
        ),
        _table(
            "state",
            translate,
            per["state"],
            months,
            list(DESK_STATES) + sorted(_seen(per["state"]) - set(DESK_STATES)),
            state_label,
        ),
    ]
    if counts.counts_homes:
        tables.append(
            _table(
                "homes",
                translate,
                counts.homes,
                months,
                list(HOME_STATES) + sorted(_seen(counts.homes) - set(HOME_STATES)),
                state_label,
            )
        )
    return tables


def csv_rows(tables, months):
    """Header and rows of the CSV: every table, one row per value and a total."""
    head = ["dimensione", "codice", "voce", "ambito", *months, "totale"]
    rows = []
    for table in tables:
        name = CSV_NAMES[table.key]
        for row in table.rows:
            rows.append(
                [name, row.code, row.label, row.district, *row.cells, row.total]
            )
        rows.append([name, "", "totale", "", *table.totals, table.total])
    return head, rows
