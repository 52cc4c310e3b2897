"""The 11 languages of DESIGN.md, Italian first, each with its root folder."""

from plone import api
from plone.base.interfaces import ILanguage
from plone.base.interfaces import INavigationRoot

import pytest


LANGUAGES = {
    "it": "Italiano",
    "en": "English",
    "fr": "Français",
    "ar": "العربية",
    "es": "Español",
    "ro": "Română",
    "sq": "Shqip",
    "uk": "Українська",
    "zh": "中文",
    "pa": "ਪੰਜਾਬੀ",
    "ur": "اردو",
}


class TestLanguages:
    @pytest.fixture(autouse=True)
    def _setup(self, portal):
        self.portal = portal

    def test_default_language_is_italian(self):
        assert api.portal.get_registry_record("plone.default_language") == "it"

    def test_available_languages_in_switcher_order(self):
        available = api.portal.get_registry_record("plone.available_languages")
        assert list(available) == list(LANGUAGES)

    @pytest.mark.parametrize("code,native", LANGUAGES.items())
    def test_language_root(self, code, native):
        root = self.portal[code]
        assert root.portal_type == "LRF"
        assert ILanguage(root).get_language() == code
        assert root.Title() == native
        assert INavigationRoot.providedBy(root)
        assert api.content.get_state(root) == "published"

    def test_timezone_is_rome(self):
        assert api.portal.get_registry_record("plone.portal_timezone") == "Europe/Rome"
