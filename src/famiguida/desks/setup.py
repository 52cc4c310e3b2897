"""Import step: the desk inboxes (type DeskInbox) hold only desk items, and
the catalog indexes their filters read."""

from Acquisition import aq_base
from famiguida.desks import DESKS
from famiguida.desks import INBOX_TYPES
from plone import api
from Products.CMFPlone.interfaces.constrains import ENABLED
from Products.CMFPlone.interfaces.constrains import ISelectableConstrainTypes
from zope.annotation.interfaces import IAnnotations

import logging


logger = logging.getLogger("famiguida.desks")

DATA_FILE = "famiguida_desks.txt"
INDEXES = ("desk_form", "desk_language", "desk_municipality")
# plone.folder's DefaultOrdering keeps the order in these annotations
ORDER_KEYS = ("plone.folder.ordered.order", "plone.folder.ordered.pos")


def import_desks(context):
    """GenericSetup handler of the ``famiguida-desks`` step."""
    if context.readDataFile(DATA_FILE) is None:
        return
    setup_desks(context.getSite())


def setup_desks(portal):
    """Mark the inboxes, restrict what they hold, add the filter indexes."""
    catalog = api.portal.get_tool("portal_catalog")
    added = []
    for name in INDEXES:
        if name not in catalog.indexes():
            catalog.addIndex(name, "FieldIndex")
            added.append(name)
    for desk_id, spec in DESKS.items():
        inbox = portal.unrestrictedTraverse(spec["path"], None)
        if inbox is None:
            logger.warning("No inbox at /%s", spec["path"])
            continue
        if inbox.portal_type != "DeskInbox":
            # Same class (a Dexterity folder), now typed as an inbox: it
            # allows desk items only and its default view is the list.
            inbox.portal_type = "DeskInbox"
            if getattr(inbox.aq_base, "layout", None):
                del inbox.layout
        # Unordered: an ordered folder appends every new item to one list,
        # so two submissions at once always conflicted on it (measured with
        # bench/forms.py); the inbox lists by date anyway.
        if getattr(aq_base(inbox), "_ordering", "") != "unordered":
            inbox.setOrdering("unordered")
            annotations = IAnnotations(inbox)
            for key in ORDER_KEYS:
                annotations.pop(key, None)
        # Set directly: the adapter's setters check the current user's add
        # permissions, and an upgrade may run as anyone with Manage portal.
        ISelectableConstrainTypes(inbox).setConstrainTypesMode(ENABLED)
        inbox.locally_allowed_types = tuple(INBOX_TYPES[desk_id])
        inbox.immediately_addable_types = tuple(INBOX_TYPES[desk_id])
        inbox.reindexObject()
    if added:
        catalog.manage_reindexIndex(ids=added)
