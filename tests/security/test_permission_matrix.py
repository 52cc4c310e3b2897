"""Every kind of user against every guarded area.

The tables below are the contract of DESIGN.md's "who uses it": read across
a row to see what one kind of user may do.  A private item inside each
area (a DeskRequest in the desk inboxes, a page elsewhere) checks that what
is put there is covered by the same grants (catalog searches included).
test_desk_matrix.py goes through the desk items in every state.
"""

from AccessControl.SecurityManagement import noSecurityManager
from famiguida.testing import USER_KINDS as USERS
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest


AREAS = (
    "sportelli",
    "sportelli/casa",
    "sportelli/assistenti-familiari",
    "sportelli/mediazione",
    "it/area-operatori",
)

# The directory itself: public content maintained by editors.
DIRECTORY = ("it", "ar")


CAN_VIEW = {
    "anonymous": set(),
    "citizen": set(),
    "operator": {"it/area-operatori"},
    "housing": {"sportelli", "sportelli/casa", "it/area-operatori"},
    "caregiver": {
        "sportelli",
        "sportelli/assistenti-familiari",
        "it/area-operatori",
    },
    "mediation": {"sportelli", "sportelli/mediazione", "it/area-operatori"},
    "editor": {"it/area-operatori"},
    "siteadmin": set(AREAS),
}

CAN_EDIT = {
    "anonymous": set(),
    "citizen": set(),
    "operator": set(),
    "housing": {"sportelli/casa"},
    "caregiver": {"sportelli/assistenti-familiari"},
    "mediation": {"sportelli/mediazione"},
    "editor": {"it/area-operatori", "it", "ar"},
    "siteadmin": set(AREAS) | set(DIRECTORY),
}

MATRIX = [(user, area) for user in USERS for area in AREAS]
DIRECTORY_MATRIX = [(user, path) for user in USERS for path in DIRECTORY]


@pytest.fixture
def site(portal, add_users):
    """The site with one user per kind and a private page in every area."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    add_users(USERS)
    for path in AREAS:
        container = portal.unrestrictedTraverse(path)
        # desk inboxes (DeskInbox) hold desk requests only
        inbox = container.portal_type == "DeskInbox"
        api.content.create(
            container=container,
            type="DeskRequest" if inbox else "Document",
            id="private-page",
            title=f"Private page in {path}",
        )
    setRoles(portal, TEST_USER_ID, ["Member"])
    yield portal
    noSecurityManager()


@pytest.mark.parametrize("userid,area", MATRIX)
def test_view(site, userid, area, login_as):
    login_as(userid)
    obj = site.unrestrictedTraverse(area)
    expected = area in CAN_VIEW[userid]
    page = obj["private-page"]
    assert api.user.get_permissions(obj=obj)["View"] is expected
    assert api.user.get_permissions(obj=page)["View"] is expected


@pytest.mark.parametrize("userid,area", MATRIX)
def test_catalog_shows_only_what_may_be_seen(site, userid, area, login_as):
    login_as(userid)
    path = "/".join(site.getPhysicalPath()) + f"/{area}/private-page"
    found = api.content.find(path={"query": path, "depth": 0})
    assert bool(found) is (area in CAN_VIEW[userid])


@pytest.mark.parametrize("userid,area", MATRIX)
def test_edit(site, userid, area, login_as):
    login_as(userid)
    obj = site.unrestrictedTraverse(area)
    expected = area in CAN_EDIT[userid]
    assert api.user.get_permissions(obj=obj)["Modify portal content"] is expected
    assert api.user.get_permissions(obj=obj)["Add portal content"] is expected


@pytest.mark.parametrize("userid,path", DIRECTORY_MATRIX)
def test_directory_editing(site, userid, path, login_as):
    """Only editors (and admins) maintain the public directory."""
    login_as(userid)
    obj = site.unrestrictedTraverse(path)
    assert api.user.get_permissions(obj=obj)["View"] is True
    expected = path in CAN_EDIT[userid]
    assert api.user.get_permissions(obj=obj)["Modify portal content"] is expected
