"""Right to erasure: a desk erases a data subject's request by its number.

Only the inbox's own items are looked up (the request and, for a
landlord's offer, the vacant home made from it): another desk's number is
simply not found there.
"""

from Acquisition import aq_base
from famiguida.desks.requests import now as rome_now
from famiguida.privacy.erasure import closed_since
from famiguida.privacy.erasure import erase
from famiguida.privacy.erasure import is_desk_item
from famiguida.privacy.erasure import REQUEST
from famiguida.privacy.log import log_erasure
from plone import api

import re


REFERENCE = re.compile(r"^[A-Z]{2,10}-\d{4}-\d{5}$")


def normalise(reference):
    """The reference as the desks write it (``CASA-2026-00042``) or None."""
    value = re.sub(r"\s+", "", str(reference or "")).upper()
    return value if REFERENCE.match(value) else None


def find_items(inbox, reference):
    """The items of ``inbox`` carrying ``reference``: the request first."""
    reference = normalise(reference)
    if reference is None:
        return []
    items = []
    for item_id in (reference.lower(), f"{reference.lower()}-casa"):
        obj = inbox.get(item_id)
        if obj is None or not is_desk_item(obj):
            continue
        if getattr(aq_base(obj), "reference", None) != reference:
            continue
        items.append(obj)
    return items


def erase_reference(inbox, reference, actor, when=None):
    """Erase and log every item of ``inbox`` with ``reference``; return them."""
    when = when or rome_now()
    erased = []
    for obj in find_items(inbox, reference):
        state = api.content.get_state(obj, default="")
        closed = closed_since(obj)
        if erase(obj, REQUEST, actor, when=when):
            log_erasure(inbox, obj, REQUEST, actor, when, state, closed=closed)
            erased.append(obj)
    return erased
