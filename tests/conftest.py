"""Shared pytest fixtures: pytest-plone over the famiguida layers."""

from famiguida.testing import FAMIGUIDA_FUNCTIONAL_TESTING
from famiguida.testing import FAMIGUIDA_INTEGRATION_TESTING
from plone.app.testing import login
from plone.app.testing import logout
from pytest_plone import fixtures_factory

import pytest


pytest_plugins = ["pytest_plone"]


globals().update(
    fixtures_factory(
        (
            (FAMIGUIDA_FUNCTIONAL_TESTING, "functional"),
            (FAMIGUIDA_INTEGRATION_TESTING, "integration"),
        )
    )
)


@pytest.fixture
def login_as(portal):
    """Act as one user of the site ("anonymous" logs out); restored after."""

    def switch(userid):
        if userid == "anonymous":
            logout()
        else:
            login(portal, userid)

    yield switch
    logout()
