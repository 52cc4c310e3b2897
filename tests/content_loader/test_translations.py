"""Starter translations of the directory: linked, in their language, facts shared.

The shared layer loads ``content/items`` (the Italian directory, then
``60-translations-<code>.json`` of every language).  The same checks run for
each of the ten languages besides Italian.
"""

from famiguida.content_loader.items import independent_field_names
from famiguida.content_loader.items import load_items
from famiguida.content_loader.items import read_items
from famiguida.content_loader.items import StarterContentError
from pathlib import Path
from plone import api
from plone.app.multilingual.interfaces import ILanguageIndependentFieldsManager
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.base.interfaces import ILanguage
from plone.dexterity.utils import iterSchemata
from z3c.relationfield import RelationValue
from z3c.relationfield.interfaces import IRelationValue
from zope.component import getUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectModifiedEvent

import json
import pytest


ITEMS = Path(__file__).resolve().parents[2] / "content" / "items"
LANGUAGES = ("en", "fr", "ar", "es", "ro", "sq", "uk", "zh", "pa", "ur")
FOLDERS = ("it/guida", "it/guida/servizi", "it/guida/enti", "it/guida/sedi")
KEY_SERVICES = (
    "sportello-mediazione-abitativa-crema",
    "sportello-assistenza-familiare",
    "mediatore-culturale-servizi-sociali-cremasco",
    "sportello-informativo-stranieri-lodi",
    "corsi-mediazione-linguistica-crema",
    "informagiovani-crema",
    "patronato-permesso-soggiorno-cremona",
    "iscrizione-ssn-cremona",
    "iscrizione-scuola-crema",
    "corsi-italiano-cpia-cremona",
    "centro-impiego-lodi",
    "consultorio-familiare-casalmaggiore",
    "segretariato-sociale-oglio-ovest",
    "mediatore-interculturale-scuole-oglio-ovest",
    "laboratori-di-comunita",
    "civic-center-zaist",
    "patti-generattivi",
)


def _italian(name):
    return json.loads((ITEMS / name).read_text(encoding="utf-8"))


def _key_items():
    """Paths of the key services, their organizations and their places."""
    services = {spec["path"]: spec for spec in _italian("50-services.json")}
    paths = [f"it/guida/servizi/{name}" for name in KEY_SERVICES]
    organizations, locations = set(), set()
    for path in paths:
        spec = services[path]
        if spec.get("provider"):
            organizations.add(spec["provider"].lstrip("/"))
        locations.update(target.lstrip("/") for target in spec.get("locations", ()))
    return sorted(organizations), sorted(locations), paths


ORGANIZATIONS, LOCATIONS, SERVICES = _key_items()
TRANSLATED = (*FOLDERS, *ORGANIZATIONS, *LOCATIONS, *SERVICES)


def _in(code, path):
    """The path of the ``code`` translation of the Italian ``path``."""
    return f"{code}/{path.removeprefix('it/')}"


def _values(obj):
    """Language-independent field values of ``obj``, by name."""
    names = independent_field_names(obj)
    return {
        name: getattr(schema(obj), name, None)
        for schema in iterSchemata(obj)
        for name in schema
        if name in names
    }


def _targets(value):
    """Objects a relation value or relation list points to."""
    relations = [value] if IRelationValue.providedBy(value) else list(value or ())
    return [relation.to_object for relation in relations]


def _uids(objects):
    return [obj.UID() for obj in objects]


@pytest.fixture
def manager(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    yield portal
    setRoles(portal, TEST_USER_ID, ["Member"])


@pytest.mark.parametrize("code", LANGUAGES)
def test_translation_file_has_the_shared_structure(code):
    """One file per language: folders, organizations, places, services."""
    specs = json.loads(
        (ITEMS / f"60-translations-{code}.json").read_text(encoding="utf-8")
    )
    groups = [
        [_in(code, path) for path in FOLDERS],
        sorted(_in(code, path) for path in ORGANIZATIONS),
        sorted(_in(code, path) for path in LOCATIONS),
        sorted(_in(code, path) for path in SERVICES),
    ]
    paths = [spec["path"] for spec in specs]
    sizes = [len(group) for group in groups]
    found, start = [], 0
    for size in sizes:
        found.append(paths[start : start + size])
        start += size
    assert found[0] == groups[0]
    assert [sorted(group) for group in found[1:]] == groups[1:]
    assert len(paths) == sum(sizes)
    for spec in specs:
        assert spec["translation_of"] == "it/" + spec["path"].split("/", 1)[1]
        assert spec["state"] == "published"
        assert spec["title"].strip()
    assert specs[0]["layout"] == "guida-landing"


@pytest.mark.parametrize("code", LANGUAGES)
def test_items_exist_and_are_linked_to_the_italian_source(portal, code):
    problems = []
    for path in TRANSLATED:
        italian = portal.unrestrictedTraverse(path)
        translation = portal.unrestrictedTraverse(_in(code, path), None)
        if translation is None:
            problems.append(f"{_in(code, path)} missing")
            continue
        linked = ITranslationManager(italian).get_translation(code)
        if linked is None or linked.UID() != translation.UID():
            problems.append(f"{_in(code, path)} not linked to {path}")
        if ILanguage(translation).get_language() != code:
            problems.append(f"{_in(code, path)} has the wrong language")
        if translation.portal_type != italian.portal_type:
            problems.append(f"{_in(code, path)} is a {translation.portal_type}")
    assert problems == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_texts_are_translated(portal, code):
    """Each item has its own description, not the Italian one."""
    same = [
        _in(code, path)
        for path in TRANSLATED
        if portal.unrestrictedTraverse(_in(code, path)).description
        == portal.unrestrictedTraverse(path).description
    ]
    assert same == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_landing_folder_keeps_its_view(portal, code):
    assert portal[code]["guida"].getLayout() == "guida-landing"


@pytest.mark.parametrize("code", LANGUAGES)
def test_language_independent_fields_equal_the_italian_ones(portal, code):
    differences = []
    for path in (*ORGANIZATIONS, *LOCATIONS, *SERVICES):
        italian = _values(portal.unrestrictedTraverse(path))
        translated = _values(portal.unrestrictedTraverse(_in(code, path)))
        assert italian.keys() == translated.keys()
        for name, value in italian.items():
            if name in ("provider", "locations"):
                continue  # relations: see the next test
            if translated[name] != value:
                differences.append(f"{_in(code, path)}: {name}")
    assert differences == []


def test_independent_facts_are_filled(portal):
    """The copied facts are the real ones (not all empty on both sides)."""
    place = portal.unrestrictedTraverse(_in("en", "it/guida/sedi/csc-crema"))
    assert place.street_address == "Via Manzoni 5"
    assert place.municipality == "crema"
    assert place.phone == "+39 0373 000 201"
    assert "mon 09:00-12:30" in place.weekly_hours
    service = portal.unrestrictedTraverse(_in("en", SERVICES[0]))
    assert service.need_categories
    assert service.districts or service.municipalities


@pytest.mark.parametrize("code", LANGUAGES)
def test_relations_point_inside_the_language(portal, code):
    """Provider and places: the translation in the same language, else Italian."""
    wrong = []
    for path in SERVICES:
        italian = portal.unrestrictedTraverse(path)
        translated = portal.unrestrictedTraverse(_in(code, path))
        for name in ("provider", "locations"):
            expected = [
                ITranslationManager(target).get_translation(code) or target
                for target in _targets(getattr(italian, name))
            ]
            found = _targets(getattr(translated, name))
            if _uids(found) != _uids(expected):
                wrong.append(f"{_in(code, path)}: {name}")
            # Every provider and place of a key service is translated.
            if any(ILanguage(obj).get_language() != code for obj in found):
                wrong.append(f"{_in(code, path)}: {name} leaves {code}")
            # The relation catalog knows the translated relations, too
            # (the organization and place pages list services from it).
            catalogued = {
                relation.to_object.UID()
                for relation in api.relation.get(
                    source=translated, relationship=name, unrestricted=True
                )
            }
            if catalogued != set(_uids(found)):
                wrong.append(f"{_in(code, path)}: {name} not in relation catalog")
    assert wrong == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_anonymous_sees_them_published(portal, code):
    logout()
    visible = {
        brain.getPath().removeprefix("/plone/")
        for brain in api.content.find(path=f"/plone/{code}/guida")
    }
    visible.add(f"{code}/guida")  # find() below a path leaves the path out
    hidden = [_in(code, path) for path in TRANSLATED if _in(code, path) not in visible]
    assert hidden == []
    for path in TRANSLATED:
        obj = portal.restrictedTraverse(_in(code, path))
        assert api.content.get_state(obj) == "published"


def test_loading_twice_creates_nothing(portal, manager):
    specs = read_items(ITEMS)
    italian = portal.unrestrictedTraverse(SERVICES[0])
    languages = sorted(ITranslationManager(italian).get_translated_languages())
    before = len(api.content.find(path="/plone"))
    report = load_items(portal, specs)
    assert report.created == []
    assert len(report.kept) == len(specs)
    assert len(api.content.find(path="/plone")) == before
    assert sorted(ITranslationManager(italian).get_translated_languages()) == (
        languages
    )


def test_a_translation_may_not_repeat_facts(portal, manager):
    spec = {
        "path": "en/guida/sedi/rewritten-place",
        "type": "Location",
        "translation_of": "it/guida/sedi/asst-casalmaggiore-sportello",
        "title": "Place",
        "street_address": "Another Street 1",
    }
    with pytest.raises(StarterContentError, match="street_address"):
        load_items(portal, [spec])
    assert "rewritten-place" not in portal["en"]["guida"]["sedi"]


def test_a_place_translated_later_takes_over_the_relations(portal, manager):
    """A service translated before its place points to the Italian place, then
    to the place's translation once it is loaded."""
    load_items(
        portal,
        [
            {
                "path": "it/guida/sedi/nuova-sede",
                "type": "Location",
                "title": "Nuova sede",
                "street_address": "Via Nuova 1",
                "municipality": "cremona",
                "state": "published",
            }
        ],
    )
    new_place = portal.unrestrictedTraverse("it/guida/sedi/nuova-sede")
    service = portal.unrestrictedTraverse("it/guida/servizi/laboratori-di-comunita")
    english_service = ITranslationManager(service).get_translation("en")
    intids = getUtility(IIntIds)
    service.locations = [
        *service.locations,
        RelationValue(intids.getId(new_place)),
    ]
    notify(ObjectModifiedEvent(service))
    ILanguageIndependentFieldsManager(service).copy_fields(english_service)
    notify(ObjectModifiedEvent(english_service))
    assert new_place.UID() in _uids(_targets(english_service.locations))
    report = load_items(
        portal,
        [
            {
                "path": "en/guida/sedi/nuova-sede",
                "type": "Location",
                "translation_of": "it/guida/sedi/nuova-sede",
                "title": "New place",
                "state": "published",
            }
        ],
    )
    assert report.created == ["en/guida/sedi/nuova-sede"]
    english_place = portal["en"]["guida"]["sedi"]["nuova-sede"]
    assert english_place.street_address == "Via Nuova 1"
    targets = _uids(_targets(english_service.locations))
    assert english_place.UID() in targets
    assert new_place.UID() not in targets
    # The other places of the English service stay English; the Italian
    # service keeps the Italian place.
    assert all(
        ILanguage(obj).get_language() == "en"
        for obj in _targets(english_service.locations)
    )
    assert new_place.UID() in _uids(_targets(service.locations))
    catalogued = {
        relation.to_object.UID()
        for relation in api.relation.get(
            source=english_service, relationship="locations", unrestricted=True
        )
    }
    assert catalogued == set(targets)


def test_a_second_translation_in_one_language_is_refused(portal, manager):
    spec = {
        "path": "en/guida/sedi/another-copy",
        "type": "Location",
        "translation_of": "it/guida/sedi/csc-crema",
        "title": "Another copy",
    }
    with pytest.raises(StarterContentError, match="already has"):
        load_items(portal, [spec])
    assert "another-copy" not in portal["en"]["guida"]["sedi"]
