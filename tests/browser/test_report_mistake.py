"""'Segnala un errore': a plain POST form that e-mails the editors.

The project's rule is to test e-mail against a real SMTP server, but
``aiosmtpd`` is not installed in .venv: until it is, these tests read the
messages collected by plone.app.testing's MockMailHost, swapped in by the
``mock_mailhost_until_real_smtp`` fixture below (temporary, see its doc).
"""

from email import message_from_bytes
from email import message_from_string
from email.header import decode_header
from email.header import make_header
from plone import api
from plone.app.testing.utils import MockMailHost
from plone.testing.zope import Browser
from Products.MailHost.interfaces import IMailHost
from urllib.parse import urlencode
from zope.component import getSiteManager

import pytest
import transaction


SERVICE = "it/guida/servizi/sportello-mediazione-abitativa-crema"
TITLE = "Sportello casa: mediazione abitativa"
DRAFT = "it/guida/servizi/asili-nido-codogno"
EDITORS = "redazione@example.org"


@pytest.fixture
def mock_mailhost_until_real_smtp(functional_portal):
    """TEMPORARY stand-in for a real SMTP server (aiosmtpd is not in .venv).

    Swaps the site's MailHost for plone.app.testing's MockMailHost, as its
    MOCK_MAILHOST_FIXTURE does, and sets the editors' address.  The
    functional layer's per-test storage undoes both after the test.
    Returns a function giving the messages sent so far, parsed.
    """
    portal = functional_portal
    api.portal.set_registry_record("plone.email_from_address", EDITORS)
    api.portal.set_registry_record("plone.smtp_host", "localhost")
    mailhost = MockMailHost("MailHost")
    portal.MailHost = mailhost
    site_manager = getSiteManager(portal)
    site_manager.unregisterUtility(provided=IMailHost)
    site_manager.registerUtility(mailhost, provided=IMailHost)
    transaction.commit()

    def sent():
        transaction.begin()  # see what the request committed
        return [
            message_from_bytes(m) if isinstance(m, bytes) else message_from_string(m)
            for m in portal.MailHost.messages
        ]

    return sent


@pytest.fixture
def browser(functional_portal, mock_mailhost_until_real_smtp):
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


def test_report_is_mailed_to_the_editors(fill, mock_mailhost_until_real_smtp):
    page = fill("L'orario del martedì è cambiato: ora 14-17.", "famiglia@example.org")
    assert "Grazie! La redazione controllerà la scheda e la correggerà." in page
    [mail] = mock_mailhost_until_real_smtp()
    assert mail["To"] == EDITORS
    assert mail["Reply-To"] == "famiglia@example.org"
    assert mail.get_content_type() == "text/plain"
    assert subject_of(mail) == f"Segnalazione errore: {TITLE}"
    body = text_of(mail)
    assert "L'orario del martedì è cambiato: ora 14-17." in body
    assert f"/{SERVICE}" in body
    assert "famiglia@example.org" in body


def test_email_is_optional(fill, mock_mailhost_until_real_smtp):
    fill("Il telefono non risponde mai.")
    [mail] = mock_mailhost_until_real_smtp()
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
def test_invalid_reports_are_refused(
    fill, mock_mailhost_until_real_smtp, message, email, error
):
    page = fill(message, email)
    assert error in page or error.replace("&#39;", "'") in page
    assert "Grazie!" not in page
    assert 'role="alert"' in page
    assert mock_mailhost_until_real_smtp() == []


@pytest.mark.parametrize(
    "message",
    ["x" * 2000, "x" * 1000 + "\r\n" + "x" * 999],
    ids=["2000-characters", "crlf-counts-as-one"],
)
def test_longest_message_is_accepted(fill, mock_mailhost_until_real_smtp, message):
    page = fill(message)
    assert "Grazie!" in page
    [mail] = mock_mailhost_until_real_smtp()
    assert "x" * 999 in text_of(mail)


def test_honeypot_filled_sends_nothing(fill, mock_mailhost_until_real_smtp):
    page = fill("Compra ora!", "bot@example.org", honeypot="https://spam.example")
    assert "Grazie!" in page  # the bot learns nothing
    assert mock_mailhost_until_real_smtp() == []


def test_script_is_sent_and_shown_as_text(fill, mock_mailhost_until_real_smtp):
    script = "<script>alert('x')</script>"
    # an invalid e-mail brings the form back with the message in it
    page = fill(script, "sbagliata")
    assert script not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page or (
        "&lt;script&gt;alert('x')&lt;/script&gt;" in page
    )
    page = fill(script)
    assert script not in page
    [mail] = mock_mailhost_until_real_smtp()
    assert mail.get_content_type() == "text/plain"
    assert script in text_of(mail)


def test_headers_cannot_be_injected(fill, mock_mailhost_until_real_smtp):
    fill("Reply-To: evil@example.org\nBcc: evil@example.org\n\nciao", "")
    [mail] = mock_mailhost_until_real_smtp()
    assert mail["Reply-To"] is None
    assert mail["Bcc"] is None
    assert "Reply-To: evil@example.org" in text_of(mail)


@pytest.mark.parametrize(
    "token", [None, "forged"], ids=["no-authenticator", "forged-authenticator"]
)
def test_cross_site_posts_are_refused(
    browser, form_url, mock_mailhost_until_real_smtp, token
):
    data = {"message": "Ciao", "form.buttons.send": "1"}
    if token:
        data["_authenticator"] = token
    browser.post(form_url, urlencode(data))
    assert "Il modulo è scaduto." in browser.contents
    assert "Grazie!" not in browser.contents
    assert mock_mailhost_until_real_smtp() == []


def test_get_with_parameters_sends_nothing(
    browser, form_url, mock_mailhost_until_real_smtp
):
    browser.open(f"{form_url}?message=Ciao&form.buttons.send=1")
    assert "Grazie!" not in browser.contents
    assert mock_mailhost_until_real_smtp() == []


def test_mail_server_failure_is_told_to_the_visitor(
    fill, functional_portal, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(MockMailHost, "send", broken)
    page = fill("Orario sbagliato")
    assert "Non siamo riusciti a inviare la segnalazione." in page
    assert "Grazie!" not in page


def test_no_form_on_a_draft(browser, functional_portal):
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.open(f"{functional_portal.absolute_url()}/{DRAFT}/@@segnala-errore")
    assert "/login?came_from=" in browser.url
