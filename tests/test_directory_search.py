"""The directory search against the starter content, with an independent oracle.

The expected results are computed here straight from content/*.json (which
services are published, active, in a category, serving a municipality
directly or through its whole district), not through the catalog: the
search must agree with the data as written.
"""

from datetime import datetime
from famiguida.directory_search import Criteria
from famiguida.directory_search import DirectorySearch
from famiguida.testing import CONTENT
from plone.app.testing import logout
from zoneinfo import ZoneInfo

import json
import pytest


ROME = ZoneInfo("Europe/Rome")


def load(name):
    return json.loads((CONTENT / name).read_text(encoding="utf-8"))


SERVICES = [s for s in load("items/50-services.json") if s["type"] == "Service"]
TERRITORY = load("territory.json")
DISTRICT_TOWNS = {
    d["id"]: {m["id"] for m in d["municipalities"]} for d in TERRITORY["districts"]
}
VISIBLE = [
    s
    for s in SERVICES
    if s.get("state") == "published" and s.get("active", True) is not False
]


def serves(service, town):
    if town in service.get("municipalities", []):
        return True
    return any(town in DISTRICT_TOWNS[d] for d in service.get("districts", []))


def expected_titles(need=None, town=None, free=False, lang=None):
    return sorted(
        s["title"]
        for s in VISIBLE
        if (need is None or need in s["need_categories"])
        and (town is None or serves(s, town))
        and (not free or s.get("cost") == "free")
        and (lang is None or lang in s.get("languages_spoken", []))
    )


@pytest.fixture(autouse=True)
def anonymous(portal):
    """Search as a citizen does: the test user owns the starter content."""
    logout()


def search(portal, **form):
    criteria = Criteria.from_form(form)
    return DirectorySearch(portal["it"], criteria).run()


def titles(result):
    return sorted(brain.Title for brain in result.brains)


@pytest.mark.parametrize(
    "need,town",
    [
        ("housing", "crema"),
        ("housing", "codogno"),
        ("work", "lodi"),
        ("documents", "soncino"),
        ("family", "cremona"),
        ("health", "casalmaggiore"),
        ("language", "cremona"),
        ("mediation", "rivolta-d-adda"),
        ("school", "rovato"),
    ],
)
def test_category_and_municipality(portal, need, town):
    expected = expected_titles(need=need, town=town)
    assert expected, "the starter data should have an answer for this pair"
    assert titles(search(portal, need=need, town=town)) == expected


def test_everything_visible_when_no_criteria(portal):
    result = search(portal)
    assert result.total == len(VISIBLE)


def test_drafts_and_suspended_services_never_listed(portal):
    hidden = {s["title"] for s in SERVICES} - {s["title"] for s in VISIBLE}
    assert hidden, "the starter data holds drafts and suspended services"
    assert not hidden & set(titles(search(portal)))


@pytest.mark.parametrize("town", ["crema", "chiari", "lodi", "casalmaggiore"])
def test_need_counts_with_a_town(portal, town):
    """Each category's count = what clicking it would list, for that town."""
    counts = search(portal, town=town).counts["need"]
    for need in {n for s in VISIBLE for n in s["need_categories"]}:
        assert counts.get(need, 0) == len(expected_titles(need=need, town=town))


ALL_TOWNS = sorted(set().union(*DISTRICT_TOWNS.values()))


@pytest.mark.parametrize("need", [None, "housing", "health", "mediation"])
def test_municipality_counts(portal, need):
    """Every one of the 184 municipalities counts what choosing it would list,
    district-wide services included (the counts use a split of the index)."""
    counts = search(portal, **({"need": need} if need else {})).counts["town"]
    expected = {town: len(expected_titles(need=need, town=town)) for town in ALL_TOWNS}
    assert counts == {town: n for town, n in expected.items() if n}


def test_municipality_counts_follow_catalog_changes(portal):
    """The split is rebuilt after a catalog change (here: a new service)."""
    from plone import api
    from plone.app.testing import login
    from plone.app.testing import SITE_OWNER_NAME

    before = search(portal).counts["town"]
    login(portal.aq_parent, SITE_OWNER_NAME)
    service = api.content.create(
        container=portal["it"]["guida"]["servizi"],
        type="Service",
        id="nuovo-servizio-soncino",
        title="Nuovo servizio a Soncino",
        municipalities=["soncino"],
        need_categories=["housing"],
    )
    api.content.transition(service, to_state="published")
    logout()
    after = search(portal).counts["town"]
    assert after["soncino"] == before.get("soncino", 0) + 1
    assert {t: n for t, n in after.items() if t != "soncino"} == {
        t: n for t, n in before.items() if t != "soncino"
    }


def test_selected_facet_counts_ignore_their_own_filter(portal):
    """With 'housing' chosen, the other categories still show their counts."""
    counts = search(portal, need="housing", town="crema").counts["need"]
    assert counts.get("work", 0) == len(expected_titles(need="work", town="crema"))


def test_several_categories_are_alternatives(portal):
    both = titles(search(portal, need=["housing", "work"]))
    assert both == sorted(
        set(expected_titles(need="housing")) | set(expected_titles(need="work"))
    )


def test_free_and_language(portal):
    result = search(portal, need="language", free="1", lang="ar")
    assert titles(result) == expected_titles(need="language", free=True, lang="ar")


def test_free_text(portal):
    """Every service whose own texts say "italiano" is found (prefix match)."""
    fields = ("title", "description", "text", "how_to_access", "what_to_bring")
    expected = {
        s["title"]
        for s in VISIBLE
        if "italiano" in " ".join(str(s.get(f, "")) for f in fields).lower()
    }
    assert expected
    assert expected <= set(titles(search(portal, q="italiano")))


@pytest.mark.parametrize(
    "form",
    [
        {"need": "nonexistent"},
        {"town": "atlantide"},
        {"lang": "<script>alert(1)</script>"},
        {"group": ["families", "=cmd"]},
    ],
)
def test_unknown_values_are_dropped_and_reported(portal, form):
    criteria = Criteria.from_form(form)
    assert criteria.ignored
    assert DirectorySearch(portal["it"], criteria).run().total <= len(VISIBLE)


MOMENTS = [
    datetime(2026, 11, 23, 10, 0, tzinfo=ROME),  # Monday morning
    datetime(2026, 11, 24, 15, 0, tzinfo=ROME),  # Tuesday afternoon
    datetime(2026, 11, 28, 10, 0, tzinfo=ROME),  # Saturday
    datetime(2026, 11, 22, 23, 30, tzinfo=ROME),  # Sunday night
    datetime(2026, 12, 8, 10, 0, tzinfo=ROME),  # holiday: most places closed
    datetime(2026, 12, 24, 11, 0, tzinfo=ROME),  # Christmas Eve, short hours
    datetime(2026, 12, 24, 12, 30, tzinfo=ROME),  # ... already closed
    datetime(2026, 12, 25, 10, 0, tzinfo=ROME),  # Christmas
]


@pytest.mark.parametrize("moment", MOMENTS, ids=lambda m: m.strftime("%a-%d-%b-%H%M"))
def test_open_now_is_exactly_what_the_schedules_say(portal, moment):
    """The catalog buckets agree with the schedules, service by service
    (all starter hours are on the quarter hour, the buckets' size)."""
    from famiguida.content.service import service_schedules

    every = DirectorySearch(portal["it"], Criteria()).run()
    expected = {
        brain.getPath()
        for brain in every.brains
        if any(s.is_open(moment) for s in service_schedules(brain.getObject()))
    }
    criteria = Criteria.from_form({"open": "1"})
    result = DirectorySearch(portal["it"], criteria, now=moment).run()
    assert {brain.getPath() for brain in result.brains} == expected
    assert result.counts["open"] == len(expected)


def test_christmas_eve_short_hours_count(portal):
    eve_morning = DirectorySearch(
        portal["it"], Criteria.from_form({"open": "1"}), now=MOMENTS[5]
    ).run()
    eve_afternoon = DirectorySearch(
        portal["it"], Criteria.from_form({"open": "1"}), now=MOMENTS[6]
    ).run()
    assert eve_morning.total > eve_afternoon.total


TRANSLATED = {
    "sportello-mediazione-abitativa-crema",
    "sportello-assistenza-familiare",
    "iscrizione-ssn-cremona",
}


@pytest.mark.parametrize("language", ["ar", "zh", "en"])
def test_other_language_lists_translations_and_untranslated_italian(portal, language):
    """In language X: X translations, and the Italian services that have
    none, each service once; the counts are the Italian ones."""
    italian = search(portal)
    criteria = Criteria.from_form({})
    result = DirectorySearch(
        portal[language], criteria, fallback_root=portal["it"]
    ).run()
    assert result.total == italian.total == len(VISIBLE)
    assert result.counts == italian.counts
    where = {brain.getId: brain.getPath().split("/")[2] for brain in result.brains}
    assert len(where) == len(VISIBLE)
    for service_id in TRANSLATED:
        assert where[service_id] == language
    assert where["asili-nido-crema"] == "it"  # not among the translated ones


def test_without_fallback_only_the_language(portal):
    result = DirectorySearch(portal["ar"], Criteria.from_form({})).run()
    assert {brain.getPath().split("/")[2] for brain in result.brains} == {"ar"}
    assert {brain.getId for brain in result.brains} >= TRANSLATED
