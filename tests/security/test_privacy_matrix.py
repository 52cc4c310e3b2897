"""Every kind of user against the privacy pages.

The erasure form (``@@cancella-dati``) and the erasure log
(``@@registro-cancellazioni``) of each inbox: that desk's group and site
administrators only.  The purge (``@@famiguida-purge``) and the retention
panel (``@@famiguida-privacy``): site administrators only.
"""

from AccessControl import Unauthorized
from DateTime import DateTime
from famiguida.desks.requests import create_request
from famiguida.desks.requests import now
from famiguida.privacy.erasure import erased_info
from famiguida.privacy.purge import months_before
from famiguida.testing import INBOX_ACCESS as ACCESS
from famiguida.testing import INBOXES
from famiguida.testing import USER_KINDS as USERS
from plone import api
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.protect.authenticator import createToken

import pytest


ADMINS = {"siteadmin"}
MANAGE = "famiguida: Manage desk requests"
MANAGE_PRIVACY = "famiguida: Manage privacy"


@pytest.fixture
def site(portal, add_users):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    add_users(USERS)
    setRoles(portal, TEST_USER_ID, ["Member"])
    logout()
    yield portal
    logout()


def one_request_per_inbox(portal):
    """desk -> a request of that desk closed three years ago."""
    logout()
    found = {}
    with api.env.adopt_roles(["Manager"]):
        for desk in INBOXES:
            reference = create_request(
                desk, "modulo", "it", "crema", {"x": "y"}, True, email="a@b.org"
            )
            obj = portal["sportelli"][desk][reference.lower()]
            api.content.transition(obj=obj, transition="complete")
            workflow_id = portal.portal_workflow.getChainFor(obj)[0]
            entries = list(obj.workflow_history[workflow_id])
            entries[-1]["time"] = DateTime(months_before(now(), 36))
            obj.workflow_history[workflow_id] = tuple(entries)
            obj.reindexObject()
            found[desk] = obj
    return found


def publish(
    context, name, method="GET", token=False, headers=None, traverse=True, **form
):
    """Traverse to ``@@name`` as the publisher does (permission checked) and
    call it; ``traverse=False`` looks the view up (its own check only)."""
    request = context.REQUEST
    request.form.clear()
    request.form.update(form)
    if token:
        request.form["_authenticator"] = createToken()
    request.method = method
    request.environ["REQUEST_METHOD"] = method
    for key, value in (headers or {}).items():
        request.environ["HTTP_" + key.upper().replace("-", "_")] = value
    try:
        if traverse:
            return context.restrictedTraverse(f"@@{name}")()
        return api.content.get_view(name=name, context=context, request=request)()
    finally:
        request.method = "GET"
        request.environ["REQUEST_METHOD"] = "GET"
        for key in headers or {}:
            request.environ.pop("HTTP_" + key.upper().replace("-", "_"), None)


@pytest.mark.parametrize("userid", list(USERS))
def test_erasure_form_and_log(site, userid, login_as):
    requests = one_request_per_inbox(site)
    login_as(userid)
    for desk in INBOXES:
        allowed = desk in ACCESS[userid]
        where = f"{userid} on {desk}"
        obj = requests[desk]
        reference = obj.reference
        with api.env.adopt_roles(["Manager"]):
            inbox = site["sportelli"][desk]
        if not allowed:
            for name in ("cancella-dati", "registro-cancellazioni"):
                with pytest.raises(Unauthorized):
                    publish(inbox, name)
            with pytest.raises(Unauthorized):
                publish(
                    inbox,
                    "cancella-dati",
                    method="POST",
                    token=True,
                    reference=reference,
                    confirm="1",
                    **{"form.confirm": "1"},
                )
            assert erased_info(obj) is None, where
            continue
        # Allowed: the desk permission on the inbox, and the views answer.
        # Looked up rather than traversed: in a test run an unwrapped view's
        # roles can be resolved once and reused across inboxes (see
        # test_desk_matrix); the refusals above are traversed.
        assert api.user.has_permission(MANAGE, obj=inbox), where
        page = publish(inbox, "cancella-dati", traverse=False)
        assert "famiguida-erasure-lookup" in page, where
        page = publish(inbox, "registro-cancellazioni", traverse=False)
        assert "famiguida-erasure-log" in page, where
        publish(
            inbox,
            "cancella-dati",
            method="POST",
            token=True,
            traverse=False,
            reference=reference,
            confirm="1",
            **{"form.confirm": "1"},
        )
        assert erased_info(obj)["actor"] == userid, where
        page = publish(inbox, "registro-cancellazioni", traverse=False)
        assert reference in page, where


@pytest.mark.parametrize("userid", list(USERS))
def test_purge_view_and_retention_panel(site, userid, login_as):
    requests = one_request_per_inbox(site)
    login_as(userid)
    allowed = userid in ADMINS
    permissions = api.user.get_permissions(obj=site)
    assert bool(permissions.get(MANAGE_PRIVACY)) is allowed
    header = {"X-Famiguida-Purge": "run"}
    if not allowed:
        with pytest.raises(Unauthorized):
            publish(site, "famiguida-purge")
        with pytest.raises(Unauthorized):
            publish(site, "famiguida-purge", method="POST", headers=header)
        with pytest.raises(Unauthorized):
            publish(site, "famiguida-privacy")
        assert not any(erased_info(obj) for obj in requests.values())
        return
    assert "famiguida-purge-preview" in publish(site, "famiguida-purge")
    assert "famiguida-privacy" in site.restrictedTraverse("@@famiguida-privacy")()
    text = publish(site, "famiguida-purge", method="POST", headers=header)
    assert "erased 3 items" in text
    assert all(erased_info(obj) for obj in requests.values())
