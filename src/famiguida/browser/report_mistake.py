""" "Segnala un errore": a visitor tells the editors that a service page is wrong.

A plain POST form, so it works without JavaScript: the message (required,
at most 2000 characters) and an optional e-mail address for the answer.
Defences, all server side: the form authenticator of plone.protect (sending
mail writes nothing to the database, so plone.protect's automatic check
would never fire: the view checks the token itself), a honeypot field that
people leave empty and bots fill, and a text/plain e-mail built as a MIME
object, so nothing the visitor types becomes markup or a mail header.
"""

from email.charset import Charset
from email.charset import QP
from email.mime.nonmultipart import MIMENonMultipart
from email.policy import compat32
from famiguida import _
from famiguida.controlpanels.directory import setting
from famiguida.service_card import one_line
from plone import api
from plone.schema.email import Email
from Products.Five import BrowserView
from zope.i18n import translate
from zope.schema.interfaces import ValidationError

import logging


QUOTED_PRINTABLE_UTF8 = Charset("utf-8")
QUOTED_PRINTABLE_UTF8.body_encoding = QP
# MailHost sends the message's bytes as they are: SMTP wants CRLF line ends,
# and a strict server (aiosmtpd, Postfix with smtpd_forbid_bare_newline)
# refuses bare LF.
SMTP_LINES = compat32.clone(linesep="\r\n")


logger = logging.getLogger("famiguida.report_mistake")

MAX_MESSAGE = 2000
MAX_EMAIL = 254
# People do not see this field (it is visually hidden and out of the tab
# order); form-filling bots do and fill it.
HONEYPOT = "homepage"
SUBMIT = "form.buttons.send"


class ReportNotSent(Exception):
    """The report could not be handed to the mail server."""


def _field(form, name):
    """A submitted value as text: first of repeated values, "" for uploads."""
    value = form.get(name, "")
    if isinstance(value, (list, tuple)):
        value = value[0] if value else ""
    return value if isinstance(value, str) else ""


def _valid_email(value):
    if len(value) > MAX_EMAIL:
        return False
    try:
        Email(required=False).validate(value)
    except ValidationError:
        return False
    return True


class ReportMistakeForm(BrowserView):
    """``@@segnala-errore`` on a Service."""

    def __call__(self):
        self.errors = {}
        self.sent = False
        form = self.request.form
        self.message = _field(form, "message").replace("\r\n", "\n").strip()
        self.email = _field(form, "email").strip()
        if self.request.method == "POST" and SUBMIT in form:
            self.handle(form)
        return self.index()

    def handle(self, form):
        if _field(form, HONEYPOT).strip():
            # Answer a bot as a person, so it has nothing to learn; send nothing.
            logger.info(
                "Report with the honeypot filled ignored on %s", self.service_url
            )
            self.sent = True
            return
        if not self.context.restrictedTraverse("@@authenticator").verify():
            self.errors["form"] = _(
                "error_form_expired",
                default="Il modulo è scaduto. Controlla il testo e invialo di nuovo.",
            )
            return
        if not self.message:
            self.errors["message"] = _(
                "error_report_message_required",
                default="Scrivi che cosa non è corretto.",
            )
        elif len(self.message) > MAX_MESSAGE:
            self.errors["message"] = _(
                "error_report_message_too_long",
                default="Il messaggio è troppo lungo: al massimo ${max} caratteri "
                "(ne hai scritti ${count}).",
                mapping={"max": MAX_MESSAGE, "count": len(self.message)},
            )
        if self.email and not _valid_email(self.email):
            self.errors["email"] = _(
                "error_report_email",
                default="L'indirizzo e-mail non è valido. Puoi anche lasciarlo vuoto.",
            )
        if self.errors:
            return
        try:
            self.send()
        except ReportNotSent:
            self.errors["form"] = _(
                "error_report_not_sent",
                default="Non siamo riusciti a inviare la segnalazione. Riprova più "
                "tardi o usa i contatti della scheda.",
            )
            return
        self.sent = True

    @property
    def service_url(self):
        return self.context.absolute_url()

    def recipient(self):
        """The editors' address (control panel "Guida ai servizi"), else the
        site's sender address."""
        return setting("editors_email") or api.portal.get_registry_record(
            "plone.email_from_address", default=""
        )

    def mail(self):
        """The report as a text/plain MIME message (Reply-To: the visitor)."""
        lines = [
            "Segnalazione di un errore sulla scheda:",
            one_line(self.context.Title(), 200),
            self.service_url,
            "",
            "Messaggio:",
            self.message,
            "",
            f"E-mail per la risposta: {self.email or 'non indicata'}",
        ]
        # Quoted-printable keeps every line under SMTP's 998-character limit
        # (a long message without line breaks is refused as 8-bit text).
        message = MIMENonMultipart("text", "plain", policy=SMTP_LINES)
        message.set_payload("\n".join(lines), QUOTED_PRINTABLE_UTF8)
        if self.email:
            message["Reply-To"] = self.email
        return message

    def send(self):
        recipient = self.recipient()
        if not recipient:
            logger.error(
                "No editors' address nor plone.email_from_address: report on %s lost",
                self.service_url,
            )
            raise ReportNotSent
        subject = f"Segnalazione errore: {one_line(self.context.Title(), 120)}"
        try:
            # immediate: a mail server failure is reported to the visitor here,
            # instead of failing the commit after the thank-you page is built.
            api.portal.send_email(
                recipient=recipient,
                subject=subject,
                body=self.mail(),
                immediate=True,
            )
        except Exception as error:
            logger.exception("Report on %s not sent", self.service_url)
            raise ReportNotSent from error

    def error(self, name):
        """The translated error of a field, or ""."""
        message = self.errors.get(name)
        return translate(message, context=self.request) if message else ""
