"""The retention purge: only items closed longer than the retention lose
their personal data; what the reports count stays; the log says so."""

from .helpers import LANDLORD
from .helpers import LONG_AGO
from .helpers import NOW
from .helpers import RECENTLY
from .helpers import submit
from .helpers import walk
from datetime import datetime
from famiguida.desks import DESKS
from famiguida.desks.requests import add_note
from famiguida.desks.requests import ROME
from famiguida.privacy.erasure import closed_since
from famiguida.privacy.erasure import erased_info
from famiguida.privacy.log import log_entries
from famiguida.privacy.purge import months_before
from famiguida.privacy.purge import purge
from plone import api

import json
import pytest


def requests_of_every_kind(desk):
    """name -> DeskRequest in ``desk``: closed long ago or recently, open."""
    items = {
        "done_long_ago": walk(
            submit(desk, name="Ada Uno"), ("start", LONG_AGO), ("complete", LONG_AGO)
        ),
        "rejected_long_ago": walk(submit(desk, name="Bea Due"), ("reject", LONG_AGO)),
        "done_recently": walk(submit(desk, name="Cia Tre"), ("complete", RECENTLY)),
        "new_long_ago": submit(desk, name="Dea Quattro"),
        "in_progress_long_ago": walk(
            submit(desk, name="Eva Cinque"), ("start", LONG_AGO)
        ),
        # closed long ago, reopened, closed again recently: the age counts
        # from the last closing
        "closed_again_recently": walk(
            submit(desk, name="Fia Sei"),
            ("complete", LONG_AGO),
            ("reopen", LONG_AGO),
            ("complete", RECENTLY),
        ),
    }
    with api.env.adopt_roles(["Manager"]):
        for obj in items.values():
            add_note(obj, f"Telefonato a {obj.submitter_name}")
    return items


EXPIRED = {"done_long_ago", "rejected_long_ago"}


def homes_of_every_kind():
    """name -> VacantHome of the housing desk (each from a landlord's offer)."""

    def home(name, *steps):
        request = submit("casa", form="offri-una-casa", name=name, data=LANDLORD)
        obj = request.aq_parent[f"{request.getId()}-casa"]
        return walk(obj, *steps)

    return {
        "assigned_long_ago": home(
            "Gino Uno", ("make_available", LONG_AGO), ("assign", LONG_AGO)
        ),
        "withdrawn_long_ago": home("Lia Due", ("withdraw", LONG_AGO)),
        "assigned_recently": home(
            "Max Tre", ("make_available", LONG_AGO), ("assign", RECENTLY)
        ),
        "available_long_ago": home("Nia Quattro", ("make_available", LONG_AGO)),
        "to_verify": home("Ola Cinque"),
    }


HOMES_EXPIRED = {"assigned_long_ago", "withdrawn_long_ago"}


@pytest.fixture
def every_desk(users):
    return {desk: requests_of_every_kind(desk) for desk in DESKS}


def test_months_before_clamps_the_day():
    march = ROME.localize(datetime(2031, 3, 31, 10, 0))
    assert months_before(march, 1).date().isoformat() == "2031-02-28"
    assert months_before(march, 24).date().isoformat() == "2029-03-31"
    assert months_before(march, 15).date().isoformat() == "2029-12-31"


def test_closed_since_is_the_last_closing(every_desk):
    items = every_desk["casa"]
    assert closed_since(items["done_long_ago"]) == LONG_AGO
    assert closed_since(items["closed_again_recently"]) == RECENTLY
    assert closed_since(items["new_long_ago"]) is None
    assert closed_since(items["in_progress_long_ago"]) is None


def test_purge_erases_only_expired_closed_requests_of_each_desk(every_desk):
    records = purge(api.portal.get(), now=NOW)
    erased = {(r["desk"], r["reference"]) for r in records}
    expected = {
        (desk, items[name].reference)
        for desk, items in every_desk.items()
        for name in EXPIRED
    }
    assert erased == expected
    for desk, items in every_desk.items():
        for name, obj in items.items():
            assert (erased_info(obj) is not None) is (name in EXPIRED), (desk, name)
            if name not in EXPIRED:
                assert obj.email and obj.submitter_name and obj.data_json


def test_purge_erases_expired_vacant_homes_only(users):
    homes = homes_of_every_kind()
    records = purge(api.portal.get(), now=NOW)
    assert {r["id"] for r in records} == {homes[n].getId() for n in HOMES_EXPIRED}
    for name, home in homes.items():
        expired = name in HOMES_EXPIRED
        assert (erased_info(home) is not None) is expired, name
        assert (home.address is None) is expired, name
        assert home.title == (home.reference if expired else "Via Mazzini 12")
    # the landlords' requests are still new: kept
    for home in homes.values():
        request = home.aq_parent[home.reference.lower()]
        assert erased_info(request) is None
        assert request.email


def test_erased_request_keeps_what_reports_count(every_desk):
    obj = every_desk["mediazione"]["done_long_ago"]
    created = obj.created()
    before = {
        name: getattr(obj, name)
        for name in (
            "reference",
            "desk",
            "form_id",
            "submission_language",
            "municipality",
            "consent",
            "consent_date",
        )
    }
    purge(api.portal.get(), now=NOW)
    for name, value in before.items():
        assert getattr(obj, name) == value, name
    assert api.content.get_state(obj) == "done"
    assert obj.created() == created
    assert closed_since(obj) == LONG_AGO
    for name in ("submitter_name", "email", "phone", "data_json"):
        assert getattr(obj, name) is None, name
    info = erased_info(obj)
    assert info["when"] == NOW
    assert info["reason"] == "retention"
    assert info["actor"] == "famiguida-purge"
    # no texts, no submitter's name left in the histories
    history = list(obj.history)
    assert history[-1]["action"] == "erased"
    assert all(entry["text"] == "" for entry in history)
    assert history[0]["actor"] == ""
    dump = json.dumps(history, default=str) + repr(dict(obj.workflow_history))
    for secret in ("Ada", "Telefonato", "commento", "example.org", "333"):
        assert secret not in dump
    # the catalog keeps it under its counted fields, not under the name
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(obj.getPhysicalPath())
    brains = catalog.unrestrictedSearchResults(path={"query": path, "depth": 0})
    assert len(brains) == 1
    assert brains[0].review_state == "done"
    assert brains[0].Title == obj.reference
    for index, value in (
        ("desk_form", "modulo"),
        ("desk_municipality", "crema"),
        ("desk_language", "it"),
        ("review_state", "done"),
    ):
        query = {"path": {"query": path, "depth": 0}, index: value}
        assert len(catalog.unrestrictedSearchResults(**query)) == 1, index
    assert not catalog.unrestrictedSearchResults(SearchableText="Ada")


def test_the_log_records_references_and_no_personal_data(every_desk):
    purge(api.portal.get(), now=NOW)
    for desk, items in every_desk.items():
        inbox = api.portal.get()["sportelli"][desk]
        entries = log_entries(inbox)
        assert {e["reference"] for e in entries} == {
            items[name].reference for name in EXPIRED
        }
        for entry in entries:
            assert entry["reason"] == "retention"
            assert entry["actor"] == "famiguida-purge"
            assert entry["when"] == NOW
            assert entry["closed"] == LONG_AGO
            assert entry["state"] in ("done", "rejected")
        text = repr(entries)
        for secret in ("Ada", "Bea", "example.org", "333"):
            assert secret not in text


def test_dry_run_changes_nothing(every_desk):
    portal = api.portal.get()
    listed = purge(portal, now=NOW, dry_run=True)
    assert len(listed) == len(EXPIRED) * len(DESKS)
    for items in every_desk.values():
        for obj in items.values():
            assert erased_info(obj) is None
            assert obj.email
    for desk in DESKS:
        assert log_entries(portal["sportelli"][desk]) == []
    # the real run erases what the dry run listed
    assert purge(portal, now=NOW) == listed


def test_purge_is_idempotent(every_desk):
    portal = api.portal.get()
    first = purge(portal, now=NOW)
    assert first
    history = list(every_desk["casa"]["done_long_ago"].history)
    assert purge(portal, now=NOW) == []
    assert list(every_desk["casa"]["done_long_ago"].history) == history
    assert len(log_entries(portal["sportelli"]["casa"])) == len(EXPIRED)


def test_retention_comes_from_the_registry(every_desk):
    portal = api.portal.get()
    # 30 months after LONG_AGO: kept with 36 months, erased with 24 (default)
    api.portal.set_registry_record("famiguida.privacy.retention_months", 36)
    assert purge(portal, now=NOW, dry_run=True) == []
    api.portal.set_registry_record("famiguida.privacy.retention_months", 1)
    # with one month, the requests closed on 1 December go as well
    listed = purge(portal, now=NOW, dry_run=True)
    names = {"done_recently", "closed_again_recently"} | EXPIRED
    assert len(listed) == len(names) * len(DESKS)


def test_boundary_is_the_retention_to_the_day(users):
    portal = api.portal.get()
    months = api.portal.get_registry_record("famiguida.privacy.retention_months")
    assert months == 24
    cutoff = months_before(NOW, 24)
    just_expired = walk(submit("casa"), ("complete", cutoff.replace(hour=11)))
    not_yet = walk(submit("casa"), ("complete", cutoff.replace(hour=13)))
    records = purge(portal, now=NOW)
    assert [r["reference"] for r in records] == [just_expired.reference]
    assert erased_info(not_yet) is None


def test_the_default_clock_is_now(every_desk):
    # LONG_AGO (2028) is less than 24 months from today only before mid 2030
    now = datetime.now(ROME)
    expected = months_before(now, 24) > LONG_AGO
    assert bool(purge(api.portal.get(), dry_run=True)) is expected
