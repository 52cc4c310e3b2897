"""Districts (Ambiti) and municipalities, from the site's territory record."""

from famiguida.territory import get_territory
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


@provider(IVocabularyFactory)
def districts(context=None):
    return SimpleVocabulary(
        [
            SimpleTerm(value=d.id, token=d.id, title=d.title)
            for d in get_territory().districts
        ]
    )


@provider(IVocabularyFactory)
def municipalities(context=None):
    """All municipalities, alphabetical by name."""
    titles = get_territory().municipality_titles
    return SimpleVocabulary(
        [
            SimpleTerm(value=mid, token=mid, title=title)
            for mid, title in sorted(titles.items(), key=lambda item: item[1])
        ]
    )
