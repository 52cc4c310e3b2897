"""The desk forms' settings (registry, prefix ``famiguida.desk_forms``) and
their control panel ``@@famiguida-desk-forms``."""

from famiguida import _
from famiguida.controlpanels.directory import email_constraint
from plone import api
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from zope import schema
from zope.interface import Interface


PREFIX = "famiguida.desk_forms"

_RECIPIENT_HELP = _(
    "help_desk_notice_email",
    default="Riceve l'avviso di ogni nuova richiesta (senza dati personali). "
    "Se vuoto, si usa l'indirizzo del mittente del sito.",
)


class IDeskFormSettings(Interface):
    casa_email = schema.TextLine(
        title=_("label_desk_notice_casa", default="E-mail dello sportello casa"),
        description=_RECIPIENT_HELP,
        required=False,
        constraint=email_constraint,
    )
    assistenti_familiari_email = schema.TextLine(
        title=_(
            "label_desk_notice_assistenti_familiari",
            default="E-mail dello sportello assistenti familiari",
        ),
        description=_RECIPIENT_HELP,
        required=False,
        constraint=email_constraint,
    )
    mediazione_email = schema.TextLine(
        title=_(
            "label_desk_notice_mediazione",
            default="E-mail dello sportello mediazione",
        ),
        description=_RECIPIENT_HELP,
        required=False,
        constraint=email_constraint,
    )
    min_fill_seconds = schema.Int(
        title=_(
            "label_desk_min_fill_seconds",
            default="Tempo minimo di compilazione (secondi)",
        ),
        description=_(
            "help_desk_min_fill_seconds",
            default="Un modulo inviato prima di questo tempo dall'apertura è "
            "rifiutato (i programmi automatici sono più veloci delle persone).",
        ),
        required=True,
        default=3,
        min=0,
        max=600,
    )
    max_form_age_hours = schema.Int(
        title=_(
            "label_desk_max_form_age_hours",
            default="Validità di un modulo aperto (ore)",
        ),
        description=_(
            "help_desk_max_form_age_hours",
            default="Un modulo aperto da più ore di queste va ricaricato prima "
            "dell'invio.",
        ),
        required=True,
        default=24,
        min=1,
        max=24 * 30,
    )
    rate_limit_count = schema.Int(
        title=_(
            "label_desk_rate_limit_count",
            default="Richieste al massimo per indirizzo IP",
        ),
        description=_(
            "help_desk_rate_limit_count",
            default="Quante richieste uno stesso indirizzo IP può inviare nel "
            "periodo qui sotto (0: nessun limite).",
        ),
        required=True,
        default=5,
        min=0,
    )
    rate_limit_minutes = schema.Int(
        title=_("label_desk_rate_limit_minutes", default="Periodo del limite (minuti)"),
        required=True,
        default=10,
        min=1,
        max=24 * 60,
    )
    max_upload_mb = schema.Int(
        title=_(
            "label_desk_max_upload_mb", default="Dimensione massima di un file (MB)"
        ),
        required=True,
        default=5,
        min=1,
        max=50,
    )
    max_uploads = schema.Int(
        title=_("label_desk_max_uploads", default="File al massimo per richiesta"),
        required=True,
        default=5,
        min=0,
        max=20,
    )


def setting(name):
    """A desk forms setting (its default if the record is missing)."""
    default = IDeskFormSettings[name].default
    value = api.portal.get_registry_record(f"{PREFIX}.{name}", default=default)
    return default if value is None else value


def desk_recipient(desk_id):
    """Who receives the notices of ``desk_id``: its address, else the site's."""
    own = setting(f"{desk_id.replace('-', '_')}_email")
    return own or api.portal.get_registry_record("plone.email_from_address", default="")


class DeskFormsEditForm(RegistryEditForm):
    schema = IDeskFormSettings
    schema_prefix = PREFIX
    label = _("label_desk_forms_panel", default="Moduli degli sportelli")


class DeskFormsControlPanel(ControlPanelFormWrapper):
    form = DeskFormsEditForm
