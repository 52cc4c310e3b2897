"""Target groups: who a service is for."""

from famiguida import _
from famiguida.vocabularies import vocabulary_of
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory


TARGET_GROUPS = (
    ("families", _("target_families", default="Famiglie")),
    ("parents", _("target_parents", default="Genitori")),
    ("children", _("target_children", default="Bambini e ragazzi")),
    ("young_people", _("target_young_people", default="Giovani")),
    ("women", _("target_women", default="Donne")),
    ("elderly", _("target_elderly", default="Anziani")),
    ("workers", _("target_workers", default="Lavoratori")),
    ("job_seekers", _("target_job_seekers", default="Chi cerca lavoro")),
    ("caregivers", _("target_caregivers", default="Assistenti familiari")),
    ("newcomers", _("target_newcomers", default="Persone arrivate da poco")),
    (
        "asylum_seekers",
        _("target_asylum_seekers", default="Richiedenti asilo e rifugiati"),
    ),
    (
        "people_with_disabilities",
        _("target_people_with_disabilities", default="Persone con disabilità"),
    ),
    ("landlords", _("target_landlords", default="Proprietari di casa")),
)


@provider(IVocabularyFactory)
def target_groups(context=None):
    return vocabulary_of(TARGET_GROUPS)
