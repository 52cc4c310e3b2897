"""Controlled vocabularies of the directory, registered as ``famiguida.<name>``."""

from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def vocabulary_of(items):
    """A vocabulary from ``(token, title)`` pairs; the token is the value."""
    return SimpleVocabulary(
        [SimpleTerm(value=token, token=token, title=title) for token, title in items]
    )
