"""Relations of translations fall back to the Italian item, never to nothing.

A translated Service points to the translation of its provider and places in
its own language when there is one, else to the Italian item
(plone.app.multilingual's field copier).  When such a translated place or
organization is deleted, z3c.relationfield breaks the relations to it and
plone.app.multilingual then copies the shortened list from that service to
all its translations, the Italian one included: deleting the English place
would take the place away from the service in every language.

So, just before a translation is removed (alone or with its folder), the
relations that items of its own language hold to it are pointed to its
Italian source (the site's default language) instead; the copy to the other
languages then changes nothing.
"""

from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces import ILanguage
from plone.dexterity.interfaces import IDexterityFTI
from Products.CMFCore.interfaces import ISiteRoot
from z3c.relationfield import RelationValue
from z3c.relationfield.interfaces import IRelationValue
from zc.relation.interfaces import ICatalog
from zope.component import getUtility
from zope.component import queryUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent


def _language(obj):
    adapter = ILanguage(obj, None)
    return adapter.get_language() if adapter is not None else None


def relations_fall_back_to_source(obj, event):
    """Before ``obj`` (a translation) goes, its language's relations to it
    point to its item in the default language."""
    if ISiteRoot.providedBy(event.object):
        return  # the whole site goes
    catalog = queryUtility(ICatalog)
    intids = queryUtility(IIntIds)
    if catalog is None or intids is None:
        return
    obj_id = intids.queryId(obj)
    if obj_id is None:
        return
    language = _language(obj)
    default = api.portal.get_default_language()
    if not language or language == default:
        return
    fallback = ITranslationManager(obj).get_translation(default)
    if fallback is None:
        return
    fallback_id = intids.getId(fallback)
    for relation in list(catalog.findRelations({"to_id": obj_id})):
        source = relation.from_object
        name = relation.from_attribute
        if source is None or _language(source) != language:
            continue
        _replace(source, name, obj_id, fallback_id)


def _replace(source, name, old_id, new_id):
    value = getattr(source, name, None)
    if IRelationValue.providedBy(value):
        if value.to_id != old_id:
            return
        new_value = RelationValue(new_id)
    elif isinstance(value, list | tuple):
        if not any(getattr(item, "to_id", None) == old_id for item in value):
            return
        new_value = [
            RelationValue(new_id) if getattr(item, "to_id", None) == old_id else item
            for item in value
        ]
    else:
        return
    setattr(source, name, new_value)
    # Marked as plone.app.multilingual's own synchronisation (the translation
    # group in the descriptions): the relation catalog and the indexes are
    # updated, the item's translations and its translation stamp are not
    # touched.
    schema = getUtility(IDexterityFTI, name=source.portal_type).lookupSchema()
    group = ITranslationManager(source).query_canonical()
    notify(ObjectModifiedEvent(source, Attributes(schema), group))
    source.reindexObject()
