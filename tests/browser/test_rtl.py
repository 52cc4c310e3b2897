"""Right to left: dir="rtl" on Arabic and Urdu pages, the mirrored CSS."""

from famiguida.browser.rtl import set_direction

import pytest
import re


RTL_PAGES = [
    "{lang}",
    "{lang}/guida",
    "{lang}/guida/@@cerca?need=housing",
    # Translated into Arabic; served from Italian under the Urdu root.
    "{lang}/guida/servizi/sportello-mediazione-abitativa-crema",
]


def html_dir(html):
    return re.search(r"<html\b[^>]*>", html).group(0)


def body_tag(html):
    return re.search(r"<body\b[^>]*>", html).group(0)


@pytest.mark.parametrize("lang", ["ar", "ur"])
@pytest.mark.parametrize("page", RTL_PAGES)
def test_rtl_pages(open_page, lang, page):
    html = open_page(page.format(lang=lang))
    assert 'dir="rtl"' in html_dir(html)
    assert f'lang="{lang}"' in html_dir(html)
    assert 'dir="rtl"' in body_tag(html)
    assert "++resource++famiguida.rtl/barceloneta-rtl.min.css" in html
    assert "++resource++famiguida.rtl/famiguida-rtl.css" in html
    # Barceloneta's own left-to-right file is replaced, not added to.
    assert "barceloneta/css/barceloneta.min.css" not in html


@pytest.mark.parametrize("lang", ["it", "en", "fr", "zh", "pa"])
@pytest.mark.parametrize("page", RTL_PAGES[:3])
def test_ltr_pages(open_page, lang, page):
    html = open_page(page.format(lang=lang))
    assert 'dir="ltr"' in html_dir(html)
    assert 'dir="ltr"' in body_tag(html)
    assert "famiguida.rtl" not in html
    assert "barceloneta/css/barceloneta.min.css" in html


def test_ltr_service_page(open_page):
    html = open_page("it/guida/servizi/sportello-mediazione-abitativa-crema")
    assert 'dir="ltr"' in html_dir(html)
    assert "famiguida.rtl" not in html


def test_rtl_stylesheets_are_served(functional_portal, open_page):
    css = open_page("++resource++famiguida.rtl/barceloneta-rtl.min.css")
    assert ".float-start{float:right}" in css
    # The fonts stay Barceloneta's, one level up from the resource.
    assert 'url("../++theme++barceloneta/roboto/' in css
    own = open_page("++resource++famiguida.rtl/famiguida-rtl.css")
    assert 'html[dir="rtl"]' in own


def test_phone_numbers_stay_left_to_right(open_page):
    html = open_page("ar/guida/servizi/sportello-mediazione-abitativa-crema")
    phones = re.findall(r'<a\b[^>]*href="tel:[^"]*"[^>]*>', html)
    assert phones
    assert all('dir="ltr"' in tag for tag in phones)


def test_set_direction_replaces_an_existing_dir():
    page = '<html lang="ar" dir="ltr"><body class="x" dir="ltr"></body></html>'
    assert set_direction(page, "rtl") == (
        '<html lang="ar" dir="rtl"><body class="x" dir="rtl"></body></html>'
    )
