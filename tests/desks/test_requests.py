"""create_request: the desk forms' way into the inboxes."""

from AccessControl import Unauthorized
from datetime import date
from datetime import datetime
from famiguida.desks.requests import create_request
from plone import api
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import json
import pytest
import re


REFERENCE = re.compile(r"^(CASA|ASSF|MED)-20\d\d-\d{5}$")
LANDLORD = {
    "address": "Via Mazzini 12",
    "rooms": "3",
    "rent": "450,50",
    "furnished": True,
    "available_from": "2027-02-01",
    "energy_class": "C",
    "message": "Casa luminosa",
}


def items(portal, path, portal_type):
    folder = portal.unrestrictedTraverse(path)
    return [o for o in folder.objectValues() if o.portal_type == portal_type]


@pytest.fixture
def anonymous(portal):
    logout()
    yield portal


def test_anonymous_request_lands_in_its_inbox(anonymous):
    portal = anonymous
    reference = create_request(
        "assistenti-familiari",
        "cerco-assistente",
        "ar",
        "crema",
        {"message": "نحتاج مساعدة"},
        consent=True,
        submitter_name="Amina",
        email="amina@example.org",
    )
    assert reference.startswith("ASSF-")
    assert REFERENCE.match(reference)
    found = items(portal, "sportelli/assistenti-familiari", "DeskRequest")
    assert len(found) == 1
    request = found[0]
    assert request.reference == reference
    assert request.title == reference
    assert request.submission_language == "ar"
    assert request.municipality == "crema"
    assert request.form_id == "cerco-assistente"
    assert json.loads(request.data_json) == {"message": "نحتاج مساعدة"}
    assert request.consent is True
    assert request.consent_date.tzinfo is not None
    assert str(request.consent_date.tzinfo) == "Europe/Rome"
    assert api.content.get_state(request) == "new"
    assert request.history[0]["action"] == "created"
    for path in ("sportelli/casa", "sportelli/mediazione"):
        assert items(portal, path, "DeskRequest") == []
    assert items(portal, "sportelli/assistenti-familiari", "VacantHome") == []


def test_references_are_unique_and_per_desk(anonymous):
    refs = [
        create_request("casa", "cerco-casa", "it", "crema", {}, consent=True)
        for _ in range(3)
    ]
    refs.append(create_request("mediazione", "mediatore", "it", None, {}, True))
    assert len(set(refs)) == 4
    numbers = [int(ref.rsplit("-", 1)[1]) for ref in refs[:3]]
    # consecutive (the counter is committed apart, so earlier tests of this
    # layer may have used the first numbers)
    assert numbers == list(range(numbers[0], numbers[0] + 3))
    assert refs[3].startswith("MED-")
    year = refs[0].split("-")[1]
    assert year == str(datetime.now().year)
    assert re.fullmatch(rf"CASA-{year}-\d{{5}}", refs[0])


def test_landlord_offer_also_creates_a_vacant_home(anonymous):
    portal = anonymous
    reference = create_request(
        "casa", "offri-una-casa", "it", "crema", LANDLORD, consent=True
    )
    homes = items(portal, "sportelli/casa", "VacantHome")
    assert len(homes) == 1
    home = homes[0]
    assert home.reference == reference
    assert home.rooms == 3
    assert str(home.rent) == "450.50"
    assert home.furnished is True
    assert home.available_from == date(2027, 2, 1)
    assert home.municipality == "crema"
    assert api.content.get_state(home) == "to_verify"
    assert len(items(portal, "sportelli/casa", "DeskRequest")) == 1


def test_unknown_desk_is_refused(anonymous):
    with pytest.raises(ValueError):
        create_request("nowhere", "x", "it", None, {}, True)


def test_anonymous_cannot_find_or_open_it(anonymous):
    portal = anonymous
    reference = create_request("casa", "offri-una-casa", "it", "crema", LANDLORD, True)
    assert len(api.content.find(portal_type=["DeskRequest", "VacantHome"])) == 0
    assert len(portal.portal_catalog(SearchableText=reference)) == 0
    with pytest.raises(Unauthorized):
        portal.restrictedTraverse(f"sportelli/casa/{reference.lower()}")
    # they are in the catalog: the system finds both
    catalog = portal.portal_catalog
    found = catalog.unrestrictedSearchResults(portal_type=["DeskRequest", "VacantHome"])
    assert len(found) == 2


def test_desk_items_are_not_addable_elsewhere(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    for type_id in ("DeskRequest", "VacantHome"):
        assert portal.portal_types[type_id].global_allow is False
    allowed = [t.getId() for t in portal["it"].allowedContentTypes()]
    assert "DeskRequest" not in allowed
    casa = [t.getId() for t in portal["sportelli"]["casa"].allowedContentTypes()]
    assert sorted(casa) == ["DeskRequest", "VacantHome"]
    med = [t.getId() for t in portal["sportelli"]["mediazione"].allowedContentTypes()]
    assert med == ["DeskRequest"]
