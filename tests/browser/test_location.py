"""The location page: address, map link, hours, open now, services given there."""

from datetime import datetime
from famiguida.browser.directory_page import osm_url
from famiguida.opening_hours import ROME
from plone import api

import pytest
import re


PLACES = "it/guida/sedi"
CSC = f"{PLACES}/csc-crema"
CODOGNO = f"{PLACES}/servizi-educativi-codogno"  # only a draft service there


MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=ROME)  # a Monday


def section(page, section_id):
    match = re.search(rf'<section[^>]*id="{section_id}".*?</section>', page, re.S)
    assert match, f"no section {section_id}"
    return match.group(0)


@pytest.mark.parametrize(
    "section_id,fact",
    [
        ("indirizzo", "<dd>Via Manzoni 5, 26013</dd>"),
        ("indirizzo", "<dd>Crema</dd>"),
        ("indirizzo", "Aperto ora, chiude alle 12:30"),
        (
            "indirizzo",
            'href="https://www.openstreetmap.org/?mlat=45.3641&amp;mlon=9.6893'
            '#map=17/45.3641/9.6893"',
        ),
        ("accessibilita", "Ufficio al primo piano con ascensore. Bagno accessibile."),
        ("quando", '<th scope="row">Martedì</th>'),
        ("quando", "<td>09:00-12:30, 14:00-16:30</td>"),
        ("quando", "martedì 8 dicembre:"),
        ("contatti", 'href="tel:+390373000201"'),
        ("contatti", 'href="mailto:sede.csc@example.org"'),
        ("contatti", 'href="https://www.example.org/sede-csc"'),
        ("servizi", "/it/guida/servizi/corsi-mediazione-linguistica-crema"),
        ("servizi", "Corsi di mediazione linguistica per la vita di ogni giorno"),
    ],
)
def test_location_facts(open_page, section_id, fact):
    assert fact in section(open_page(CSC), section_id)


@pytest.mark.parametrize(
    "moment,text",
    [
        (MONDAY_10, "Aperto ora, chiude alle 12:30"),
        (
            datetime(2026, 11, 28, 10, 0, tzinfo=ROME),
            "Chiuso ora, apre lunedì alle 09:00",
        ),
    ],
)
def test_open_now(open_page, clock, moment, text):
    clock(moment)
    assert text in section(open_page(CSC), "indirizzo")


def test_no_map_link_without_coordinates(functional_portal, open_page):
    place = functional_portal.unrestrictedTraverse(CSC)
    place.latitude = place.longitude = None
    assert "openstreetmap" not in open_page(CSC)


def test_drafts_are_not_listed(open_page):
    page = open_page(CODOGNO)
    assert "Asili nido comunali di Codogno" not in page
    assert "Nessun servizio pubblicato in questa sede." in page


def test_retracted_service_leaves_the_list(functional_portal, open_page):
    service = functional_portal.unrestrictedTraverse(
        "it/guida/servizi/corsi-mediazione-linguistica-crema"
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=service, transition="reject")
    assert "corsi-mediazione-linguistica-crema" not in section(
        open_page(CSC), "servizi"
    )


@pytest.mark.parametrize(
    "latitude,longitude,url",
    [
        (
            45.3641,
            9.6893,
            "https://www.openstreetmap.org/?mlat=45.3641&mlon=9.6893#map=17/45.3641/9.6893",
        ),
        (
            45.12345678,
            -9.5,
            "https://www.openstreetmap.org/?mlat=45.123457&mlon=-9.5#map=17/45.123457/-9.5",
        ),
    ],
)
def test_osm_url(latitude, longitude, url):
    assert osm_url(latitude, longitude) == url
