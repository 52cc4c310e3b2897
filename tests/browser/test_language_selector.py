"""The language switcher: translation when there is one, else the fallback
address in that language; native names; plain links."""

from famiguida.multilingual import NATIVE_NAMES

import html as htmllib
import re


TRANSLATED = "guida/servizi/sportello-mediazione-abitativa-crema"
UNTRANSLATED = "guida/servizi/supporto-servizio-sociale-cremasco"
LANGUAGES = ["it", "en", "fr", "ar", "es", "ro", "sq", "uk", "zh", "pa", "ur"]


def switcher(page):
    block = re.search(r'<ul id="portal-languageselector">(.*?)</ul>', page, re.S)
    assert block is not None
    links = {}
    for tag, name in re.findall(r"(<a\b[^>]*>)(.*?)</a>", block.group(1), re.S):
        code = re.search(r'hreflang="([^"]+)"', tag).group(1)
        href = htmllib.unescape(re.search(r'href="([^"]+)"', tag).group(1))
        links[code] = {"href": href, "name": name.strip(), "tag": tag}
    return links


def test_targets_from_a_translated_service(functional_portal, open_page):
    portal_url = functional_portal.absolute_url()
    links = switcher(open_page(f"it/{TRANSLATED}"))
    assert list(links) == LANGUAGES
    for code in ("it", "ar", "en", "zh"):
        translation = functional_portal.unrestrictedTraverse(f"{code}/{TRANSLATED}")
        assert links[code]["href"] == translation.absolute_url()
    # Not translated into French: the fallback address under /fr.
    assert links["fr"]["href"] == f"{portal_url}/fr/{TRANSLATED}"
    assert links["ur"]["href"] == f"{portal_url}/ur/{TRANSLATED}"
    assert 'aria-current="page"' in links["it"]["tag"]


def test_targets_from_an_untranslated_service(functional_portal, open_page):
    portal_url = functional_portal.absolute_url()
    links = switcher(open_page(f"it/{UNTRANSLATED}"))
    for code in LANGUAGES:
        assert links[code]["href"] == f"{portal_url}/{code}/{UNTRANSLATED}"
    # ... and the fallback address answers with the Italian page.
    page = open_page(f"ar/{UNTRANSLATED}")
    assert "famiguida-fallback-note" in page


def test_from_a_fallback_page_italian_is_the_original(functional_portal, open_page):
    italian = functional_portal.unrestrictedTraverse(f"it/{UNTRANSLATED}")
    links = switcher(open_page(f"ar/{UNTRANSLATED}"))
    assert links["it"]["href"] == italian.absolute_url()
    assert 'aria-current="page"' in links["ar"]["tag"]
    assert (
        links["ar"]["href"] == f"{functional_portal.absolute_url()}/ar/{UNTRANSLATED}"
    )


def test_native_names(open_page):
    links = switcher(open_page(f"it/{TRANSLATED}"))
    assert {code: link["name"] for code, link in links.items()} == NATIVE_NAMES
    assert links["ar"]["name"] == "العربية"
    assert links["ur"]["name"] == "اردو"
    assert links["pa"]["name"] == "ਪੰਜਾਬੀ"
    assert links["zh"]["name"] == "中文"
    assert 'dir="rtl"' in links["ar"]["tag"]
    assert 'lang="uk"' in links["uk"]["tag"]


def test_search_keeps_its_query(functional_portal, open_page):
    links = switcher(open_page("it/guida/@@cerca?need=housing"))
    assert links["ar"]["href"] == (
        f"{functional_portal.absolute_url()}/ar/guida/@@cerca?need=housing"
    )


def test_plain_links_no_redirect_view(open_page):
    page = open_page(f"it/{TRANSLATED}")
    assert "@@multilingual-selector" not in page
