"""The retention period (registry) and its control panel ``@@famiguida-privacy``."""

from famiguida import _
from plone import api
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from zope import schema
from zope.interface import Interface


PREFIX = "famiguida.privacy"
DEFAULT_RETENTION_MONTHS = 24


class IPrivacySettings(Interface):
    retention_months = schema.Int(
        title=_("label_retention_months", default="Conservazione (mesi)"),
        description=_(
            "help_retention_months",
            default="Dopo quanti mesi dalla chiusura (richiesta conclusa o "
            "respinta, casa assegnata o ritirata) si cancellano i dati "
            "personali. Le richieste aperte non si cancellano mai.",
        ),
        required=True,
        default=DEFAULT_RETENTION_MONTHS,
        min=1,
        max=240,
    )


def retention_months():
    """The configured retention in months (the default if the record is missing)."""
    value = api.portal.get_registry_record(f"{PREFIX}.retention_months", default=None)
    return value if value else DEFAULT_RETENTION_MONTHS


class PrivacyEditForm(RegistryEditForm):
    schema = IPrivacySettings
    schema_prefix = PREFIX
    label = _("label_privacy_panel", default="Privacy delle richieste")
    description = _(
        "help_privacy_panel",
        default="La cancellazione periodica si esegue con famiguida-purge "
        "(make purge) o con @@famiguida-purge.",
    )


class PrivacyControlPanel(ControlPanelFormWrapper):
    form = PrivacyEditForm
