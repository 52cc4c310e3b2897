"""Every number of the report, counted through the catalog as the user."""

from famiguida.reports.counting import count_desks
from famiguida.reports.tables import build_tables
from plone.app.testing import login
from zope.i18n import translate

import pytest


MONTHS = ["2026-01", "2026-02", "2026-03"]  # helpers.RANGE
ALL = ["casa", "assistenti-familiari", "mediazione"]

# what a site administrator counts over 2026-01..2026-03 (conftest.REQUESTS)
EXPECTED = {
    "desk": {
        "casa": [1, 1, 1],
        "assistenti-familiari": [1, 0, 1],
        "mediazione": [0, 1, 0],
    },
    "form": {
        "cerco-assistente": [0, 0, 1],
        "cerco-casa": [1, 0, 1],
        "offri-una-casa": [0, 1, 0],
        "offro-assistenza": [1, 0, 0],
        "richiesta-mediatore": [0, 1, 0],
    },
    "district": {
        "crema": [1, 1, 0],
        "cremona": [1, 0, 0],
        "lodi": [0, 0, 1],
        "oglio_ovest": [0, 1, 0],
        "": [0, 0, 1],
    },
    "municipality": {
        "chiari": [0, 1, 0],
        "crema": [1, 1, 0],
        "cremona": [1, 0, 0],
        "lodi": [0, 0, 1],
        "": [0, 0, 1],
    },
    "language": {
        "it": [1, 1, 0],
        "ar": [0, 1, 1],
        "ro": [1, 0, 0],
        "uk": [0, 0, 1],
    },
    "state": {
        "new": [2, 0, 0],
        "in_progress": [0, 1, 0],
        "done": [0, 1, 1],
        "rejected": [0, 0, 1],
    },
    "homes": {
        "to_verify": [0, 0, 0],
        "available": [0, 1, 0],
        "assigned": [0, 0, 0],
        "withdrawn": [0, 0, 0],
    },
}
HOUSING = {
    "desk": {"casa": [1, 1, 1]},
    "form": {"cerco-casa": [1, 0, 1], "offri-una-casa": [0, 1, 0]},
    "district": {"crema": [1, 1, 0], "": [0, 0, 1]},
    "municipality": {"crema": [1, 1, 0], "": [0, 0, 1]},
    "language": {"it": [1, 0, 0], "ar": [0, 1, 1]},
    "state": {
        "new": [1, 0, 0],
        "in_progress": [0, 1, 0],
        "done": [0, 0, 1],
        "rejected": [0, 0, 0],
    },
    "homes": EXPECTED["homes"],
}
CAREGIVER = {
    "desk": {"assistenti-familiari": [1, 0, 1]},
    "form": {"cerco-assistente": [0, 0, 1], "offro-assistenza": [1, 0, 0]},
    "district": {"cremona": [1, 0, 0], "lodi": [0, 0, 1]},
    "municipality": {"cremona": [1, 0, 0], "lodi": [0, 0, 1]},
    "language": {"ro": [1, 0, 0], "uk": [0, 0, 1]},
    "state": {
        "new": [1, 0, 0],
        "in_progress": [0, 0, 0],
        "done": [0, 0, 0],
        "rejected": [0, 0, 1],
    },
}


def numbers(tables):
    """{table key: {row code: cells}} and check every total on the way."""
    result = {}
    for table in tables:
        rows = {}
        for row in table.rows:
            assert row.total == sum(row.cells), (table.key, row.code)
            rows[row.code] = row.cells
        assert table.totals == [
            sum(row.cells[i] for row in table.rows) for i in range(len(MONTHS))
        ]
        assert table.total == sum(table.totals)
        result[table.key] = rows
    return result


def italian(msgid):
    return translate(msgid, target_language="it")


def report(desks):
    counts = count_desks(desks, MONTHS)
    return counts, build_tables(counts, italian)


def test_site_admin_counts_every_dimension(report_site):
    login(report_site.portal, "siteadmin")
    counts, tables = report(ALL)
    assert numbers(tables) == EXPECTED
    assert [counts.totals[m] for m in MONTHS] == [2, 2, 2]
    assert counts.total == 6
    assert counts.home_total == 1
    # every request table adds up to the same six requests
    assert {t.total for t in tables if t.key != "homes"} == {6}


def test_rows_are_labelled_in_order(report_site):
    login(report_site.portal, "siteadmin")
    tables = {t.key: t for t in report(ALL)[1]}
    assert [r.code for r in tables["state"].rows] == [
        "new",
        "in_progress",
        "done",
        "rejected",
    ]
    assert [r.label for r in tables["state"].rows] == [
        "Nuova",
        "In lavorazione",
        "Conclusa",
        "Respinta",
    ]
    # the municipality's Ambito; no municipality given comes last
    towns = tables["municipality"].rows
    assert [r.label for r in towns] == [
        "Chiari",
        "Crema",
        "Cremona",
        "Lodi",
        "Non indicato",
    ]
    assert towns[0].district == "Ambito distrettuale Oglio Ovest"
    assert towns[1].district == "Ambito distrettuale Cremasco"
    assert towns[-1].district == ""
    assert [r.code for r in tables["district"].rows] == [
        "crema",
        "cremona",
        "lodi",
        "oglio_ovest",
        "",
    ]
    # languages in their own name, in the portal's order
    assert [r.label for r in tables["language"].rows] == [
        "Italiano",
        "العربية",
        "Română",
        "Українська",
    ]
    assert [r.label for r in tables["desk"].rows] == [
        "Sportello casa",
        "Sportello assistenti familiari",
        "Servizio di mediazione",
    ]


@pytest.mark.parametrize(
    "userid, desk, expected",
    [("housing", "casa", HOUSING), ("caregiver", "assistenti-familiari", CAREGIVER)],
)
def test_a_desk_counts_its_own_requests_only(report_site, userid, desk, expected):
    login(report_site.portal, userid)
    # asked for every desk, the catalog gives this desk's requests only
    _counts, tables = report(ALL)
    got = numbers(tables)
    assert got["desk"][desk] == expected["desk"][desk]
    assert sum(sum(cells) for cells in got["desk"].values()) == sum(
        expected["desk"][desk]
    )
    _counts, tables = report([desk])
    assert numbers(tables) == expected


def test_mediation_desk_sees_no_homes(report_site):
    login(report_site.portal, "mediation")
    counts, _tables = report(ALL)
    assert counts.total == 1
    # it cannot see the housing desk's homes either
    assert counts.home_total == 0


def test_month_boundaries_in_rome(report_site):
    login(report_site.portal, "siteadmin")
    counts = count_desks(ALL, ["2025-12", "2026-01", "2026-02", "2026-03", "2026-04"])
    # G: 23:59 on 31 December (Rome); H: 00:00 on 1 April (31 March in UTC)
    assert [counts.totals[m] for m in counts.months] == [1, 2, 2, 2, 1]
    # A (31 January 23:30) in January, B (1 February 00:30) in February
    assert count_desks(["casa"], ["2026-01"]).total == 1
    assert count_desks(["casa"], ["2026-02"]).total == 1


def test_erased_requests_still_count(report_site):
    """famiguida.privacy's erasure keeps what the report counts."""
    from famiguida.privacy.erasure import erase
    from famiguida.privacy.erasure import REQUEST

    login(report_site.portal, "siteadmin")
    before = numbers(report(ALL)[1])
    for key in ("A", "D", "B-home"):
        assert erase(report_site.made[key], REQUEST, "siteadmin")
    assert report_site.made["A"].submitter_name is None
    assert numbers(report(ALL)[1]) == before


def test_counting_wakes_no_object(report_site, monkeypatch):
    """Brains only: getObject is never called while counting."""
    from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain

    def refuse(self, *args, **kwargs):
        raise AssertionError("an object was woken up")

    monkeypatch.setattr(AbstractCatalogBrain, "getObject", refuse)
    monkeypatch.setattr(AbstractCatalogBrain, "_unrestrictedGetObject", refuse)
    login(report_site.portal, "siteadmin")
    assert count_desks(ALL, MONTHS).total == 6
