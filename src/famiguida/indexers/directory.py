"""What the catalog knows about services, locations and organizations.

The directory search never wakes objects: every facet is a catalog index
fed here (served municipalities with district-wide services expanded, the
week's opening buckets, exception dates), and the listings read metadata.
"""

from famiguida.content.location import ILocation
from famiguida.content.organization import IOrganization
from famiguida.content.service import IService
from famiguida.content.service import related_objects
from famiguida.content.service import service_schedules
from famiguida.territory import expand_service_area
from famiguida.territory import get_territory
from plone.app.contenttypes.indexers import SearchableText as base_searchable_text
from plone.indexer.decorator import indexer

import datetime


# Opening-hours buckets in the catalog: a quarter of an hour, because most
# desks open and close on the quarter; "open now" is exact to that bucket.
SLOT_MINUTES = 15


def exception_days(schedules, days=400):
    """ISO dates, from today on, on which some schedule has an exception."""
    start = datetime.date.today()
    end = start + datetime.timedelta(days=days)
    found = set()
    for schedule in schedules:
        found.update(
            day.isoformat() for day in schedule.exceptions if start <= day <= end
        )
    return sorted(found)


@indexer(IService)
def served_municipalities(obj):
    return sorted(expand_service_area(obj.districts, obj.municipalities))


@indexer(IService)
def served_districts(obj):
    """Districts served in whole or in part (the district facet)."""
    district_of = get_territory().district_of_municipality
    districts = set(obj.districts or ())
    districts.update(
        district_of[mid] for mid in obj.municipalities or () if mid in district_of
    )
    return sorted(districts)


@indexer(IService)
def open_slots(obj):
    tokens = set()
    for schedule in service_schedules(obj):
        tokens |= schedule.week_tokens(step=SLOT_MINUTES)
    return sorted(tokens)


@indexer(IService)
def hours_exception_days(obj):
    return exception_days(service_schedules(obj))


def provider_of(service):
    """The service's organization, or None (no provider or a broken relation)."""
    return getattr(service.provider, "to_object", None)


@indexer(IService)
def provider_uid(obj):
    provider = provider_of(obj)
    return provider.UID() if provider is not None else None


@indexer(IService)
def provider_title(obj):
    provider = provider_of(obj)
    return provider.Title() if provider is not None else ""


@indexer(IService)
def location_uids(obj):
    return [location.UID() for location in related_objects(obj.locations)]


@indexer(IService)
def service_active(obj):
    return bool(obj.active)


@indexer(IService)
def service_searchable_text(obj):
    """Title, summary, body, how to access, what to bring, provider, towns."""
    titles = get_territory().municipality_titles
    parts = [
        base_searchable_text(obj),
        obj.how_to_access or "",
        obj.what_to_bring or "",
        obj.cost_details or "",
        provider.Title() if (provider := provider_of(obj)) is not None else "",
        " ".join(titles.get(mid, "") for mid in obj.municipalities or ()),
    ]
    parts.extend(location.Title() for location in related_objects(obj.locations))
    return " ".join(part for part in parts if part)


@indexer(ILocation)
def location_municipality(obj):
    return obj.municipality


@indexer(ILocation)
def location_searchable_text(obj):
    titles = get_territory().municipality_titles
    return " ".join(
        part
        for part in (
            obj.Title(),
            obj.Description(),
            obj.street_address or "",
            titles.get(obj.municipality, ""),
        )
        if part
    )


@indexer(IOrganization)
def organization_searchable_text(obj):
    return base_searchable_text(obj)
