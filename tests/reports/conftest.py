"""Report fixtures: the users and the requests of helpers.py."""

from .helpers import make_requests
from .helpers import USERS
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from types import SimpleNamespace

import pytest


@pytest.fixture
def report_site(portal, add_users):
    """The site with USERS and REQUESTS (integration layer, logged out):
    ``.portal`` and ``.made`` ({key: object})."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    add_users(USERS)
    made = make_requests(portal)
    setRoles(portal, TEST_USER_ID, ["Member"])
    logout()
    yield SimpleNamespace(portal=portal, made=made)
    logout()
