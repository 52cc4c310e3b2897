"""The landing and search pages, as a citizen's browser gets them (no JS)."""

from plone.testing.zope import Browser

import pytest
import transaction


@pytest.fixture
def browser(functional_portal):
    transaction.commit()
    browser = Browser(functional_portal.aq_parent)
    browser.handleErrors = False
    return browser


@pytest.fixture
def guida_url(functional_portal):
    return f"{functional_portal.absolute_url()}/it/guida"


def test_landing_shows_every_need_with_counts(browser, guida_url):
    browser.open(guida_url)
    html = browser.contents
    assert "Di cosa hai bisogno?" in html
    for title in ("Casa", "Lavoro", "Salute", "Corsi di lingua", "Giovani"):
        assert title in html
    assert "@@cerca?need=housing" in html
    assert 'role="search"' in html


def test_editors_find_their_tools_on_the_landing(functional_portal, guida_url):
    from plone import api
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    api.user.create(email="r@example.org", username="redazione", password="pw-12345")
    api.group.add_user(groupname="editors", username="redazione")
    transaction.commit()
    browser = Browser(functional_portal.aq_parent)
    browser.handleErrors = False
    browser.addHeader("Authorization", "Basic redazione:pw-12345")
    browser.open(guida_url)
    for link, view in (
        ("Schede da verificare", "@@schede-da-verificare"),
        ("Esporta la guida (CSV, XLSX)", "@@esporta-guida"),
        ("Importa la guida (CSV, XLSX)", "@@importa-guida"),
    ):
        assert browser.getLink(link).url == f"{guida_url}/{view}"
    browser.getLink("Schede da verificare").click()
    assert "Schede da verificare" in browser.contents


def test_citizens_do_not_see_editor_tools(browser, guida_url):
    browser.open(guida_url)
    assert "famiguida-editor-tools" not in browser.contents
    assert "@@esporta-guida" not in browser.contents


def test_search_page_filters_by_category_and_town(browser, guida_url):
    browser.open(f"{guida_url}/@@cerca?need=housing&town=crema")
    html = browser.contents
    assert "1 servizio trovato" in html
    assert "mediazione abitativa" in html.lower()
    # the chosen filters are kept in the form: the URL is shareable
    assert 'value="housing"' in html
    assert "checked" in html


def test_search_form_submits_as_plain_get(browser, guida_url):
    browser.open(f"{guida_url}/@@cerca")
    form = browser.getForm(id="famiguida-search")
    form.getControl(name="q").value = "italiano"
    form.getControl(name="town").value = ["crema"]
    form.submit()
    assert "q=italiano" in browser.url
    assert "town=crema" in browser.url
    assert "servizi trovati" in browser.contents


def test_script_in_query_is_escaped(browser, guida_url):
    browser.open(f"{guida_url}/@@cerca?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert(1)</script>" not in browser.contents
    assert "&lt;script&gt;" in browser.contents


def test_unknown_filter_gets_a_message(browser, guida_url):
    browser.open(f"{guida_url}/@@cerca?need=nonsense")
    assert "Alcuni filtri non validi sono stati ignorati." in browser.contents


def test_navigation_does_not_list_the_directory(browser, functional_portal):
    """With depth 1 the menu holds the top folders only, never the services."""
    browser.open(f"{functional_portal.absolute_url()}/it")
    assert "/it/guida/servizi/" not in browser.contents


def test_no_navigation_portlet_listing_folder_items(browser, guida_url):
    browser.open(f"{guida_url}/servizi")
    assert "portletNavigationTree" not in browser.contents


@pytest.mark.parametrize(
    "query,heading",
    [
        ("need=housing&town=crema", "1 servizio trovato"),
        ("q=zzzzqqqq", "0 servizi trovati"),
    ],
)
def test_results_heading_counts(browser, guida_url, query, heading):
    browser.open(f"{guida_url}/@@cerca?{query}")
    assert heading in browser.contents


@pytest.mark.parametrize(
    "query",
    ["b_start=abc", "b_start=-20", "q=casa&q=lavoro", "b_start=99999", "town=a&town=b"],
)
def test_malformed_parameters_never_break_the_page(browser, guida_url, query):
    browser.open(f"{guida_url}/@@cerca?{query}")
    assert "Cerca un servizio" in browser.contents


def test_pages_of_results_keep_the_criteria(browser, guida_url):
    browser.open(f"{guida_url}/@@cerca")
    assert "b_start=20" in browser.contents
    browser.getLink("Successiva").click()
    assert "2 / " in browser.contents


def test_arabic_search_lists_translations_and_marked_italian(
    browser, functional_portal
):
    arabic = f"{functional_portal.absolute_url()}/ar/guida"
    browser.open(f"{arabic}/@@cerca?need=housing&town=crema")
    html = browser.contents
    # the translated desk, linked in Arabic, unmarked
    translated = f"{arabic}/servizi/sportello-mediazione-abitativa-crema"
    assert f'href="{translated}"' in html
    # untranslated Italian services: linked under /ar (the fallback page)
    # and marked as Italian
    browser.open(f"{arabic}/@@cerca?need=family&town=crema")
    html = browser.contents
    fallback = f"{arabic}/servizi/asili-nido-crema"
    assert f'href="{fallback}"' in html
    assert 'lang="it"' in html
    assert "famiguida-fallback-badge" in html
    assert "/it/guida/servizi/asili-nido-crema" not in html
    browser.open(fallback)
    assert "Asili nido comunali di Crema" in browser.contents
