"""1000 -> 1001 on a site made by the first release: the directory settings
arrive, what an administrator changed stays."""

from famiguida.controlpanels.directory import IDirectorySettings
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


PROFILE = "famiguida:default"


def as_release_1000(portal):
    """Take away what 1001 adds and mark the profile as 1000."""
    registry = getUtility(IRegistry)
    for name in IDirectorySettings:
        del registry.records[f"famiguida.directory.{name}"]
    portal.portal_controlpanel.unregisterConfiglet("famiguida-directory")
    portal.portal_setup.setLastVersionForProfile(PROFILE, "1000")


def test_upgrade_to_1001(portal):
    as_release_1000(portal)
    api.portal.set_registry_record("plone.navigation_depth", 2)  # admin's choice
    setup = portal.portal_setup
    assert setup.listUpgrades(PROFILE)[0]["dest"] == ("1001",)

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == ("1004",)
    assert setup.listUpgrades(PROFILE) == []
    assert (
        api.portal.get_registry_record("famiguida.directory.stale_after_months") == 12
    )
    assert api.portal.get_registry_record("famiguida.directory.editors_email") is None
    configlets = [action.id for action in portal.portal_controlpanel.listActions()]
    assert "famiguida-directory" in configlets
    assert api.portal.get_registry_record("plone.navigation_depth") == 2
