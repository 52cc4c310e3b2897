"""The share card of a service: a few plain-text lines a family can forward.

A social worker copies it into WhatsApp or an e-mail for a family: what the
service is, where, the phone, the hours and the page's address.  Plain text
only (no markup to escape on the receiving side), short enough for a phone
screen.  Pure Python: the view gathers the facts, this module writes them.
"""

from dataclasses import dataclass
from famiguida import _
from famiguida.hours_display import default_translate
from famiguida.hours_display import Translate
from urllib.parse import quote

import re


SUMMARY_CHARS = 160


@dataclass(frozen=True)
class ServiceCard:
    """The facts on a card; empty strings are left out."""

    title: str
    summary: str = ""
    address: str = ""
    more_places: int = 0
    phone: str = ""
    hours: str = ""
    url: str = ""


def one_line(text: str | None, limit: int = SUMMARY_CHARS) -> str:
    """``text`` on one line, cut at a word boundary with "…" beyond ``limit``."""
    line = " ".join((text or "").split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    if line[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]  # no half words
    return cut.rstrip(" ,;:.") + "…"


def address_line(street: str | None, postal_code: str | None, town: str | None) -> str:
    """``"Via Matteotti 20, 26013 Crema"``, leaving out what is missing."""
    place = " ".join(part for part in (postal_code, town) if part)
    return ", ".join(part for part in (street, place) if part)


def card_text(card: ServiceCard, translate: Translate = default_translate) -> str:
    """The card as plain-text lines: title, what, where, phone, hours, URL."""
    lines = [one_line(card.title, 200), one_line(card.summary)]
    if card.address:
        where = card.address
        if card.more_places:
            where += " " + translate(
                _(
                    "card_more_places",
                    default="(e altre ${count} sedi)",
                    mapping={"count": card.more_places},
                )
            )
        lines.append(where)
    if card.phone:
        lines.append(
            translate(
                _("card_phone", default="Tel. ${phone}", mapping={"phone": card.phone})
            )
        )
    if card.hours:
        lines.append(
            translate(
                _(
                    "card_hours",
                    default="Orari: ${hours}",
                    mapping={"hours": card.hours},
                )
            )
        )
    lines.append(card.url)
    return "\n".join(line for line in lines if line)


def whatsapp_url(text: str) -> str:
    """WhatsApp's share link (``wa.me``) with ``text`` ready to send."""
    return f"https://wa.me/?text={quote(text, safe='')}"


def mailto_url(subject: str, body: str) -> str:
    """A ``mailto:`` link that opens a new message (RFC 6068: ``%20``, not ``+``)."""
    return f"mailto:?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def tel_href(phone: str | None) -> str:
    """``"+39 0373 000 202"`` -> ``"tel:+390373000202"``; empty if no digits."""
    digits = re.sub(r"[^\d+]", "", phone or "")
    return f"tel:{digits}" if re.search(r"\d", digits) else ""
