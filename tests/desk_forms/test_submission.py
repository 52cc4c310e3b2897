"""A desk form submitted through the real form, in Italian and in Arabic:
one request in the housing desk's inbox, a notice to the desk and a
confirmation to the sender at the real SMTP server."""

from .conftest import DESK_ADDRESS
from .conftest import fill
from .conftest import FORM_ID
from .conftest import inbox_items
from .conftest import SENDER
from .conftest import submit
from .conftest import wait_for
from famiguida.desk_forms import mailqueue

import pytest


@pytest.mark.parametrize("language", ["it", "ar"])
def test_submission_creates_one_request_and_two_mails(
    functional_portal, desk_forms, browser, mailbox, arabic_texts, language
):
    portal = functional_portal
    before = inbox_items(portal)
    fill(browser, desk_forms[language].absolute_url())
    page = submit(browser)
    after = inbox_items(portal)
    assert len(after) == len(before) + 1
    request = portal["sportelli"]["casa"][(set(after) - set(before)).pop()]
    assert request.reference in page
    assert request.form_id == FORM_ID
    assert request.submission_language == language
    assert request.municipality == "crema"
    assert request.submitter_name == "Amina"
    assert request.email == "amina@example.org"
    assert request.phone == "+39 0373 123456"
    assert request.consent is True
    assert '"message": "Cerco una casa."' in request.data_json
    assert "privacy_consent" not in request.data_json

    messages = wait_for(lambda: len(mailbox) >= 2 and mailbox)
    assert len(messages) == 2
    by_to = {m["X-Envelope-To"]: m for m in messages}
    assert set(by_to) == {DESK_ADDRESS, "amina@example.org"}
    assert all(SENDER in m["From"] for m in messages)

    notice = by_to[DESK_ADDRESS]
    text = notice.get_payload(decode=True).decode("utf-8")
    assert request.reference in notice["Subject"]
    assert request.reference in text
    assert f"({FORM_ID})" in text
    assert "Crema" in text
    assert f"{request.absolute_url()}" in text
    assert "È arrivata una nuova richiesta." in text
    for personal in ("Amina", "amina@example.org", "0373", "Cerco una casa"):
        assert personal not in text

    confirmation = by_to["amina@example.org"]
    body = confirmation.get_payload(decode=True).decode("utf-8")
    assert request.reference in body
    assert confirmation["Content-Language"] == language
    if language == "ar":
        assert "شكرا، لقد استلمنا طلبك «نموذج تجريبي»." in body
        assert "لقد استلمنا طلبك" in page
    else:
        assert "Grazie, abbiamo ricevuto la tua richiesta «Modulo di prova»." in body
    assert not mailqueue.queued_files()


def test_mails_have_crlf_line_ends(functional_portal, desk_forms, browser):
    """The queued message has CRLF line ends only (aiosmtpd and Postfix
    refuse bare LF) and quoted-printable text."""
    # nothing listens on the MailHost's default port 25 here: the mail stays
    fill(browser, desk_forms["ar"].absolute_url())
    submit(browser)
    files = mailqueue.queued_files()
    assert len(files) == 2
    for name in files:
        with open(name, "rb") as stream:
            raw = stream.read()
        # zope.sendmail's own two envelope lines end with LF; the rest is SMTP's
        message = raw.split(b"\n", 2)[2]
        assert b"\r\n" in message
        assert b"\n" not in message.replace(b"\r\n", b"")
        assert b"Content-Transfer-Encoding: quoted-printable" in message


def test_plain_easyform_untouched(functional_portal, desk_forms, browser):
    """A form without a DeskRequestAction: no defences, no request."""
    from plone import api
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    import contextlib
    import transaction

    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    form = api.content.create(
        container=functional_portal["it"], type="EasyForm", id="sondaggio"
    )
    form.actions_model = ""
    with contextlib.suppress(api.exc.InvalidParameterError):
        api.content.transition(obj=form, transition="publish")
    transaction.commit()
    before = inbox_items(functional_portal)
    browser.open(form.absolute_url())
    assert 'name="website"' not in browser.contents
    assert "famiguida_form_token" not in browser.contents
    assert inbox_items(functional_portal) == before
