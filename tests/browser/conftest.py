"""Fixtures shared by the page tests: a frozen clock for "open now"."""

from datetime import datetime
from famiguida.browser.directory_page import DirectoryPage
from famiguida.opening_hours import ROME

import pytest


# 2026-11-23 is a Monday.
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=ROME)


@pytest.fixture
def clock(monkeypatch):
    """Freeze the pages' "now" (Europe/Rome) at Monday 10:00; call to move it."""

    def freeze(moment):
        monkeypatch.setattr(DirectoryPage, "now", lambda self: moment)

    freeze(MONDAY_10)
    return freeze
