"""Catalog value the reports count by: the month a desk item was received."""

from famiguida.desks.content import IDeskRequest
from famiguida.desks.content import IVacantHome
from famiguida.reports.months import month_of
from plone.indexer import indexer


def _received_month(obj):
    created = obj.created()
    return month_of(created) if created else None


@indexer(IDeskRequest)
def desk_month_request(obj):
    """``YYYY-MM`` of the request's creation, in Europe/Rome."""
    return _received_month(obj)


@indexer(IVacantHome)
def desk_month_home(obj):
    """``YYYY-MM`` of the vacant home's creation, in Europe/Rome."""
    return _received_month(obj)
