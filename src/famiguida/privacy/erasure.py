"""Erasing the personal data of one desk item, keeping what reports count.

A DeskRequest keeps its reference, desk, form, language, municipality,
consent flag and date, workflow state and dates; a VacantHome keeps its
reference, municipality and the home's facts (rooms, rent, ...).  Gone are
the submitter's name, e-mail and phone, the submitted data, any attachment,
a home's address (and the title made of it), the texts of staff notes and
status comments, and the submitter's name in the history.  The item is then
marked erased (when, why, by whom) and reindexed.  Erasing twice changes
nothing.

What an erasure removes stays in the database's old revisions until it is
packed: ``famiguida-purge --pack`` (or packing in the ZMI) drops them.
"""

from Acquisition import aq_base
from datetime import datetime
from famiguida.desks.content import IDeskRequest
from famiguida.desks.content import IVacantHome
from famiguida.desks.requests import add_history
from famiguida.desks.requests import history_entry
from famiguida.desks.requests import now as rome_now
from famiguida.desks.requests import ROME
from persistent.list import PersistentList
from plone import api

import logging


logger = logging.getLogger("famiguida.privacy")

RETENTION = "retention"
REQUEST = "request"
REASONS = (RETENTION, REQUEST)

# Personal data stored on a DeskRequest (set to None).  ``attachments`` and
# ``files`` are where the desk forms keep uploads (blobs): dropping the
# reference is what deletes the blob once the database is packed.
REQUEST_FIELDS = ("submitter_name", "email", "phone", "data_json")
UPLOAD_FIELDS = ("attachments", "files", "uploads")
HOME_FIELDS = ("address",)

# States after which an item counts as closed (retention runs from them).
CLOSED_STATES = {
    "DeskRequest": ("done", "rejected"),
    "VacantHome": ("assigned", "withdrawn"),
}


def is_desk_item(obj):
    return IDeskRequest.providedBy(obj) or IVacantHome.providedBy(obj)


def erased_info(obj):
    """``{"when", "reason", "actor"}`` if ``obj`` was erased, else None."""
    when = getattr(aq_base(obj), "privacy_erased", None)
    if when is None:
        return None
    return {
        "when": when,
        "reason": getattr(aq_base(obj), "privacy_erasure_reason", "") or "",
        "actor": getattr(aq_base(obj), "privacy_erased_by", "") or "",
    }


def personal_fields(obj):
    if IVacantHome.providedBy(obj):
        return HOME_FIELDS
    return REQUEST_FIELDS + UPLOAD_FIELDS


def _blank_history(obj):
    """Staff texts and the submitter's name out of ``obj.history``."""
    history = getattr(aq_base(obj), "history", None) or ()
    cleaned = PersistentList()
    for entry in history:
        entry = dict(entry)
        entry["text"] = ""
        if entry.get("action") == "created":
            entry["actor"] = ""
        cleaned.append(entry)
    obj.history = cleaned


def _blank_workflow_comments(obj):
    """Status comments (free text) out of the workflow history."""
    workflow_history = getattr(aq_base(obj), "workflow_history", None)
    if not workflow_history:
        return
    for workflow_id, entries in list(workflow_history.items()):
        if any(entry.get("comments") for entry in entries):
            workflow_history[workflow_id] = tuple(
                {**entry, "comments": ""} for entry in entries
            )


def _reindex(obj):
    """Reindex every index and the metadata, keeping the modification date."""
    catalog = api.portal.get_tool("portal_catalog")
    obj.reindexObject(idxs=list(catalog.indexes()))


def erase(obj, reason, actor, when=None):
    """Erase the personal data of ``obj``; True if it was not erased before."""
    if reason not in REASONS:
        raise ValueError(f"Unknown erasure reason {reason!r}")
    if not is_desk_item(obj):
        raise TypeError(f"Not a desk item: {obj!r}")
    if erased_info(obj) is not None:
        return False
    when = when or rome_now()
    base = aq_base(obj)
    for name in personal_fields(obj):
        if getattr(base, name, None) is not None:
            setattr(obj, name, None)
    if IVacantHome.providedBy(obj):
        obj.title = obj.reference or obj.getId()
    _blank_history(obj)
    _blank_workflow_comments(obj)
    obj.privacy_erased = when
    obj.privacy_erasure_reason = reason
    obj.privacy_erased_by = actor
    add_history(obj, history_entry("erased", actor=actor))
    # the history entry's own time: the erasure's (a given clock is kept)
    obj.history[-1] = {**obj.history[-1], "when": when}
    _reindex(obj)
    logger.info(
        "Erased the personal data of %s (%s, %s)",
        obj.reference or obj.getId(),
        obj.portal_type,
        reason,
    )
    return True


def closed_since(obj):
    """When ``obj`` last entered its current closed state (aware), or None.

    Read from the workflow history (the trailing entries in the current
    state: the first of them is the transition into it); the item's own
    history is the fallback.
    """
    states = CLOSED_STATES.get(obj.portal_type, ())
    state = api.content.get_state(obj, default=None)
    if state not in states:
        return None
    workflow = api.portal.get_tool("portal_workflow")
    entered = None
    for workflow_id in workflow.getChainFor(obj):
        entries = (getattr(aq_base(obj), "workflow_history", {}) or {}).get(
            workflow_id, ()
        )
        for entry in reversed(entries):
            if entry.get("review_state") != state:
                break
            entered = entry.get("time")
        if entered is not None:
            break
    if entered is not None:
        if hasattr(entered, "timeTime"):  # a DateTime: in Rome, via pytz
            return datetime.fromtimestamp(entered.timeTime(), ROME)
        return entered
    for entry in reversed(list(getattr(aq_base(obj), "history", ()) or ())):
        if entry.get("action") == "status" and entry.get("new") == state:
            return entry.get("when")
    return None
