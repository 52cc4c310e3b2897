"""Location: a desk, office or civic centre (HSDS 3 ``location``)."""

from famiguida import _
from plone.app.multilingual.dx import directives as multilingual
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant

import re


def postal_code_constraint(value):
    if not re.fullmatch(r"\d{5}", value or ""):
        raise Invalid(_("error_postal_code", default="Il CAP ha 5 cifre."))
    return True


class ILocation(model.Schema):
    """Where a service is given; language-independent facts of a place."""

    # Facts of the place, entered once and shared by every translation.
    multilingual.languageindependent(
        "street_address", "postal_code", "municipality", "latitude", "longitude"
    )

    street_address = schema.TextLine(
        title=_("label_street_address", default="Indirizzo"),
        required=True,
    )
    postal_code = schema.TextLine(
        title=_("label_postal_code", default="CAP"),
        required=False,
        constraint=postal_code_constraint,
    )
    municipality = schema.Choice(
        title=_("label_municipality", default="Comune"),
        vocabulary="famiguida.municipalities",
        required=True,
    )
    latitude = schema.Float(
        title=_("label_latitude", default="Latitudine"),
        required=False,
        min=-90.0,
        max=90.0,
    )
    longitude = schema.Float(
        title=_("label_longitude", default="Longitudine"),
        required=False,
        min=-180.0,
        max=180.0,
    )
    accessibility = schema.Text(
        title=_("label_accessibility", default="Accessibilità"),
        description=_(
            "help_accessibility",
            default="Ad esempio: ingresso senza gradini, ascensore, bagno accessibile.",
        ),
        required=False,
    )

    @invariant
    def coordinates_together(data):
        if (data.latitude is None) != (data.longitude is None):
            raise Invalid(
                _(
                    "error_coordinates_pair",
                    default="Scrivi sia la latitudine sia la longitudine.",
                )
            )


@implementer(ILocation)
class Location(Item):
    """A place of the directory."""
