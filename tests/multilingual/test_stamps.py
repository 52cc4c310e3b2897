"""The stamp of the last edit of translated texts (what the dashboard
compares), and its upgrade helper."""

from famiguida.content.service import IService
from famiguida.multilingual.stamps import add_stamp_column
from famiguida.multilingual.stamps import get_stamp
from plone import api
from plone.app.multilingual.interfaces import IPloneAppMultilingualInstalled
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zope.event import notify
from zope.interface import alsoProvides
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent


PATH = "guida/servizi/sportello-mediazione-abitativa-crema"


def test_loaded_translations_are_newer_than_their_source(portal):
    italian = portal.unrestrictedTraverse(f"it/{PATH}")
    for code in ("ar", "en", "zh"):
        assert get_stamp(portal.unrestrictedTraverse(f"{code}/{PATH}")) > get_stamp(
            italian
        )


def test_synchronised_facts_do_not_touch_the_stamp(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    alsoProvides(portal.REQUEST, IPloneAppMultilingualInstalled)
    italian = portal.unrestrictedTraverse(f"it/{PATH}")
    arabic = portal.unrestrictedTraverse(f"ar/{PATH}")
    before = get_stamp(arabic), get_stamp(italian)
    italian.cost = "fee"
    notify(ObjectModifiedEvent(italian, Attributes(IService, "cost")))
    assert arabic.cost == "fee"
    assert (get_stamp(arabic), get_stamp(italian)) == before
    italian.cost_details = "5 euro"
    notify(ObjectModifiedEvent(italian, Attributes(IService, "cost_details")))
    assert get_stamp(italian) > before[1]
    assert get_stamp(arabic) == before[0]


def test_upgrade_helper_fills_the_column(portal):
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delColumn("translation_stamp")
    add_stamp_column()
    brains = api.content.find(portal_type="Service", Language="ar")
    assert brains
    for brain in brains:
        assert brain.translation_stamp == get_stamp(brain.getObject())


def test_adding_an_item_leaves_its_folder_stamp_alone(portal):
    """A folder's texts do not change when an item is added to it (and a
    desk inbox is not written on every submission)."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    folder = portal.unrestrictedTraverse("it/guida/servizi")
    before = get_stamp(folder)
    api.content.create(container=folder, type="Document", id="nuova-pagina")
    assert get_stamp(folder) == before
