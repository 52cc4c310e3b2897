"""Every kind of user against the desk items of every inbox, in every state.

A DeskRequest in each inbox (and a VacantHome in the housing desk's) is
created as the forms do, then taken through its workflow: at each state
every user is checked for view, edit, status change, export and catalog
visibility.  Only the desk's own group and site administrators get any.
"""

from AccessControl import Unauthorized
from famiguida.desks.requests import create_request
from famiguida.testing import INBOX_ACCESS as ACCESS
from famiguida.testing import INBOXES
from famiguida.testing import USER_KINDS as USERS
from plone import api
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest


REQUEST_PATHS = {
    "new": (),
    "in_progress": ("start",),
    "done": ("start", "complete"),
    "rejected": ("reject",),
}
HOME_PATHS = {
    "to_verify": (),
    "available": ("make_available",),
    "assigned": ("make_available", "assign"),
    "withdrawn": ("withdraw",),
}

MANAGE = "famiguida: Manage desk requests"


@pytest.fixture
def site(portal, add_users):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    add_users(USERS)
    setRoles(portal, TEST_USER_ID, ["Member"])
    logout()
    yield portal
    logout()


def items_in_every_state(portal):
    """(inbox, state, object) for a request per state per inbox and homes."""
    items = []
    with api.env.adopt_roles(["Manager"]):
        for desk in INBOXES:
            for state, path in REQUEST_PATHS.items():
                form = "offri-una-casa" if desk == "casa" else "modulo"
                reference = create_request(desk, form, "it", "crema", {}, True)
                obj = portal["sportelli"][desk][reference.lower()]
                for transition in path:
                    api.content.transition(obj=obj, transition=transition)
                assert api.content.get_state(obj) == state
                items.append((desk, obj))
                if desk == "casa":
                    home = portal["sportelli"]["casa"][f"{reference.lower()}-casa"]
                    home_state = list(HOME_PATHS)[list(REQUEST_PATHS).index(state)]
                    for transition in HOME_PATHS[home_state]:
                        api.content.transition(obj=home, transition=transition)
                    assert api.content.get_state(home) == home_state
                    items.append((desk, home))
    return items


@pytest.mark.parametrize("userid", list(USERS))
def test_desk_items_matrix(site, userid, login_as):
    items = items_in_every_state(site)
    assert len(items) == 16
    login_as(userid)
    workflow = site.portal_workflow
    catalog = site.portal_catalog
    for desk, obj in items:
        allowed = desk in ACCESS[userid]
        where = f"{userid} on {obj.portal_type} {api.content.get_state(obj)} in {desk}"
        permissions = api.user.get_permissions(obj=obj)
        assert permissions["View"] is allowed, where
        assert permissions["Access contents information"] is allowed, where
        assert permissions["Modify portal content"] is allowed, where
        assert permissions[MANAGE] is allowed, where
        transitions = workflow.getTransitionsFor(obj)
        assert bool(transitions) is allowed, where
        path = "/".join(obj.getPhysicalPath())
        found = catalog(path={"query": path, "depth": 0})
        assert len(found) == (1 if allowed else 0), where
        if not allowed:
            with pytest.raises(Unauthorized):
                site.restrictedTraverse(path)
            with pytest.raises(Unauthorized):
                obj.restrictedTraverse("@@view")
    # the whole catalog: only this user's desks
    seen = {
        brain.getPath().split("/")[3]
        for brain in catalog(portal_type=["DeskRequest", "VacantHome"])
    }
    assert seen == ACCESS[userid]


@pytest.mark.parametrize("userid", list(USERS))
def test_inbox_list_and_export(site, userid, login_as):
    login_as(userid)
    for desk in INBOXES:
        inbox = site["sportelli"][desk]
        allowed = desk in ACCESS[userid]
        assert bool(api.user.get_permissions(obj=inbox)[MANAGE]) is allowed
        for name in ("richieste", "richieste-esporta"):
            page = api.content.get_view(name=name, context=inbox, request=site.REQUEST)
            if allowed:
                assert page()
            else:
                with pytest.raises(Unauthorized):
                    page()
