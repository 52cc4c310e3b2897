"""Desk staff work an inbox over HTTP, without JavaScript."""

from datetime import datetime
from famiguida.desks.requests import create_request
from plone.testing.zope import Browser
from zExceptions import Unauthorized
from zoneinfo import ZoneInfo

import pytest
import transaction


def browser_for(app, user):
    browser = Browser(app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {user}:secret-pw-1")
    return browser


def test_inbox_and_request_page_over_http(functional_portal, functional_app):
    from plone import api
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    api.user.create(email="h@example.org", username="housing", password="secret-pw-1")
    api.group.add_user(groupname="housing-desk", username="housing")
    setRoles(portal, TEST_USER_ID, ["Member"])
    # a consent time in zoneinfo (what a form may give) is stored as well
    given = datetime(2026, 7, 1, 10, 30, tzinfo=ZoneInfo("Europe/Rome"))
    reference = create_request(
        "casa",
        "cerco-casa",
        "ar",
        "crema",
        {"message": "<b>ciao</b>"},
        True,
        consent_date=given,
    )
    transaction.commit()

    browser = browser_for(functional_app, "housing")
    browser.open(portal.absolute_url() + "/sportelli/casa")
    assert reference in browser.contents
    browser.getLink(reference).click()
    assert "&lt;b&gt;ciao&lt;/b&gt;" in browser.contents
    form = browser.getForm(action=browser.url, index=0)
    form.getControl(name="transition").value = ["start"]
    form.getControl(name="form.transition").click()
    assert "In lavorazione" in browser.contents
    form = browser.getForm(action=browser.url, index=1)
    form.getControl(name="note").value = "Richiamare lunedì"
    form.getControl(name="form.note").click()
    assert "Richiamare lunedì" in browser.contents
    assert portal["sportelli"]["casa"][reference.lower()].consent_date == given
    browser.open(portal.absolute_url() + "/sportelli/casa/@@richieste-esporta")
    assert browser.headers["Content-Type"].startswith("text/csv")
    assert reference in browser.contents
    # another desk is refused over HTTP
    api.user.create(email="c@example.org", username="caregiver", password="secret-pw-1")
    api.group.add_user(groupname="caregiver-desk", username="caregiver")
    transaction.commit()
    other = browser_for(functional_app, "caregiver")
    for url in ("/sportelli/casa", "/sportelli/casa/@@richieste-esporta"):
        with pytest.raises(Unauthorized):
            other.open(portal.absolute_url() + url)
    with pytest.raises(Unauthorized):
        other.open(portal.absolute_url() + f"/sportelli/casa/{reference.lower()}")
