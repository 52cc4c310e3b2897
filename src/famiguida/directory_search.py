"""The directory search: free text plus facets, with counts, from the catalog.

Criteria come from a plain GET form (so the URL is shareable and the page
works without JavaScript).  Within a facet the chosen values are alternatives
(OR); across facets they all apply (AND).  Each facet's counts are those of
the results filtered by every *other* facet, so a visitor sees how many
services a click would give.  Counts intersect catalog result sets with the
facet indexes' posting lists: no object and no brain is loaded to count.
"""

from BTrees.IIBTree import difference
from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import multiunion
from BTrees.IIBTree import union
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from famiguida.indexers.directory import SLOT_MINUTES
from famiguida.opening_hours import token_for
from famiguida.territory import get_territory
from functools import reduce
from plone import api
from plone.base.utils import munge_search_term
from zoneinfo import ZoneInfo

import heapq
import threading


ROME = ZoneInfo("Europe/Rome")
MAX_TEXT = 200

# request parameter -> (catalog index, vocabulary, several values allowed)
FACETS = {
    "need": ("need_categories", "famiguida.need_categories", True),
    "group": ("target_groups", "famiguida.target_groups", True),
    "town": ("served_municipalities", "famiguida.municipalities", False),
    "lang": ("languages_spoken", "famiguida.languages_spoken", True),
}


@dataclass
class Criteria:
    """What the visitor asked for, checked against the vocabularies."""

    text: str = ""
    facets: dict = field(default_factory=dict)  # parameter -> tuple of tokens
    free: bool = False
    open_now: bool = False
    ignored: list = field(default_factory=list)  # (parameter, value) dropped

    @classmethod
    def from_form(cls, form):
        """Read a request form; unknown values are dropped and remembered."""
        criteria = cls()
        text = form.get("q", "")
        if not isinstance(text, str):  # ?q=a&q=b: keep the first
            text = next(iter(text), "") if text else ""
        criteria.text = " ".join(str(text).split())[:MAX_TEXT]
        for param, (_index, vocabulary_name, several) in FACETS.items():
            raw = form.get(param, ())
            values = [raw] if isinstance(raw, str) else list(raw)
            vocabulary = api.portal.get_vocabulary(vocabulary_name)
            known = []
            for value in values:
                if value in vocabulary.by_token and value not in known:
                    known.append(value)
                elif value:
                    criteria.ignored.append((param, value))
            criteria.facets[param] = tuple(known if several else known[:1])
        criteria.free = form.get("free") in ("1", "on", "true")
        criteria.open_now = form.get("open") in ("1", "on", "true")
        return criteria

    @property
    def empty(self):
        has_facet = any(self.facets.values())
        return not (self.text or has_facet or self.free or self.open_now)


def result_ids(results):
    """Catalog record ids of a lazy catalog result, without loading brains."""
    seq = getattr(results, "_seq", None)
    if seq is None:  # not a single lazy map: fall back to the brains
        return IISet(brain.getRID() for brain in results)
    if seq and isinstance(seq[0], tuple):
        # scored (full-text) results hold (score, rid) pairs
        return IISet([rid for _score, rid in seq])
    return IISet(seq)  # plain record ids: built in C


def as_set(postings):
    """A posting list as a set (a field or keyword index may store one int)."""
    if postings is None:
        return IISet()
    return IISet([postings]) if isinstance(postings, int) else postings


@dataclass(frozen=True)
class MunicipalitySplit:
    """The ``served_municipalities`` postings split by district.

    A district-wide service is indexed under every municipality of its
    district, so each municipality's posting list repeats the district's
    whole set (hundreds of entries for 48 municipalities).  Split once: the
    services serving a whole district (``wide``), and per municipality only
    the few that serve it alone (``own``).  Counting a municipality is then
    one shared intersection per district plus a handful of look-ups, instead
    of 184 intersections of long lists.
    """

    wide: dict  # district id -> IISet of services serving all of it
    own: dict  # municipality id -> (district id or None, tuple of rids)

    @classmethod
    def build(cls, index, territory):
        wide = {}
        own = {}
        in_territory = set()
        for district in territory.districts:
            postings = [as_set(index.get(mid)) for mid in district.municipalities]
            common = reduce(intersection, postings) if postings else IISet()
            wide[district.id] = common
            for mid, found in zip(district.municipalities, postings, strict=True):
                own[mid] = (district.id, tuple(difference(found, common)))
                in_territory.add(mid)
        # values indexed before a municipality left the territory
        for mid, found in index.items():
            if mid not in in_territory:
                own[mid] = (None, tuple(as_set(found)))
        return cls(wide, own)


# catalog path -> (catalog counter, territory, split): rebuilt after any
# catalog change, shared by the threads of the process (read only).
_SPLITS = {}
_SPLITS_LOCK = threading.Lock()


def municipality_split(catalog):
    territory = get_territory()
    path = "/".join(catalog.getPhysicalPath())
    counter = catalog.getCounter()
    cached = _SPLITS.get(path)
    if cached and cached[0] == counter and cached[1] is territory.districts:
        return cached[2]
    index = catalog._catalog.getIndex("served_municipalities")._index
    split = MunicipalitySplit.build(index, territory)
    with _SPLITS_LOCK:
        _SPLITS[path] = (counter, territory.districts, split)
    return split


class DirectorySearch:
    """Search the services below ``root`` (a language root folder).

    One catalog query gives the base set (type, path, active, words, and the
    visitor's permissions); each chosen filter is a set read from its index's
    posting lists; results and every count are intersections of those sets.
    The ordered page of results is one more catalog query.
    """

    def __init__(
        self,
        root,
        criteria: Criteria,
        now: datetime | None = None,
        fallback_root=None,
    ):
        """``fallback_root``: the Italian root, when ``root`` is another
        language's: its services without a translation under ``root`` are
        found too (the visitor reads them in Italian)."""
        self.root = root
        self.criteria = criteria
        self.now = (now or datetime.now(ROME)).astimezone(ROME)
        self.catalog = api.portal.get_tool("portal_catalog")
        self.fallback_root = fallback_root

    def base_query(self, root=None):
        """What every result must match, before the filters."""
        query = {
            "portal_type": "Service",
            "path": "/".join((root or self.root).getPhysicalPath()),
            "service_active": True,
        }
        if self.criteria.text:
            query["SearchableText"] = munge_search_term(self.criteria.text)
        return query

    def base_ids(self):
        """Services below the root matching type, state, words and the
        visitor's permissions; plus, with a fallback root, its services whose
        translation group has no such service below the root."""
        ids = result_ids(self.catalog(**self.base_query()))
        if self.fallback_root is None:
            return ids
        source = result_ids(self.catalog(**self.base_query(self.fallback_root)))
        index = self.catalog._catalog.getIndex("TranslationGroup")
        group_of = index._unindex
        groups = {group_of.get(rid) for rid in ids}
        groups.discard(None)
        translated = self.postings("TranslationGroup", groups)
        return union(ids, difference(source, translated))

    def postings(self, index_name, values):
        """Record ids carrying any of ``values`` in a field or keyword index.

        Reads the index's inverted lists directly (ZCatalog has no public
        call for a bare set); the result is always intersected with the
        secured base set before anyone sees it.
        """
        index = self.catalog._catalog.getIndex(index_name)._index
        sets = []
        for value in values:
            found = index.get(value)
            if found is not None:
                sets.append(IISet([found]) if isinstance(found, int) else found)
        return multiunion(sets) if sets else IISet()

    def open_now_ids(self):
        """Services open at ``self.now``: the weekly bucket unless today has
        its own hours, else today's dated bucket (see indexers.directory)."""
        weekly_token = token_for(self.now, step=SLOT_MINUTES)
        today = self.now.date().isoformat()
        dated_token = f"{today}-{weekly_token.rpartition('-')[2]}"
        weekly = difference(
            self.postings("open_slots", [weekly_token]),
            self.postings("hours_exception_days", [today]),
        )
        return union(weekly, self.postings("open_slots", [dated_token]))

    def filter_sets(self):
        """Each chosen filter's set: facet parameter, "free" or "open" -> ids."""
        sets = {}
        for param, (index, _vocabulary, _several) in FACETS.items():
            values = self.criteria.facets.get(param)
            if values:
                sets[param] = self.postings(index, values)
        if self.criteria.free:
            sets["free"] = self.postings("cost", ["free"])
        if self.criteria.open_now:
            sets["open"] = self.open_now_ids()
        return sets

    @staticmethod
    def combine(base, sets, skip=None):
        ids = base
        for name, found in sets.items():
            if name != skip:
                ids = intersection(ids, found)
        return ids

    def run(self, b_start=0, b_size=None):
        """Results in title order (only ``b_size`` of them from ``b_start``,
        or all) plus facet counts; returns a SearchResult."""
        base = self.base_ids()
        sets = self.filter_sets()
        ids = self.combine(base, sets)
        brains = self.sorted_brains(ids, b_start, b_size)
        counts = self._counts(base, sets, ids)
        return SearchResult(brains=brains, total=len(ids), counts=counts, start=b_start)

    def sorted_brains(self, ids, b_start=0, b_size=None):
        """Brains of ``ids`` in title order: only the asked page is sorted
        out (a partial heap), so a page of 20 costs the same with 10,000."""
        keys = self.catalog._catalog.getIndex("sortable_title").documentToKeyMap()

        def key(rid):
            return keys.get(rid, ""), rid

        if b_size is None:
            page = sorted(ids, key=key)[b_start:]
        else:
            page = heapq.nsmallest(b_start + b_size, ids, key=key)[b_start:]
        return [self.catalog._catalog[rid] for rid in page]

    def facet_counts(self):
        """Only the counts (the landing page's tiles): no sorting, no brains."""
        base = self.base_ids()
        sets = self.filter_sets()
        return self._counts(base, sets, self.combine(base, sets))

    def _counts(self, base, sets, ids):
        """Per facet: counts over the results of every *other* filter."""
        counts = {}
        for param, (index, _vocabulary, _several) in FACETS.items():
            pool = self.combine(base, sets, skip=param)
            counts[param] = self._count(index, pool)
        free_pool = self.combine(base, sets, skip="free")
        counts["free"] = len(intersection(free_pool, self.postings("cost", ["free"])))
        open_pool = self.combine(base, sets, skip="open")
        open_ids = sets["open"] if "open" in sets else self.open_now_ids()
        counts["open"] = len(intersection(open_pool, open_ids))
        return counts

    def _count(self, index_name, ids):
        """How many of ``ids`` carry each value of the index."""
        if index_name == "served_municipalities":
            return self._count_municipalities(ids)
        index = self.catalog._catalog.getIndex(index_name)
        counts = {}
        for value, postings in index._index.items():
            if isinstance(postings, int):
                postings = IISet([postings])
            found = len(intersection(postings, ids))
            if found:
                counts[value] = found
        return counts

    def _count_municipalities(self, ids):
        """Per municipality: its district's wide services plus its own."""
        split = municipality_split(self.catalog)
        wide = {
            district: len(intersection(found, ids))
            for district, found in split.wide.items()
        }
        members = set(ids)
        counts = {}
        for mid, (district, own) in split.own.items():
            found = wide.get(district, 0) + len(members.intersection(own))
            if found:
                counts[mid] = found
        return counts


@dataclass
class SearchResult:
    brains: list  # the asked page, in title order
    total: int
    counts: dict
    start: int = 0
