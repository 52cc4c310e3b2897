"""1003 -> 1004 through portal_setup: the desk forms' and privacy settings
arrive, EasyForm becomes translatable, and what an administrator changed in
the registry stays."""

from famiguida.desk_forms.settings import IDeskFormSettings
from famiguida.privacy.settings import IPrivacySettings
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


PROFILE = "famiguida:default"
TRANSLATABLE = "plone.translatable"


def as_release_1003(portal):
    """Take away what 1004 adds and mark the profile as 1003."""
    registry = getUtility(IRegistry)
    for schema, prefix in (
        (IDeskFormSettings, "famiguida.desk_forms"),
        (IPrivacySettings, "famiguida.privacy"),
    ):
        for name in schema:
            del registry.records[f"{prefix}.{name}"]
    for desk in ("casa", "assistenti-familiari", "mediazione"):
        portal["sportelli"][desk].setOrdering("")  # 1003's ordered inboxes
    fti = portal.portal_types.EasyForm
    fti.behaviors = tuple(b for b in fti.behaviors if b != TRANSLATABLE)
    portal.portal_setup.setLastVersionForProfile(PROFILE, "1003")


def test_upgrade_to_1004(portal):
    as_release_1003(portal)
    # an administrator's choices made on the 1003 site
    api.portal.set_registry_record("plone.navigation_depth", 2)
    api.portal.set_registry_record("plone.email_from_address", "info@example.org")
    setup = portal.portal_setup
    assert setup.listUpgrades(PROFILE)[0][0]["source"] == ("1003",)

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == ("1004",)
    assert setup.listUpgrades(PROFILE) == []
    assert api.portal.get_registry_record("famiguida.desk_forms.min_fill_seconds") == 3
    assert api.portal.get_registry_record("famiguida.desk_forms.casa_email") in (
        None,
        "",
    )
    for name in IPrivacySettings:
        assert f"famiguida.privacy.{name}" in getUtility(IRegistry).records
    assert TRANSLATABLE in portal.portal_types.EasyForm.behaviors
    for desk in ("casa", "assistenti-familiari", "mediazione"):
        # submissions at once must not conflict on an order list
        assert portal["sportelli"][desk]._ordering == "unordered"
    assert api.portal.get_registry_record("plone.navigation_depth") == 2
    assert api.portal.get_registry_record("plone.email_from_address") == (
        "info@example.org"
    )


def test_upgrading_again_keeps_changed_settings(portal):
    api.portal.set_registry_record("famiguida.desk_forms.min_fill_seconds", 7)
    portal.portal_setup.setLastVersionForProfile(PROFILE, "1003")
    portal.portal_setup.upgradeProfile(PROFILE)
    assert api.portal.get_registry_record("famiguida.desk_forms.min_fill_seconds") == 7
