"""Contacts behavior: phone, e-mail and website, checked on entry."""

from famiguida import _
from plone.app.multilingual.dx import directives as multilingual
from plone.autoform.interfaces import IFormFieldProvider
from plone.schema.email import Email
from plone.supermodel import model
from zope import schema
from zope.interface import Invalid
from zope.interface import provider

import re


PHONE_CHARS = re.compile(r"^\+?[0-9 ./()-]+$")


def phone_constraint(value):
    """A phone number: digits with spaces, dots, dashes, a leading +; 6-15 digits."""
    digits = re.sub(r"\D", "", value or "")
    if not PHONE_CHARS.match(value or "") or not 6 <= len(digits) <= 15:
        raise Invalid(
            _(
                "error_phone",
                default="Scrivi un numero di telefono con 6-15 cifre, "
                "ad esempio +39 0373 123456.",
            )
        )
    return True


def website_constraint(value):
    """Only web addresses: no javascript:, data: or file: links on our pages."""
    if not re.match(r"^https?://[^\s/]+", value or "", re.IGNORECASE):
        raise Invalid(
            _(
                "error_website",
                default="Scrivi un indirizzo web che inizia con https:// o http://",
            )
        )
    return True


@provider(IFormFieldProvider)
class IContacts(model.Schema):
    """How to reach a service, an organization or a place."""

    multilingual.languageindependent("phone", "email", "website")

    model.fieldset(
        "contacts",
        label=_("fieldset_contacts", default="Contatti"),
        fields=["phone", "email", "website"],
    )

    phone = schema.TextLine(
        title=_("label_phone", default="Telefono"),
        required=False,
        constraint=phone_constraint,
    )
    email = Email(
        title=_("label_email", default="E-mail"),
        required=False,
    )
    website = schema.URI(
        title=_("label_website", default="Sito web"),
        required=False,
        constraint=website_constraint,
    )
