"""Submissions at the same moment never share a number, and never make each
other fail: the number is taken in a short transaction of its own."""

from famiguida.desks.references import last_number
from famiguida.desks.requests import allocate_reference
from famiguida.desks.requests import create_request
from famiguida.desks.requests import now

import threading
import transaction


def inbox_in(connection):
    return connection.root()["Application"]["plone"]["sportelli"]["casa"]


def number(reference):
    return int(reference.rsplit("-", 1)[1])


def test_two_open_submissions_get_different_numbers_and_both_commit(
    functional_portal,
):
    """Two submissions running at once (two connections, each with its
    snapshot taken before the other's number): distinct numbers, and both
    transactions commit: the counter is not part of them.  (In the old
    design, with the counter written in the submission's transaction, the
    second commit was a ConflictError.)"""
    transaction.commit()
    db = functional_portal._p_jar.db()
    managers = [transaction.TransactionManager() for _ in range(2)]
    connections = [db.open(transaction_manager=tm) for tm in managers]
    try:
        for tm in managers:
            tm.begin()
        inboxes = [inbox_in(c) for c in connections]
        refs = [allocate_reference(inbox, "casa") for inbox in inboxes]
        assert number(refs[1]) == number(refs[0]) + 1
        # each writes something of its own (not the counter)
        for connection, ref in zip(connections, refs, strict=True):
            root = connection.root()["Application"]["plone"]
            root["it" if ref == refs[0] else "en"].famiguida_test_reference = ref
        for tm in managers:
            tm.commit()  # no ConflictError
    finally:
        for tm, connection in zip(managers, connections, strict=True):
            tm.abort()
            connection.close()
    transaction.begin()
    assert functional_portal["it"].famiguida_test_reference == refs[0]
    assert functional_portal["en"].famiguida_test_reference == refs[1]
    inbox = functional_portal["sportelli"]["casa"]
    assert last_number(inbox, now().year) == number(refs[1])


def test_a_burst_of_threads_gets_unique_consecutive_numbers(functional_portal):
    transaction.commit()
    db = functional_portal._p_jar.db()
    start = last_number(functional_portal["sportelli"]["casa"], now().year)
    refs, errors = [], []

    def submit():
        tm = transaction.TransactionManager()
        connection = db.open(transaction_manager=tm)
        try:
            for _ in range(5):
                tm.begin()
                refs.append(allocate_reference(inbox_in(connection), "casa"))
                tm.commit()
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            tm.abort()
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(number(ref) for ref in refs) == list(range(start + 1, start + 21))


def test_a_failed_submission_leaves_a_gap_never_a_duplicate(functional_portal):
    transaction.commit()
    portal = functional_portal
    lost = create_request("casa", "cerco-casa", "it", "crema", {}, consent=True)
    transaction.abort()  # the submission failed: nothing stored
    kept = create_request("casa", "cerco-casa", "it", "crema", {}, consent=True)
    transaction.commit()
    assert number(kept) == number(lost) + 1
    inbox = portal["sportelli"]["casa"]
    assert lost.lower() not in inbox.objectIds()
    assert kept.lower() in inbox.objectIds()
