"""The directory's vocabularies: tokens are the contract with data and API."""

from plone import api

import pytest


VOCABULARIES = {
    "famiguida.need_categories": [
        "housing",
        "work",
        "health",
        "school",
        "language",
        "documents",
        "family",
        "social",
        "mediation",
        "youth",
    ],
    "famiguida.organization_kinds": [
        "public_body",
        "social_cooperative",
        "association",
        "union",
        "health_authority",
        "school",
    ],
    "famiguida.costs": ["free", "fee"],
    "famiguida.districts": ["crema", "cremona", "casalmaggiore", "lodi", "oglio_ovest"],
}


@pytest.mark.parametrize("name,tokens", VOCABULARIES.items())
def test_tokens(portal, name, tokens):
    vocabulary = api.portal.get_vocabulary(name)
    assert [term.token for term in vocabulary] == tokens


@pytest.mark.parametrize(
    "name", ["famiguida.target_groups", "famiguida.languages_spoken"]
)
def test_every_term_has_a_title(portal, name):
    vocabulary = api.portal.get_vocabulary(name)
    assert len(vocabulary) >= 10
    assert all(term.title for term in vocabulary)


def test_languages_spoken_include_the_portal_languages(portal):
    tokens = {t.token for t in api.portal.get_vocabulary("famiguida.languages_spoken")}
    assert {"it", "en", "fr", "ar", "es", "ro", "sq", "uk", "zh", "pa", "ur"} <= tokens
