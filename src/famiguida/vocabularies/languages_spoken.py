"""Languages that can be spoken at a service (ISO 639-1 codes).

The 11 languages of the portal plus the other large communities of the area;
titles are each language's own name, so a visitor recognises their language
whatever the page's language is.
"""

from famiguida.vocabularies import vocabulary_of
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory


LANGUAGES_SPOKEN = (
    ("it", "Italiano"),
    ("en", "English"),
    ("fr", "Français"),
    ("ar", "العربية"),
    ("es", "Español"),
    ("ro", "Română"),
    ("sq", "Shqip"),
    ("uk", "Українська"),
    ("zh", "中文"),
    ("pa", "ਪੰਜਾਬੀ"),
    ("ur", "اردو"),
    ("hi", "हिन्दी"),
    ("bn", "বাংলা"),
    ("ru", "Русский"),
    ("pt", "Português"),
    ("wo", "Wolof"),
)


@provider(IVocabularyFactory)
def languages_spoken(context=None):
    return vocabulary_of(LANGUAGES_SPOKEN)
