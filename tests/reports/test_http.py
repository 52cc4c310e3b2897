"""A desk user opens the report and its CSV over HTTP, without JavaScript."""

from .helpers import make_requests
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.testing.zope import Browser
from zExceptions import Unauthorized

import csv
import io
import pytest
import re
import transaction


def browser_for(app, user=None):
    browser = Browser(app)
    browser.handleErrors = False
    if user:
        browser.addHeader("Authorization", f"Basic {user}:secret-pw-1")
    return browser


def test_report_over_http(functional_portal, functional_app, add_users):
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    add_users({"housing": "housing-desk", "mediation": "mediation-desk"})
    make_requests(portal)
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    base = portal.absolute_url() + "/sportelli"

    browser = browser_for(functional_app, "housing")
    browser.open(f"{base}/@@rendiconto")
    # the plain GET form: choose the months and submit
    form = browser.getForm(action=f"{base}/@@rendiconto")
    form.getControl(name="da").value = "2026-01"
    form.getControl(name="a").value = "2026-03"
    form.submit()
    assert "da=2026-01" in browser.url and "a=2026-03" in browser.url
    html = browser.contents
    assert "Sportello casa" in html
    assert "Servizio di mediazione" not in html
    chart = re.search(r"<svg[^>]*famiguida-report-svg.*?</svg>", html, re.S).group(0)
    assert chart.count('class="famiguida-report-bar"') == 3
    assert browser.headers["Cache-Control"] == "private, no-store"
    # the stylesheet is served
    css = browser_for(functional_app)
    css.open(portal.absolute_url() + "/++resource++famiguida.reports/rendiconto.css")
    assert ".famiguida-report-bar" in css.contents

    browser.getLink("Scarica i numeri in CSV").click()
    assert browser.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in browser.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(browser.contents.lstrip("\ufeff"))))
    desks = {r[1]: r[4:] for r in rows if r[0] == "sportello"}
    assert desks == {"casa": ["1", "1", "1", "3"], "": ["1", "1", "1", "3"]}

    # another desk's numbers are refused; the mediation desk sees its own
    with pytest.raises(Unauthorized):
        browser.open(f"{base}/@@rendiconto-csv?sportello=mediazione")
    other = browser_for(functional_app, "mediation")
    other.open(f"{base}/mediazione/@@rendiconto-csv?da=2025-12&a=2026-04")
    rows = list(csv.reader(io.StringIO(other.contents.lstrip("\ufeff"))))
    assert [r[4:] for r in rows if r[:2] == ["sportello", "mediazione"]] == [
        ["1", "0", "1", "0", "1", "3"]
    ]
    with pytest.raises(Unauthorized):
        other.open(f"{base}/casa/@@rendiconto")

    # anonymous: Unauthorized (the login form when errors are handled)
    with pytest.raises(Unauthorized):
        browser_for(functional_app).open(f"{base}/@@rendiconto")
    anonymous = browser_for(functional_app)
    anonymous.handleErrors = True
    anonymous.raiseHttpErrors = False
    anonymous.open(f"{base}/@@rendiconto-csv")
    assert "text/csv" not in anonymous.headers.get("Content-Type", "")
    assert api.user.get(username="housing")
