"""Over HTTP, without JavaScript: erasure by reference, the log, the purge view."""

from .helpers import submit
from .helpers import walk
from famiguida.desks.requests import now
from famiguida.privacy.erasure import erased_info
from famiguida.privacy.purge import months_before
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.testing.zope import Browser
from zExceptions import Forbidden

import pytest
import transaction


def browser_for(app, user):
    browser = Browser(app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {user}:secret-pw-1")
    return browser


@pytest.fixture
def site(functional_portal, add_users):
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    add_users({"housing": "housing-desk", "siteadmin": "Site Administrator"})
    setRoles(functional_portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    return functional_portal


def test_desk_erases_a_request_by_its_number(site, functional_app):
    obj = submit("casa", name="Rosa Bianchi")
    reference, url = obj.reference, obj.absolute_url()
    transaction.commit()
    browser = browser_for(functional_app, "housing")
    browser.open(site.absolute_url() + "/sportelli/casa")
    browser.getLink(url="@@cancella-dati").click()
    browser.getControl(name="reference").value = reference.lower()
    browser.getControl(name="form.lookup").click()
    assert reference in browser.contents
    assert "Rosa" not in browser.contents
    browser.getControl(name="confirm").value = True
    browser.getControl(name="form.confirm").click()
    assert browser.url == url
    assert "famiguida-erased" in browser.contents
    assert "Richiesta dell&#x27;interessato" in browser.contents or (
        "Richiesta dell'interessato" in browser.contents
    )
    assert "Rosa" not in browser.contents
    assert "rosa@example.org" not in browser.contents
    browser.open(site.absolute_url() + "/sportelli/casa/@@registro-cancellazioni")
    assert reference in browser.contents
    assert "housing" in browser.contents
    transaction.begin()
    assert erased_info(site["sportelli"]["casa"][reference.lower()])


def test_purge_view_for_cron_and_for_the_admin(site, functional_app):
    long_ago = months_before(now(), 30)
    expired = walk(submit("mediazione"), ("complete", long_ago))
    kept = walk(submit("mediazione"), ("complete", None))
    expired_ref, kept_ref = expired.reference, kept.reference
    transaction.commit()
    url = site.absolute_url() + "/@@famiguida-purge"
    admin = browser_for(functional_app, "siteadmin")
    # GET: a preview, nothing erased
    admin.open(url)
    assert expired_ref in admin.contents
    assert kept_ref not in admin.contents
    # a POST with neither the authenticator nor the header is refused
    with pytest.raises(Forbidden):
        admin.post(url, "dry-run=1")
    # cron: POST with the header, plain text back; a dry run first
    admin.addHeader("X-Famiguida-Purge", "run")
    admin.post(url, "dry-run=1")
    assert admin.headers["Content-Type"].startswith("text/plain")
    assert "would erase 1 items" in admin.contents
    assert f"would erase {expired_ref}" in admin.contents
    transaction.begin()
    assert erased_info(site["sportelli"]["mediazione"][expired_ref.lower()]) is None
    admin.post(url, "")
    assert f"erased {expired_ref} (DeskRequest, mediazione, done since" in (
        admin.contents
    )
    assert kept_ref not in admin.contents
    transaction.begin()
    inbox = site["sportelli"]["mediazione"]
    assert erased_info(inbox[expired_ref.lower()])["actor"] == "siteadmin"
    assert erased_info(inbox[kept_ref.lower()]) is None
    # the browser form (with the authenticator): nothing left to erase
    browser = browser_for(functional_app, "siteadmin")
    browser.open(url)
    browser.getControl(name="form.purge").click()
    assert "famiguida-purge-results" in browser.contents
    assert expired_ref not in browser.contents


def test_purge_view_refuses_desk_staff(site, functional_app):
    expired = walk(submit("casa"), ("reject", months_before(now(), 30)))
    reference = expired.reference
    transaction.commit()
    browser = browser_for(functional_app, "housing")
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.addHeader("X-Famiguida-Purge", "run")
    browser.post(site.absolute_url() + "/@@famiguida-purge", "")
    assert "famiguida-purge:" not in browser.contents
    assert browser.headers["status"][:3] in ("401", "403") or (
        "insufficient-privileges" in browser.url or "require_login" in browser.url
    )
    transaction.begin()
    assert erased_info(site["sportelli"]["casa"][reference.lower()]) is None


def test_privacy_control_panel(site, functional_app):
    browser = browser_for(functional_app, "siteadmin")
    browser.open(site.absolute_url() + "/@@famiguida-privacy")
    control = browser.getControl(name="form.widgets.retention_months")
    assert control.value == "24"
    control.value = "12"
    browser.getControl(name="form.buttons.save").click()
    transaction.begin()
    assert api.portal.get_registry_record("famiguida.privacy.retention_months") == 12
    browser.open(site.absolute_url() + "/@@overview-controlpanel")
    assert "@@famiguida-privacy" in browser.contents
