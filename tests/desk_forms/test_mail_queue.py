"""A mail server that is down loses nothing: the request is stored, the mails
wait in the queue and leave, once each, when the server is back."""

from .conftest import fill
from .conftest import inbox_items
from .conftest import submit
from .conftest import wait_for
from aiosmtpd.controller import Controller
from famiguida.desk_forms import mailqueue

import time


class Collecting:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


def test_smtp_down_then_back(functional_portal, desk_forms, browser, smtp_down):
    before = inbox_items(functional_portal)
    fill(browser, desk_forms["it"].absolute_url())
    page = submit(browser)
    after = inbox_items(functional_portal)
    assert len(after) == len(before) + 1
    reference = functional_portal["sportelli"]["casa"][after[-1]].reference
    assert reference in page
    # the thread tried (and failed) to reach the server; the mails wait
    failures = mailqueue.processor().failures
    assert wait_for(lambda: mailqueue.processor().failures > failures + 1)
    assert len(mailqueue.queued_files()) == 2

    handler = Collecting()
    controller = Controller(handler, hostname="127.0.0.1", port=smtp_down)
    controller.start()
    try:
        assert wait_for(lambda: len(handler.envelopes) >= 2)
        assert wait_for(lambda: not mailqueue.queued_files())
        time.sleep(0.5)  # a few more passes of the queue thread
        assert len(handler.envelopes) == 2
        assert sorted(e.rcpt_tos[0] for e in handler.envelopes) == [
            "amina@example.org",
            "casa@famiguida.test",
        ]
        for envelope in handler.envelopes:
            assert reference.encode() in envelope.original_content
    finally:
        controller.stop()
