"""Organization: who provides services (HSDS 3 ``organization``)."""

from famiguida import _
from plone.app.multilingual.dx import directives as multilingual
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IOrganization(model.Schema):
    """A public body, cooperative, association, union, health authority, school."""

    multilingual.languageindependent("organization_kind", "districts")

    organization_kind = schema.Choice(
        title=_("label_organization_kind", default="Tipo di ente"),
        vocabulary="famiguida.organization_kinds",
        required=True,
    )
    districts = schema.List(
        title=_("label_districts", default="Ambiti"),
        description=_("help_organization_districts", default="Dove l'ente lavora."),
        value_type=schema.Choice(vocabulary="famiguida.districts"),
        required=False,
        default=[],
        missing_value=[],
    )


@implementer(IOrganization)
class Organization(Item):
    """An organization of the directory."""
