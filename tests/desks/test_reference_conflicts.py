"""Two submissions allocating a number at the same moment never share it."""

from famiguida.desks.requests import allocate_reference
from ZODB.POSException import ConflictError

import pytest
import transaction


def inbox_in(connection):
    return connection.root()["Application"]["plone"]["sportelli"]["casa"]


def test_concurrent_allocations_conflict(functional_portal):
    inbox = functional_portal["sportelli"]["casa"]
    first = allocate_reference(inbox, "casa")
    transaction.commit()
    db = functional_portal._p_jar.db()
    managers = [transaction.TransactionManager() for _ in range(2)]
    connections = [db.open(transaction_manager=tm) for tm in managers]
    try:
        refs = [allocate_reference(inbox_in(c), "casa") for c in connections]
        # both read the same counter: the second commit must fail (and be
        # retried by Zope), never store a duplicate number
        assert refs[0] == refs[1] != first
        managers[0].commit()
        with pytest.raises(ConflictError):
            managers[1].commit()
        managers[1].abort()
        # the retry gets the next number
        retried = allocate_reference(inbox_in(connections[1]), "casa")
        managers[1].commit()
        assert int(retried.rsplit("-", 1)[1]) == int(refs[0].rsplit("-", 1)[1]) + 1
    finally:
        for tm, connection in zip(managers, connections, strict=True):
            tm.abort()
            connection.close()
