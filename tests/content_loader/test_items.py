"""Starter content from JSON: created once, linked as translations, kept."""

from famiguida.content_loader.items import load_items
from famiguida.content_loader.items import read_items
from famiguida.content_loader.items import StarterContentError
from pathlib import Path
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.base.interfaces import ILanguage

import json
import pytest


REPO_CONTENT = Path(__file__).resolve().parents[2] / "content"
LANGUAGES = ("it", "en", "fr", "ar", "es", "ro", "sq", "uk", "zh", "pa", "ur")


@pytest.fixture
def specs():
    return read_items(REPO_CONTENT / "items")


class TestStarterContent:
    @pytest.fixture(autouse=True)
    def _portal(self, portal):
        self.portal = portal

    def test_every_item_created(self, specs):
        missing = [
            spec["path"]
            for spec in specs
            if self.portal.unrestrictedTraverse(spec["path"], None) is None
        ]
        assert missing == []

    @pytest.mark.parametrize("code", LANGUAGES)
    def test_home_page_per_language(self, code):
        root = self.portal[code]
        page = root[root.getDefaultPage()]
        assert page.portal_type == "Document"
        assert ILanguage(page).get_language() == code
        assert api.content.get_state(page) == "published"
        assert page.text.raw.startswith("<p>")

    def test_home_pages_are_translations_of_the_italian_one(self):
        canonical = self.portal["it"]["benvenuti"]
        translations = ITranslationManager(canonical).get_translations()
        assert sorted(translations) == sorted(LANGUAGES)

    def test_second_load_keeps_everything(self, specs):
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.portal["it"]["benvenuti"].title = "Titolo cambiato dalla redazione"
        again = load_items(self.portal, specs)
        assert again.created == []
        assert len(again.kept) == len(specs)
        assert self.portal["it"]["benvenuti"].title == (
            "Titolo cambiato dalla redazione"
        )


def test_files_are_valid(specs):
    """Every item names a path, a type and a title; paths are unique."""
    paths = [spec["path"] for spec in specs]
    assert len(paths) == len(set(paths))
    for spec in specs:
        assert {"path", "type", "title"} <= set(spec)


def test_demo_users_file():
    users = json.loads((REPO_CONTENT / "demo" / "users.json").read_text())
    groups = {group for user in users for group in user.get("groups", [])}
    assert groups == {
        "operators",
        "editors",
        "housing-desk",
        "caregiver-desk",
        "mediation-desk",
    }
    assert all(user["email"].endswith("@example.org") for user in users)


def test_relations_reach_the_relation_catalog(portal):
    """Provider and locations of a starter service are real relations."""
    service = portal.unrestrictedTraverse(
        "it/guida/servizi/sportello-mediazione-abitativa-crema"
    )
    targets = {rel.to_object.getId() for rel in api.relation.get(source=service)}
    assert service.provider.to_object.getId() in targets
    assert {loc.to_object.getId() for loc in service.locations} <= targets


@pytest.mark.parametrize(
    "field,value",
    [("phone", "call me"), ("weekly_hours", ["mon 10:00-09:00:00"])],
)
def test_bad_field_names_its_item(portal, field, value):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    spec = {
        "path": "it/guida/sedi/prova-errata",
        "type": "Location",
        "title": "Prova",
        "street_address": "Via Roma 1",
        "municipality": "crema",
        field: value,
    }
    with pytest.raises(StarterContentError, match="prova-errata"):
        load_items(portal, [spec])
