"""Editors' export and import pages, as a browser without JavaScript uses them."""

from famiguida.directory_io.export import export_file
from famiguida.directory_io.upload import MAX_BYTES
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.testing.zope import Browser
from zExceptions import Forbidden
from zExceptions import Unauthorized

import csv
import io
import pytest
import re
import transaction


PASSWORD = "secret-pw-1"
USERS = {"operatrice": "operators", "redattrice": "editors"}
VIEWS = ("esporta-guida", "importa-guida")


def add_users(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    for username, group in USERS.items():
        api.user.create(
            email=f"{username}@example.org", username=username, password=PASSWORD
        )
        api.group.add_user(groupname=group, username=username)
    setRoles(portal, TEST_USER_ID, ["Member"])


@pytest.fixture
def site(functional_portal):
    add_users(functional_portal)
    transaction.commit()
    return functional_portal


def browser_for(portal, username=None):
    browser = Browser(portal.aq_parent)
    browser.handleErrors = False
    if username:
        browser.addHeader("Authorization", f"Basic {username}:{PASSWORD}")
    return browser


@pytest.fixture
def guida_url(site):
    return f"{site.absolute_url()}/it/guida"


@pytest.fixture
def editor(site):
    return browser_for(site, "redattrice")


def services_file(portal, file_format="csv", edit=None):
    """The export of the services, optionally edited: ``edit(text) -> text``."""
    folder = portal["it"]["guida"]["servizi"]
    data, _type, filename = export_file(folder, "Service", file_format)
    if edit:
        data = edit(data.decode("utf-8-sig")).encode("utf-8")
    return data, filename


def add_new_service(text):
    """A copy of the first service under the id ``servizio-nuovo``."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    rows.append(["servizio-nuovo", *rows[1][1:]])
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def upload(browser, url, data, filename, dry_run=True, portal_type="Service"):
    browser.open(f"{url}/@@importa-guida")
    form = browser.getForm(action=f"{url}/@@importa-guida")
    content_type = "text/csv" if filename.endswith(".csv") else "application/zip"
    form.getControl(name="file").add_file(io.BytesIO(data), content_type, filename)
    form.getControl(name="type").value = [portal_type]
    form.getControl(name="solo_prova").value = ["1"] if dry_run else []
    form.submit()
    return browser.contents


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize(
    "username", [None, "operatrice"], ids=["anonymous", "operator"]
)
def test_views_refused(portal, username, view):
    add_users(portal)
    if username:
        login(portal, username)
    else:
        logout()
    with pytest.raises(Unauthorized):
        portal.restrictedTraverse(f"it/guida/@@{view}")


@pytest.mark.parametrize("view", VIEWS)
def test_views_allowed_to_editors(portal, view):
    add_users(portal)
    login(portal, "redattrice")
    assert portal.restrictedTraverse(f"it/guida/@@{view}")


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize(
    "username", [None, "operatrice"], ids=["anonymous", "operator"]
)
def test_browser_gets_no_page(site, guida_url, username, view):
    browser = browser_for(site, username)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.open(f"{guida_url}/@@{view}?type=Service&format=csv")
    assert "Content-Disposition" not in browser.headers
    assert "@@importa-guida" not in browser.url or "require_login" in browser.url
    assert 'name="solo_prova"' not in browser.contents


@pytest.mark.parametrize("view", VIEWS)
def test_editor_reaches_the_forms(editor, guida_url, view):
    editor.open(f"{guida_url}/@@{view}")
    assert editor.headers["status"].startswith("200")
    assert "Servizi" in editor.contents


@pytest.mark.parametrize(
    "file_format,content_type,magic",
    [
        ("csv", "text/csv; charset=utf-8", b"\xef\xbb\xbfid,titolo,"),
        (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            b"PK\x03\x04",
        ),
    ],
)
def test_export_is_a_download(editor, guida_url, file_format, content_type, magic):
    editor.open(f"{guida_url}/@@esporta-guida?type=Organization&format={file_format}")
    assert editor.headers["Content-Type"] == content_type
    disposition = editor.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="enti-')
    assert disposition.endswith(f'.{file_format}"')
    body = editor.contents
    body = body if isinstance(body, bytes) else body.encode("utf-8")
    assert body.startswith(magic)
    assert editor.headers["X-Content-Type-Options"] == "nosniff"


def test_export_form_downloads_without_javascript(editor, guida_url):
    editor.open(f"{guida_url}/@@esporta-guida")
    form = editor.getForm(action=f"{guida_url}/@@esporta-guida")
    form.getControl(name="type").value = ["Location"]
    form.getControl(name="format").value = ["csv"]
    form.submit()
    assert editor.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "csc-crema" in editor.contents


def test_export_with_bad_parameters_shows_the_form(editor, guida_url):
    editor.raiseHttpErrors = False
    editor.open(f"{guida_url}/@@esporta-guida?type=Document&format=pdf")
    assert editor.headers["status"].startswith("400")
    assert "Scegli che cosa esportare" in editor.contents


def test_import_form_defaults_to_dry_run(editor, guida_url):
    editor.open(f"{guida_url}/@@importa-guida")
    form = editor.getForm(action=f"{guida_url}/@@importa-guida")
    assert form.getControl(name="solo_prova").value == ["1"]
    assert 'enctype="multipart/form-data"' in editor.contents
    assert 'name="_authenticator"' in editor.contents


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_dry_run_of_the_export_reports_unchanged(site, editor, guida_url, file_format):
    data, filename = services_file(site, file_format)
    html = upload(editor, guida_url, data, filename)
    assert "Prova riuscita" in html
    assert re.search(r"Da creare:\s*<strong>0</strong>", html)
    assert re.search(r"Da aggiornare:\s*<strong>0</strong>", html)
    assert re.search(r"Invariati:\s*<strong>73</strong>", html)


def test_dry_run_creates_nothing(site, editor, guida_url):
    data, filename = services_file(site, edit=add_new_service)
    html = upload(editor, guida_url, data, filename)
    assert "Da creare:" in html
    transaction.begin()
    assert "servizio-nuovo" not in site["it"]["guida"]["servizi"]


def test_import_creates_when_dry_run_is_off(site, editor, guida_url):
    data, filename = services_file(site, edit=add_new_service)
    html = upload(editor, guida_url, data, filename, dry_run=False)
    assert "Importazione completata" in html
    transaction.begin()
    assert "servizio-nuovo" in site["it"]["guida"]["servizi"]


def test_errors_shown_as_a_table(site, editor, guida_url):
    def break_phone(text):
        return text.replace("'+39 0373 000 305", "12", 1)

    data, filename = services_file(site, edit=break_phone)
    html = upload(editor, guida_url, data, filename, dry_run=False)
    assert "Non è stato importato nulla" in html
    assert "<td>2</td>" in html
    assert "<td>telefono</td>" in html
    assert "6-15 cifre" in html


@pytest.mark.parametrize(
    "data,filename,message",
    [
        (b"id\n" + b"x" * MAX_BYTES, "grande.csv", "troppo grande"),
        (b"PK\x03\x04 finto", "finto.xlsx", "non è un file XLSX"),
        (b"id\n", "servizi.pdf", "Carica un file .csv o .xlsx"),
    ],
)
def test_bad_files_refused_with_a_message(editor, guida_url, data, filename, message):
    html = upload(editor, guida_url, data, filename, dry_run=False)
    assert message in html


def test_import_needs_the_csrf_token(site, editor, guida_url):
    data, filename = services_file(site)
    editor.open(f"{guida_url}/@@importa-guida")
    form = editor.getForm(action=f"{guida_url}/@@importa-guida")
    form.getControl(name="_authenticator").value = "forged"
    form.getControl(name="file").add_file(io.BytesIO(data), "text/csv", filename)
    with pytest.raises(Forbidden):
        form.submit()


def test_import_is_post_only(site, editor, guida_url):
    """A GET with the parameters only shows the form: nothing is imported."""
    editor.open(f"{guida_url}/@@importa-guida?type=Service&solo_prova=")
    assert "Prova riuscita" not in editor.contents
    assert "Importazione completata" not in editor.contents


def test_long_error_lists_are_cut(portal):
    from famiguida.browser.directory_io import DirectoryImport
    from famiguida.directory_io.importer import ImportReport

    view = DirectoryImport(portal, portal.REQUEST)
    view.report = ImportReport("Service", "/plone/it/guida/servizi")
    for line in range(2, 503):
        view.report.error(line, "telefono", "Numero non valido.")
    assert len(view.errors_shown()) == 500
    assert view.errors_not_shown() == 1
