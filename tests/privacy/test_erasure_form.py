"""Right to erasure: desk staff erase a request by its reference number."""

from .helpers import LANDLORD
from .helpers import submit
from .helpers import walk
from famiguida.privacy.by_reference import find_items
from famiguida.privacy.by_reference import normalise
from famiguida.privacy.erasure import erase
from famiguida.privacy.erasure import erased_info
from famiguida.privacy.log import log_entries
from plone import api
from plone.app.testing import login
from plone.namedfile.file import NamedBlobFile
from plone.protect.authenticator import createToken
from zExceptions import Forbidden

import pytest


def call(inbox, method="POST", token=True, **form):
    request = inbox.REQUEST
    request.form.clear()
    request.form.update(form)
    if token and method == "POST":
        request.form["_authenticator"] = createToken()
    request.method = method
    request.environ["REQUEST_METHOD"] = method
    request.response.setStatus(200)
    request.response.headers.pop("location", None)
    page = api.content.get_view(name="cancella-dati", context=inbox, request=request)
    try:
        return page()
    finally:
        request.method = "GET"
        request.environ["REQUEST_METHOD"] = "GET"


@pytest.fixture
def casa(users):
    request = submit("casa", name="Rosa Bianchi")
    login(users, "housing")
    return users["sportelli"]["casa"], request


def test_normalise():
    assert normalise(" casa-2026-00042 ") == "CASA-2026-00042"
    assert normalise("CASA - 2026 - 00042") == "CASA-2026-00042"
    for bad in ("", None, "casa", "../casa-2026-00042", "CASA-2026-42", "x" * 99):
        assert normalise(bad) is None


def test_lookup_then_confirm_erases_and_logs(casa):
    inbox, obj = casa
    html = call(inbox, reference=obj.reference.lower(), **{"form.lookup": "1"})
    assert "famiguida-erasure-confirm" in html
    assert obj.reference in html
    assert 'name="confirm"' in html
    # looking up erased nothing
    assert erased_info(obj) is None and obj.email
    call(inbox, reference=obj.reference, confirm="1", **{"form.confirm": "1"})
    assert inbox.REQUEST.response.getHeader("location") == obj.absolute_url()
    info = erased_info(obj)
    assert info["reason"] == "request"
    assert info["actor"] == "housing"
    assert obj.email is None and obj.submitter_name is None
    assert api.content.get_state(obj) == "new"  # the state is the desk's call
    [entry] = log_entries(inbox)
    assert entry["reference"] == obj.reference
    assert entry["reason"] == "request"
    assert entry["actor"] == "housing"
    # a second time: already erased, nothing new in the log
    call(inbox, reference=obj.reference, confirm="1", **{"form.confirm": "1"})
    assert len(log_entries(inbox)) == 1


def test_confirmation_checkbox_is_required(casa):
    inbox, obj = casa
    html = call(inbox, reference=obj.reference, **{"form.confirm": "1"})
    assert "Spunta la conferma" in html
    assert erased_info(obj) is None


def test_unknown_and_other_desks_references_are_not_found(casa, users):
    inbox, _ = casa
    other = submit("assistenti-familiari", name="Ugo Verdi")
    login(users, "housing")
    for reference in (other.reference, "CASA-2026-99999", "nonsense"):
        html = call(inbox, reference=reference, confirm="1", **{"form.confirm": "1"})
        assert "Nessuna richiesta con questo numero in questo sportello." in html
        assert "Ugo" not in html
    assert erased_info(other) is None
    assert other.email == "ugo@example.org"
    assert log_entries(inbox) == []


def test_missing_authenticator_is_refused(casa):
    inbox, obj = casa
    with pytest.raises(Forbidden):
        call(
            inbox,
            token=False,
            reference=obj.reference,
            confirm="1",
            **{"form.confirm": "1"},
        )
    assert erased_info(obj) is None


def test_get_changes_nothing(casa):
    inbox, obj = casa
    html = call(
        inbox,
        method="GET",
        reference=obj.reference,
        confirm="1",
        **{"form.confirm": "1"},
    )
    assert "famiguida-erasure-lookup" in html
    assert "famiguida-erasure-confirm" not in html
    assert erased_info(obj) is None
    assert log_entries(inbox) == []


def test_a_landlords_request_takes_its_vacant_home_along(users):
    request = submit("casa", form="offri-una-casa", name="Pia Neri", data=LANDLORD)
    home = request.aq_parent[f"{request.getId()}-casa"]
    walk(home, ("make_available", None))
    login(users, "housing")
    inbox = users["sportelli"]["casa"]
    assert find_items(inbox, request.reference) == [request, home]
    call(inbox, reference=request.reference, confirm="1", **{"form.confirm": "1"})
    assert erased_info(request) and erased_info(home)
    assert home.address is None and home.title == request.reference
    assert home.rooms == 3
    assert api.content.get_state(home) == "available"
    assert {e["id"] for e in log_entries(inbox)} == {request.getId(), home.getId()}


def test_uploads_are_dropped(users):
    upload = NamedBlobFile(b"%PDF-1.4 secret", filename="passaporto.pdf")
    obj = submit("mediazione", files=[("documento", upload)])
    assert len(obj.attachments) == 1
    with api.env.adopt_roles(["Manager"]):
        assert erase(obj, "request", "mediation")
        assert not erase(obj, "request", "mediation")
    assert obj.attachments is None
    # the request page still renders, without attachments
    login(users, "mediation")
    html = obj.restrictedTraverse("@@view")()
    assert "passaporto" not in html
    assert "famiguida-erased" in html
