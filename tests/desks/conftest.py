"""Desk fixtures: one user per kind, and requests created as the forms do."""

from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest


STAFF = {
    "housing": "housing-desk",
    "caregiver": "caregiver-desk",
    "mediation": "mediation-desk",
    "operator": "operators",
    "editor": "editors",
}


@pytest.fixture
def desk_users(portal, add_users):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    add_users(STAFF)
    setRoles(portal, TEST_USER_ID, ["Member"])
    logout()
    yield portal
    logout()


@pytest.fixture
def as_housing(desk_users):
    login(desk_users, "housing")
    return desk_users
