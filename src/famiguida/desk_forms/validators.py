"""Field validators for the desk forms, as easyform ``IFieldValidator``
utilities: a form's model names them in ``easyform:validators``
(``famiguida.email|...``).  Each returns None or a famiguida Message (shown
translated next to the field)."""

from collective.easyform.interfaces import IFieldValidator
from famiguida import _
from famiguida.desk_forms.filetypes import document_type
from famiguida.desk_forms.filetypes import file_data
from famiguida.desk_forms.filetypes import file_size
from famiguida.desk_forms.filetypes import image_type
from famiguida.desk_forms.settings import setting
from plone.schema.email import Email
from z3c.form.interfaces import NOT_CHANGED
from zope.interface import provider
from zope.schema.interfaces import ValidationError

import re


MAX_EMAIL = 254
PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ./()\-]+$")
# A dot-atom local part and a domain of labels with a dot (no quoted parts,
# IP literals or comments: nobody types them in a form, spammers do).
EMAIL_SHAPE = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)


def _empty(value):
    return value is None or value is NOT_CHANGED or value == ""


@provider(IFieldValidator)
def phone(value, **kwargs):
    """A phone number: digits (6 to 15), spaces, ``+ ( ) - . /``."""
    if _empty(value):
        return None
    text = str(value).strip()
    digits = re.sub(r"\D", "", text)
    if len(text) > 30 or not PHONE_CHARACTERS.match(text) or not 6 <= len(digits) <= 15:
        return _(
            "error_desk_phone",
            default="Il numero di telefono non è valido: scrivi solo cifre, "
            "eventualmente con il prefisso internazionale (+39 ...).",
        )
    return None


@provider(IFieldValidator)
def email(value, **kwargs):
    """An e-mail address of the usual form ``name@domain.tld``."""
    if _empty(value):
        return None
    text = str(value).strip()
    valid = len(text) <= MAX_EMAIL and bool(EMAIL_SHAPE.match(text))
    if valid:
        try:
            Email().validate(text)
        except ValidationError:
            valid = False
    if not valid:
        return _(
            "error_desk_email",
            default="L'indirizzo e-mail non è valido (esempio: nome@esempio.it).",
        )
    return None


@provider(IFieldValidator)
def consent(value, **kwargs):
    """The privacy consent must be given."""
    if value is True or value in ("1", "on", "true", "True"):
        return None
    return _(
        "error_desk_consent",
        default="Per inviare la richiesta devi acconsentire al trattamento dei dati.",
    )


def _too_big(value):
    limit = setting("max_upload_mb")
    if file_size(value) > limit * 1024 * 1024:
        return _(
            "error_desk_file_too_big",
            default="Il file è troppo grande: al massimo ${max} MB.",
            mapping={"max": limit},
        )
    return None


@provider(IFieldValidator)
def image_upload(value, **kwargs):
    """A JPEG, PNG or WebP image (by its content), not larger than the limit."""
    if _empty(value):
        return None
    error = _too_big(value)
    if error:
        return error
    data = file_data(value)
    if not data or image_type(data) is None:
        return _(
            "error_desk_not_an_image",
            default="Il file non è un'immagine JPEG, PNG o WebP.",
        )
    return None


@provider(IFieldValidator)
def document_upload(value, **kwargs):
    """A PDF or a JPEG, PNG or WebP image (by content), within the limit."""
    if _empty(value):
        return None
    error = _too_big(value)
    if error:
        return error
    data = file_data(value)
    if not data or document_type(data) is None:
        return _(
            "error_desk_not_a_document",
            default="Il file non è un PDF o un'immagine JPEG, PNG o WebP.",
        )
    return None
