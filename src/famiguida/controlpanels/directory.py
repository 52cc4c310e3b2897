"""The "Guida ai servizi" control panel: who receives reports, when a
service counts as not verified."""

from famiguida import _
from plone import api
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.schema.email import Email
from zope import schema
from zope.interface import Interface
from zope.schema.interfaces import ValidationError


class InvalidEmail(schema.ValidationError):
    __doc__ = _("error_invalid_email", default="L'indirizzo e-mail non è valido.")


def email_constraint(value):
    """plone.registry cannot store plone.schema's Email field: a TextLine
    checked by it."""
    try:
        Email().validate(value)
    except ValidationError as error:
        raise InvalidEmail(value) from error
    return True


class IDirectorySettings(Interface):
    editors_email = schema.TextLine(
        title=_("label_editors_email", default="E-mail della redazione"),
        description=_(
            "help_editors_email",
            default="Riceve le segnalazioni di errori inviate dalle schede dei "
            "servizi. Se vuoto, si usa l'indirizzo del mittente del sito.",
        ),
        required=False,
        constraint=email_constraint,
    )
    stale_after_months = schema.Int(
        title=_("label_stale_after_months", default="Schede da verificare dopo (mesi)"),
        description=_(
            "help_stale_after_months",
            default="Una scheda non verificata da più mesi di questi compare "
            "nell'elenco delle schede da verificare.",
        ),
        required=True,
        default=12,
        min=1,
        max=120,
    )


PREFIX = "famiguida.directory"


def setting(name):
    """A value of the directory settings (its default if the record is missing)."""
    default = IDirectorySettings[name].default
    return api.portal.get_registry_record(f"{PREFIX}.{name}", default=default)


class DirectoryEditForm(RegistryEditForm):
    schema = IDirectorySettings
    schema_prefix = PREFIX
    label = _("label_directory_panel", default="Guida ai servizi")


class DirectoryControlPanel(ControlPanelFormWrapper):
    form = DirectoryEditForm
