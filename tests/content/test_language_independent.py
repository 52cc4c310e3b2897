"""Facts entered once: language-independent fields stay equal in translations."""

from famiguida.behaviors.contacts import IContacts
from famiguida.behaviors.opening_hours import IOpeningHours
from famiguida.content.location import ILocation
from famiguida.content.organization import IOrganization
from famiguida.content.service import IService
from plone import api
from plone.app.multilingual.dx.interfaces import ILanguageIndependentField
from plone.app.multilingual.interfaces import IPloneAppMultilingualInstalled
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zope.event import notify
from zope.interface import alsoProvides
from zope.lifecycleevent import ObjectModifiedEvent

import pytest


INDEPENDENT = {
    ILocation: {
        "street_address",
        "postal_code",
        "municipality",
        "latitude",
        "longitude",
    },
    IOrganization: {"organization_kind", "districts"},
    IService: {
        "need_categories",
        "target_groups",
        "cost",
        "languages_spoken",
        "provider",
        "locations",
        "districts",
        "municipalities",
        "last_verified",
        "active",
    },
    IContacts: {"phone", "email", "website"},
    IOpeningHours: {"weekly_hours", "hours_exceptions"},
}
TRANSLATED = {
    ILocation: {"accessibility"},
    IService: {"how_to_access", "what_to_bring", "cost_details"},
}


@pytest.mark.parametrize("schema,names", INDEPENDENT.items())
def test_independent_fields(portal, schema, names):
    marked = {
        n for n in schema.names() if ILanguageIndependentField.providedBy(schema[n])
    }
    assert marked == names


@pytest.mark.parametrize("schema,names", TRANSLATED.items())
def test_texts_are_translated(portal, schema, names):
    for name in names:
        assert not ILanguageIndependentField.providedBy(schema[name])


def test_editing_the_italian_place_updates_its_translation(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    alsoProvides(portal.REQUEST, IPloneAppMultilingualInstalled)
    # A place the starter content has not translated into English yet.
    italian = next(
        obj
        for brain in api.content.find(portal_type="Location", path="/plone/it")
        if ITranslationManager(obj := brain.getObject()).get_translation("en") is None
    )
    english = api.content.create(
        container=portal["en"],
        type="Location",
        id="place",
        title="Place",
        street_address=italian.street_address,
        municipality=italian.municipality,
    )
    ITranslationManager(italian).register_translation("en", english)
    italian.phone = "+39 0373 000 999"
    italian.weekly_hours = ["mon 08:00-09:00"]
    italian.street_address = "Via Nuova 1"
    italian.accessibility = "Solo in italiano"
    notify(ObjectModifiedEvent(italian))
    assert english.phone == "+39 0373 000 999"
    assert english.weekly_hours == ["mon 08:00-09:00"]
    assert english.street_address == "Via Nuova 1"
    assert english.accessibility != "Solo in italiano"
