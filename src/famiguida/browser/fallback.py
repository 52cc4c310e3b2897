"""Italian when a page is not translated yet, under the visitor's language.

``/Plone/ar/guida/servizi/<id>`` with no Arabic translation of the service
serves the Italian service there (200, never a 404), with a note in Arabic
above it.  The traversal works level by level for any translatable
container: a name missing under a folder of language X is looked up in the
Italian version of that folder (its translation, or the folder with the
same path under the Italian root), and the Italian item found is placed
under the X folder.  So the page keeps X's root (navigation, header,
language negotiation: Plone takes the interface language from the last
item of the URL that exists in X), and everything below it falls back too.

If the Italian item has an X translation elsewhere, the visitor is sent
there.  The visitor never sees more than in Italian: the item must be
visible to them at its Italian place.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from famiguida import _
from famiguida.interfaces import IFamiguidaLayer
from famiguida.multilingual import can_view
from famiguida.multilingual import direction
from famiguida.multilingual import is_fallback
from famiguida.multilingual import language_of
from famiguida.multilingual import language_root
from famiguida.multilingual import native_name
from famiguida.multilingual import page_language
from famiguida.multilingual import SOURCE_LANGUAGE
from famiguida.multilingual import translation
from plone.app.layout.viewlets.common import ViewletBase
from plone.app.multilingual.interfaces import ILanguageRootFolder
from plone.app.multilingual.interfaces import ITranslatable
from plone.app.uuid.utils import uuidToObject
from plone.dexterity.browser.traversal import DexterityPublishTraverse
from plone.dexterity.interfaces import IDexterityContainer
from plone.uuid.interfaces import IUUID
from Products.CMFCore.interfaces import IContentish
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import quote
from zExceptions import NotFound
from zExceptions import Redirect
from zope.component import adapter
from zope.i18n import translate


@adapter(IDexterityContainer, IFamiguidaLayer)
class FallbackTraverse(DexterityPublishTraverse):
    """Publishing traversal with the Italian fallback (see the module)."""

    def publishTraverse(self, request, name):
        try:
            found = super().publishTraverse(request, name)
        except (KeyError, AttributeError, NotFound):
            fallback = self.fallback(request, name)
            if fallback is None:
                raise
            return fallback
        if _acquired(found, self.context):
            # Found higher up, not in this folder: the Italian child wins.
            fallback = self.fallback(request, name)
            if fallback is not None:
                return fallback
        return found

    def fallback(self, request, name):
        context = aq_inner(self.context)
        language = page_language(context)
        if not language or language == SOURCE_LANGUAGE:
            return None
        if language_of(context) != language:
            return None  # already inside Italian content: nothing to add
        italian_folder = italian_counterpart(context)
        if italian_folder is None:
            return None
        child = italian_folder._getOb(name, None)
        if child is None or not ITranslatable.providedBy(child) or not can_view(child):
            return None
        translated = translation(child, language)
        if translated is not None:
            raise Redirect(_same_request_at(request, translated.absolute_url()))
        request.response.setStatus(200)
        return aq_base(child).__of__(context)


def _acquired(found, context) -> bool:
    if not IContentish.providedBy(found):
        return False
    return aq_parent(aq_inner(found)) is not aq_inner(context)


def italian_counterpart(folder):
    """The Italian version of a folder of another language, or None: its
    translation, else the Italian folder at the same path."""
    found = translation(folder, SOURCE_LANGUAGE)
    if found is not None:
        return found
    root = language_root(folder)
    if root is None:
        return None
    italian_root = translation(root, SOURCE_LANGUAGE)
    if italian_root is None:
        portal = aq_parent(aq_inner(root))
        italian_root = portal._getOb(SOURCE_LANGUAGE, None)
    if italian_root is None or not ILanguageRootFolder.providedBy(italian_root):
        return None
    relative = folder.getPhysicalPath()[len(root.getPhysicalPath()) :]
    item = italian_root
    for name in relative:
        item = item._getOb(name, None)
        if item is None:
            return None
    return item


def _same_request_at(request, url):
    """``url`` followed by the rest of the requested path and its query."""
    rest = list(reversed(request.get("TraversalRequestNameStack") or []))
    if rest:
        url = "/".join([url, *(quote(part) for part in rest)])
    query = request.get("QUERY_STRING")
    return f"{url}?{query}" if query else url


class FallbackNoteViewlet(ViewletBase):
    """Above the content: "this page is not yet in your language", in the
    page's language, with a link to the Italian original."""

    index = ViewPageTemplateFile("templates/fallback_note.pt")

    def update(self):
        super().update()
        self.available = is_fallback(self.context)
        if not self.available:
            return
        self.language = page_language(self.context)
        self.dir = direction(self.language)
        self.source_language = language_of(self.context)
        # The Italian item at its own place (the context is wrapped under
        # the visitor's language root).
        real = uuidToObject(IUUID(self.context))
        self.source_url = (real or self.context).absolute_url()
        self.message = translate(
            _(
                "msg_fallback_note",
                default=(
                    "Questa pagina non è ancora disponibile in ${language}; "
                    "ecco la versione in italiano"
                ),
                mapping={"language": native_name(self.language)},
            ),
            target_language=self.language,
            context=self.request,
        )
        self.link_text = translate(
            _("label_fallback_original", default="Pagina originale in italiano"),
            target_language=self.language,
            context=self.request,
        )

    def render(self):
        if not self.available:
            return ""
        return self.index()


class ContentLanguageView(BrowserView):
    """Plone's ``@@title`` and ``@@description`` with the language of the
    content marked when it differs from the page's (Italian shown as a
    fallback under /ar: screen readers switch voice, the text runs ltr)."""

    def content_lang(self):
        if not is_fallback(self.context):
            return None
        return language_of(self.context)

    def content_dir(self):
        lang = self.content_lang()
        return direction(lang) if lang else None
