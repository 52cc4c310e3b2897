"""Creating desk requests, their reference numbers and their history.

``create_request`` is what a desk form's action calls: the visitor is
usually anonymous, so the request (and, for a landlord's offer, the vacant
home) is created as the system, in the desk's inbox, within the current
transaction: if the transaction fails, nothing is stored and no number is
used.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.users import UnrestrictedUser
from Acquisition import aq_base
from datetime import date
from datetime import datetime
from decimal import Decimal
from decimal import InvalidOperation
from famiguida.desks import DESKS
from famiguida.desks import LANDLORD_FORM_ID
from famiguida.desks.references import allocate_number
from famiguida.desks.references import COUNTER_KEY  # noqa: F401 - re-exported
from OFS.event import ObjectWillBeAddedEvent
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from plone.dexterity.utils import createContent
from zope.event import notify
from zope.lifecycleevent import ObjectAddedEvent

import json
import pytz


# pytz, not zoneinfo, for what is stored: ZODB cannot pickle a ZoneInfo.
ROME = pytz.timezone("Europe/Rome")
# Creator and owner of what the desk forms store.
SYSTEM_USER_ID = "famiguida-desks"


def now():
    """The current time, aware, in Europe/Rome (storable in the ZODB)."""
    return datetime.now(ROME)


def as_rome(value):
    """``value`` (naive: Rome time) as a storable aware datetime in Rome."""
    if value.tzinfo is None:
        return ROME.localize(value)
    return value.astimezone(ROME)


def get_inbox(desk_id, portal=None):
    """The inbox folder of ``desk_id`` (unrestricted: callers may be anonymous)."""
    if desk_id not in DESKS:
        raise ValueError(f"Unknown desk {desk_id!r}")
    portal = portal if portal is not None else api.portal.get()
    return portal.unrestrictedTraverse(DESKS[desk_id]["path"])


def allocate_reference(inbox, desk_id, year=None):
    """The next reference number of ``desk_id`` for ``year``.

    Taken in a short transaction of its own (``famiguida.desks.references``):
    unique, and a burst of submissions does not make them conflict with one
    another.
    """
    year = year or now().year
    number = allocate_number(inbox, year)
    return f"{DESKS[desk_id]['prefix']}-{year}-{number:05d}"


def history_entry(action, actor=None, old=None, new=None, text=""):
    """One line of a request's history (who, when, what, old -> new)."""
    if actor is None:
        user = api.user.get_current()
        actor = user.getId() or "Anonymous User"
    return {
        "when": now(),
        "actor": actor,
        "action": action,
        "old": old,
        "new": new,
        "text": text,
    }


def add_history(obj, entry):
    """Append ``entry`` to the history of ``obj``."""
    # getattr, not __dict__: a ghost's __dict__ is empty until loaded
    history = getattr(aq_base(obj), "history", None)
    if not isinstance(history, PersistentList):
        history = obj.history = PersistentList(history or ())
    history.append(entry)


def record_transition(obj, event):
    """Subscriber: every status change goes into the history."""
    if event.transition is None:  # the initial state
        return
    add_history(
        obj,
        history_entry(
            "status",
            old=event.old_state.getId(),
            new=event.new_state.getId(),
            text=(event.kwargs or {}).get("comment", "") if event.kwargs else "",
        ),
    )


def add_note(obj, text):
    """Record a staff note on ``obj``."""
    add_history(obj, history_entry("note", text=text))


def _as_int(value):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _as_decimal(value):
    try:
        return Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, TypeError, ValueError):
        return None


def _as_date(value):
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except (TypeError, ValueError):
        return None


def _as_bool(value):
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "sì", "si", "yes", "on")


def home_fields(data, municipality, reference):
    """The VacantHome fields read from a landlord form's ``data``."""
    return {
        "reference": reference,
        "municipality": municipality,
        "address": str(data.get("address") or "") or None,
        "rooms": _as_int(data.get("rooms")),
        "rent": _as_decimal(data.get("rent")),
        "furnished": _as_bool(data.get("furnished", False)),
        "available_from": _as_date(data.get("available_from")),
        "energy_class": str(data.get("energy_class") or "") or None,
    }


def add_to_inbox(inbox, portal_type, id, **fields):
    """Create an item in ``inbox`` as OFS does, without writing the inbox.

    OFS follows each addition with a ContainerModifiedEvent, for which
    Dexterity reindexes the folder and sets its modification date: the
    inbox object itself was written by every submission, so every two
    submissions at once conflicted on it (measured with bench/forms.py).
    The item gets its usual events (created, will be added, added:
    catalog, workflow, owner); the inbox keeps its own date.
    """
    obj = createContent(portal_type, id=id, **fields)
    notify(ObjectWillBeAddedEvent(obj, inbox, id))
    inbox._setObject(id, obj, suppress_events=True)
    obj = inbox._getOb(id)
    notify(ObjectAddedEvent(obj, inbox, id))
    return obj


def create_request(
    desk_id,
    form_id,
    language,
    municipality,
    data,
    consent,
    submitter_name=None,
    email=None,
    phone=None,
    consent_date=None,
    portal=None,
    files=None,
):
    """Store one submission in the desk's inbox; return its reference number.

    ``data`` is the submitted form as a dict (JSON-serialisable; dates are
    written as ISO strings).  For the housing desk's landlord form
    (``LANDLORD_FORM_ID``) a VacantHome "to verify" is created as well, with
    the home's fields read from ``data`` (``address``, ``rooms``, ``rent``,
    ``furnished``, ``available_from``, ``energy_class``).  ``files`` lists
    ``(field id, file)`` of the uploads (plone.namedfile blobs, kept as they
    are in the request's ``attachments``).  Runs as the system user: the
    visitor needs no permission on the inbox.
    """
    inbox = get_inbox(desk_id, portal)
    reference = allocate_reference(inbox, desk_id)
    stamp = now()
    if consent and consent_date is None:
        consent_date = stamp
    elif consent_date is not None:
        consent_date = as_rome(consent_date)
    previous = getSecurityManager()
    portal = portal if portal is not None else api.portal.get()
    system = UnrestrictedUser(SYSTEM_USER_ID, "", ["Manager"], "")
    newSecurityManager(None, system.__of__(portal.acl_users))
    try:
        request = add_to_inbox(
            inbox,
            "DeskRequest",
            reference.lower(),
            title=reference,
            reference=reference,
            desk=desk_id,
            form_id=form_id,
            submission_language=language,
            municipality=municipality or None,
            submitter_name=submitter_name,
            email=email,
            phone=phone,
            data_json=json.dumps(data, ensure_ascii=False, indent=1, default=str),
            consent=bool(consent),
            consent_date=consent_date,
        )
        request.history = PersistentList(
            [history_entry("created", actor=submitter_name or "", new="new")]
        )
        if files:
            request.attachments = PersistentList(
                PersistentMapping(field=name, file=file) for name, file in files
            )
        if desk_id == "casa" and form_id == LANDLORD_FORM_ID:
            home = add_to_inbox(
                inbox,
                "VacantHome",
                f"{reference.lower()}-casa",
                title=str(data.get("address") or reference),
                **home_fields(data, municipality or None, reference),
            )
            home.history = PersistentList(
                [history_entry("created", actor=submitter_name or "", new="to_verify")]
            )
    finally:
        setSecurityManager(previous)
    return reference
