"""When the translatable texts of an item were last edited.

A translation is outdated when its Italian source was edited after the
translation was last saved by a translator.  ``modified()`` cannot tell:
plone.app.multilingual copies the language-independent fields of an edited
item into its translations and that touches their modification date too.
So every translatable item keeps its own stamp, set when it is created and
when one of its translated (language-dependent) fields is edited, never by
that synchronisation nor by an edit of language-independent facts alone.
The catalog keeps the stamp as metadata (``translation_stamp``) for the
translation dashboard.
"""

from plone.app.multilingual.dx.interfaces import ILanguageIndependentField
from plone.app.multilingual.interfaces import ITranslatable
from plone.indexer.decorator import indexer
from zope.annotation.interfaces import IAnnotations
from zope.container.interfaces import IContainerModifiedEvent
from zope.lifecycleevent.interfaces import IAttributes

import time


STAMP_KEY = "famiguida.translation_stamp"


def get_stamp(obj) -> float:
    """Seconds since the epoch of the last edit of ``obj``'s texts.

    Items older than the stamp fall back to their creation date, which no
    synchronisation changes.
    """
    annotations = IAnnotations(obj, None)
    stamp = annotations.get(STAMP_KEY) if annotations is not None else None
    if stamp is not None:
        return stamp
    created = getattr(obj, "created", None)
    return created().timeTime() if created is not None else 0.0


def set_stamp(obj, stamp: float | None = None) -> None:
    annotations = IAnnotations(obj, None)
    if annotations is not None:
        annotations[STAMP_KEY] = time.time() if stamp is None else stamp


def is_synchronisation(event) -> bool:
    """plone.app.multilingual's copy of language-independent fields into a
    translation: its event carries the translation group id (a string)."""
    return any(isinstance(d, str) for d in (event.descriptions or ()))


def touches_texts(event) -> bool:
    """The edit changed a translated field (or does not say what it changed)."""
    named = [d for d in (event.descriptions or ()) if IAttributes.providedBy(d)]
    if not named:
        return True
    for description in named:
        schema = description.interface
        for name in description.attributes:
            field = schema.get(name) if schema is not None else None
            if field is None or not ILanguageIndependentField.providedBy(field):
                return True
    return False


def stamp_on_add(obj, event):
    set_stamp(obj)
    _refresh_metadata(obj)


def stamp_on_edit(obj, event):
    if IContainerModifiedEvent.providedBy(event):
        # an item was added to or removed from the folder: its texts are
        # the same (and a desk inbox must not be written on each submission)
        return
    if is_synchronisation(event) or not touches_texts(event):
        return
    set_stamp(obj)
    _refresh_metadata(obj)


def _refresh_metadata(obj):
    """Queue the catalog's copy of the stamp: the reindex of the same event
    may have been done already (plone.app.multilingual's synchronisation
    queries the catalog, which flushes the queue)."""
    reindex = getattr(obj, "reindexObject", None)
    if reindex is not None:
        # One cheap index: the catalog updates the metadata of the record too.
        reindex(idxs=["getId"])


@indexer(ITranslatable)
def translation_stamp(obj):
    return get_stamp(obj)


def add_stamp_column(context=None):
    """Upgrade helper: the ``translation_stamp`` metadata column on a site
    made before it, filled for every translatable item.

    Items keep no stamp of their own yet: the catalog gets their creation
    date (``get_stamp``), the dashboard counts from there.
    """
    from famiguida.multilingual import translatable_types
    from plone import api

    catalog = api.portal.get_tool("portal_catalog")
    if "translation_stamp" not in catalog.schema():
        catalog.addColumn("translation_stamp")
    for brain in catalog.unrestrictedSearchResults(portal_type=translatable_types()):
        obj = brain._unrestrictedGetObject()
        catalog.catalog_object(obj, brain.getPath(), idxs=["getId"])
