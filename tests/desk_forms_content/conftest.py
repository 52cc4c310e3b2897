"""Fixtures of the desk forms' content: the definitions and staff users."""

from famiguida.content_loader.forms import read_forms
from pathlib import Path
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest


FORMS_DIR = Path(__file__).resolve().parents[2] / "content" / "forms"
LANGUAGES = ("it", "en", "fr", "ar", "es", "ro", "sq", "uk", "zh", "pa", "ur")
FORM_IDS = (
    "offri-una-casa",
    "cerco-casa",
    "offro-assistenza",
    "cerco-assistente",
    "richiesta-mediatore",
)
MEDIATOR_FORM = "richiesta-mediatore"
USERS = {
    "operator": "operators",
    "mediation": "mediation-desk",
    "editor": "editors",
    "housing": "housing-desk",
    "caregiver": "caregiver-desk",
    "siteadmin": "Site Administrator",
    "member": None,
}


@pytest.fixture(scope="session")
def definitions():
    """(common settings, form specs) of content/forms."""
    return read_forms(FORMS_DIR)


@pytest.fixture(scope="session")
def specs(definitions):
    return {form["id"]: form for form in definitions[1]}


@pytest.fixture
def users(portal, add_users):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    add_users(USERS)
    setRoles(portal, TEST_USER_ID, ["Member"])
    logout()
    yield portal
    logout()
