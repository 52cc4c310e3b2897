"""Count desk items per month and per dimension, from the catalog only.

The catalog is searched as the current user (``searchResults``: what the
user may not see is never counted), one query per desk, restricted to the
report's months by the ``desk_month`` index.  Each result's values are read
from the indexes' forward maps by record id: no object is woken up, so a
year of many thousands of requests costs a few dictionary lookups each.
Requests whose personal data were erased keep their desk, form, language,
municipality and state, and are counted like any other.
"""

from collections import Counter
from dataclasses import dataclass
from dataclasses import field
from famiguida.desks import DESKS
from famiguida.reports.setup import MONTH_INDEX
from famiguida.territory import get_territory
from plone import api


# Dimension of the requests -> catalog index its value is read from
# ("desk" comes from the query, "district" from the municipality).
REQUEST_INDEXES = {
    "form": "desk_form",
    "municipality": "desk_municipality",
    "language": "desk_language",
    "state": "review_state",
}
DIMENSIONS = ("desk", "form", "district", "municipality", "language", "state")


@dataclass
class Counts:
    """Raw numbers: ``per[dimension][(value, month)]``, totals per month."""

    months: list
    desks: list
    per: dict = field(default_factory=lambda: {d: Counter() for d in DIMENSIONS})
    totals: Counter = field(default_factory=Counter)
    # vacant homes (housing desk): (state, month) and totals per month
    homes: Counter = field(default_factory=Counter)
    home_totals: Counter = field(default_factory=Counter)
    counts_homes: bool = False

    @property
    def total(self):
        return sum(self.totals.values())

    @property
    def home_total(self):
        return sum(self.home_totals.values())


def _search(catalog, portal_type, path, months):
    return catalog.searchResults(
        portal_type=portal_type,
        path={"query": path},
        **{MONTH_INDEX: {"query": (months[0], months[-1]), "range": "min:max"}},
    )


def count_desks(desks, months, portal=None):
    """The Counts of ``desks`` (desk ids) over ``months`` (``YYYY-MM``)."""
    portal = portal if portal is not None else api.portal.get()
    catalog = api.portal.get_tool("portal_catalog")
    indexes = catalog._catalog.indexes
    month_index = indexes[MONTH_INDEX]
    district_of = get_territory().district_of_municipality
    root = "/".join(portal.getPhysicalPath())
    counts = Counts(months=list(months), desks=list(desks))
    wanted = set(months)
    for desk in desks:
        path = f"{root}/{DESKS[desk]['path']}"
        for brain in _search(catalog, "DeskRequest", path, months):
            rid = brain.getRID()
            month = month_index.getEntryForObject(rid, None)
            if month not in wanted:
                continue
            counts.totals[month] += 1
            counts.per["desk"][(desk, month)] += 1
            for dimension, name in REQUEST_INDEXES.items():
                value = indexes[name].getEntryForObject(rid, "") or ""
                counts.per[dimension][(value, month)] += 1
            town = indexes["desk_municipality"].getEntryForObject(rid, "") or ""
            counts.per["district"][(district_of.get(town, ""), month)] += 1
        if desk == "casa":
            counts.counts_homes = True
            state_index = indexes["review_state"]
            for brain in _search(catalog, "VacantHome", path, months):
                rid = brain.getRID()
                month = month_index.getEntryForObject(rid, None)
                if month not in wanted:
                    continue
                state = state_index.getEntryForObject(rid, "") or ""
                counts.homes[(state, month)] += 1
                counts.home_totals[month] += 1
    return counts
