"""Whether a service is free of charge."""

from famiguida import _
from famiguida.vocabularies import vocabulary_of
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory


COSTS = (
    ("free", _("cost_free", default="Gratuito")),
    ("fee", _("cost_fee", default="A pagamento")),
)


@provider(IVocabularyFactory)
def costs(context=None):
    return vocabulary_of(COSTS)
