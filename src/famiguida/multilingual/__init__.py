"""Languages of the portal: names, direction, translations and fallbacks.

Italian is the source language: every other language root holds
translations of Italian items (plone.app.multilingual, same ids).  What is
not translated yet into a language is served from Italian under that
language's root (``famiguida.browser.fallback``), so every Italian path has
a counterpart in every language.
"""

from AccessControl import getSecurityManager
from Acquisition import aq_chain
from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from plone.app.multilingual.interfaces import ILanguageRootFolder
from plone.app.multilingual.interfaces import ITranslatable
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces import ILanguage


SOURCE_LANGUAGE = "it"

# Scripts written right to left (plone.app.layout's list lacks Urdu).
RTL_LANGUAGES = frozenset(("ar", "ur", "fa", "he", "ps"))

# Each language by its own name, as its readers look for it.
NATIVE_NAMES = {
    "it": "Italiano",
    "en": "English",
    "fr": "Français",
    "ar": "العربية",
    "es": "Español",
    "ro": "Română",
    "sq": "Shqip",
    "uk": "Українська",
    "zh": "中文",
    "pa": "ਪੰਜਾਬੀ",
    "ur": "اردو",
}

# Types that are translatable but are not pages of their own: no entry in
# the translation dashboard.
NOT_PAGES = frozenset(("LRF", "LIF", "Image", "File", "Plone Site"))


def is_rtl(language: str | None) -> bool:
    return bool(language) and language.split("-")[0] in RTL_LANGUAGES


def direction(language: str | None) -> str:
    return "rtl" if is_rtl(language) else "ltr"


def native_name(language: str) -> str:
    """The language's name in the language itself."""
    if language in NATIVE_NAMES:
        return NATIVE_NAMES[language]
    from plone.i18n.locales.interfaces import IContentLanguageAvailability
    from zope.component import getUtility

    info = getUtility(IContentLanguageAvailability).getLanguages(True).get(language)
    if not info:
        return language
    return info.get("native") or info.get("name") or language


def available_languages() -> list[str]:
    """The offered languages, in the order of the registry (the switcher's)."""
    return list(api.portal.get_registry_record("plone.available_languages"))


def language_of(obj) -> str:
    """The content language of ``obj`` ("" for language-neutral content)."""
    adapted = ILanguage(obj, None)
    return (adapted.get_language() if adapted is not None else "") or ""


def language_root(context):
    """The language root folder ``context`` is reached through, or None.

    Walks the acquisition chain, not the physical path: Italian content
    served under ``/Plone/ar`` as a fallback has the Arabic root here.
    """
    for item in aq_chain(aq_inner(context)):
        if ILanguageRootFolder.providedBy(item):
            return item
    return None


def page_language(context) -> str:
    """The language of the page ``context`` is shown in (its root's)."""
    root = language_root(context)
    if root is None:
        return language_of(context)
    return language_of(root) or root.getId()


def is_fallback(context) -> bool:
    """``context`` is shown under a language root that is not its own."""
    own = language_of(context)
    page = page_language(context)
    return bool(own) and bool(page) and own != page


def real_object(obj):
    """``obj`` at its own place: an item served as a fallback under another
    language root is wrapped in that root (see ``is_fallback``)."""
    if not is_fallback(obj):
        return obj
    from plone.app.uuid.utils import uuidToObject
    from plone.uuid.interfaces import IUUID

    return uuidToObject(IUUID(obj)) or obj


def can_view(obj) -> bool:
    return bool(getSecurityManager().checkPermission("View", obj))


class TranslationLookup:
    """Translations of items by language: one catalog query per translation
    group, however many languages are asked (the language switcher asks for
    all eleven, and for the parents of an untranslated page)."""

    def __init__(self):
        self.catalog = api.portal.get_tool("portal_catalog")
        self._groups = {}

    def _group(self, obj):
        group = ITranslationManager(obj).tg
        found = self._groups.get(group)
        if found is None:
            found = {}
            for brain in self.catalog.unrestrictedSearchResults(TranslationGroup=group):
                found.setdefault(brain.Language, []).append(brain)
            self._groups[group] = found
        return found

    def translation(self, obj, language: str):
        """The translation of ``obj`` into ``language`` the user may see."""
        if not ITranslatable.providedBy(obj):
            return None
        if language_of(obj) == language:
            return obj
        brains = self._group(obj).get(language, ())
        if len(brains) != 1:
            return None
        found = brains[0]._unrestrictedGetObject()
        return found if can_view(found) else None

    def url_in_language(self, obj, language: str) -> str | None:
        """Where ``obj`` is read in ``language``.

        Its translation when there is one; otherwise the fallback address
        under the language's root: the nearest translated ancestor of the
        Italian item, followed by the Italian ids from there down (what the
        fallback traversal resolves).  None when ``obj`` has no Italian
        version either.
        """
        obj = real_object(obj)
        found = self.translation(obj, language)
        if found is not None:
            return found.absolute_url()
        source = self.translation(obj, SOURCE_LANGUAGE)
        if source is None:
            return None
        ids = []
        item = source
        while item is not None:
            if ILanguageRootFolder.providedBy(item):
                root = _root_for(item, language)
                if root is None:
                    return None
                return "/".join([root.absolute_url(), *reversed(ids)])
            counterpart = (
                self.translation(item, language) if item is not source else None
            )
            if counterpart is not None:
                return "/".join([counterpart.absolute_url(), *reversed(ids)])
            ids.append(item.getId())
            item = aq_parent(aq_inner(item))
        return None


def translation(obj, language: str):
    """The translation of ``obj`` into ``language`` the user may see, or None."""
    return TranslationLookup().translation(obj, language)


def source_of(obj):
    """The Italian item ``obj`` translates (``obj`` itself when Italian)."""
    return translation(obj, SOURCE_LANGUAGE)


def url_in_language(obj, language: str) -> str | None:
    """Where ``obj`` is read in ``language`` (see ``TranslationLookup``)."""
    return TranslationLookup().url_in_language(obj, language)


def _root_for(italian_root, language):
    if language_of(italian_root) == language:
        return italian_root
    portal = api.portal.get()
    root = portal.get(language)
    if root is not None and ILanguageRootFolder.providedBy(root):
        return root
    return None


def translatable_types() -> list[str]:
    """Portal types whose items are translated (the ``plone.translatable``
    behavior), pages only: what the translation dashboard counts.

    A type added later (FAQ items, seminars, forms) is included as soon as
    its FTI lists the behavior.
    """
    types_tool = api.portal.get_tool("portal_types")
    names = []
    for fti in types_tool.listTypeInfo():
        behaviors = getattr(fti, "behaviors", None) or ()
        if fti.getId() in NOT_PAGES:
            continue
        if "plone.translatable" in behaviors or (
            "plone.app.multilingual.dx.interfaces.IDexterityTranslatable" in behaviors
        ):
            names.append(fti.getId())
    return sorted(names)
