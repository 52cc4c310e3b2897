"""Editors' translation dashboard (``@@stato-traduzioni``).

For every language other than Italian: the Italian items with no
translation yet (with a link that starts one: plone.app.multilingual's
``@@create_translation``) and the translations whose Italian source was
edited after the translation was last saved (with links to both), from
catalog metadata only: no object is loaded, so it stays quick with
thousands of services.  "Edited" is the stamp of the last change of
translated texts (``famiguida.multilingual.stamps``), not ``modified()``.
"""

from AccessControl import getSecurityManager
from AccessControl import Unauthorized
from famiguida.multilingual import available_languages
from famiguida.multilingual import direction
from famiguida.multilingual import native_name
from famiguida.multilingual import SOURCE_LANGUAGE
from famiguida.multilingual import translatable_types
from plone import api
from Products.Five import BrowserView
from urllib.parse import urlencode


# Entries listed per language and kind on the overview; ``?lingua=<code>``
# lists all of one language.
LIMIT = 50


class TranslationStatusView(BrowserView):
    def __call__(self):
        italian_root = api.portal.get().get(SOURCE_LANGUAGE)
        checked = italian_root if italian_root is not None else self.context
        if not getSecurityManager().checkPermission("Modify portal content", checked):
            raise Unauthorized("stato-traduzioni")
        self.italian_root = italian_root
        return self.index()

    def chosen(self):
        code = self.request.form.get("lingua")
        return code if code in self.languages_codes() else None

    def languages_codes(self):
        return [code for code in available_languages() if code != SOURCE_LANGUAGE]

    def limit(self):
        return None if self.chosen() else LIMIT

    def report(self):
        """One entry per language: counts, and the lists (cut at ``limit``)."""
        catalog = api.portal.get_tool("portal_catalog")
        types = translatable_types()
        sources = {}
        if self.italian_root is not None:
            for brain in catalog(
                portal_type=types,
                Language=SOURCE_LANGUAGE,
                path="/".join(self.italian_root.getPhysicalPath()),
                sort_on="sortable_title",
            ):
                if brain.TranslationGroup and brain.portal_type != "LRF":
                    sources[brain.TranslationGroup] = brain
        chosen = self.chosen()
        limit = self.limit()
        report = []
        for code in self.languages_codes():
            if chosen and code != chosen:
                continue
            translated = {}
            for brain in catalog(portal_type=types, Language=code):
                if brain.TranslationGroup in sources:
                    translated[brain.TranslationGroup] = brain
            missing = [
                self.missing_item(brain, code)
                for tg, brain in sources.items()
                if tg not in translated
            ]
            outdated = [
                self.outdated_item(sources[tg], brain, code)
                for tg, brain in translated.items()
                if _stamp(sources[tg]) > _stamp(brain)
            ]
            outdated.sort(key=lambda item: item["title"].lower())
            report.append(
                {
                    "code": code,
                    "name": native_name(code),
                    "dir": direction(code),
                    "total": len(sources),
                    "translated": len(translated),
                    "missing_count": len(missing),
                    "outdated_count": len(outdated),
                    "missing": missing[:limit] if limit else missing,
                    "outdated": outdated[:limit] if limit else outdated,
                    "more_url": (
                        f"{self.context.absolute_url()}/@@stato-traduzioni?"
                        + urlencode({"lingua": code})
                    ),
                }
            )
        return report

    def missing_item(self, brain, code):
        url = brain.getURL()
        return {
            "title": brain.Title or brain.getId,
            "type": brain.portal_type,
            "url": url,
            "translate_url": f"{url}/@@create_translation?"
            + urlencode({"language": code}),
        }

    def outdated_item(self, source, brain, code):
        url = brain.getURL()
        return {
            "title": brain.Title or brain.getId,
            "type": brain.portal_type,
            "url": url,
            "edit_url": f"{url}/edit",
            "source_title": source.Title,
            "source_url": source.getURL(),
            "source_edited": _when(_stamp(source)),
            "edited": _when(_stamp(brain)),
        }


def _stamp(brain) -> float:
    value = getattr(brain, "translation_stamp", None)
    return value if isinstance(value, float) else 0.0


def _when(stamp: float) -> str:
    from datetime import datetime
    from famiguida.opening_hours import ROME

    if not stamp:
        return ""
    return datetime.fromtimestamp(stamp, ROME).strftime("%d/%m/%Y %H:%M")
