"""Fixtures shared by the page tests: a frozen clock, an anonymous page opener."""

from datetime import datetime
from famiguida.browser.directory_page import DirectoryPage
from famiguida.opening_hours import ROME
from plone.testing.zope import Browser

import pytest
import transaction


# 2026-11-23 is a Monday.
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=ROME)


@pytest.fixture
def clock(monkeypatch):
    """Freeze the pages' "now" (Europe/Rome) at Monday 10:00; call to move it."""

    def freeze(moment):
        monkeypatch.setattr(DirectoryPage, "now", lambda self: moment)

    freeze(MONDAY_10)
    return freeze


@pytest.fixture
def open_page(functional_portal, clock):
    """Open a site path as an anonymous visitor (clock frozen); return the HTML."""

    def open_(path):
        transaction.commit()
        browser = Browser(functional_portal.aq_parent)
        browser.handleErrors = False
        browser.open(f"{functional_portal.absolute_url()}/{path}")
        return browser.contents

    return open_
