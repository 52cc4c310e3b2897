"""The profile's privacy settings, and 1003 -> 1004 bringing them to a site."""

from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


PROFILE = "famiguida:default"
RECORD = "famiguida.privacy.retention_months"


def configlet(portal):
    for action in portal.portal_controlpanel.listActions():
        if action.id == "famiguida-privacy":
            return action
    return None


def test_installed_settings(portal):
    assert api.portal.get_registry_record(RECORD) == 24
    action = configlet(portal)
    assert action is not None
    assert action.permissions == ("famiguida: Manage privacy",)
    assert "@@famiguida-privacy" in action.getActionExpression()
    roles = {
        role["name"]
        for role in portal.rolesOfPermission("famiguida: Manage privacy")
        if role["selected"]
    }
    assert roles == {"Manager", "Site Administrator"}


def test_upgrade_to_1004_brings_them(portal):
    getUtility(IRegistry).records.__delitem__(RECORD)
    portal.portal_controlpanel.unregisterConfiglet("famiguida-privacy")
    setup = portal.portal_setup
    setup.setLastVersionForProfile(PROFILE, "1003")
    setup.upgradeProfile(PROFILE)
    assert setup.getLastVersionForProfile(PROFILE) == ("1004",)
    assert api.portal.get_registry_record(RECORD) == 24
    assert configlet(portal) is not None
