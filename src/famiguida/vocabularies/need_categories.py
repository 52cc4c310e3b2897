"""Need categories: what a family is looking for (DESIGN.md)."""

from famiguida import _
from famiguida.vocabularies import vocabulary_of
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory


NEED_CATEGORIES = (
    ("housing", _("need_housing", default="Casa")),
    ("work", _("need_work", default="Lavoro")),
    ("health", _("need_health", default="Salute")),
    ("school", _("need_school", default="Scuola e formazione")),
    ("language", _("need_language", default="Corsi di lingua")),
    ("documents", _("need_documents", default="Documenti e diritti")),
    ("family", _("need_family", default="Famiglia e bambini")),
    ("social", _("need_social", default="Sostegno sociale")),
    ("mediation", _("need_mediation", default="Mediazione culturale")),
    ("youth", _("need_youth", default="Giovani")),
)


@provider(IVocabularyFactory)
def need_categories(context=None):
    return vocabulary_of(NEED_CATEGORIES)
