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
# Exception dates indexed ahead of today (reindexing refreshes the window).
DATED_DAYS = 400


def dated_days(schedules, days=DATED_DAYS):
    """Dates from today on whose hours are not the plain weekly ones: each
    exception date and the day after it (an exception's night slot runs on)."""
    start = datetime.date.today()
    end = start + datetime.timedelta(days=days)
    found = set()
    for schedule in schedules:
        for day in schedule.exceptions:
            if start <= day <= end:
                found.update((day, day + datetime.timedelta(days=1)))
    return sorted(found)


def dated_tokens(schedules, days):
    """Buckets open on each of ``days``: ``2026-12-24-0915`` style tokens."""
    tokens = set()
    for day in days:
        for schedule in schedules:
            for start, end in schedule.open_minutes(day):
                first = -(-start // SLOT_MINUTES) * SLOT_MINUTES  # round up
                for minute in range(first, end, SLOT_MINUTES):
                    tokens.add(f"{day.isoformat()}-{minute // 60:02d}{minute % 60:02d}")
    return tokens


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
    """Weekly buckets (``tue-0930``) plus dated ones for exception days.

    "Open now" is then two look-ups in this index, never an object loaded:
    the weekly bucket unless today is in ``hours_exception_days``, or today's
    dated bucket.
    """
    schedules = service_schedules(obj)
    tokens = set()
    for schedule in schedules:
        tokens |= schedule.week_tokens(step=SLOT_MINUTES)
    tokens |= dated_tokens(schedules, dated_days(schedules))
    return sorted(tokens)


@indexer(IService)
def hours_exception_days(obj):
    return [day.isoformat() for day in dated_days(service_schedules(obj))]


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
