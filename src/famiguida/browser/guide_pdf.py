"""The printable mini-guida: ``<language root>/guida/@@guida-pdf``.

``?district=crema&need=housing`` (both optional: no district covers the five
Ambiti, no need every need).  One section per district, each starting on a
new page; in it the services grouped by need, each with its essentials, a QR
code and the address of its page.

What it lists: published, active services that Anonymous may see, whoever
asks (an editor gets the public guide too, so one cached PDF serves all).  In
language X: the services translated into X and, marked "only in Italian" in
X, the Italian services that have no published X translation yet, so a
family's guide is complete.  A service with several needs is listed once per
district, under the first of its needs (the others are named under it).

Bad parameters answer with a 400 page in the visitor's language that links
back to the form; ``lang`` naming another language root redirects there.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.users import nobody
from contextlib import contextmanager
from famiguida import _
from famiguida import guide_pdf
from famiguida.browser.directory_page import DirectoryPage
from famiguida.browser.directory_page import RTL_LANGUAGES
from famiguida.content.service import related_objects
from famiguida.hours_display import week_summary
from famiguida.territory import get_territory
from famiguida.vocabularies.languages_spoken import LANGUAGES_SPOKEN
from pathlib import Path
from plone import api
from plone.base.interfaces import ILanguage
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate

import hashlib
import logging
import time


logger = logging.getLogger("famiguida.guide_pdf")

SOURCE_LANGUAGE = "it"
# Beyond this many entries the guide is refused: choose a district or a need.
MAX_ENTRIES = 1000
NATIVE_NAMES = dict(LANGUAGES_SPOKEN)
STYLESHEET = Path(__file__).parent / "static" / "guide-pdf.css"


@contextmanager
def as_anonymous():
    """Run the block with Anonymous's permissions (catalog and checks)."""
    previous = getSecurityManager()
    newSecurityManager(None, nobody)
    try:
        yield
    finally:
        setSecurityManager(previous)


def short_url(url: str) -> str:
    """The address as printed: without ``https://`` and ``www.``."""
    text = url.split("://", 1)[-1]
    return text[4:] if text.startswith("www.") else text


class GuideParameters:
    """``district``, ``need`` and ``lang`` of the request, checked."""

    def __init__(self, form, language):
        self.error = None
        self.redirect_language = None
        self.district = self._one(form, "district")
        self.need = self._one(form, "need")
        lang = self._one(form, "lang")
        if self.error:
            return
        territory = get_territory()
        if self.district and territory.district(self.district) is None:
            self.error = _(
                "guide_error_district",
                default="L'Ambito «${value}» non esiste: scegli un Ambito dall'elenco.",
                mapping={"value": self.district[:60]},
            )
            return
        needs = api.portal.get_vocabulary("famiguida.need_categories")
        if self.need and self.need not in needs.by_token:
            self.error = _(
                "guide_error_need",
                default="Il bisogno «${value}» non esiste: scegli un bisogno "
                "dall'elenco.",
                mapping={"value": self.need[:60]},
            )
            return
        if lang and lang != language:
            available = api.portal.get_registry_record(
                "plone.available_languages", default=[]
            )
            if lang in available:
                self.redirect_language = lang
            else:
                self.error = _(
                    "guide_error_language",
                    default="La lingua «${value}» non c'è: scegli una delle "
                    "lingue del sito.",
                    mapping={"value": lang[:20]},
                )

    def _one(self, form, name):
        value = form.get(name, "")
        if not isinstance(value, str):
            self.error = _(
                "guide_error_repeated",
                default="Scegli un solo valore per «${name}».",
                mapping={"name": name},
            )
            return ""
        return value.strip()

    def query(self):
        params = {}
        if self.district:
            params["district"] = self.district
        if self.need:
            params["need"] = self.need
        return params


class GuidePdfView(DirectoryPage):
    """``@@guida-pdf``: the guide of a language (and district, need) as PDF."""

    document = ViewPageTemplateFile("templates/guide_pdf.pt")
    error_page = ViewPageTemplateFile("templates/guide_pdf_error.pt")

    @property
    def root(self):
        return api.portal.get_navigation_root(self.context)

    @property
    def language(self):
        return ILanguage(self.root).get_language() or ""

    def __call__(self):
        language = self.language
        available = api.portal.get_registry_record(
            "plone.available_languages", default=[]
        )
        if language not in available:
            return self.error(
                _(
                    "guide_error_no_language",
                    default="La guida si scarica dalla pagina «Guida ai servizi» "
                    "di una lingua.",
                )
            )
        params = GuideParameters(self.request.form, language)
        if params.error:
            return self.error(params.error)
        if params.redirect_language:
            return self.redirect_to(params.redirect_language, params)
        self.params = params
        key = self.cache_key(language, params)
        started = time.perf_counter()
        try:
            pdf, pages, hit = guide_pdf.CACHE.get_or_build(key, self.build)
        except GuideTooLong as too_long:
            return self.error(
                _(
                    "guide_error_too_long",
                    default="La guida scelta ha ${count} servizi: è troppo "
                    "lunga da stampare. Scegli un Ambito o un bisogno.",
                    mapping={"count": too_long.count},
                )
            )
        elapsed = time.perf_counter() - started
        if not hit:
            logger.info(
                "Guide %s built in %.2f s: %d pages, %d bytes",
                self.filename(language, params),
                elapsed,
                pages,
                len(pdf),
            )
        response = self.request.response
        response.setHeader("Content-Type", "application/pdf")
        response.setHeader(
            "Content-Disposition",
            f'attachment; filename="{self.filename(language, params)}"',
        )
        response.setHeader("Content-Length", str(len(pdf)))
        response.setHeader("X-Famiguida-Guide", f"{'hit' if hit else 'miss'}")
        response.setHeader("X-Famiguida-Guide-Pages", str(pages))
        return pdf

    # -- answers other than the PDF ------------------------------------------

    def error(self, message):
        self.request.response.setStatus(400)
        self.message = self.translate(message)
        return self.error_page()

    def landing_url(self):
        return f"{self.root.absolute_url()}/guida"

    def redirect_to(self, language, params):
        target = api.portal.get().get(language)
        guida = target.get("guida") if target is not None else None
        if guida is None:
            return self.error(
                _(
                    "guide_error_language",
                    default="La lingua «${value}» non c'è: scegli una delle "
                    "lingue del sito.",
                    mapping={"value": language},
                )
            )
        query = "&".join(f"{k}={v}" for k, v in params.query().items())
        url = f"{guida.absolute_url()}/@@guida-pdf" + (f"?{query}" if query else "")
        self.request.response.redirect(url)
        return ""

    @staticmethod
    def filename(language, params):
        parts = ["guida", language, params.district or "tutti-gli-ambiti"]
        if params.need:
            parts.append(params.need)
        return "-".join(parts).replace("_", "-") + ".pdf"

    def cache_key(self, language, params):
        """Everything the PDF depends on besides the code."""
        catalog = api.portal.get_tool("portal_catalog")
        territory = api.portal.get_registry_record("famiguida.territory", default="")
        return (
            api.portal.get().absolute_url(),
            language,
            params.district,
            params.need,
            catalog.getCounter(),
            self.today().isoformat(),
            hashlib.sha256((territory or "").encode()).hexdigest(),
        )

    # -- the document -------------------------------------------------------

    def build(self):
        """The PDF and its page count (GuideTooLong beyond MAX_ENTRIES)."""
        html = self.render_html()
        return guide_pdf.render_pdf(html, base_url=self.root.absolute_url())

    def render_html(self):
        if not hasattr(self, "params"):
            self.params = GuideParameters(self.request.form, self.language)
        with as_anonymous():
            guide = self.guide()
        return self.document(guide=guide)

    def guide(self):
        """Everything the template prints, as plain dicts and strings."""
        language = self.language
        territory = get_territory()
        if self.params.district:
            districts = [territory.district(self.params.district)]
        else:
            districts = list(territory.districts)
        need_titles = {
            term.token: self.translate(term.title)
            for term in api.portal.get_vocabulary("famiguida.need_categories")
        }
        brains = self.find(language, [d.id for d in districts])
        self.locations_seen = {}
        services = {}
        sections = []
        total = 0
        for district in districts:
            groups = {}
            for brain, fallback in brains:
                if district.id not in (brain.served_districts or ()):
                    continue
                needs = [n for n in brain.need_categories or () if n in need_titles]
                first = self.params.need or (needs[0] if needs else None)
                if first is None:
                    continue
                groups.setdefault(first, []).append((brain, fallback))
            categories = []
            for token, title in need_titles.items():
                found = groups.get(token)
                if not found:
                    continue
                found.sort(key=lambda pair: (pair[1], pair[0].Title.casefold()))
                entries = []
                for brain, fallback in found:
                    uid = brain.UID
                    if uid not in services:
                        services[uid] = (brain, fallback)
                    entries.append(
                        {"uid": uid, "other_needs": self.other_needs(brain, token)}
                    )
                total += len(entries)
                categories.append(
                    {
                        "token": token,
                        "title": title,
                        "anchor": f"d-{district.id}-{token}",
                        "entries": entries,
                    }
                )
            sections.append(
                {
                    "id": district.id,
                    "title": district.title,
                    "anchor": f"d-{district.id}",
                    "categories": categories,
                    "count": sum(len(c["entries"]) for c in categories),
                }
            )
        if total > MAX_ENTRIES:
            raise GuideTooLong(total)
        details = {
            uid: self.essentials(brain.getObject(), fallback)
            for uid, (brain, fallback) in services.items()
        }
        for section in sections:
            for category in section["categories"]:
                for entry in category["entries"]:
                    entry.update(details[entry["uid"]])
        fallbacks = sum(1 for _brain, fallback in services.values() if fallback)
        return {
            "lang": language,
            "dir": "rtl" if language in RTL_LANGUAGES else "ltr",
            "language_name": NATIVE_NAMES.get(language, language),
            "site_title": api.portal.get().Title(),
            "title": self.translate(
                _("guide_title", default="Guida ai servizi per le famiglie")
            ),
            "scope": self.scope_text(sections, need_titles),
            "date": self.date_text(self.today()),
            "date_iso": self.today().isoformat(),
            "sections": sections,
            "total": total,
            "fallbacks": fallbacks,
            "only_italian": self.translate(
                _("guide_only_italian", default="Solo in italiano")
            ),
            "landing_url": short_url(f"{self.root.absolute_url()}/guida"),
            "stylesheet": STYLESHEET.read_text(encoding="utf-8"),
        }

    def find(self, language, district_ids):
        """(brain, is Italian fallback) of every service the guide lists."""
        catalog = api.portal.get_tool("portal_catalog")
        query = {
            "portal_type": "Service",
            "review_state": "published",
            "service_active": True,
            "served_districts": district_ids,
        }
        if self.params.need:
            query["need_categories"] = self.params.need
        own = catalog(
            path="/".join(self.root.getPhysicalPath()), Language=language, **query
        )
        found = [(brain, False) for brain in own]
        source = api.portal.get().get(SOURCE_LANGUAGE)
        if language == SOURCE_LANGUAGE or source is None:
            return found
        translated = {brain.TranslationGroup for brain in own}
        italian = catalog(
            path="/".join(source.getPhysicalPath()), Language=SOURCE_LANGUAGE, **query
        )
        found.extend(
            (brain, True)
            for brain in italian
            if not brain.TranslationGroup or brain.TranslationGroup not in translated
        )
        return found

    def other_needs(self, brain, listed):
        titles = self.term_titles(
            "famiguida.need_categories",
            [n for n in brain.need_categories or () if n != listed],
        )
        return ", ".join(titles)

    def scope_text(self, sections, need_titles):
        if self.params.district:
            where = sections[0]["title"]
        else:
            where = self.translate(_("guide_all_districts", default="Tutti gli Ambiti"))
        if self.params.need:
            return f"{where} · {need_titles[self.params.need]}"
        return where

    # -- one service --------------------------------------------------------

    def place(self, location):
        """A location as printed (memoised: many services share a place)."""
        uid = location.UID()
        if uid not in self.locations_seen:
            schedule = self.schedule(location)
            self.locations_seen[uid] = {
                "title": location.Title(),
                "address": self.address(location),
                "hours": week_summary(schedule, self.translate) if schedule else "",
                "phone": location.phone or "",
                "email": location.email or "",
            }
        return self.locations_seen[uid]

    def essentials(self, service, fallback):
        """What the guide prints of a service."""
        places = [
            self.place(location)
            for location in related_objects(service.locations)
            if self.can_view(location)
        ]
        own = self.schedule(service)
        hours = week_summary(own, self.translate) if own else ""
        phone = service.phone or next((p["phone"] for p in places if p["phone"]), "")
        email = service.email or next((p["email"] for p in places if p["email"]), "")
        cost = self.term_title("famiguida.costs", service.cost)
        if service.cost_details:
            cost = f"{cost}: {service.cost_details}" if cost else service.cost_details
        url = service.absolute_url()
        return {
            "title": service.Title(),
            "lang": SOURCE_LANGUAGE if fallback else self.language,
            "dir": "ltr" if fallback else None,
            "fallback": fallback,
            "summary": service.Description(),
            "target_groups": ", ".join(
                self.term_titles("famiguida.target_groups", service.target_groups)
            ),
            "how_to_access": _lines(service.how_to_access),
            "what_to_bring": _lines(service.what_to_bring),
            "cost": cost,
            "places": [
                {**place, "hours": "" if own else place["hours"]} for place in places
            ],
            "hours": hours,
            "phone": phone,
            "email": email,
            "url": url,
            "short_url": short_url(url),
            "qr": guide_pdf.qr_svg(url),
        }


class GuideTooLong(Exception):
    def __init__(self, count):
        super().__init__(count)
        self.count = count


class GuideForm(BrowserView):
    """The "download the guide" form shown on the directory landing page."""

    template = ViewPageTemplateFile("templates/guide_pdf_form.pt")

    def __call__(self):
        return self.template()

    def action(self):
        return f"{self.context.absolute_url()}/@@guida-pdf"

    def districts(self):
        return [{"token": d.id, "title": d.title} for d in get_territory().districts]

    def needs(self):
        return [
            {"token": term.token, "title": translate(term.title, context=self.request)}
            for term in api.portal.get_vocabulary("famiguida.need_categories")
        ]


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
