"""DeskRequest and VacantHome: the items of a desk's private inbox."""

from famiguida import _
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IDeskInbox(model.Schema):
    """A desk's inbox folder (``/Plone/sportelli/<desk>``), type DeskInbox."""


class IDeskRequest(model.Schema):
    """One submission of a desk form, private to that desk."""

    reference = schema.TextLine(
        title=_("label_desk_reference", default="Numero di riferimento"),
        required=False,
        readonly=True,
    )
    desk = schema.TextLine(title=_("label_desk", default="Sportello"), required=True)
    form_id = schema.TextLine(
        title=_("label_desk_form", default="Modulo"), required=True
    )
    submission_language = schema.TextLine(
        title=_("label_submission_language", default="Lingua della richiesta"),
        required=True,
    )
    municipality = schema.Choice(
        title=_("label_municipality", default="Comune"),
        vocabulary="famiguida.municipalities",
        required=False,
    )
    submitter_name = schema.TextLine(
        title=_("label_submitter_name", default="Nome di chi scrive"),
        required=False,
    )
    email = schema.TextLine(title=_("label_email", default="E-mail"), required=False)
    phone = schema.TextLine(title=_("label_phone", default="Telefono"), required=False)
    data_json = schema.Text(
        title=_("label_submitted_data", default="Dati inviati (JSON)"),
        required=False,
    )
    directives.mode(data_json="display")
    consent = schema.Bool(
        title=_("label_consent", default="Consenso al trattamento dei dati"),
        required=False,
        default=False,
    )
    consent_date = schema.Datetime(
        title=_("label_consent_date", default="Consenso dato il"),
        required=False,
    )


@implementer(IDeskRequest)
class DeskRequest(Item):
    """A request; ``history`` lists its status changes and staff notes."""

    history = ()


class IVacantHome(model.Schema):
    """A home a landlord offers through the housing desk."""

    reference = schema.TextLine(
        title=_("label_desk_request_reference", default="Richiesta di origine"),
        required=False,
    )
    municipality = schema.Choice(
        title=_("label_municipality", default="Comune"),
        vocabulary="famiguida.municipalities",
        required=False,
    )
    address = schema.TextLine(
        title=_("label_street_address", default="Indirizzo"), required=False
    )
    rooms = schema.Int(title=_("label_rooms", default="Locali"), required=False, min=0)
    rent = schema.Decimal(
        title=_("label_rent", default="Affitto mensile (euro)"), required=False
    )
    furnished = schema.Bool(
        title=_("label_furnished", default="Arredata"), required=False
    )
    available_from = schema.Date(
        title=_("label_available_from", default="Libera dal"), required=False
    )
    energy_class = schema.TextLine(
        title=_("label_energy_class", default="Classe energetica"), required=False
    )


@implementer(IVacantHome)
class VacantHome(Item):
    """A vacant home; ``history`` lists its status changes."""

    history = ()
