"""The territory: the five Ambiti (districts) and their municipalities.

Kept as JSON in the registry record ``famiguida.territory`` (loaded from
``content/territory.json`` when the site is created, editable by site
administrators in the "Territorio" control panel).  Parsing is cached on the
record's text, so every lookup after the first costs a dictionary access.
"""

from dataclasses import dataclass
from functools import lru_cache
from plone import api

import json


RECORD = "famiguida.territory"


class TerritoryError(ValueError):
    """The territory JSON is not usable; the message says why (Italian)."""


@dataclass(frozen=True)
class District:
    id: str
    title: str
    municipalities: tuple[str, ...]


@dataclass(frozen=True)
class Territory:
    districts: tuple[District, ...]
    municipality_titles: dict
    district_of_municipality: dict

    def district(self, district_id):
        for district in self.districts:
            if district.id == district_id:
                return district
        return None


@lru_cache(maxsize=4)
def parse_territory(raw: str) -> Territory:
    """Parse and check the territory JSON; raise TerritoryError if wrong."""
    try:
        data = json.loads(raw)
        specs = data["districts"]
    except (ValueError, TypeError, KeyError) as error:
        raise TerritoryError(f"JSON del territorio non valido: {error}") from error
    districts = []
    titles = {}
    district_of = {}
    for spec in specs:
        ids = []
        for municipality in spec.get("municipalities", []):
            mid = municipality["id"]
            if mid in titles:
                raise TerritoryError(f"Comune ripetuto: {mid}")
            titles[mid] = municipality["title"]
            district_of[mid] = spec["id"]
            ids.append(mid)
        districts.append(District(spec["id"], spec["title"], tuple(ids)))
    if len({d.id for d in districts}) != len(districts):
        raise TerritoryError("Ambito ripetuto")
    return Territory(tuple(districts), titles, district_of)


def get_territory() -> Territory:
    """The site's territory (empty when none has been loaded yet)."""
    raw = api.portal.get_registry_record(RECORD, default=None) or '{"districts": []}'
    return parse_territory(raw)


def expand_service_area(districts, municipalities) -> set[str]:
    """Municipality ids served: the listed ones plus all of the listed districts."""
    territory = get_territory()
    served = set(municipalities or ())
    for district_id in districts or ():
        district = territory.district(district_id)
        if district is not None:
            served.update(district.municipalities)
    return served
