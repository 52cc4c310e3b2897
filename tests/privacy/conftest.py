"""Privacy fixtures: one user of every kind."""

from famiguida.testing import USER_KINDS as USERS
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest


@pytest.fixture
def users(portal, add_users):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    add_users(USERS)
    setRoles(portal, TEST_USER_ID, ["Member"])
    logout()
    yield portal
    logout()
