"""The printable mini-guida (``@@guida-pdf``) and the print stylesheet.

The PDF's text is read back with poppler's ``pdftotext -layout``, page by
page, as a reader's copy-and-paste would get it: the titles must be there as
text (shaped Arabic and Chinese, not boxes), and each district must start on
a page of its own.
"""

from famiguida import guide_pdf
from famiguida.territory import get_territory
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces import ILanguage
from plone.testing.zope import Browser
from zope.i18n import translate

import os
import pytest
import re
import shutil
import socket
import subprocess
import transaction
import unicodedata


SERVICES = "guida/servizi"
HOUSING_CREMA = "sportello-mediazione-abitativa-crema"  # housing, Crema
CAREGIVERS = "sportello-assistenza-familiare"  # work, Crema Cremona Casalmaggiore
LODI_JOBS = "centro-impiego-lodi"  # work, Lodi
UNTRANSLATED_CREMA = "supporto-servizio-sociale-cremasco"  # only in Italian
DRAFT_LODI = "asili-nido-codogno"  # draft, Lodi
SUSPENDED_CREMA = "doposcuola-quartieri-crema"  # published, not active

# Bidirectional controls pdftotext writes around right-to-left runs.
BIDI_CONTROLS = dict.fromkeys(
    [*range(0x200E, 0x2010), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
# pdftotext reads the lam-alef ligature back with its letters swapped
# ("الإسكان" -> "اإلسكان", DESIGN.md): compare without lam and alefs.
LAM_ALEF = dict.fromkeys(map(ord, "لاأإآٱ"))


def normalised(text):
    """Text to compare: NFKC, no bidi controls, no spaces, no lam/alef, no
    brackets (pdftotext may mirror them around Latin text in a right-to-left
    line)."""
    text = unicodedata.normalize("NFKC", text).translate(BIDI_CONTROLS)
    text = text.translate(LAM_ALEF)
    return re.sub(r"[\s()]+", "", text)


def pdftotext():
    found = shutil.which("pdftotext")
    if found is None:
        message = "pdftotext (Debian's poppler-utils) is missing: make system-packages"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


def pdf_pages(pdf, tmp_path):
    """The text of each page of ``pdf`` (pdftotext -layout)."""
    path = tmp_path / "guide.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        [pdftotext(), "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    )
    pages = result.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def ensure_translation(portal, language, service_id, title):
    """The ``language`` translation of an Italian service (made if missing).

    content/items/60-translations-<lang>.json brings them; this keeps the
    tests independent of which ones it holds.
    """
    italian = portal.unrestrictedTraverse(f"it/{SERVICES}/{service_id}")
    manager = ITranslationManager(italian)
    if manager.has_translation(language):
        return manager.get_translation(language)
    with api.env.adopt_roles(["Manager"]):
        parent = portal[language]
        for folder_id in ("guida", "servizi"):
            if folder_id not in parent.objectIds():
                folder = api.content.create(
                    container=parent, type="Folder", id=folder_id, title=folder_id
                )
                ILanguage(folder).set_language(language)
                api.content.transition(obj=folder, transition="publish")
            parent = parent[folder_id]
        translated = api.content.create(
            container=parent,
            type="Service",
            id=service_id,
            title=title,
            need_categories=italian.need_categories,
            districts=italian.districts,
            municipalities=italian.municipalities,
            cost=italian.cost,
        )
        ILanguage(translated).set_language(language)
        manager.register_translation(language, translated)
        api.content.transition(obj=translated, transition="publish")
    return translated


@pytest.fixture(autouse=True)
def empty_cache():
    guide_pdf.CACHE.clear()
    yield
    guide_pdf.CACHE.clear()


@pytest.fixture
def translations(functional_portal):
    """ar and zh translations of two services (titles as the site has them)."""
    titles = {}
    for language, housing, jobs in (
        ("ar", "مكتب السكن: الوساطة في السكن", "مركز التوظيف في لودي"),
        ("zh", "住房服务窗口：住房调解", "洛迪就业中心"),  # noqa: RUF001
    ):
        titles[language] = {
            HOUSING_CREMA: ensure_translation(
                functional_portal, language, HOUSING_CREMA, housing
            ).Title(),
            LODI_JOBS: ensure_translation(
                functional_portal, language, LODI_JOBS, jobs
            ).Title(),
        }
    transaction.commit()
    return titles


@pytest.fixture
def browser(functional_portal):
    transaction.commit()
    browser = Browser(functional_portal.aq_parent)
    browser.handleErrors = False
    browser.raiseHttpErrors = False
    return browser


@pytest.fixture
def get_guide(browser, functional_portal):
    """GET the guide of a language root's ``guida``; return the browser."""

    def get(language, query=""):
        url = f"{functional_portal.absolute_url()}/{language}/guida/@@guida-pdf"
        browser.open(f"{url}?{query}" if query else url)
        return browser

    return get


def italian_title(portal, service_id):
    return portal.unrestrictedTraverse(f"it/{SERVICES}/{service_id}").Title()


def district_pages(pages, districts, toc_heading):
    """Index of the first page after the table of contents naming each district."""
    last_toc = max(i for i, page in enumerate(pages) if toc_heading in page)
    found = {}
    for district in districts:
        for index in range(last_toc + 1, len(pages)):
            if normalised(district.title) in normalised(pages[index]):
                found[district.id] = index
                break
    return found


# -- the Italian guide -------------------------------------------------------


def test_italian_guide_is_a_pdf_download(get_guide):
    browser = get_guide("it", "district=crema&need=housing")
    assert browser.headers["status"].startswith("200")
    assert browser.headers["Content-Type"] == "application/pdf"
    assert browser.headers["Content-Disposition"] == (
        'attachment; filename="guida-it-crema-housing.pdf"'
    )
    assert browser.contents.startswith(b"%PDF-")
    assert int(browser.headers["Content-Length"]) == len(browser.contents)


def test_italian_guide_one_part_per_district(get_guide, functional_portal, tmp_path):
    browser = get_guide("it")
    pages = pdf_pages(browser.contents, tmp_path)
    districts = get_territory().districts
    assert len(districts) == 5
    found = district_pages(pages, districts, "Indice")
    # every district has its own first page, in the territory's order
    assert list(found) == [d.id for d in districts]
    firsts = list(found.values())
    assert firsts == sorted(set(firsts))
    assert int(browser.headers["X-Famiguida-Guide-Pages"]) == len(pages)
    text = normalised("".join(pages))
    for service_id in (HOUSING_CREMA, CAREGIVERS):
        assert normalised(italian_title(functional_portal, service_id)) in text
    # cover, table of contents with page numbers
    assert "Guida ai servizi per le famiglie" in pages[0]
    assert "Tutti gli Ambiti" in pages[0]
    toc = next(page for page in pages if "Indice" in page)
    crema = next(d for d in districts if d.id == "crema")
    line = next(line for line in toc.splitlines() if crema.title in line)
    assert line.rstrip().endswith(str(found["crema"] + 1))


def test_filter_by_district_and_need(get_guide, functional_portal, tmp_path):
    browser = get_guide("it", "district=crema&need=housing")
    pages = pdf_pages(browser.contents, tmp_path)
    text = normalised("".join(pages))
    assert normalised(italian_title(functional_portal, HOUSING_CREMA)) in text
    # caregivers: work; the Crema social support: social, mediation
    assert normalised(italian_title(functional_portal, CAREGIVERS)) not in text
    assert normalised(italian_title(functional_portal, UNTRANSLATED_CREMA)) not in text
    territory = get_territory()
    others = [d.title for d in territory.districts if d.id != "crema"]
    body = "".join(pages[1:])
    assert territory.district("crema").title in body
    assert not any(title in body for title in others)
    assert "Casa" in pages[0]  # the need on the cover


def test_services_of_every_need_listed_once_per_district(
    get_guide, functional_portal, tmp_path
):
    """A service with two needs is listed under its first one only."""
    pages = pdf_pages(get_guide("it", "district=crema").contents, tmp_path)
    text = normalised("".join(pages))
    title = normalised(italian_title(functional_portal, UNTRANSLATED_CREMA))
    assert text.count(title) == 1


def test_drafts_and_suspended_services_stay_out(
    get_guide, functional_portal, tmp_path, login_as
):
    draft = functional_portal.unrestrictedTraverse(f"it/{SERVICES}/{DRAFT_LODI}")
    assert api.content.get_state(draft) != "published"
    for district, service_id in (("lodi", DRAFT_LODI), ("crema", SUSPENDED_CREMA)):
        pages = pdf_pages(get_guide("it", f"district={district}").contents, tmp_path)
        assert normalised(italian_title(functional_portal, service_id)) not in (
            normalised("".join(pages))
        )


def test_logged_in_editor_gets_the_public_guide_too(
    browser, functional_portal, tmp_path
):
    """Drafts stay out whoever asks: the guide lists what Anonymous sees."""
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    browser.open(
        f"{functional_portal.absolute_url()}/it/guida/@@guida-pdf?district=lodi"
    )
    assert browser.headers["Content-Type"] == "application/pdf"
    text = normalised("".join(pdf_pages(browser.contents, tmp_path)))
    assert normalised(italian_title(functional_portal, DRAFT_LODI)) not in text


# -- Arabic and Chinese --------------------------------------------------------


def only_italian(language):
    return translate(
        "guide_only_italian",
        domain="famiguida",
        target_language=language,
        default="Solo in italiano",
    )


@pytest.mark.parametrize("language", ["ar", "zh"])
def test_translated_guide_lists_titles_as_text(
    get_guide, functional_portal, translations, tmp_path, language
):
    browser = get_guide(language, "district=crema")
    assert browser.headers["Content-Disposition"] == (
        f'attachment; filename="guida-{language}-crema.pdf"'
    )
    pages = pdf_pages(browser.contents, tmp_path)
    text = normalised("".join(pages))
    # the translation, not its Italian source
    assert normalised(translations[language][HOUSING_CREMA]) in text
    assert normalised(italian_title(functional_portal, HOUSING_CREMA)) not in text
    # an Italian service without a translation, marked in the language
    assert normalised(italian_title(functional_portal, UNTRANSLATED_CREMA)) in text
    assert normalised(only_italian(language)) in text
    # nothing of another district
    assert normalised(translations[language][LODI_JOBS]) not in text


@pytest.mark.parametrize("language", ["ar", "zh"])
def test_translated_guide_one_part_per_district(
    get_guide, functional_portal, translations, tmp_path, language
):
    pages = pdf_pages(get_guide(language).contents, tmp_path)
    districts = get_territory().districts
    toc = translate(
        "guide_contents", domain="famiguida", target_language=language, default="Indice"
    )
    found = district_pages(pages, districts, toc)
    assert list(found) == [d.id for d in districts]
    assert list(found.values()) == sorted(set(found.values()))
    text = normalised("".join(pages))
    for service_id in (HOUSING_CREMA, LODI_JOBS):
        assert normalised(translations[language][service_id]) in text


def test_arabic_guide_is_right_to_left_with_arabic_fonts(
    functional_portal, translations
):
    from famiguida.browser.guide_pdf import GuidePdfView

    request = functional_portal.REQUEST
    request.form.update({"district": "crema"})
    guida = functional_portal.unrestrictedTraverse("ar/guida")
    html = GuidePdfView(guida, request).render_html()
    assert '<html dir="rtl" lang="ar"' in html or (
        'dir="rtl"' in html.split(">", 2)[1] and 'lang="ar"' in html.split(">", 2)[1]
    )
    # Italian fallback entries are marked as Italian, left to right
    assert 'lang="it" dir="ltr"' in html
    assert "Noto Nastaliq Urdu" in html  # :lang(ur)


# -- what goes wrong -------------------------------------------------------------


@pytest.mark.parametrize(
    "query,words",
    [
        ("district=atlantide", "atlantide"),
        ("need=astronavi", "astronavi"),
        ("lang=xx", "xx"),
        ("district=crema&district=lodi", "district"),
    ],
)
def test_bad_parameters_give_a_clear_400_page(get_guide, query, words):
    browser = get_guide("it", query)
    assert browser.headers["status"].startswith("400")
    assert browser.headers["Content-Type"].startswith("text/html")
    assert "famiguida-guide-error" in browser.contents
    assert words in browser.contents
    assert "Traceback" not in browser.contents
    assert "/it/guida" in browser.contents  # the way back to the form


def test_too_long_a_guide_asks_for_a_narrower_choice(get_guide, monkeypatch):
    from famiguida.browser import guide_pdf as view_module

    monkeypatch.setattr(view_module, "MAX_ENTRIES", 5)
    browser = get_guide("it")
    assert browser.headers["status"].startswith("400")
    assert "famiguida-guide-error" in browser.contents
    assert get_guide("it", "district=lodi&need=housing").headers["Content-Type"] == (
        "application/pdf"
    )


def test_bad_parameter_page_in_the_visitors_language(get_guide, translations):
    browser = get_guide("ar", "need=astronavi")
    assert browser.headers["status"].startswith("400")
    assert 'dir="rtl"' in browser.contents


def test_lang_of_another_root_redirects_there(browser, functional_portal):
    browser.followRedirects = False
    browser.open(
        f"{functional_portal.absolute_url()}/it/guida/@@guida-pdf"
        "?district=crema&lang=zh"
    )
    assert browser.headers["status"].startswith("302")
    assert browser.headers["Location"] == (
        f"{functional_portal.absolute_url()}/zh/guida/@@guida-pdf?district=crema"
    )


# -- cache -----------------------------------------------------------------------


def test_cached_until_the_catalog_changes(get_guide, functional_portal, tmp_path):
    first = get_guide("it", "district=lodi")
    assert first.headers["X-Famiguida-Guide"] == "miss"
    assert get_guide("it", "district=lodi").headers["X-Famiguida-Guide"] == "hit"
    draft = functional_portal.unrestrictedTraverse(f"it/{SERVICES}/{DRAFT_LODI}")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=draft, transition="publish")
    transaction.commit()
    again = get_guide("it", "district=lodi")
    assert again.headers["X-Famiguida-Guide"] == "miss"
    text = normalised("".join(pdf_pages(again.contents, tmp_path)))
    assert normalised(draft.Title()) in text


# -- no network while rendering ----------------------------------------------------


def test_rendering_fetches_nothing_from_the_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the renderer opened a connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    fetcher = guide_pdf.LocalOnlyFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch("https://example.org/logo.png")
    html = (
        '<html><head><link rel="stylesheet" href="https://example.org/x.css">'
        '</head><body><p>Ciao</p><img src="http://example.org/x.png">'
        '<img src="file:///etc/passwd"></body></html>'
    )
    pdf, pages = guide_pdf.render_pdf(html)
    assert pdf.startswith(b"%PDF-")
    assert pages == 1


def test_qr_code_is_inline_svg():
    svg = guide_pdf.qr_svg("http://localhost:8080/Plone/it/guida/servizi/x")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ')
    assert svg.count("<path") == 1


# -- the form and the print stylesheet -------------------------------------------------


def test_landing_has_the_guide_form(browser, functional_portal):
    browser.open(f"{functional_portal.absolute_url()}/it/guida")
    form = browser.getForm(
        action=f"{functional_portal.absolute_url()}/it/guida/@@guida-pdf"
    )
    assert form.method.upper() == "GET"
    district = form.getControl(name="district")
    assert "crema" in district.options
    assert "" in district.options
    form.getControl(name="need").value = ["housing"]
    district.value = ["crema"]
    form.submit()
    assert browser.headers["Content-Type"] == "application/pdf"
    assert browser.url.endswith("@@guida-pdf?district=crema&need=housing")


def test_every_page_links_the_print_stylesheet(browser, functional_portal):
    browser.open(f"{functional_portal.absolute_url()}/it")
    match = re.search(
        r'<link rel="stylesheet" media="print" href="([^"]+)"', browser.contents
    )
    assert match, "no print stylesheet"
    assert "++resource++famiguida-print.css?v=" in match.group(1)
    browser.open(match.group(1))
    assert browser.headers["status"].startswith("200")
    css = browser.contents
    assert "@media print" in css
    assert "#portal-mainnavigation" in css
    assert 'content: " (" attr(href) ")"' in css
