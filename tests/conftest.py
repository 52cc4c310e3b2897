"""Shared pytest fixtures: pytest-plone over the famiguida layers."""

from famiguida.testing import FAMIGUIDA_FUNCTIONAL_TESTING
from famiguida.testing import FAMIGUIDA_INTEGRATION_TESTING
from pytest_plone import fixtures_factory


pytest_plugins = ["pytest_plone"]


globals().update(
    fixtures_factory(
        (
            (FAMIGUIDA_FUNCTIONAL_TESTING, "functional"),
            (FAMIGUIDA_INTEGRATION_TESTING, "integration"),
        )
    )
)
