"""The service page, as an anonymous visitor's browser gets it (no JS)."""

from datetime import datetime
from famiguida.browser.service import ServiceView
from famiguida.opening_hours import ROME
from plone import api
from plone.testing.zope import Browser
from urllib.parse import quote

import html
import pytest
import re
import transaction


SERVICES = "it/guida/servizi"
HOUSING = f"{SERVICES}/sportello-mediazione-abitativa-crema"
COURSES = f"{SERVICES}/corsi-mediazione-linguistica-crema"  # hours of csc-crema
CAREGIVERS = f"{SERVICES}/sportello-assistenza-familiare"  # hours of its own
AFTER_SCHOOL = f"{SERVICES}/doposcuola-quartieri-crema"  # suspended
NURSERY = f"{SERVICES}/asili-nido-crema"  # for a fee, one town
DRAFT = f"{SERVICES}/asili-nido-codogno"


MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=ROME)  # a Monday


@pytest.fixture
def browser(functional_portal, clock):
    transaction.commit()
    browser = Browser(functional_portal.aq_parent)
    browser.handleErrors = False
    return browser


@pytest.fixture
def open_page(browser, functional_portal):
    def open_(path):
        browser.open(f"{functional_portal.absolute_url()}/{path}")
        return browser.contents

    return open_


def section(page, section_id):
    """The HTML of one <section id=...> of the page."""
    match = re.search(rf'<section[^>]*id="{section_id}".*?</section>', page, re.S)
    assert match, f"no section {section_id}"
    return match.group(0)


def content(page):
    """The page's own part (content-core), without Plone's header and footer."""
    return page.split('id="content-core"', 1)[1].split("</article>", 1)[0]


def headings(page):
    return [
        html.unescape(re.sub(r"<[^>]+>", "", h)).strip()
        for h in re.findall(r"<h2[^>]*>(.*?)</h2>", page, re.S)
    ]


def test_sections_answer_in_order(open_page):
    found = headings(open_page(HOUSING))
    expected = [
        "Cos'è",
        "Per chi è",
        "Bisogni",
        "Come si accede",
        "Cosa portare",
        "Costo",
        "Dove",
        "Quando",
        "Lingue parlate",
        "Chi offre il servizio",
        "Territorio servito",
        "Contatti",
        "Condividi",
    ]
    assert [h for h in found if h in expected] == expected


# What the starter content says of the housing desk, section by section.
HOUSING_FACTS = [
    ("cosa", "trovare una casa adatta"),
    ("per-chi", "<li>Proprietari di casa</li>"),
    ("per-chi", "<li>Persone arrivate da poco</li>"),
    ("bisogni", "<li>Casa</li>"),
    ("bisogni", "<li>Mediazione culturale</li>"),
    (
        "come-accedere",
        "<p>Vieni allo sportello negli orari di apertura, senza appuntamento.</p>",
    ),
    ("cosa-portare", "<li>Permesso di soggiorno</li>"),
    ("cosa-portare", "<li>Contratto di lavoro o ultima busta paga</li>"),
    ("costo", "<strong>Gratuito</strong>"),
    ("dove", "/it/guida/sedi/sportello-casa-crema"),
    ("dove", "Circolo ACLI Crema \N{EN DASH} Sportello casa"),
    ("dove", "Via Matteotti 20, 26013"),
    ("dove", "<dd>Crema</dd>"),
    ("quando", '<th scope="row">Martedì</th>'),
    ("quando", "<td>15:00-18:00</td>"),
    ("quando", '<th scope="col">Giorno</th>'),
    ("lingue", 'lang="ar"'),
    ("lingue", "العربية"),
    ("lingue", "Română"),
    ("ente", 'href="http://localhost'),
    ("ente", "/it/guida/enti/circolo-acli-crema"),
    ("ente", "Circolo ACLI Crema</a>"),
    ("territorio", "Ambito distrettuale Cremasco"),
    ("contatti", 'href="tel:+390373000304"'),
    ("contatti", 'href="mailto:sportello.casa@example.org"'),
    ("contatti", 'href="https://www.example.org/sportello-casa"'),
]


@pytest.mark.parametrize("section_id,fact", HOUSING_FACTS)
def test_housing_desk_facts(open_page, section_id, fact):
    assert fact in section(open_page(HOUSING), section_id)


def test_page_facts_outside_sections(open_page):
    page = open_page(HOUSING)
    assert "<h1>Sportello casa: mediazione abitativa</h1>" in page
    assert 'Ultima verifica: <time datetime="2026-10-02">2 ottobre 2026</time>' in page
    assert f'/{HOUSING}/@@segnala-errore">Segnala un errore</a>' in page
    assert "sospeso" not in page
    assert 'target="_blank"' not in content(page)


def test_no_inline_script_in_the_content(open_page):
    own = content(open_page(HOUSING))
    assert "<script" not in own
    assert "onclick" not in own


def test_fee_and_single_town(open_page):
    page = open_page(NURSERY)
    assert "<strong>A pagamento</strong>" in section(page, "costo")
    assert "Retta mensile in base all&#39;ISEE." in section(page, "costo") or (
        "Retta mensile in base all'ISEE." in section(page, "costo")
    )
    territory = section(page, "territorio")
    assert "<dt>Comuni</dt>" in territory
    assert "<dd>Crema</dd>" in territory
    assert "Ambiti" not in territory


def test_suspended_service_says_so(open_page):
    page = open_page(AFTER_SCHOOL)
    assert "Questo servizio è sospeso." in page
    assert 'role="status"' in page


def test_draft_is_not_served_to_anonymous(browser, functional_portal):
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.open(f"{functional_portal.absolute_url()}/{DRAFT}")
    assert "/login?came_from=" in browser.url
    assert "Asili nido comunali di Codogno" not in browser.contents


@pytest.mark.parametrize(
    "path,moment,text",
    [
        (COURSES, MONDAY_10, "Aperto ora, chiude alle 12:30"),
        (
            COURSES,
            datetime(2026, 11, 27, 18, 0, tzinfo=ROME),
            "Chiuso ora, apre lunedì alle 09:00",
        ),
        (
            COURSES,
            datetime(2026, 11, 24, 13, 0, tzinfo=ROME),
            "Chiuso ora, apre oggi alle 14:00",
        ),
        # closed on the 8th of December: Tuesday is skipped
        (
            COURSES,
            datetime(2026, 12, 7, 13, 0, tzinfo=ROME),
            "Chiuso ora, apre mercoledì alle 09:00",
        ),
        # its own hours win over the place's (open on Monday morning)
        (CAREGIVERS, MONDAY_10, "Chiuso ora, apre oggi alle 15:00"),
        (
            CAREGIVERS,
            datetime(2026, 11, 23, 16, 0, tzinfo=ROME),
            "Aperto ora, chiude alle 18:00",
        ),
        (
            AFTER_SCHOOL,
            datetime(2026, 11, 23, 17, 0, tzinfo=ROME),
            "Aperto ora, chiude alle 18:30",
        ),
    ],
)
def test_status_now(open_page, clock, path, moment, text):
    clock(moment)
    assert text in section(open_page(path), "dove")


def test_hours_table_and_coming_exceptions(open_page):
    when = section(open_page(COURSES), "quando")
    place = "Comunità Sociale Cremasca \N{EN DASH} sede e Ufficio di Piano"
    assert f"<caption>{place}</caption>" in when
    assert (
        '<th scope="row">Martedì</th>\n              <td>09:00-12:30, 14:00-16:30</td>'
        in when
    )
    assert '<th scope="row">Sabato</th>' in when
    assert "<td>Chiuso</td>" in when
    assert 'aria-current="date"' in when  # today's row
    # within 30 days of Monday 23 November: the 8th of December, not Christmas
    assert "martedì 8 dicembre:" in when
    assert "Immacolata Concezione" in when
    assert "Natale" not in when


def test_own_hours_make_one_table_without_caption(open_page):
    when = section(open_page(CAREGIVERS), "quando")
    assert "<caption>" not in when
    assert "<td>09:00-12:00, 15:00-18:00</td>" in when  # Wednesday


def test_share_links_and_copy_field(open_page, functional_portal):
    page = open_page(HOUSING)
    url = f"{functional_portal.absolute_url()}/{HOUSING}"
    card = (
        "Sportello casa: mediazione abitativa\n"
        "Ti aiuta a cercare una casa in affitto, a capire il contratto e a firmarlo;"
        " aiuta anche i proprietari che hanno una casa vuota.\n"
        "Via Matteotti 20, 26013 Crema\n"
        "Tel. +39 0373 000 304\n"
        "Orari: mar 15:00-18:00; gio 09:30-12:30; sab 09:30-12:00\n"
        f"{url}"
    )
    share = section(page, "condividi")
    assert f'href="https://wa.me/?text={quote(card, safe="")}"' in share
    subject = quote("Sportello casa: mediazione abitativa", safe="")
    assert f'href="mailto:?subject={subject}&amp;body={quote(card, safe="")}"' in share
    textarea = re.search(r"<textarea[^>]*>(.*?)</textarea>", share, re.S)
    assert "readonly" in textarea.group(0)
    assert html.unescape(textarea.group(1)) == card
    assert '<label class="form-label" for="famiguida-card">' in share


def test_hidden_place_is_left_out(functional_portal, open_page):
    """A place the visitor may not see is not linked (nor its address)."""
    place = functional_portal.unrestrictedTraverse("it/guida/sedi/sportello-casa-crema")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=place, transition="reject")
    transaction.commit()
    page = open_page(HOUSING)
    assert "Via Matteotti 20" not in page
    assert "sportello-casa-crema" not in page


def test_now_is_injectable_on_the_view(portal, http_request):
    service = portal.unrestrictedTraverse(COURSES)
    view = ServiceView(service, http_request)
    view.now = lambda: datetime(2026, 11, 27, 18, 0, tzinfo=ROME)
    [place] = view.locations()
    assert place["status"] == {
        "is_open": False,
        "text": "Chiuso ora, apre lunedì alle 09:00",
    }


@pytest.mark.parametrize(
    "field,section_id",
    [
        ("text", "cosa"),
        ("target_groups", "per-chi"),
        ("how_to_access", "come-accedere"),
        ("what_to_bring", "cosa-portare"),
        ("locations", "dove"),
        ("languages_spoken", "lingue"),
        ("provider", "ente"),
    ],
)
def test_empty_fields_leave_no_empty_section(
    functional_portal, open_page, field, section_id
):
    service = functional_portal.unrestrictedTraverse(HOUSING)
    setattr(service, field, None)
    transaction.commit()
    assert f'id="{section_id}"' not in open_page(HOUSING)


def test_without_places_there_is_no_hours_table(functional_portal, open_page):
    service = functional_portal.unrestrictedTraverse(HOUSING)
    service.locations = []
    transaction.commit()
    page = open_page(HOUSING)
    assert 'id="quando"' not in page
    assert "Orari:" not in section(page, "condividi")
