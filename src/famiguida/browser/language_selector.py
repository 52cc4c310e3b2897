"""The language switcher: plain links, native names, never a dead end.

For each offered language the link leads to the translation of the current
page when there is one, else to the page's fallback address under that
language's root (the Italian version with a note, ``fallback.py``).  The
view and query of the current address are kept (a search stays a search).
Plain links: no JavaScript and no redirect through ``@@multilingual-selector``.
"""

from famiguida.multilingual import available_languages
from famiguida.multilingual import direction
from famiguida.multilingual import native_name
from famiguida.multilingual import page_language
from famiguida.multilingual import TranslationLookup
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.app.multilingual.browser.selector import getPostPath
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class LanguageSelectorViewlet(ViewletBase):
    index = ViewPageTemplateFile("templates/language_selector.pt")

    def update(self):
        super().update()
        self.current = page_language(self.context)
        self.lookup = TranslationLookup()

    def target(self, language):
        """Where the switcher leads in ``language`` from this page."""
        url = self.lookup.url_in_language(self.context, language)
        if url is None:
            root = api.portal.get().get(language)
            return root.absolute_url() if root is not None else None
        post_path = getPostPath(self.context, self.request)
        if post_path:
            url += post_path
        query = self.request.get("QUERY_STRING")
        if query and self.request.get("REQUEST_METHOD", "GET") == "GET":
            url += "?" + query
        return url

    def languages(self):
        items = []
        for code in available_languages():
            url = self.target(code)
            if url is None:
                continue
            items.append(
                {
                    "code": code,
                    "name": native_name(code),
                    "url": url,
                    "dir": direction(code),
                    "current": code == self.current,
                }
            )
        return items
