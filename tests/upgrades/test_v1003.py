"""1002 -> 1003 through portal_setup: the desk types, workflows, permissions
and inboxes reach a site made by 1002."""

from famiguida.desks.requests import create_request
from plone import api


PROFILE = "famiguida:default"
INBOXES = ("casa", "assistenti-familiari", "mediazione")


def as_release_1002(portal):
    """Take away what 1003 adds and mark the profile as 1002."""
    types = portal.portal_types
    types.manage_delObjects(["DeskInbox", "DeskRequest", "VacantHome"])
    workflow = portal.portal_workflow
    workflow.manage_delObjects(
        ["famiguida_desk_request_workflow", "famiguida_vacant_home_workflow"]
    )
    catalog = portal.portal_catalog
    for name in ("desk_form", "desk_language", "desk_municipality"):
        catalog.delIndex(name)
    for desk in INBOXES:
        inbox = portal["sportelli"][desk]
        inbox.portal_type = "Folder"
        for name in (
            "constrain_types_mode",
            "locally_allowed_types",
            "immediately_addable_types",
        ):
            if name in inbox.__dict__:
                delattr(inbox, name)
        inbox.reindexObject()
    portal.manage_permission("famiguida: Manage desk requests", [], acquire=True)
    portal.portal_setup.setLastVersionForProfile(PROFILE, "1002")


def test_upgrade_to_1003(portal):
    as_release_1002(portal)
    setup = portal.portal_setup
    # one group of steps (a list) for 1002 -> 1003
    assert [step["dest"] for step in setup.listUpgrades(PROFILE)[0]] == [
        ("1003",),
        ("1003",),
    ]
    assert "Editor" not in [
        r["name"]
        for r in portal.rolesOfPermission("famiguida: Manage desk requests")
        if r["selected"]
    ]

    setup.upgradeProfile(PROFILE, "1003")

    assert setup.getLastVersionForProfile(PROFILE) == ("1003",)
    # what is left: the steps to the next versions
    assert setup.listUpgrades(PROFILE)[0][0]["source"] == ("1003",)
    setup.upgradeProfile(PROFILE)
    assert setup.listUpgrades(PROFILE) == []
    for desk in INBOXES:
        assert portal["sportelli"][desk].portal_type == "DeskInbox"
    assert portal.portal_workflow.getChainForPortalType("DeskRequest") == (
        "famiguida_desk_request_workflow",
    )
    assert "desk_form" in portal.portal_catalog.indexes()
    assert "Editor" in [
        r["name"]
        for r in portal.rolesOfPermission("famiguida: Manage desk requests")
        if r["selected"]
    ]
    # the upgraded site takes requests
    reference = create_request("casa", "offri-una-casa", "it", "crema", {}, True)
    request = portal["sportelli"]["casa"][reference.lower()]
    assert api.content.get_state(request) == "new"
    catalog = portal.portal_catalog
    assert len(catalog.unrestrictedSearchResults(desk_form="offri-una-casa")) == 1
