"""The two mails of a desk form submission: the desk's notice (Italian, no
personal data) and the sender's confirmation (in the form's language).

Both are text/plain, quoted-printable, with CRLF line ends (SMTP wants them
and strict servers refuse bare LF), and go through the mail queue
(``mailqueue``): they leave only after the submission is committed.
"""

from email.charset import Charset
from email.charset import QP
from email.header import Header
from email.mime.nonmultipart import MIMENonMultipart
from email.policy import compat32
from email.utils import formataddr
from email.utils import formatdate
from famiguida import _
from famiguida.desk_forms import mailqueue
from famiguida.desk_forms.settings import desk_recipient
from famiguida.desks.browser import municipality_title
from famiguida.desks.requests import get_inbox
from plone import api
from zope.i18n import translate

import logging


logger = logging.getLogger("famiguida.desk_forms.mail")

QUOTED_PRINTABLE_UTF8 = Charset("utf-8")
QUOTED_PRINTABLE_UTF8.body_encoding = QP
SMTP_LINES = compat32.clone(linesep="\r\n")


def one_line(text, limit=200):
    """``text`` on one line (no CR/LF can reach a header), at most ``limit``."""
    return " ".join(str(text or "").split())[:limit]


def build(mfrom, mto, subject, body, language, auto=False):
    """A text/plain message as bytes with CRLF line ends."""
    message = MIMENonMultipart("text", "plain", policy=SMTP_LINES)
    message.set_payload(body, QUOTED_PRINTABLE_UTF8)
    message["From"] = mfrom
    message["To"] = mto
    message["Subject"] = Header(one_line(subject, 250), "utf-8")
    message["Date"] = formatdate(localtime=True)
    message["Content-Language"] = language
    if auto:
        message["Auto-Submitted"] = "auto-generated"
    return message.as_bytes(policy=SMTP_LINES)


def sender():
    address = api.portal.get_registry_record("plone.email_from_address", default="")
    name = api.portal.get_registry_record("plone.email_from_name", default="") or ""
    if not address:
        return None, None
    return address, formataddr((one_line(name, 100), address), charset="utf-8")


def desk_notice(form, desk_id, reference, language, municipality, url):
    """Subject and body of the desk's notice (Italian)."""

    def t(msgid):
        return translate(msgid, target_language="it")

    mapping = {
        "reference": reference,
        "form": one_line(form.Title(), 200),
        "form_id": form.getId(),
        "language": language,
        "municipality": municipality_title(form, municipality) or "-",
        "url": url,
    }
    subject = t(
        _(
            "mail_desk_notice_subject",
            default="Nuova richiesta ${reference}",
            mapping=mapping,
        )
    )
    lines = [
        t(_("mail_desk_notice_intro", default="È arrivata una nuova richiesta.")),
        "",
        t(
            _(
                "mail_desk_notice_reference",
                default="Numero di riferimento: ${reference}",
                mapping=mapping,
            )
        ),
        t(
            _(
                "mail_desk_notice_form",
                default="Modulo: ${form} (${form_id})",
                mapping=mapping,
            )
        ),
        t(
            _(
                "mail_desk_notice_language",
                default="Lingua: ${language}",
                mapping=mapping,
            )
        ),
        t(
            _(
                "mail_desk_notice_municipality",
                default="Comune: ${municipality}",
                mapping=mapping,
            )
        ),
        "",
        t(
            _(
                "mail_desk_notice_link",
                default="La richiesta (accesso riservato allo sportello):",
            )
        ),
        url,
    ]
    return subject, "\n".join(lines)


def confirmation(form, reference, language):
    """Subject and body of the sender's confirmation, in ``language``."""

    def t(msgid):
        return translate(msgid, target_language=language)

    mapping = {"reference": reference, "form": one_line(form.Title(), 200)}
    subject = t(
        _(
            "mail_confirmation_subject",
            default="Richiesta ricevuta: ${reference}",
            mapping=mapping,
        )
    )
    lines = [
        t(
            _(
                "mail_confirmation_thanks",
                default="Grazie, abbiamo ricevuto la tua richiesta «${form}».",
                mapping=mapping,
            )
        ),
        "",
        t(
            _(
                "mail_confirmation_reference",
                default="Il numero di riferimento è ${reference}: indicalo se "
                "contatti lo sportello.",
                mapping=mapping,
            )
        ),
        "",
        t(
            _(
                "mail_confirmation_automatic",
                default="Questo messaggio è stato inviato automaticamente: non "
                "rispondere a questo indirizzo.",
            )
        ),
    ]
    return subject, "\n".join(lines)


def queue_submission_mails(form, desk_id, reference, language, municipality, email):
    """Queue the desk's notice and, if ``email`` was given, the confirmation."""
    address, mfrom = sender()
    if not address:
        logger.error(
            "No plone.email_from_address: no mails for %s (the request is stored)",
            reference,
        )
        return
    mailhost = api.portal.get_tool("MailHost")
    inbox = get_inbox(desk_id)
    url = f"{inbox.absolute_url()}/{reference.lower()}"
    recipient = desk_recipient(desk_id)
    if recipient:
        subject, body = desk_notice(
            form, desk_id, reference, language, municipality, url
        )
        mailqueue.queue(
            mailhost,
            address,
            [recipient],
            build(mfrom, recipient, subject, body, "it", auto=True),
        )
    if email:
        email = one_line(email, 254)
        subject, body = confirmation(form, reference, language)
        mailqueue.queue(
            mailhost,
            address,
            [email],
            build(mfrom, email, subject, body, language, auto=True),
        )
