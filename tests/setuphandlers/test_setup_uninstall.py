"""The uninstall profile removes famiguida cleanly, leaving people's data."""

from famiguida.interfaces import IFamiguidaLayer
from plone import api
from plone.browserlayer.utils import registered_layers

import pytest


PACKAGE = "famiguida"


class TestUninstall:
    @pytest.fixture(autouse=True)
    def _uninstall(self, portal, installer):
        self.portal = portal
        self.installer = installer
        installer.uninstall_product(PACKAGE)

    def test_product_uninstalled(self):
        assert self.installer.is_product_installed(PACKAGE) is False

    def test_browserlayer_removed(self):
        assert IFamiguidaLayer not in registered_layers()

    def test_groups_and_content_kept(self):
        assert api.group.get(groupname="housing-desk") is not None
        assert "sportelli" in self.portal.objectIds()

    def test_reinstall(self):
        self.installer.install_product(PACKAGE)
        assert self.installer.is_product_installed(PACKAGE) is True
        assert IFamiguidaLayer in registered_layers()
