"""What the service, location and organization pages share.

Facts are prepared here as plain dicts and strings, so the templates only
print them: vocabulary titles translated for the request, related objects
filtered by what the visitor may see, hours and "open now" in words.
"""

from AccessControl import getSecurityManager
from famiguida import hours_display
from famiguida.behaviors.opening_hours import schedule_of
from famiguida.hours_display import format_date
from famiguida.hours_display import opening_status
from famiguida.hours_display import upcoming_exceptions
from famiguida.hours_display import week_rows
from famiguida.multilingual import is_fallback
from famiguida.multilingual import language_of
from famiguida.multilingual import page_language
from famiguida.multilingual import url_in_language
from famiguida.opening_hours import OpeningHoursError
from famiguida.opening_hours import ROME
from famiguida.service_card import address_line
from famiguida.service_card import tel_href
from famiguida.territory import get_territory
from plone import api
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate
from zope.i18nmessageid import Message

import logging


logger = logging.getLogger("famiguida.browser")

# Scripts written right to left: their names get dir="rtl" in lists.
RTL_LANGUAGES = frozenset(("ar", "ur", "fa", "he", "ps"))


def osm_url(latitude: float, longitude: float, zoom: int = 17) -> str:
    """OpenStreetMap centred on a point, with a marker on it."""
    lat, lon = repr(round(latitude, 6)), repr(round(longitude, 6))
    return (
        f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map={zoom}/{lat}/{lon}"
    )


class DirectoryPage(BrowserView):
    """Base of the citizen pages of the directory."""

    macros = ViewPageTemplateFile("templates/directory_macros.pt")

    def now(self):
        """The moment "open now" refers to (aware, Europe/Rome).

        Tests replace it on the view or its class to freeze time.
        """
        return hours_display.now_rome()

    def today(self):
        return self.now().astimezone(ROME).date()

    def translate(self, message) -> str:
        """A Message in the visitor's language; other values as text."""
        if isinstance(message, Message):
            return translate(message, context=self.request)
        return str(message)

    def term_titles(self, vocabulary_name, tokens):
        """Titles of ``tokens`` in the vocabulary's order; unknown ones skipped."""
        vocabulary = api.portal.get_vocabulary(vocabulary_name)
        chosen = set(tokens or ())
        return [
            self.translate(term.title) for term in vocabulary if term.value in chosen
        ]

    def term_title(self, vocabulary_name, token):
        titles = self.term_titles(vocabulary_name, [token] if token else [])
        return titles[0] if titles else ""

    def can_view(self, obj) -> bool:
        return bool(getSecurityManager().checkPermission("View", obj))

    def municipality_title(self, municipality_id):
        return get_territory().municipality_titles.get(municipality_id, "")

    def contacts(self, obj=None):
        """Phone (with its ``tel:`` link), e-mail and website, or None."""
        obj = self.context if obj is None else obj
        phone = getattr(obj, "phone", None) or ""
        email = getattr(obj, "email", None) or ""
        website = getattr(obj, "website", None) or ""
        if not (phone or email or website):
            return None
        return {
            "phone": phone,
            "tel": tel_href(phone),
            "email": email,
            "website": website,
            "website_text": website.split("://", 1)[-1].rstrip("/"),
        }

    def address(self, location):
        """Street, postal code and town of a location on one line."""
        return address_line(
            location.street_address,
            location.postal_code,
            self.municipality_title(location.municipality),
        )

    def schedule(self, obj):
        """The parsed hours of ``obj``, None without hours.

        Stored hours were checked on save; should an old value no longer
        parse, the page shows no hours rather than an error.
        """
        try:
            return schedule_of(obj)
        except OpeningHoursError:
            logger.warning("Unreadable opening hours on %s", obj.absolute_url())
            return None

    def status(self, schedule):
        """``{"is_open", "text"}`` for now, or None without hours."""
        found = opening_status(schedule, self.now(), self.translate)
        if found is None:
            return None
        return {"is_open": found.is_open, "text": found.text}

    def hours_table(self, schedule, caption=""):
        """Rows of the weekly table and the exceptions of the next 30 days."""
        today = self.today()
        return {
            "caption": caption,
            "rows": [
                {
                    "name": row.name,
                    "spans": ", ".join(row.spans),
                    "closed": row.closed,
                    "today": row.weekday == today.weekday(),
                }
                for row in week_rows(schedule, self.translate)
            ],
            "has_weekly": bool(schedule.weekly),
            "exceptions": [
                {
                    "when": row.when,
                    "spans": ", ".join(row.spans),
                    "closed": row.closed,
                    "note": row.note,
                }
                for row in upcoming_exceptions(
                    schedule, today, translate=self.translate
                )
            ],
        }

    def date_text(self, day):
        """A date in the visitor's language, or "" for none."""
        return format_date(day, self.translate) if day else ""

    def published_services(self, **query):
        """Published services matching ``query`` that the visitor may see,
        in the context's language, alphabetical."""
        language = getattr(self.context, "Language", lambda: "")()
        if language:
            query["Language"] = language
        return api.content.find(
            portal_type="Service",
            review_state="published",
            sort_on="sortable_title",
            **query,
        )

    def url_here(self, obj) -> str:
        """Where ``obj`` is read in the language of this page: its translation,
        else its Italian fallback under this page's language root (so the
        links of a page shown in Italian under /ar stay in Arabic)."""
        language = page_language(self.context)
        if not language or language_of(obj) == language:
            return obj.absolute_url()
        return url_in_language(obj, language) or obj.absolute_url()

    def brain_url(self, brain) -> str:
        if not is_fallback(self.context):
            return brain.getURL()
        return self.url_here(brain.getObject())

    def service_items(self, brains):
        return [
            {
                "title": brain.Title,
                "url": self.brain_url(brain),
                "description": brain.Description,
                "suspended": brain.service_active is False,
            }
            for brain in brains
        ]

    def language_items(self, codes):
        """Languages by their own names, with ``lang`` and ``dir`` for markup."""
        vocabulary = api.portal.get_vocabulary("famiguida.languages_spoken")
        chosen = set(codes or ())
        return [
            {
                "code": term.value,
                "title": self.translate(term.title),
                "dir": "rtl" if term.value in RTL_LANGUAGES else "ltr",
            }
            for term in vocabulary
            if term.value in chosen
        ]
