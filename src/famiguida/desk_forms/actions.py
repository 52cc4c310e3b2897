"""``DeskRequestAction``: the easyform action that stores a desk request.

``actions_model(desk_id)`` is the actions XML every desk form uses; the
action's ``onSuccess`` hands the submission to ``submission.store``.
"""

from collective.easyform.actions import Action
from collective.easyform.actions import ActionFactory
from collective.easyform.api import get_actions
from collective.easyform.interfaces import IAction
from famiguida import _
from famiguida.desk_forms import ACTION_TYPE
from famiguida.desks import DESKS
from plone.supermodel.exportimport import BaseHandler
from plone.supermodel.interfaces import IFieldNameExtractor
from xml.sax.saxutils import escape
from zope import schema
from zope.component import adapter
from zope.interface import implementer
from zope.schema import getFieldsInOrder


# The action's name inside every desk form's actions model.
ACTION_NAME = "desk_request"


class IDeskRequestAction(IAction):
    """Stores each submission as a request in a desk's inbox, then queues a
    notice to the desk and a confirmation to the sender."""

    desk = schema.Choice(
        title=_("label_desk_form_desk", default="Sportello che riceve le richieste"),
        values=tuple(DESKS),
        required=True,
        default="casa",
    )


@implementer(IDeskRequestAction)
class DeskRequestAction(Action):
    __doc__ = IDeskRequestAction.__doc__

    def __init__(self, **kw):
        self.desk = kw.pop("desk", IDeskRequestAction["desk"].default)
        super().__init__(**kw)

    def onSuccess(self, fields, request):
        """Store the submission; a dict is a form-level error for easyform."""
        from famiguida.desk_forms.submission import store

        return store(self, fields, request)


DeskRequestActionFactory = ActionFactory(
    DeskRequestAction,
    _("label_desk_request_action", default="Richiesta a uno sportello"),
    "cmf.ManagePortal",
)
DeskRequestHandler = BaseHandler(DeskRequestAction)


@implementer(IFieldNameExtractor)
@adapter(IDeskRequestAction)
class DeskRequestNameExtractor:
    """Serialised as ``famiguida.desk_forms.DeskRequest`` (not the class path),
    so a model saved by easyform's actions editor reads back the same."""

    def __init__(self, context):
        self.context = context

    def __call__(self):
        return ACTION_TYPE


ACTIONS_MODEL = """<?xml version="1.0" encoding="utf-8"?>
<model xmlns="http://namespaces.plone.org/supermodel/schema">
  <schema>
    <field name="{name}" type="{type}">
      <title>Richiesta allo sportello</title>
      <required>True</required>
      <desk>{desk}</desk>
    </field>
  </schema>
</model>
"""


def actions_model(desk_id):
    """The easyform ``actions_model`` XML of a form feeding ``desk_id``."""
    if desk_id not in DESKS:
        raise ValueError(f"Unknown desk {desk_id!r}")
    return ACTIONS_MODEL.format(
        name=ACTION_NAME, type=ACTION_TYPE, desk=escape(desk_id)
    )


def desk_action(form):
    """The form's DeskRequestAction, or None (not a desk form)."""
    for _name, action in getFieldsInOrder(get_actions(form)):
        if IDeskRequestAction.providedBy(action):
            return action
    return None
