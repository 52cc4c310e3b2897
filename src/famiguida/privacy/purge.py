"""The retention purge: erase the items closed longer than the retention.

``purge(portal, now=None, dry_run=False)`` looks at every inbox's closed
requests and vacant homes (DeskRequest done or rejected, VacantHome
assigned or withdrawn), erases those whose last closing is older than the
retention period (registry ``famiguida.privacy.retention_months``) and
logs each one in its inbox's erasure log.  Open items are never touched,
whatever their age.  The caller commits.
"""

from datetime import datetime
from famiguida.desks import DESKS
from famiguida.desks.requests import get_inbox
from famiguida.desks.requests import now as rome_now
from famiguida.privacy.erasure import closed_since
from famiguida.privacy.erasure import CLOSED_STATES
from famiguida.privacy.erasure import erase
from famiguida.privacy.erasure import erased_info
from famiguida.privacy.erasure import RETENTION
from famiguida.privacy.log import log_erasure
from famiguida.privacy.settings import retention_months
from plone import api

import calendar
import logging


logger = logging.getLogger("famiguida.privacy")

# Who the purge acts as, in histories and logs.
PURGE_ACTOR = "famiguida-purge"


def months_before(moment: datetime, months: int) -> datetime:
    """``moment`` minus ``months`` calendar months (the day clamped)."""
    total = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def expired_items(portal, cutoff):
    """``(desk_id, obj, state, closed)`` of the items closed before ``cutoff``."""
    catalog = api.portal.get_tool("portal_catalog")
    found = []
    for desk_id in DESKS:
        inbox = get_inbox(desk_id, portal)
        if inbox is None:
            continue
        path = "/".join(inbox.getPhysicalPath())
        for portal_type, states in CLOSED_STATES.items():
            brains = catalog.unrestrictedSearchResults(
                portal_type=portal_type,
                review_state=list(states),
                path=path,
                sort_on="getId",
            )
            for brain in brains:
                obj = brain._unrestrictedGetObject()
                if erased_info(obj) is not None:
                    continue
                closed = closed_since(obj)
                if closed is not None and closed < cutoff:
                    found.append((desk_id, obj, api.content.get_state(obj), closed))
    return found


def purge(portal, now=None, dry_run=False, months=None, actor=PURGE_ACTOR):
    """Erase (or with ``dry_run`` only list) the expired closed items.

    Returns one dict per item: desk, reference, id, portal_type, state,
    closed (when it was closed).  ``now`` (aware) replaces the clock.
    """
    now = now or rome_now()
    months = months or retention_months()
    cutoff = months_before(now, months)
    done = []
    for desk_id, obj, state, closed in expired_items(portal, cutoff):
        record = {
            "desk": desk_id,
            "reference": obj.reference or "",
            "id": obj.getId(),
            "portal_type": obj.portal_type,
            "state": state,
            "closed": closed,
        }
        if not dry_run:
            erase(obj, RETENTION, actor, when=now)
            log_erasure(
                get_inbox(desk_id, portal),
                obj,
                RETENTION,
                actor,
                now,
                state,
                closed=closed,
            )
        done.append(record)
    logger.info(
        "%s %d items closed before %s (retention %d months)",
        "Would erase" if dry_run else "Erased",
        len(done),
        cutoff.date().isoformat(),
        months,
    )
    return done


def describe(record, dry_run=False):
    """One log line about a purged item (reference numbers, no personal data)."""
    verb = "would erase" if dry_run else "erased"
    return (
        f"{verb} {record['reference'] or record['id']} "
        f"({record['portal_type']}, {record['desk']}, {record['state']} since "
        f"{record['closed'].date().isoformat()})"
    )
