"""Test layers: a Plone site with famiguida installed, shared by all tests."""

from famiguida.content_loader.forms import load_forms
from famiguida.content_loader.items import load_items
from famiguida.content_loader.items import read_items
from famiguida.content_loader.territory import load_territory
from pathlib import Path
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.supermodel.model import finalizeSchemas
from plone.testing.zope import WSGI_SERVER_FIXTURE
from Products.CMFCore.indexing import processQueue

import famiguida
import os


# The repository's starter data, shared by the tests and ``make start``.
CONTENT = Path(famiguida.__file__).resolve().parents[2] / "content"


class FamiguidaLayer(PloneSandboxLayer):
    defaultBases = (PLONE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        # As zope.conf's <environment> does for ``make start``: zope.i18n
        # compiles our locales/*.po into .mo when the ZCML registers them.
        os.environ.setdefault("zope_i18n_compile_mo_files", "true")
        import collective.easyform
        import plone.app.multilingual
        import plone.restapi

        for package in (
            plone.restapi,
            plone.app.multilingual,
            collective.easyform,
            famiguida,
        ):
            self.loadZCML(package=package)
        # A Zope start-up runs plone.supermodel's schema finalisation after all
        # ZCML; loading ours on top of PLONE_FIXTURE comes after it, so run it
        # again (it applies directives such as "languageindependent").
        finalizeSchemas()

    def setUpPloneSite(self, portal):
        applyProfile(portal, "famiguida:default")
        load_territory(CONTENT / "territory.json")
        # The starter content of content/items, as ``make start`` loads it:
        # tests read known data (services, organizations, locations).
        setRoles(portal, TEST_USER_ID, ["Manager"])
        load_items(portal, read_items(CONTENT / "items"))
        # The desk forms of content/forms, in every language.
        load_forms(portal, CONTENT / "forms")
        setRoles(portal, TEST_USER_ID, ["Member"])
        # Index now, while the site is set: PloneSandboxLayer commits after
        # unsetting the site, when CMFCore's queued indexing cannot find the
        # catalog, and plone.testing swallows that failed commit.
        processQueue()


FAMIGUIDA_FIXTURE = FamiguidaLayer()

FAMIGUIDA_INTEGRATION_TESTING = IntegrationTesting(
    bases=(FAMIGUIDA_FIXTURE,),
    name="Famiguida:Integration",
)

FAMIGUIDA_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FAMIGUIDA_FIXTURE, WSGI_SERVER_FIXTURE),
    name="Famiguida:Functional",
)


# The kinds of user the permission matrices test, as ``add_users`` takes them:
# user id -> group (None: no group; "Site Administrator": the global role).
USER_KINDS = {
    "anonymous": None,
    "citizen": None,
    "operator": "operators",
    "housing": "housing-desk",
    "caregiver": "caregiver-desk",
    "mediation": "mediation-desk",
    "editor": "editors",
    "siteadmin": "Site Administrator",
}

INBOXES = ("casa", "assistenti-familiari", "mediazione")

# who works which desk inbox (and sees its requests, reports and erasures)
INBOX_ACCESS = {
    "anonymous": set(),
    "citizen": set(),
    "operator": set(),
    "housing": {"casa"},
    "caregiver": {"assistenti-familiari"},
    "mediation": {"mediazione"},
    "editor": set(),
    "siteadmin": set(INBOXES),
}
