"""The directory's types: FTIs, behaviors, who may add them."""

from plone.dexterity.interfaces import IDexterityFTI
from zope.component import queryUtility

import pytest


TYPES = {
    "Service": {
        "title": "Servizio",
        "klass": "famiguida.content.service.Service",
        "add_permission": "famiguida.AddService",
        "behaviors": {
            "plone.dublincore",
            "plone.richtext",
            "plone.translatable",
            "famiguida.contacts",
            "famiguida.opening_hours",
        },
    },
    "Organization": {
        "title": "Ente",
        "klass": "famiguida.content.organization.Organization",
        "add_permission": "famiguida.AddOrganization",
        "behaviors": {"plone.dublincore", "plone.translatable", "famiguida.contacts"},
    },
    "Location": {
        "title": "Sede",
        "klass": "famiguida.content.location.Location",
        "add_permission": "famiguida.AddLocation",
        "behaviors": {
            "plone.dublincore",
            "plone.translatable",
            "famiguida.contacts",
            "famiguida.opening_hours",
        },
    },
}


@pytest.mark.parametrize("portal_type,expected", TYPES.items())
def test_fti(portal, portal_type, expected):
    fti = queryUtility(IDexterityFTI, name=portal_type)
    assert fti is not None
    assert fti.title == expected["title"]
    assert fti.klass == expected["klass"]
    assert fti.add_permission == expected["add_permission"]
    assert expected["behaviors"] <= set(fti.behaviors)


@pytest.mark.parametrize("portal_type", TYPES)
def test_workflow(portal, portal_type):
    chain = portal.portal_workflow.getChainForPortalType(portal_type)
    assert chain == ("famiguida_directory_workflow",)


ADD_PERMISSIONS = {
    "Service": "famiguida: Add Service",
    "Organization": "famiguida: Add Organization",
    "Location": "famiguida: Add Location",
}


@pytest.mark.parametrize("portal_type", TYPES)
@pytest.mark.parametrize(
    "role,allowed",
    [
        ("Manager", True),
        ("Site Administrator", True),
        ("Contributor", True),
        ("Owner", True),
        ("Editor", False),
        ("Reader", False),
        ("Member", False),
        ("Anonymous", False),
    ],
)
def test_add_permission_roles(portal, portal_type, role, allowed):
    roles = {
        entry["name"]
        for entry in portal.rolesOfPermission(ADD_PERMISSIONS[portal_type])
        if entry["selected"]
    }
    assert (role in roles) is allowed
