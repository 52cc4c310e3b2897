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
