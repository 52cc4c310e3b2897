"""The famiguida-reports import step: index, marker, and the 1004 upgrade."""

from .helpers import make_requests
from famiguida.reports.interfaces import IDeskReportsArea
from famiguida.reports.setup import MONTH_INDEX
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zope.interface import noLongerProvides


PROFILE = "famiguida:default"


def test_installed(portal):
    catalog = portal.portal_catalog
    assert catalog._catalog.getIndex(MONTH_INDEX).meta_type == "FieldIndex"
    assert IDeskReportsArea.providedBy(portal["sportelli"])


def test_step_indexes_existing_desk_items(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    made = make_requests(portal)
    catalog = portal.portal_catalog
    # as a site of 1003: no month index, no marker
    catalog.delIndex(MONTH_INDEX)
    noLongerProvides(portal["sportelli"], IDeskReportsArea)
    portal.portal_setup.runImportStepFromProfile(
        f"profile-{PROFILE}", "famiguida-reports"
    )
    assert IDeskReportsArea.providedBy(portal["sportelli"])
    index = catalog._catalog.getIndex(MONTH_INDEX)
    months = {
        key: index.getEntryForObject(
            catalog.getrid("/".join(obj.getPhysicalPath())), None
        )
        for key, obj in made.items()
    }
    assert months["A"] == "2026-01"
    assert months["B"] == "2026-02"
    assert months["B-home"] == "2026-02"
    assert months["G"] == "2025-12"
    assert months["H"] == "2026-04"
    # nothing but desk items is indexed by month
    assert index.numObjects() == len(made)
    setRoles(portal, TEST_USER_ID, ["Member"])


def test_upgrade_1004_runs_the_step(portal):
    steps = portal.portal_setup.listUpgrades(PROFILE, show_old=True)
    flat = [
        step
        for group in steps
        for step in (group if isinstance(group, list) else [group])
    ]
    to_1004 = [s for s in flat if s["dest"] == ("1004",)]
    titles = [s["title"] for s in to_1004]
    assert "Reports: month index and the desks' folder" in titles
