"""What a desk form's submission becomes: a request in the desk's inbox.

``store`` is ``DeskRequestAction.onSuccess``: it splits the submitted fields
into the request's own fields (the reserved ids), the submitted data and the
uploads, calls ``create_request`` in the current transaction and queues the
two mails (sent after the commit, from the mail queue).
"""

from collective.easyform.api import is_file_data
from collective.easyform.config import FORM_ERROR_MARKER
from datetime import date
from datetime import datetime
from decimal import Decimal
from famiguida import _
from famiguida.desk_forms import CONSENT
from famiguida.desk_forms import EMAIL
from famiguida.desk_forms import MUNICIPALITY
from famiguida.desk_forms import NAME
from famiguida.desk_forms import PHONE
from famiguida.desk_forms import RESERVED_FIELDS
from famiguida.desks.requests import create_request
from plone import api
from plone.base.interfaces import ILanguage
from zope.globalrequest import getRequest

import logging


logger = logging.getLogger("famiguida.desk_forms")

# Set on the request by the desk form view once its defences passed: an
# action run from any other view (easyform's embedded form, a script) stores
# nothing.
CHECKED_KEY = "famiguida.desk_forms.checked"
# The reference number of the request stored by this request (thank-you page).
REFERENCE_KEY = "famiguida.desk_forms.reference"


def _text(value):
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _plain(value):
    """A submitted value as JSON-friendly data."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    raw = getattr(value, "raw", None)  # RichTextValue
    return raw if isinstance(raw, str) else str(value)


def split_fields(fields):
    """``(reserved, data, files)`` of easyform's submitted ``fields``.

    ``files`` lists ``(field id, file)`` of the uploads; ``data`` has every
    other non-reserved field, an upload written as its file name.
    """
    reserved, data, files = {}, {}, []
    for name, value in fields.items():
        if name in RESERVED_FIELDS:
            reserved[name] = value
        elif is_file_data(value):
            files.append((name, value))
            data[name] = value.filename or name
        elif value is not None:
            data[name] = _plain(value)
    return reserved, data, files


def form_language(form):
    """The form's language (its language root's), else the site default."""
    language = ILanguage(form, None)
    code = language.get_language() if language is not None else None
    if not code:
        code = getattr(form, "Language", lambda: "")()
    return code or api.portal.get_default_language()


def refused():
    return {
        FORM_ERROR_MARKER: _(
            "error_desk_form_not_checked",
            default="La richiesta non è stata accettata. Ricarica la pagina del "
            "modulo e invialo di nuovo.",
        )
    }


def store(action, fields, request=None):
    """Store one submission of the form of ``action``; queue its mails.

    Returns None on success (easyform shows the thank-you page), or a dict of
    errors, which easyform shows on the form.
    """
    from collective.easyform.api import get_context
    from famiguida.desk_forms import mail

    request = request if request is not None else getRequest()
    if not request.get(CHECKED_KEY):
        logger.warning("Desk form submission outside the desk form view refused")
        return refused()
    form = get_context(action)
    reserved, data, files = split_fields(fields)
    language = form_language(form)
    email = _text(reserved.get(EMAIL))
    reference = create_request(
        action.desk,
        form.getId(),
        language,
        _text(reserved.get(MUNICIPALITY)),
        data,
        bool(reserved.get(CONSENT)),
        submitter_name=_text(reserved.get(NAME)),
        email=email,
        phone=_text(reserved.get(PHONE)),
        files=files,
    )
    request.set(REFERENCE_KEY, reference)
    mail.queue_submission_mails(
        form, action.desk, reference, language, reserved.get(MUNICIPALITY), email
    )
    return None
