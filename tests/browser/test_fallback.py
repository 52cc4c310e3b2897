"""Not translated yet: the Italian page under the visitor's language, with a
note in that language; never a 404 for a page that exists in Italian."""

from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.testing.zope import Browser

import pytest
import re
import transaction


TRANSLATED = "guida/servizi/sportello-mediazione-abitativa-crema"
UNTRANSLATED = "guida/servizi/supporto-servizio-sociale-cremasco"


def note(html):
    found = re.search(
        r"<aside\b[^>]*famiguida-fallback-note[^>]*>(.*?)</aside>", html, re.S
    )
    return found


def html_tag(html):
    return re.search(r"<html\b[^>]*>", html).group(0)


def test_untranslated_service_in_arabic_is_the_italian_one(
    functional_portal, open_page
):
    italian = functional_portal.unrestrictedTraverse(f"it/{UNTRANSLATED}")
    assert ITranslationManager(italian).get_translation("ar") is None
    html = open_page(f"ar/{UNTRANSLATED}")
    assert italian.Title() in html
    found = note(html)
    assert found is not None
    assert 'lang="ar"' in found.group(0)
    assert 'dir="rtl"' in found.group(0)
    # The language is named in Arabic, whatever the catalogue holds.
    assert "العربية" in found.group(1)
    # The frame around the Italian content is Arabic.
    assert 'lang="ar"' in html_tag(html)
    assert 'dir="rtl"' in html_tag(html)
    # A link to the original at its own address.
    assert f'href="{italian.absolute_url()}"' in found.group(1)


def test_fallback_note_is_translated(functional_portal, open_page):
    """The note is in the visitor's language (from the famiguida catalogue):
    not the Italian text, unless the catalogue has no Arabic for it yet."""
    from famiguida import _
    from zope.i18n import translate

    message = _(
        "msg_fallback_note",
        default=(
            "Questa pagina non è ancora disponibile in ${language}; "
            "ecco la versione in italiano"
        ),
        mapping={"language": "العربية"},
    )
    expected = translate(message, target_language="ar")
    html = open_page(f"ar/{UNTRANSLATED}")
    assert expected in note(html).group(1)


def test_translated_service_has_no_note(functional_portal, open_page):
    html = open_page(f"ar/{TRANSLATED}")
    assert note(html) is None
    arabic = functional_portal.unrestrictedTraverse(f"ar/{TRANSLATED}")
    assert arabic.Language() == "ar"
    assert arabic.Title() in html


def test_whole_missing_folder_falls_back(functional_portal, open_page):
    """A language root without the directory: the Italian one under it."""
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    root = functional_portal["pa"]
    if "guida" in root.objectIds():
        api.content.delete(root["guida"], check_linkintegrity=False)
    transaction.commit()
    html = open_page(f"pa/{UNTRANSLATED}")
    assert note(html) is not None
    assert 'lang="pa"' in html_tag(html)
    assert 'lang="pa"' in note(html).group(0)
    landing = open_page("pa/guida")
    assert note(landing) is not None
    assert 'lang="pa"' in html_tag(landing)


def status_of(portal, path):
    """HTTP status of an anonymous GET (errors handled as in production)."""
    transaction.commit()
    browser = Browser(portal.aq_parent)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.open(f"{portal.absolute_url()}/{path}")
    return int(browser.headers["status"].split()[0]), browser


def test_fallback_leads_to_an_existing_translation(functional_portal):
    """Reached by its Italian id, a translation with another id is found."""
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    italian = api.content.create(
        container=functional_portal["it"], type="Document", id="pagina", title="Pagina"
    )
    api.content.transition(italian, "publish")
    english = api.content.create(
        container=functional_portal["en"], type="Document", id="page", title="Page"
    )
    api.content.transition(english, "publish")
    ITranslationManager(italian).register_translation("en", english)
    status, browser = status_of(functional_portal, "en/pagina?x=1")
    assert status == 200
    assert browser.url == f"{english.absolute_url()}?x=1"


@pytest.mark.parametrize(
    "path",
    [
        "ar/guida/servizi/non-esiste",
        "ar/non-esiste",
        "ur/non-esiste/ancora",
        "it/guida/servizi/non-esiste",
    ],
)
def test_missing_everywhere_stays_404(functional_portal, path):
    assert status_of(functional_portal, path)[0] == 404


def test_untranslated_answers_200(functional_portal):
    assert status_of(functional_portal, f"ar/{UNTRANSLATED}")[0] == 200
    assert status_of(functional_portal, f"ur/{UNTRANSLATED}")[0] == 200


def test_anonymous_never_sees_an_italian_draft(functional_portal):
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    api.content.create(
        container=functional_portal["it"]["guida"]["servizi"],
        type="Document",
        id="bozza",
        title="Bozza",
    )
    assert status_of(functional_portal, "ar/guida/servizi/bozza")[0] == 404


def test_links_of_a_fallback_page_stay_in_the_language(functional_portal, open_page):
    """Places and provider of an Italian service shown under /ar link to
    their Arabic translation or to their own fallback under /ar."""
    portal_url = functional_portal.absolute_url()
    html = open_page(f"ar/{UNTRANSLATED}")
    related = re.findall(r'href="([^"]*/guida/(?:sedi|enti)/[^"]*)"', html)
    assert related
    assert all(url.startswith(f"{portal_url}/ar/") for url in related), related
    for url in set(related):  # each one answers (translation or fallback)
        assert open_page(url[len(portal_url) + 1 :])


def test_italian_title_is_marked_italian(functional_portal, open_page):
    italian = functional_portal.unrestrictedTraverse(f"it/{UNTRANSLATED}")
    html = open_page(f"ar/{UNTRANSLATED}")
    heading = re.search(r"<h1\b[^>]*>\s*" + re.escape(italian.Title()), html)
    assert heading is not None
    assert 'lang="it"' in heading.group(0)
    assert 'dir="ltr"' in heading.group(0)
    # Translated pages have no such mark.
    arabic = open_page(f"ar/{TRANSLATED}")
    assert re.search(r'<h1\b[^>]*lang="it"', arabic) is None
