"""The "Territorio" control panel: districts and municipalities as JSON."""

from famiguida import _
from famiguida.territory import parse_territory
from famiguida.territory import TerritoryError
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from zope import schema
from zope.interface import Interface
from zope.interface import Invalid


def territory_constraint(value):
    try:
        parse_territory(value)
    except TerritoryError as error:
        raise Invalid(str(error)) from error
    return True


class ITerritorySettings(Interface):
    territory = schema.Text(
        title=_("label_territory", default="Ambiti e Comuni"),
        description=_(
            "help_territory",
            default='JSON: {"districts": [{"id": ..., "title": ..., '
            '"municipalities": [{"id": ..., "title": ...}]}]}. '
            "Non cambiare gli id usati dalle schede dei servizi.",
        ),
        required=True,
        default='{"districts": []}',
        constraint=territory_constraint,
    )


class TerritoryEditForm(RegistryEditForm):
    schema = ITerritorySettings
    schema_prefix = "famiguida"
    label = _("label_territory_panel", default="Territorio")


class TerritoryControlPanel(ControlPanelFormWrapper):
    form = TerritoryEditForm
