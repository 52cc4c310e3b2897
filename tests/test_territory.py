"""Territory: the five Ambiti with their municipalities, from content/."""

from AccessControl import Unauthorized
from famiguida.controlpanels.territory import territory_constraint
from famiguida.territory import expand_service_area
from famiguida.territory import get_territory
from famiguida.territory import parse_territory
from famiguida.territory import TerritoryError
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zope.interface import Invalid

import pytest


# From the seeds: the 48 of the Crema district and the 11 of Oglio Ovest.
CREMA_FROM_SEEDS = 48
OGLIO_OVEST = {
    "Castelcovati",
    "Castrezzato",
    "Cazzago San Martino",
    "Chiari",
    "Coccaglio",
    "Comezzano-Cizzago",
    "Roccafranca",
    "Rovato",
    "Rudiano",
    "Trenzano",
    "Urago d'Oglio",
}


def titles(district_id):
    territory = get_territory()
    return {
        territory.municipality_titles[mid]
        for mid in territory.district(district_id).municipalities
    }


def test_five_districts(portal):
    assert [d.id for d in get_territory().districts] == [
        "crema",
        "cremona",
        "casalmaggiore",
        "lodi",
        "oglio_ovest",
    ]


def test_crema_has_the_48_municipalities_of_the_seeds(portal):
    names = titles("crema")
    assert len(names) == CREMA_FROM_SEEDS
    assert {"Crema", "Agnadello", "Rivolta d'Adda", "Vailate", "Soncino"} <= names


def test_oglio_ovest_has_its_11_municipalities(portal):
    assert {name.replace(" ", "-") for name in titles("oglio_ovest")} == {
        name.replace(" ", "-") for name in OGLIO_OVEST
    }


@pytest.mark.parametrize(
    "district,town",
    [("cremona", "Cremona"), ("casalmaggiore", "Casalmaggiore"), ("lodi", "Lodi")],
)
def test_other_districts_hold_their_chief_town(portal, district, town):
    assert town in titles(district)
    assert len(titles(district)) >= 15


def test_district_wide_service_serves_every_municipality(portal):
    served = expand_service_area(["oglio_ovest"], [])
    assert served == set(get_territory().district("oglio_ovest").municipalities)


def test_service_area_mixes_districts_and_towns(portal):
    served = expand_service_area(["oglio_ovest"], ["crema"])
    assert "crema" in served
    assert "chiari" in served
    assert "lodi" not in served


def test_unknown_district_is_ignored(portal):
    assert expand_service_area(["atlantide"], []) == set()


def test_municipality_vocabulary_is_alphabetical(portal):
    titles_in_order = [
        t.title for t in api.portal.get_vocabulary("famiguida.municipalities")
    ]
    assert titles_in_order == sorted(titles_in_order)
    assert len(titles_in_order) == len(get_territory().municipality_titles)


@pytest.mark.parametrize(
    "raw",
    [
        "not json",
        '{"ambiti": []}',
        '{"districts": [{"id": "a", "title": "A", "municipalities": '
        '[{"id": "x", "title": "X"}, {"id": "x", "title": "X"}]}]}',
    ],
)
def test_broken_territory_refused(raw):
    with pytest.raises(TerritoryError):
        parse_territory(raw)
    with pytest.raises(Invalid):
        territory_constraint(raw)


@pytest.mark.parametrize(
    "roles,allowed",
    [
        (["Manager"], True),
        (["Site Administrator"], True),
        (["Editor", "Reviewer", "Contributor"], False),
        (["Member"], False),
    ],
)
def test_control_panel_only_for_admins(portal, roles, allowed):
    setRoles(portal, TEST_USER_ID, roles)
    if allowed:
        assert portal.restrictedTraverse("@@famiguida-territory")
    else:
        with pytest.raises(Unauthorized):
            portal.restrictedTraverse("@@famiguida-territory")
