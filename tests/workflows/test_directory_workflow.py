"""Review workflow of the directory: only editors publish; drafts stay hidden."""

from AccessControl import Unauthorized
from AccessControl.SecurityManagement import noSecurityManager
from plone import api
from plone.api.exc import InvalidParameterError
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from Products.CMFCore.WorkflowCore import WorkflowException

import pytest


STAFF = {
    "editor": "editors",
    "operator": "operators",
    "housing": "housing-desk",
}


@pytest.fixture
def organization(portal, add_users):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    add_users(STAFF)
    obj = api.content.create(
        container=portal["it"],
        type="Organization",
        id="ente-prova",
        title="Ente di prova",
        organization_kind="association",
    )
    setRoles(portal, TEST_USER_ID, ["Member"])
    yield obj
    noSecurityManager()


def test_new_entries_start_as_drafts(organization):
    assert api.content.get_state(organization) == "draft"


@pytest.mark.parametrize("userid", ["anonymous", "operator", "housing"])
def test_drafts_are_hidden(portal, organization, userid, login_as):
    login_as(userid)
    assert not api.user.get_permissions(obj=organization)["View"]
    assert not api.content.find(portal_type="Organization", id="ente-prova")


def test_editor_sees_and_publishes(portal, organization, login_as):
    login_as("editor")
    assert api.content.find(portal_type="Organization", id="ente-prova")
    api.content.transition(obj=organization, transition="submit")
    assert api.content.get_state(organization) == "pending"
    api.content.transition(obj=organization, transition="publish")
    assert api.content.get_state(organization) == "published"
    login_as("anonymous")
    assert api.content.find(portal_type="Organization", id="ente-prova")


@pytest.mark.parametrize("userid", ["operator", "housing"])
def test_others_cannot_publish(portal, organization, userid, login_as):
    login_as(userid)
    with pytest.raises((WorkflowException, Unauthorized, InvalidParameterError)):
        api.content.transition(obj=organization, transition="publish")
    assert api.content.get_state(organization) == "draft"


def test_editor_can_send_back_to_draft(portal, organization, login_as):
    login_as("editor")
    api.content.transition(obj=organization, transition="publish")
    api.content.transition(obj=organization, transition="reject")
    assert api.content.get_state(organization) == "draft"
    login_as("anonymous")
    assert not api.content.find(portal_type="Organization", id="ente-prova")
