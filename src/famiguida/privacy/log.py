"""The erasure log of each inbox: what was erased, when, why, by whom.

Kept in an annotation of the inbox (an OOBTree keyed by time and item id,
so adding an entry rewrites one bucket, not the whole log).  Entries hold
reference numbers and states, never personal data.
"""

from BTrees.OOBTree import OOBTree
from zope.annotation.interfaces import IAnnotations


LOG_KEY = "famiguida.privacy.erasure_log"


def get_log(inbox, create=False):
    annotations = IAnnotations(inbox)
    log = annotations.get(LOG_KEY)
    if log is None and create:
        log = annotations[LOG_KEY] = OOBTree()
    return log


def log_erasure(inbox, obj, reason, actor, when, state, closed=None):
    """Add one entry about ``obj`` to the log of ``inbox``."""
    log = get_log(inbox, create=True)
    log[(when.isoformat(), obj.getId())] = {
        "when": when,
        "reference": obj.reference or "",
        "id": obj.getId(),
        "portal_type": obj.portal_type,
        "state": state or "",
        "closed": closed,
        "reason": reason,
        "actor": actor,
    }


def log_entries(inbox):
    """The entries of ``inbox``'s log, newest first."""
    log = get_log(inbox)
    if log is None:
        return []
    return [log[key] for key in reversed(list(log.keys()))]
