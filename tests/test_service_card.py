"""The share card: plain text a family gets on WhatsApp or by e-mail."""

from famiguida.service_card import address_line
from famiguida.service_card import card_text
from famiguida.service_card import mailto_url
from famiguida.service_card import one_line
from famiguida.service_card import ServiceCard
from famiguida.service_card import tel_href
from famiguida.service_card import whatsapp_url
from urllib.parse import parse_qs
from urllib.parse import unquote
from urllib.parse import urlsplit

import pytest


URL = "https://guida.example.org/it/guida/servizi/sportello-mediazione-abitativa-crema"
FULL = ServiceCard(
    title="Sportello casa: mediazione abitativa",
    summary="Ti aiuta a cercare una casa in affitto,\n"
    "a capire il contratto e a firmarlo.",
    address="Via Matteotti 20, 26013 Crema",
    phone="+39 0373 000 304",
    hours="mar 15:00-18:00; gio 09:30-12:30; sab 09:30-12:00",
    url=URL,
)


def test_full_card():
    assert card_text(FULL) == (
        "Sportello casa: mediazione abitativa\n"
        "Ti aiuta a cercare una casa in affitto, a capire il contratto e a firmarlo.\n"
        "Via Matteotti 20, 26013 Crema\n"
        "Tel. +39 0373 000 304\n"
        "Orari: mar 15:00-18:00; gio 09:30-12:30; sab 09:30-12:00\n"
        f"{URL}"
    )


@pytest.mark.parametrize(
    "card,lines",
    [
        (ServiceCard(title="Corso", url=URL), ["Corso", URL]),
        (
            ServiceCard(title="Corso", phone="0373 1", url=URL),
            ["Corso", "Tel. 0373 1", URL],
        ),
        (
            ServiceCard(
                title="Corso", address="Via Roma 1, Crema", more_places=2, url=URL
            ),
            ["Corso", "Via Roma 1, Crema (e altre 2 sedi)", URL],
        ),
        (
            ServiceCard(title="Corso", hours="lun-ven 09:00-13:00", url=URL),
            ["Corso", "Orari: lun-ven 09:00-13:00", URL],
        ),
    ],
)
def test_missing_facts_are_left_out(card, lines):
    assert card_text(card).splitlines() == lines


def test_card_is_short_plain_text():
    long = ServiceCard(title="T", summary="parola " * 200, url=URL)
    text = card_text(long)
    assert len(text) < 300
    assert "<" not in card_text(FULL)


def test_labels_are_translated():
    labels = {"card_phone": "Phone ${phone}", "card_hours": "Hours: ${hours}"}

    def english(message):
        template = labels.get(str(message), message.default)
        return template.replace(
            "${phone}", str(message.mapping.get("phone", ""))
        ).replace("${hours}", str(message.mapping.get("hours", "")))

    lines = card_text(FULL, english).splitlines()
    assert "Phone +39 0373 000 304" in lines
    assert "Hours: mar 15:00-18:00; gio 09:30-12:30; sab 09:30-12:00" in lines


@pytest.mark.parametrize(
    "text,limit,expected",
    [
        ("Breve.", 160, "Breve."),
        ("a\n b\t\tc ", 160, "a b c"),
        ("uno due tre quattro", 12, "uno due tre…"),
        ("uno due tre quattro", 10, "uno due…"),
        ("uno, due, tre", 10, "uno, due…"),
        ("", 160, ""),
        (None, 160, ""),
    ],
)
def test_one_line(text, limit, expected):
    assert one_line(text, limit) == expected


@pytest.mark.parametrize(
    "parts,expected",
    [
        (("Via Matteotti 20", "26013", "Crema"), "Via Matteotti 20, 26013 Crema"),
        (("Via Matteotti 20", None, "Crema"), "Via Matteotti 20, Crema"),
        (("Via Matteotti 20", "", ""), "Via Matteotti 20"),
    ],
)
def test_address_line(parts, expected):
    assert address_line(*parts) == expected


def test_whatsapp_link_carries_the_whole_card():
    text = card_text(FULL)
    url = whatsapp_url(text)
    assert url.startswith("https://wa.me/?text=")
    encoded = url.removeprefix("https://wa.me/?text=")
    assert "%0A" in encoded and " " not in encoded and "+" not in encoded
    assert unquote(encoded) == text


def test_mailto_link_has_subject_and_body():
    url = mailto_url("Sportello casa & co", "riga 1\nriga 2 + 3")
    assert url.startswith("mailto:?subject=")
    query = parse_qs(urlsplit(url).query)
    assert query == {"subject": ["Sportello casa & co"], "body": ["riga 1\nriga 2 + 3"]}
    assert "%20" in url and "+" not in url


@pytest.mark.parametrize(
    "phone,href",
    [
        ("+39 0373 000 304", "tel:+390373000304"),
        ("0373/123.456", "tel:0373123456"),
        ("(0372) 40-71", "tel:03724071"),
        ("", ""),
        (None, ""),
        ("+", ""),
    ],
)
def test_tel_href(phone, href):
    assert tel_href(phone) == href
