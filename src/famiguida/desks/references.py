"""Reference numbers of the desk requests: ``CASA-2026-00042``.

Numbers count per desk and per year, from a counter kept in an annotation of
the desk's inbox.  Two submissions at the same moment must never share a
number, and must not make each other fail either.

A counter written inside the submission's own transaction does the first
but not the second: every submission that commits while another one is
running makes that one conflict, the whole request is retried, and under a
steady stream of submissions (measured with ``bench/forms.py``: two clients
were enough) a request can run out of retries and be lost with an error
page.  So the number is taken in a transaction of its own, on a separate
connection to the same database, that reads the counter, writes the next
value and commits at once: it is a few milliseconds long, and if two of them
collide, the second one is simply repeated with the fresh value.  The number
then belongs to this submission whatever happens next; if the submission
itself fails to commit, its number stays unused (a gap, never a duplicate).

An inbox that is not in the database yet (created in the current
transaction) counts inside the current transaction.
"""

from Acquisition import aq_base
from persistent.mapping import PersistentMapping
from ZODB.POSException import ConflictError
from zope.annotation.interfaces import IAnnotations

import logging
import random
import threading
import time
import transaction
import weakref


logger = logging.getLogger("famiguida.desks")

COUNTER_KEY = "famiguida.desks.reference_counters"
ATTEMPTS = 20


def next_number(inbox, year):
    """Increment and return the counter of ``year`` kept on ``inbox``."""
    annotations = IAnnotations(inbox)
    counters = annotations.get(COUNTER_KEY)
    if counters is None:
        counters = annotations[COUNTER_KEY] = PersistentMapping()
    number = counters.get(year, 0) + 1
    counters[year] = number
    return number


def last_number(inbox, year):
    """The last number given for ``year`` (0: none yet), as committed."""
    counters = IAnnotations(inbox).get(COUNTER_KEY) or {}
    return counters.get(year, 0)


# One allocation connection per thread and database, kept open: opening and
# closing one for every number would hand the pool's connections around
# between threads in another order than the publisher expects.
_local = threading.local()


def _allocation_connection(db):
    connections = getattr(_local, "connections", None)
    if connections is None:
        connections = _local.connections = weakref.WeakKeyDictionary()
    entry = connections.get(db)
    if entry is None or entry[0].opened is None:
        manager = transaction.TransactionManager()
        entry = connections[db] = (db.open(transaction_manager=manager), manager)
    return entry


def allocate_number(inbox, year):
    """The next number of ``year`` on ``inbox``, taken in a short transaction
    of its own (see the module's docstring)."""
    base = aq_base(inbox)
    jar = getattr(base, "_p_jar", None)
    oid = getattr(base, "_p_oid", None)
    if jar is None or oid is None:
        return next_number(inbox, year)
    connection, manager = _allocation_connection(jar.db())
    for attempt in range(1, ATTEMPTS + 1):
        try:
            manager.begin()
            number = next_number(connection.get(oid), year)
            manager.commit()
            return number
        except ConflictError:
            manager.abort()
            logger.info("Reference counter busy, attempt %s", attempt)
            time.sleep(random.uniform(0, 0.01 * attempt))  # noqa: S311 - jitter
        except BaseException:
            manager.abort()
            raise
    raise ConflictError("the reference counter stayed busy")
