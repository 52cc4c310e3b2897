"""Citizen pages of the directory: the landing by need and the search.

Both are plain GET pages: every filter is a link or a form field, so they
work without JavaScript and their URLs can be shared.
"""

from dataclasses import dataclass
from famiguida import _
from famiguida.directory_search import Criteria
from famiguida.directory_search import DirectorySearch
from famiguida.directory_search import FACETS
from famiguida.multilingual import language_of
from famiguida.multilingual import SOURCE_LANGUAGE
from html import escape
from plone import api
from plone.app.multilingual.interfaces import ILanguageRootFolder
from plone.memoize.view import memoize
from Products.Five import BrowserView
from urllib.parse import urlencode
from zope.i18n import translate


BATCH_SIZE = 20

# Bootstrap icon of each need category (served by Plone itself).
CATEGORY_ICONS = {
    "housing": "house-door",
    "work": "briefcase",
    "health": "heart-pulse",
    "school": "mortarboard",
    "language": "translate",
    "documents": "file-earmark-text",
    "family": "people",
    "social": "life-preserver",
    "mediation": "chat-left-text",
    "youth": "person-arms-up",
}

FACET_LABELS = {
    "need": _("facet_need", default="Di cosa hai bisogno"),
    "group": _("facet_group", default="Per chi"),
    "town": _("facet_town", default="Comune"),
    "lang": _("facet_lang", default="Lingua parlata"),
}


@dataclass
class ResultPage:
    """One page of sorted results (the search sorts only what it shows)."""

    brains: list
    total: int
    start: int

    def __iter__(self):
        return iter(self.brains)

    @property
    def pagenumber(self):
        return self.start // BATCH_SIZE + 1

    @property
    def numpages(self):
        return max(-(-self.total // BATCH_SIZE), 1)

    @property
    def multiple_pages(self):
        return self.numpages > 1

    @property
    def has_previous(self):
        return self.start > 0

    @property
    def has_next(self):
        return self.start + BATCH_SIZE < self.total


class DirectoryMixin:
    """What both pages need: the language root and the search URL."""

    @property
    def root(self):
        return api.portal.get_navigation_root(self.context)

    @property
    def source_root(self):
        """The Italian root when the visitor's root is another language's:
        its untranslated services are listed too, marked, in Italian."""
        root = self.root
        if not ILanguageRootFolder.providedBy(root):
            return None
        if language_of(root) == SOURCE_LANGUAGE:
            return None
        return api.portal.get().get(SOURCE_LANGUAGE)

    def search(self, criteria):
        return DirectorySearch(self.root, criteria, fallback_root=self.source_root)

    def search_url(self, **params):
        base = f"{self.root.absolute_url()}/guida/@@cerca"
        query = urlencode(params, doseq=True)
        return f"{base}?{query}" if query else base

    def icon(self, token):
        icons = self.context.restrictedTraverse("@@iconresolver")
        return icons.tag(CATEGORY_ICONS.get(token, "signpost"), tag_alt="")


class DirectoryLanding(DirectoryMixin, BrowserView):
    """The directory's front page: one large tile per need, with its count."""

    def can_edit(self):
        """Editors get links to the stale list, export and import."""
        return api.user.has_permission("Modify portal content", obj=self.context)

    def categories(self):
        counts = self.search(Criteria()).facet_counts()["need"]
        vocabulary = api.portal.get_vocabulary("famiguida.need_categories")
        return [
            {
                "token": term.token,
                "title": translate(term.title, context=self.request),
                "count": counts.get(term.token, 0),
                "url": self.search_url(need=term.token),
                "icon": self.icon(term.token),
            }
            for term in vocabulary
        ]


class DirectorySearchView(DirectoryMixin, BrowserView):
    """``@@cerca``: free text and facets, with counts, batched results."""

    def update(self):
        self.criteria = Criteria.from_form(self.request.form)
        self.result = self.search(self.criteria).run(
            b_start=self.start(), b_size=BATCH_SIZE
        )
        if self.criteria.ignored:
            api.portal.show_message(
                _(
                    "msg_filters_ignored",
                    default="Alcuni filtri non validi sono stati ignorati.",
                ),
                request=self.request,
                type="warning",
            )

    def __call__(self):
        self.update()
        return self.index()

    def filters_active(self):
        """True when a filter other than text and town is chosen."""
        chosen = self.criteria.facets
        others = any(values for param, values in chosen.items() if param != "town")
        return others or self.criteria.free or self.criteria.open_now

    def results_heading(self):
        total = self.result.total
        if total == 1:
            return _("heading_one_result", default="1 servizio trovato")
        return _(
            "heading_results_count",
            default="${count} servizi trovati",
            mapping={"count": total},
        )

    def start(self):
        """The first result of the page asked for (bad values: the first page)."""
        try:
            return max(int(self.request.form.get("b_start", 0) or 0), 0)
        except (TypeError, ValueError):
            return 0

    def entries(self):
        """The page of results as the template shows them.  An Italian
        service shown in another language is linked under the visitor's
        root (the fallback page, with its note) and marked."""
        source = self.source_root
        source_path = "/".join(source.getPhysicalPath()) + "/" if source else None
        root_url = self.root.absolute_url()
        entries = []
        for brain in self.result.brains:
            path = brain.getPath()
            fallback = bool(source_path) and path.startswith(source_path)
            entries.append(
                {
                    "url": (
                        f"{root_url}/{path[len(source_path) :]}"
                        if fallback
                        else brain.getURL()
                    ),
                    "title": brain.Title,
                    "description": brain.Description,
                    "categories": ", ".join(
                        self.category_titles(brain.need_categories)
                    ),
                    "provider": brain.provider_title,
                    "free": brain.cost == "free",
                    "fallback": fallback,
                }
            )
        return entries

    def batch(self):
        """The page of results with what the page links need."""
        return ResultPage(self.result.brains, self.result.total, self.result.start)

    def page_url(self, page_index):
        """URL of the results page ``page_index`` (0-based), criteria kept."""
        return self.search_url(b_start=page_index * BATCH_SIZE, **self.current_params())

    def current_params(self):
        """The request's criteria as URL parameters."""
        params = {}
        if self.criteria.text:
            params["q"] = self.criteria.text
        for param, values in self.criteria.facets.items():
            if values:
                params[param] = list(values)
        if self.criteria.free:
            params["free"] = "1"
        if self.criteria.open_now:
            params["open"] = "1"
        return params

    @memoize
    def facets(self):
        """The checkbox facets with their options: title, count, selected.

        The municipality is a select of its own (``town_options``).  An option
        is listed when it has results or is chosen.
        """
        facets = []
        for param, (_index, vocabulary_name, several) in FACETS.items():
            if not several:
                continue
            vocabulary = api.portal.get_vocabulary(vocabulary_name)
            counts = self.result.counts.get(param, {})
            chosen = self.criteria.facets.get(param, ())
            options = []
            for term in vocabulary:
                selected = term.token in chosen
                count = counts.get(term.token, 0)
                if not count and not selected:
                    continue
                options.append(
                    {
                        "token": term.token,
                        "title": translate(term.title, context=self.request),
                        "count": count,
                        "selected": selected,
                    }
                )
            facets.append(
                {
                    "param": param,
                    "label": FACET_LABELS[param],
                    "options": options,
                }
            )
        return facets

    def towns(self):
        """All municipalities for the select, with the visitor's choice marked."""
        chosen = self.criteria.facets.get("town", ())
        counts = self.result.counts.get("town", {})
        return [
            {
                "token": term.token,
                "title": term.title,
                "count": counts.get(term.token, 0),
                "selected": term.token in chosen,
            }
            for term in api.portal.get_vocabulary("famiguida.municipalities")
        ]

    @memoize
    def need_titles(self):
        """Need category titles in the visitor's language, by token."""
        vocabulary = api.portal.get_vocabulary("famiguida.need_categories")
        return {
            term.token: translate(term.title, context=self.request)
            for term in vocabulary
        }

    def town_options(self):
        """The <option>s of the municipality select, as escaped markup.

        184 options with a count each: built here in one pass, because as
        template expressions they were the larger part of the page's time.
        """
        options = []
        for town in self.towns():
            selected = " selected" if town["selected"] else ""
            options.append(
                f'<option value="{escape(town["token"])}"{selected}>'
                f"{escape(town['title'])} ({town['count']})</option>"
            )
        return "\n".join(options)

    def category_titles(self, tokens):
        titles = self.need_titles()
        return [titles[token] for token in tokens or () if token in titles]
