"""Shared pytest fixtures: pytest-plone over the famiguida layers."""

from aiosmtpd.controller import Controller
from email import message_from_bytes
from famiguida.testing import FAMIGUIDA_FUNCTIONAL_TESTING
from famiguida.testing import FAMIGUIDA_INTEGRATION_TESTING
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from pytest_plone import fixtures_factory

import pytest
import socket
import transaction


pytest_plugins = ["pytest_plone"]


globals().update(
    fixtures_factory(
        (
            (FAMIGUIDA_FUNCTIONAL_TESTING, "functional"),
            (FAMIGUIDA_INTEGRATION_TESTING, "integration"),
        )
    )
)


TEST_PASSWORD = "secret-pw-1"


@pytest.fixture
def add_users():
    """Create one user per entry of ``{userid: kind}`` (the caller acts as
    Manager): kind is a group id, "Site Administrator" (the global role) or
    None; "anonymous" is skipped.  Every password is ``secret-pw-1``."""

    def add(users):
        for userid, kind in users.items():
            if userid == "anonymous":
                continue
            api.user.create(
                email=f"{userid}@example.org", username=userid, password=TEST_PASSWORD
            )
            if kind == "Site Administrator":
                api.user.grant_roles(username=userid, roles=[kind])
            elif kind:
                api.group.add_user(groupname=kind, username=userid)

    return add


@pytest.fixture
def login_as(portal):
    """Act as one user of the site ("anonymous" logs out); restored after."""

    def switch(userid):
        if userid == "anonymous":
            logout()
        else:
            login(portal, userid)

    yield switch
    logout()


class CollectingHandler:
    """aiosmtpd handler that keeps every message it receives, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content or envelope.content)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"


@pytest.fixture(scope="session")
def smtp_server():
    """A real SMTP server on a free loopback port, shared by the session."""
    handler = CollectingHandler()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    controller.handler_messages = handler.messages
    yield controller
    controller.stop()


@pytest.fixture
def mailbox(functional_portal, smtp_server):
    """Point the site's MailHost at the real SMTP server; return its inbox.

    The inbox is emptied for each test; the functional layer's per-test
    storage undoes the MailHost settings afterwards.
    """
    smtp_server.handler_messages.clear()
    mailhost = functional_portal.MailHost
    mailhost.smtp_host = smtp_server.hostname
    mailhost.smtp_port = smtp_server.port
    api.portal.set_registry_record("plone.smtp_host", smtp_server.hostname)
    api.portal.set_registry_record("plone.smtp_port", smtp_server.port)
    transaction.commit()
    return smtp_server.handler_messages
