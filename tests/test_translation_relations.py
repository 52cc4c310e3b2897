"""Deleting a translated place or organization leaves the other languages alone.

Without famiguida's fallback, plone.app.multilingual copies the broken
relation list of the translated service to every language: the Italian
service would lose its place too.
"""

from famiguida.multilingual.stamps import get_stamp
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest


SERVICE = "guida/servizi/laboratori-di-comunita"
PLACE = "guida/sedi/lab-quartiere-po"
OTHER_PLACE = "guida/sedi/lab-comunita-castelverde"
PROVIDER = "guida/enti/comune-di-cremona"


def _paths(relations):
    return [relation.to_object.absolute_url_path() for relation in relations]


@pytest.fixture
def site(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    yield portal
    setRoles(portal, TEST_USER_ID, ["Member"])


def _get(portal, code, path):
    return portal.unrestrictedTraverse(f"{code}/{path}")


def test_deleting_a_translated_place_falls_back_to_the_italian_one(site):
    english_service = _get(site, "en", SERVICE)
    stamp = get_stamp(english_service)
    api.content.delete(_get(site, "en", PLACE), check_linkintegrity=False)
    assert _paths(_get(site, "it", SERVICE).locations) == [
        f"/plone/it/{PLACE}",
        f"/plone/it/{OTHER_PLACE}",
    ]
    assert _paths(english_service.locations) == [
        f"/plone/it/{PLACE}",
        f"/plone/en/{OTHER_PLACE}",
    ]
    assert _paths(_get(site, "fr", SERVICE).locations) == [
        f"/plone/fr/{PLACE}",
        f"/plone/fr/{OTHER_PLACE}",
    ]
    catalogued = api.relation.get(
        source=english_service, relationship="locations", unrestricted=True
    )
    assert sorted(_paths(catalogued)) == sorted(_paths(english_service.locations))
    # Not a translator's edit: the dashboard's stamp stays.
    assert get_stamp(english_service) == stamp


def test_deleting_a_translated_organization_falls_back_to_the_italian_one(site):
    api.content.delete(_get(site, "fr", PROVIDER), check_linkintegrity=False)
    for code, provider in (("fr", "it"), ("it", "it"), ("en", "en")):
        found = _get(site, code, SERVICE).provider.to_object
        assert found.UID() == _get(site, provider, PROVIDER).UID()


def test_deleting_a_folder_of_translated_places(site):
    api.content.delete(site["es"]["guida"]["sedi"], check_linkintegrity=False)
    assert _paths(_get(site, "it", SERVICE).locations) == [
        f"/plone/it/{PLACE}",
        f"/plone/it/{OTHER_PLACE}",
    ]
    assert _paths(_get(site, "es", SERVICE).locations) == [
        f"/plone/it/{PLACE}",
        f"/plone/it/{OTHER_PLACE}",
    ]
    italian = _get(site, "it", PLACE)
    assert ITranslationManager(italian).get_translation("es") is None
