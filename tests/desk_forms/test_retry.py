"""A submission whose first attempt meets a write conflict is run again by
Zope and stored once, with its mails queued once."""

from .conftest import fill
from .conftest import inbox_items
from .conftest import submit
from .conftest import wait_for
from famiguida.desk_forms import submission
from ZODB.POSException import ConflictError


def test_a_conflicting_first_attempt_is_retried_and_stored_once(
    functional_portal, desk_forms, browser, mailbox, monkeypatch
):
    portal = functional_portal
    before = inbox_items(portal)
    attempts = []
    original = submission.create_request

    def conflicting_once(*args, **kwargs):
        reference = original(*args, **kwargs)
        attempts.append(reference)
        if len(attempts) == 1:
            raise ConflictError("another submission committed first")
        return reference

    monkeypatch.setattr(submission, "create_request", conflicting_once)
    fill(browser, desk_forms["it"].absolute_url())
    page = submit(browser)
    assert len(attempts) == 2
    after = inbox_items(portal)
    assert len(after) == len(before) + 1
    request = portal["sportelli"]["casa"][(set(after) - set(before)).pop()]
    # the retry's number: the first attempt's stays unused
    assert request.reference == attempts[1] != attempts[0]
    assert request.reference in page
    messages = wait_for(lambda: len(mailbox) >= 2 and mailbox)
    assert len(messages) == 2
    assert all(attempts[0] not in m["Subject"] for m in messages)
