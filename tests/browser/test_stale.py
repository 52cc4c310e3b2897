"""Editors' list of services to verify again (never, or over 12 months ago)."""

from datetime import date
from datetime import datetime
from famiguida.browser.stale import months_before
from famiguida.browser.stale import StaleServicesView
from famiguida.opening_hours import ROME
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.testing.zope import Browser

import pytest
import re
import transaction


PASSWORD = "secret-pw-1"
# Verified before 2025-11-22 (12 months before the frozen today), oldest first.
STALE = [
    ("percorsi-lavoro-farelegami", "28 novembre 2024"),
    ("iscrizione-ssn-casalmaggiore", "20 febbraio 2025"),
    ("vaccinazioni-crema", "14 marzo 2025"),
    ("ricongiungimento-familiare-cremona", "6 maggio 2025"),
    ("centro-ascolto-caritas-lodi", "30 giugno 2025"),
]
USERS = {"editor": "editors", "operator": "operators"}


@pytest.fixture
def site(functional_portal, monkeypatch):
    """Users of two groups; today frozen at 22 November 2026."""
    monkeypatch.setattr(
        StaleServicesView,
        "now",
        lambda self: datetime(2026, 11, 22, 9, 0, tzinfo=ROME),
    )
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    for username, group in USERS.items():
        api.user.create(
            email=f"{username}@example.org", username=username, password=PASSWORD
        )
        api.group.add_user(groupname=group, username=username)
    setRoles(functional_portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    return functional_portal


def browser_for(site, username=None):
    transaction.commit()
    browser = Browser(site.aq_parent)
    browser.handleErrors = False
    if username:
        browser.addHeader("Authorization", f"Basic {username}:{PASSWORD}")
    return browser


def listed(page):
    """Service ids in the table, in order."""
    return re.findall(r'href="[^"]*/guida/servizi/([^"/]+)/edit"', page)


def test_months_come_from_the_settings(site):
    """With 21 months instead of 12, only what is older than 22 February 2025."""
    api.portal.set_registry_record("famiguida.directory.stale_after_months", 21)
    browser = browser_for(site, "editor")
    browser.open(f"{site.absolute_url()}/it/guida/@@schede-da-verificare")
    assert "22 febbraio 2025" in browser.contents
    assert listed(browser.contents) == [STALE[0][0], STALE[1][0]]


@pytest.mark.parametrize("where", ["it", "it/guida"])
def test_editor_sees_the_stale_services_oldest_first(site, where):
    browser = browser_for(site, "editor")
    browser.open(f"{site.absolute_url()}/{where}/@@schede-da-verificare")
    page = browser.contents
    assert "<h1" in page and "Schede da verificare" in page
    assert "22 novembre 2025" in page  # the cutoff, in words
    assert listed(page) == [service for service, _ in STALE]
    for _, day in STALE:
        assert day in page
    # recently verified services are not there
    assert "sportello-mediazione-abitativa-crema" not in page


def test_never_verified_come_first(site):
    service = site.unrestrictedTraverse("it/guida/servizi/asili-nido-crema")
    service.last_verified = None
    service.reindexObject()
    browser = browser_for(site, "editor")
    browser.open(f"{site.absolute_url()}/it/@@schede-da-verificare")
    assert listed(browser.contents) == [
        "asili-nido-crema",
        *(service for service, _ in STALE),
    ]
    assert "mai verificata" in browser.contents


def test_drafts_are_listed_for_editors(site):
    service = site.unrestrictedTraverse("it/guida/servizi/asili-nido-codogno")
    service.last_verified = date(2020, 1, 1)
    service.reindexObject()
    browser = browser_for(site, "editor")
    browser.open(f"{site.absolute_url()}/it/@@schede-da-verificare")
    assert listed(browser.contents)[0] == "asili-nido-codogno"


def test_edit_links_open_the_edit_form(site):
    browser = browser_for(site, "editor")
    browser.open(f"{site.absolute_url()}/it/@@schede-da-verificare")
    browser.getLink(url="percorsi-lavoro-farelegami/edit").click()
    assert browser.url.endswith("/percorsi-lavoro-farelegami/edit")


@pytest.mark.parametrize("username", [None, "operator"], ids=["anonymous", "operator"])
@pytest.mark.parametrize("where", ["it", "it/guida"])
def test_forbidden_to_others(site, username, where):
    browser = browser_for(site, username)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.open(f"{site.absolute_url()}/{where}/@@schede-da-verificare")
    assert "Schede da verificare" not in browser.contents
    assert "percorsi-lavoro-farelegami" not in browser.contents
    refused = ("/login?came_from=", "/insufficient-privileges")
    assert any(part in browser.url for part in refused)


@pytest.mark.parametrize(
    "day,months,expected",
    [
        (date(2026, 11, 22), 12, date(2025, 11, 22)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2028, 2, 29), 12, date(2027, 2, 28)),
        (date(2026, 1, 15), 1, date(2025, 12, 15)),
    ],
)
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected
