"""Privacy test helpers: desk users, and desk items closed at chosen times."""

from DateTime import DateTime
from datetime import datetime
from famiguida.desks.requests import create_request
from famiguida.desks.requests import ROME
from persistent.list import PersistentList
from plone import api
from plone.app.testing import logout


# desk id -> the user who works it
DESK_STAFF = {
    "casa": "housing",
    "assistenti-familiari": "caregiver",
    "mediazione": "mediation",
}

# The purge's clock in these tests, and closing times around it (24 months).
NOW = ROME.localize(datetime(2031, 1, 10, 12, 0))
LONG_AGO = ROME.localize(datetime(2028, 6, 1, 9, 0))
RECENTLY = ROME.localize(datetime(2030, 12, 1, 9, 0))

LANDLORD = {
    "address": "Via Mazzini 12",
    "rooms": "3",
    "rent": "450",
    "furnished": True,
    "energy_class": "C",
}


def submit(desk, form="modulo", name="Maria Rossi", data=None, **extra):
    """A request stored as the desk forms store it; return the DeskRequest."""
    portal = api.portal.get()
    logout()
    reference = create_request(
        desk,
        form,
        "it",
        "crema",
        data if data is not None else {"messaggio": f"Aiuto per {name}"},
        True,
        submitter_name=name,
        email=f"{name.split()[0].lower()}@example.org",
        phone="+39 333 1234567",
        **extra,
    )
    return portal["sportelli"][desk][reference.lower()]


def backdate_last_transition(obj, when):
    """Move the last workflow step (and its history line) to ``when``."""
    workflow = api.portal.get_tool("portal_workflow")
    workflow_id = workflow.getChainFor(obj)[0]
    entries = list(obj.workflow_history[workflow_id])
    entries[-1] = {**entries[-1], "time": DateTime(when)}
    obj.workflow_history[workflow_id] = tuple(entries)
    history = PersistentList(obj.history)
    history[-1] = {**history[-1], "when": when}
    obj.history = history


def walk(obj, *steps):
    """Run ``(transition, when)`` steps as a Manager, each dated ``when``."""
    with api.env.adopt_roles(["Manager"]):
        for transition, when in steps:
            api.content.transition(
                obj=obj, transition=transition, comment=f"commento {transition}"
            )
            if when is not None:
                backdate_last_transition(obj, when)
        obj.reindexObject()
    return obj
