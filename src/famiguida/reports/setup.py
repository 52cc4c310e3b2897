"""Import step ``famiguida-reports``: the month index the reports count by,
and the marker of ``/Plone/sportelli`` that offers the all-desks report."""

from famiguida.reports.interfaces import IDeskReportsArea
from plone import api
from zope.interface import alsoProvides

import logging


logger = logging.getLogger("famiguida.reports")

DATA_FILE = "famiguida_reports.txt"
MONTH_INDEX = "desk_month"
AREA_PATH = "sportelli"


def import_reports(context):
    """GenericSetup handler of the ``famiguida-reports`` step."""
    if context.readDataFile(DATA_FILE) is None:
        return
    setup_reports(context.getSite())


def setup_reports(portal):
    catalog = api.portal.get_tool("portal_catalog")
    if MONTH_INDEX not in catalog.indexes():
        catalog.addIndex(MONTH_INDEX, "FieldIndex")
        # only desk items have a month: index those, not the whole site
        for brain in catalog.unrestrictedSearchResults(
            portal_type=["DeskRequest", "VacantHome"]
        ):
            obj = brain._unrestrictedGetObject()
            catalog.catalog_object(
                obj, brain.getPath(), idxs=[MONTH_INDEX], update_metadata=False
            )
    area = portal.unrestrictedTraverse(AREA_PATH, None)
    if area is None:
        logger.warning("No desk area at /%s", AREA_PATH)
        return
    if not IDeskReportsArea.providedBy(area):
        alsoProvides(area, IDeskReportsArea)
        area.reindexObject(idxs=["object_provides"])
