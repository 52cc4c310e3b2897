"""The DeskRequestAction and the actions XML every desk form uses."""

from famiguida.desk_forms.actions import actions_model
from famiguida.desk_forms.actions import DeskRequestAction
from famiguida.desk_forms.actions import IDeskRequestAction
from plone.supermodel import loadString
from plone.supermodel import serializeSchema
from zope.schema import getFieldsInOrder

import pytest


@pytest.mark.parametrize("desk", ["casa", "assistenti-familiari", "mediazione"])
def test_actions_model_loads_one_desk_action(portal, desk):
    schema = loadString(actions_model(desk)).schema
    fields = getFieldsInOrder(schema)
    assert len(fields) == 1
    name, action = fields[0]
    assert name == "desk_request"
    assert isinstance(action, DeskRequestAction)
    assert IDeskRequestAction.providedBy(action)
    assert action.desk == desk
    assert action.required


def test_actions_model_round_trips(portal):
    schema = loadString(actions_model("mediazione")).schema
    again = loadString(serializeSchema(schema)).schema
    assert again["desk_request"].desk == "mediazione"


def test_unknown_desk_refused():
    with pytest.raises(ValueError):
        actions_model("nowhere")


def test_action_outside_the_desk_form_view_stores_nothing(portal):
    """easyform's embedded form or a script runs the action without the
    defences: it refuses, and no number is used."""
    from collective.easyform.config import FORM_ERROR_MARKER
    from famiguida.desk_forms.actions import desk_action
    from famiguida.desks.requests import COUNTER_KEY
    from plone import api
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID
    from transaction import TransactionManager
    from zope.annotation.interfaces import IAnnotations

    setRoles(portal, TEST_USER_ID, ["Manager"])
    form = api.content.create(container=portal["it"], type="EasyForm", id="f")
    form.actions_model = actions_model("mediazione")
    action = desk_action(form)
    assert action.desk == "mediazione"
    inbox = portal["sportelli"]["mediazione"]
    before = len(inbox.objectIds())
    numbers = dict(IAnnotations(inbox).get(COUNTER_KEY) or {})
    result = action.onSuccess({"name": "x", "privacy_consent": True}, portal.REQUEST)
    assert FORM_ERROR_MARKER in result
    assert len(inbox.objectIds()) == before
    # the counter is committed apart: read what the database holds now
    connection = inbox._p_jar.db().open(transaction_manager=TransactionManager())
    try:
        committed = connection.get(inbox._p_oid)
        assert dict(IAnnotations(committed).get(COUNTER_KEY) or {}) == numbers
    finally:
        connection.close()


def test_form_without_desk_action(portal):
    from famiguida.desk_forms.actions import desk_action
    from plone import api
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    setRoles(portal, TEST_USER_ID, ["Manager"])
    form = api.content.create(container=portal["it"], type="EasyForm", id="g")
    assert desk_action(form) is None
