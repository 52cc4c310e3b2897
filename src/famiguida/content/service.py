"""Service: what a family can get, where and how (HSDS 3 ``service``)."""

from famiguida import _
from famiguida.behaviors.opening_hours import schedule_of
from plone.app.multilingual.dx import directives as multilingual
from plone.app.z3cform.widgets.contentbrowser import ContentBrowserFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant


def _choices(vocabulary, title, description=None, required=False):
    return schema.List(
        title=title,
        description=description,
        value_type=schema.Choice(vocabulary=vocabulary),
        required=required,
        default=[],
        missing_value=[],
    )


class IService(model.Schema):
    """A service for families: who, what, how, where, when, cost."""

    # Facts shared by every translation; texts (title, how to access, what to
    # bring, cost details) are translated.
    multilingual.languageindependent(
        "need_categories",
        "target_groups",
        "cost",
        "languages_spoken",
        "provider",
        "locations",
        "districts",
        "municipalities",
        "last_verified",
        "active",
    )

    need_categories = _choices(
        "famiguida.need_categories",
        _("label_need_categories", default="Bisogni"),
        required=True,
    )
    target_groups = _choices(
        "famiguida.target_groups", _("label_target_groups", default="Per chi è")
    )
    how_to_access = schema.Text(
        title=_("label_how_to_access", default="Come si accede"),
        required=False,
    )
    what_to_bring = schema.Text(
        title=_("label_what_to_bring", default="Cosa portare"),
        description=_("help_what_to_bring", default="Un documento per riga."),
        required=False,
    )
    cost = schema.Choice(
        title=_("label_cost", default="Costo"),
        vocabulary="famiguida.costs",
        required=True,
        default="free",
    )
    cost_details = schema.TextLine(
        title=_("label_cost_details", default="Dettagli sul costo"),
        required=False,
    )
    languages_spoken = _choices(
        "famiguida.languages_spoken",
        _("label_languages_spoken", default="Lingue parlate"),
    )

    model.fieldset(
        "where",
        label=_("fieldset_where", default="Chi e dove"),
        fields=["provider", "locations", "districts", "municipalities"],
    )
    provider = RelationChoice(
        title=_("label_provider", default="Ente che offre il servizio"),
        vocabulary="plone.app.vocabularies.Catalog",
        required=False,
    )
    directives.widget(
        "provider",
        ContentBrowserFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={
            "selectableTypes": ["Organization"],
            "maximumSelectionSize": 1,
        },
    )
    locations = RelationList(
        title=_("label_locations", default="Sedi"),
        value_type=RelationChoice(vocabulary="plone.app.vocabularies.Catalog"),
        required=False,
        default=[],
    )
    directives.widget(
        "locations",
        ContentBrowserFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"selectableTypes": ["Location"]},
    )
    districts = _choices(
        "famiguida.districts",
        _("label_service_districts", default="Ambiti serviti per intero"),
    )
    municipalities = _choices(
        "famiguida.municipalities",
        _("label_service_municipalities", default="Comuni serviti"),
        _(
            "help_service_municipalities",
            default="Solo se il servizio non copre tutto l'Ambito.",
        ),
    )

    model.fieldset(
        "verification",
        label=_("fieldset_verification", default="Verifica"),
        fields=["last_verified", "active"],
    )
    last_verified = schema.Date(
        title=_("label_last_verified", default="Ultima verifica"),
        description=_(
            "help_last_verified",
            default="Quando la redazione ha controllato per l'ultima volta "
            "questa scheda con chi offre il servizio.",
        ),
        required=False,
    )
    active = schema.Bool(
        title=_("label_active", default="Attivo"),
        description=_(
            "help_active",
            default="Togli la spunta se il servizio è sospeso.",
        ),
        required=False,
        default=True,
    )

    @invariant
    def served_somewhere(data):
        if not (data.districts or data.municipalities):
            raise Invalid(
                _(
                    "error_service_area",
                    default="Indica almeno un Ambito o un Comune servito.",
                )
            )


@implementer(IService)
class Service(Item):
    """A service of the directory."""


def related_objects(relations):
    """Objects of a relation list, skipping broken relations."""
    for relation in relations or ():
        obj = getattr(relation, "to_object", None)
        if obj is not None:
            yield obj


def service_schedules(service):
    """The service's own opening hours, else those of each of its locations."""
    own = schedule_of(service)
    if own is not None:
        return [own]
    return [
        schedule
        for location in related_objects(service.locations)
        if (schedule := schedule_of(location)) is not None
    ]
