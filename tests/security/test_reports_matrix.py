"""Every kind of user against the funders' report and its CSV.

One request per desk (and the housing desk's vacant home) in the current
month; each user opens ``@@rendiconto`` and ``@@rendiconto-csv`` on
``/Plone/sportelli`` and on every inbox.  Anonymous visitors, plain members,
operators and editors are refused; a desk sees its own numbers, never
another desk's; site administrators see all three.
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

import csv
import io
import pytest


# requests made per desk: each desk's count differs, so a leak would show
MADE = {"casa": 1, "assistenti-familiari": 2, "mediazione": 3}


@pytest.fixture
def site(portal, add_users):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    add_users(USERS)
    with api.env.adopt_roles(["Manager"]):
        for desk, count in MADE.items():
            form = "offri-una-casa" if desk == "casa" else "modulo"
            for _i in range(count):
                create_request(desk, form, "it", "crema", {}, True)
    setRoles(portal, TEST_USER_ID, ["Member"])
    logout()
    yield portal
    logout()


def render(context, name, **form):
    request = context.REQUEST
    request.form.clear()
    request.form.update(form)
    request.response.setStatus(200)
    return api.content.get_view(name=name, context=context, request=request)()


def desk_totals(data):
    """{desk: total} of the CSV's per-desk rows, and the vacant homes."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8")[1:])))
    totals = {r[1]: int(r[-1]) for r in rows if r[0] == "sportello" and r[1]}
    homes = [int(r[-1]) for r in rows if r[0] == "case" and r[2] == "totale"]
    return totals, homes


@pytest.mark.parametrize("userid", list(USERS))
def test_report_on_the_desks_folder(site, userid, login_as):
    login_as(userid)
    sportelli = site.unrestrictedTraverse("sportelli")
    allowed = ACCESS[userid]
    for name in ("rendiconto", "rendiconto-csv"):
        if not allowed:
            with pytest.raises(Unauthorized):
                site.restrictedTraverse(f"sportelli/@@{name}")
            with pytest.raises(Unauthorized):
                render(sportelli, name)
            continue
        page = render(sportelli, name)
        assert page
    if not allowed:
        return
    totals, homes = desk_totals(render(sportelli, "rendiconto-csv"))
    assert totals == {desk: MADE[desk] for desk in allowed}
    assert homes == ([1] if "casa" in allowed else [])
    html = render(sportelli, "rendiconto")
    for desk in INBOXES:
        assert (f'value="{desk}"' in html) is (desk in allowed and len(allowed) > 1)
    # asking for a desk by name: its own numbers, or refused
    for desk in INBOXES:
        if desk in allowed:
            totals, _homes = desk_totals(
                render(sportelli, "rendiconto-csv", sportello=desk)
            )
            assert totals == {desk: MADE[desk]}
        else:
            for name in ("rendiconto", "rendiconto-csv"):
                with pytest.raises(Unauthorized):
                    render(sportelli, name, sportello=desk)


@pytest.mark.parametrize("userid", list(USERS))
def test_report_on_each_inbox(site, userid, login_as):
    login_as(userid)
    for desk in INBOXES:
        inbox = site.unrestrictedTraverse(f"sportelli/{desk}")
        allowed = desk in ACCESS[userid]
        for name in ("rendiconto", "rendiconto-csv"):
            if allowed:
                assert render(inbox, name)
            else:
                with pytest.raises(Unauthorized):
                    site.restrictedTraverse(f"sportelli/{desk}/@@{name}")
                with pytest.raises(Unauthorized):
                    render(inbox, name)
        if allowed:
            totals, _homes = desk_totals(render(inbox, "rendiconto-csv"))
            assert totals == {desk: MADE[desk]}


def test_report_permission_roles(site):
    roles = {
        r["name"]
        for r in site.rolesOfPermission("famiguida: View desk reports")
        if r["selected"]
    }
    assert roles == {"Manager", "Site Administrator", "Reader"}
