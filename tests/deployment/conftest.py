"""A real instance on a temporary FileStorage, served by a real server.

The same steps as ``make start`` (render the profile, create the site, serve
with runwsgi), run once per test session and shared by the tests of this
folder: starting Zope costs seconds, so they share one server.
"""

from famiguida.testing_server import Instance

import pytest


@pytest.fixture(scope="session")
def instance(tmp_path_factory):
    """A created site (demo content) and a second one without demo content."""
    inst = Instance(tmp_path_factory.mktemp("famiguida"))
    inst.first_output = inst.create_site()
    inst.second_output = inst.create_site()
    inst.no_demo_output = inst.create_site("--site-id", "Vuoto", "--no-demo")
    inst.start()
    yield inst
    inst.stop()
