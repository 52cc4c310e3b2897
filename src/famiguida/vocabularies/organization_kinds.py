"""Kinds of organization that provide services."""

from famiguida import _
from famiguida.vocabularies import vocabulary_of
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory


ORGANIZATION_KINDS = (
    ("public_body", _("org_public_body", default="Ente pubblico")),
    ("social_cooperative", _("org_social_cooperative", default="Cooperativa sociale")),
    ("association", _("org_association", default="Associazione")),
    ("union", _("org_union", default="Sindacato e patronato")),
    ("health_authority", _("org_health_authority", default="Sanità")),
    ("school", _("org_school", default="Scuola")),
)


@provider(IVocabularyFactory)
def organization_kinds(context=None):
    return vocabulary_of(ORGANIZATION_KINDS)
