"""'Segnala un errore': a plain POST form that e-mails the editors.

The mail goes through the site's real MailHost to a real SMTP server
(aiosmtpd on a loopback port, the session's ``smtp_server`` fixture).
"""

from email.header import decode_header
from email.header import make_header
from plone import api
from plone.testing.zope import Browser
from urllib.parse import urlencode

import pytest
import socket
import transaction


SERVICE = "it/guida/servizi/sportello-mediazione-abitativa-crema"
TITLE = "Sportello casa: mediazione abitativa"
DRAFT = "it/guida/servizi/asili-nido-codogno"
EDITORS = "redazione@example.org"


@pytest.fixture
def sent_mail(functional_portal, mailbox):
    """The messages the SMTP server received in this test, as a function."""
    api.portal.set_registry_record("plone.email_from_address", EDITORS)
    transaction.commit()

    def sent():
        return list(mailbox)

    return sent


@pytest.fixture
def browser(functional_portal, sent_mail):
    transaction.commit()
    browser = Browser(functional_portal.aq_parent)
    browser.handleErrors = False
    return browser


@pytest.fixture
def form_url(functional_portal):
    return f"{functional_portal.absolute_url()}/{SERVICE}/@@segnala-errore"


@pytest.fixture
def fill(browser, form_url):
    """Open the form and submit it as a visitor would."""

    def submit(message="", email="", honeypot=None):
        browser.open(form_url)
        browser.getControl(name="message").value = message
        browser.getControl(name="email").value = email
        if honeypot is not None:
            browser.getControl(name="homepage").value = honeypot
        browser.getControl(name="form.buttons.send").click()
        return browser.contents

    return submit


def text_of(mail):
    return mail.get_payload(decode=True).decode(mail.get_content_charset())


def subject_of(mail):
    return str(make_header(decode_header(mail["Subject"])))


def test_service_page_links_to_the_form(browser, functional_portal, form_url):
    browser.open(f"{functional_portal.absolute_url()}/{SERVICE}")
    browser.getLink("Segnala un errore").click()
    assert browser.url == form_url


def test_form_without_javascript(browser, form_url):
    browser.open(form_url)
    page = browser.contents
    assert 'method="post"' in page
    assert 'name="_authenticator"' in page
    assert 'maxlength="2000"' in page
    assert (
        "<script"
        not in page.split('class="famiguida-report-form"')[1].split("</form>")[0]
    )
    # the trap is out of sight and out of the tab order, with no telltale name
    assert 'tabindex="-1"' in page
    assert "honeypot" not in page.lower()
    assert TITLE in page


def test_report_is_mailed_to_the_editors(fill, sent_mail):
    page = fill("L'orario del martedì è cambiato: ora 14-17.", "famiglia@example.org")
    assert "Grazie! La redazione controllerà la scheda e la correggerà." in page
    [mail] = sent_mail()
    assert mail["To"] == EDITORS
    assert mail["Reply-To"] == "famiglia@example.org"
    assert mail.get_content_type() == "text/plain"
    assert subject_of(mail) == f"Segnalazione errore: {TITLE}"
    body = text_of(mail)
    assert "L'orario del martedì è cambiato: ora 14-17." in body
    assert f"/{SERVICE}" in body
    assert "famiglia@example.org" in body


def test_editors_own_address_wins(fill, sent_mail):
    """The "Guida ai servizi" control panel's address, when set, is used
    instead of the site's sender address."""
    api.portal.set_registry_record(
        "famiguida.directory.editors_email", "schede@example.org"
    )
    transaction.commit()
    fill("Il telefono è cambiato.")
    [mail] = sent_mail()
    assert mail["To"] == "schede@example.org"


def test_email_is_optional(fill, sent_mail):
    fill("Il telefono non risponde mai.")
    [mail] = sent_mail()
    assert mail["Reply-To"] is None
    assert "non indicata" in text_of(mail)


@pytest.mark.parametrize(
    "message,email,error",
    [
        ("", "", "Scrivi che cosa non è corretto."),
        ("   \n  ", "", "Scrivi che cosa non è corretto."),
        ("x" * 2001, "", "Il messaggio è troppo lungo: al massimo 2000 caratteri"),
        ("Orario sbagliato", "non-una-mail", "L&#39;indirizzo e-mail non è valido"),
    ],
    ids=["empty", "blank", "too-long", "bad-email"],
)
def test_invalid_reports_are_refused(fill, sent_mail, message, email, error):
    page = fill(message, email)
    assert error in page or error.replace("&#39;", "'") in page
    assert "Grazie!" not in page
    assert 'role="alert"' in page
    assert sent_mail() == []


@pytest.mark.parametrize(
    "message",
    ["x" * 2000, "x" * 1000 + "\r\n" + "x" * 999],
    ids=["2000-characters", "crlf-counts-as-one"],
)
def test_longest_message_is_accepted(fill, sent_mail, message):
    page = fill(message)
    assert "Grazie!" in page
    [mail] = sent_mail()
    assert "x" * 999 in text_of(mail)


def test_honeypot_filled_sends_nothing(fill, sent_mail):
    page = fill("Compra ora!", "bot@example.org", honeypot="https://spam.example")
    assert "Grazie!" in page  # the bot learns nothing
    assert sent_mail() == []


def test_script_is_sent_and_shown_as_text(fill, sent_mail):
    script = "<script>alert('x')</script>"
    # an invalid e-mail brings the form back with the message in it
    page = fill(script, "sbagliata")
    assert script not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page or (
        "&lt;script&gt;alert('x')&lt;/script&gt;" in page
    )
    page = fill(script)
    assert script not in page
    [mail] = sent_mail()
    assert mail.get_content_type() == "text/plain"
    assert script in text_of(mail)


def test_headers_cannot_be_injected(fill, sent_mail):
    fill("Reply-To: evil@example.org\nBcc: evil@example.org\n\nciao", "")
    [mail] = sent_mail()
    assert mail["Reply-To"] is None
    assert mail["Bcc"] is None
    assert "Reply-To: evil@example.org" in text_of(mail)


@pytest.mark.parametrize(
    "token", [None, "forged"], ids=["no-authenticator", "forged-authenticator"]
)
def test_cross_site_posts_are_refused(browser, form_url, sent_mail, token):
    data = {"message": "Ciao", "form.buttons.send": "1"}
    if token:
        data["_authenticator"] = token
    browser.post(form_url, urlencode(data))
    assert "Il modulo è scaduto." in browser.contents
    assert "Grazie!" not in browser.contents
    assert sent_mail() == []


def test_get_with_parameters_sends_nothing(browser, form_url, sent_mail):
    browser.open(f"{form_url}?message=Ciao&form.buttons.send=1")
    assert "Grazie!" not in browser.contents
    assert sent_mail() == []


def test_mail_server_failure_is_told_to_the_visitor(fill, functional_portal, sent_mail):
    """The mail server is down (nothing listens on the port): say so."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    functional_portal.MailHost.smtp_port = closed_port
    api.portal.set_registry_record("plone.smtp_port", closed_port)
    transaction.commit()
    page = fill("Orario sbagliato")
    assert "Non siamo riusciti a inviare la segnalazione." in page
    assert "Grazie!" not in page


def test_no_form_on_a_draft(browser, functional_portal):
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.open(f"{functional_portal.absolute_url()}/{DRAFT}/@@segnala-errore")
    assert "/login?came_from=" in browser.url
