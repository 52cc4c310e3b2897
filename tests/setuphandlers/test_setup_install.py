"""The default profile installs famiguida and what it stands on."""

from famiguida.interfaces import IFamiguidaLayer
from plone.browserlayer.utils import registered_layers

import pytest


PACKAGE = "famiguida"


class TestInstall:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, installer):
        self.portal = portal
        self.installer = installer

    def test_product_installed(self):
        assert self.installer.is_product_installed(PACKAGE) is True

    def test_browserlayer(self):
        assert IFamiguidaLayer in registered_layers()

    def test_latest_version(self, profile_last_version):
        assert profile_last_version(f"{PACKAGE}:default") == "1004"

    def test_no_pending_upgrades(self):
        setup = self.portal.portal_setup
        assert setup.listUpgrades(f"{PACKAGE}:default") == []

    @pytest.mark.parametrize(
        "dependency",
        ["plone.restapi", "plone.app.multilingual", "collective.easyform"],
    )
    def test_dependency_installed(self, dependency):
        assert self.installer.is_product_installed(dependency) is True

    def test_default_workflow(self):
        chain = self.portal.portal_workflow.getDefaultChain()
        assert chain == ("simple_publication_workflow",)

    def test_areas_step_is_idempotent(self):
        """Running the areas step again adds nothing and keeps the grants."""
        before = sorted(self.portal.objectIds())
        local_roles_before = dict(self.portal.sportelli.casa.__ac_local_roles__)
        self.portal.portal_setup.runImportStepFromProfile(
            "profile-famiguida:default", "famiguida-areas"
        )
        assert sorted(self.portal.objectIds()) == before
        assert dict(self.portal.sportelli.casa.__ac_local_roles__) == (
            local_roles_before
        )
