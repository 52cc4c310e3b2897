"""The "Guida ai servizi" control panel: editors' address, months to verify."""

from famiguida.controlpanels.directory import IDirectorySettings
from famiguida.controlpanels.directory import InvalidEmail
from famiguida.controlpanels.directory import setting
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zExceptions import Unauthorized
from zope.schema.interfaces import TooBig
from zope.schema.interfaces import TooSmall

import pytest


def test_defaults(portal):
    assert setting("editors_email") is None
    assert setting("stale_after_months") == 12


def test_listed_in_the_site_setup(portal):
    configlets = portal.portal_controlpanel.listActions()
    assert "famiguida-directory" in [action.id for action in configlets]


@pytest.mark.parametrize(
    "name,value,error",
    [
        ("stale_after_months", 0, TooSmall),
        ("stale_after_months", 121, TooBig),
        ("editors_email", "not an address", InvalidEmail),
    ],
)
def test_bad_values_refused(portal, name, value, error):
    """The control panel's form validates against the schema (the registry's
    persistent fields cannot keep a constraint)."""
    with pytest.raises(error):
        IDirectorySettings[name].validate(value)


def test_good_address_accepted(portal):
    IDirectorySettings["editors_email"].validate("redazione@example.org")


@pytest.mark.parametrize(
    "roles,allowed",
    [
        (["Manager"], True),
        (["Site Administrator"], True),
        (["Editor", "Reviewer", "Contributor"], False),
        (["Member"], False),
    ],
)
def test_control_panel_only_for_admins(portal, roles, allowed):
    setRoles(portal, TEST_USER_ID, roles)
    if allowed:
        assert portal.restrictedTraverse("@@famiguida-directory")
    else:
        with pytest.raises(Unauthorized):
            portal.restrictedTraverse("@@famiguida-directory")
