"""Create content items described in JSON files, idempotently.

Each file under ``content/items/`` holds a list of items, loaded in file-name
order and, inside a file, in list order (so a parent comes before its
children).  An item:

``path``            where it lives, relative to the site root (``it/chi-siamo``)
``type``            portal type (``Document``, ``Service``, ...)
``state``           workflow state to reach (``published`` or ``pending``);
                    default: the workflow's initial state
``default_page``    true: the item becomes its container's default page
``translation_of``  path of the item this one translates (plone.app.multilingual)

Every other key is a field, written exactly as plone.restapi's ``POST``
takes it (``title``, ``text`` as HTML, relations as ``/it/guida/enti/x``
paths, dates as ``YYYY-MM-DD``) and validated by the same deserializer: the
starter content obeys the rules an editor's form does.

Translations
------------

A translation is an item with ``translation_of``; it lives under the
language root of its language, at the same path as its source with the
language code changed and the same id (``fr/guida/servizi/x`` translates
``it/guida/servizi/x``).  The loader gives it the language of its parent,
copies every language-independent field (address, municipality,
coordinates, contacts, hours, categories, provider, places, territory, ...)
from the source and links it to the source with plone.app.multilingual's
``ITranslationManager`` (one translation per language: a second one is
refused).  So a translation holds only the texts:
``title``, ``description``, ``text`` and the translatable fields of its type
(a Service's ``how_to_access``, ``what_to_bring``, ``cost_details``; a
Location's ``accessibility``); a language-independent field in a translation
is refused, as the facts are entered once.  A Folder's ``layout`` is given
again (``"layout": "guida-landing"``).

Relations of a translation (a Service's ``provider`` and ``locations``)
point to the target's translation in the same language when it exists, else
to the Italian target, as plone.app.multilingual's field copier does.  Load
a language's organizations and places before its services; a place or
organization translated later re-points the services of that language that
still used the Italian one.

The starter translations are ``content/items/60-translations-<code>.json``,
one file per language, in this order: ``<code>/guida`` and its folders
``servizi``, ``enti``, ``sedi``; then organizations, places, services.

An item that already exists is left untouched: editors' changes survive a new
``make start``.  The loader reports what it created and what it kept.
"""

from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from plone import api
from plone.app.multilingual.dx.interfaces import ILanguageIndependentField
from plone.app.multilingual.interfaces import ILanguageIndependentFieldsManager
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces import ILanguage
from plone.dexterity.interfaces import IDexterityFTI
from plone.dexterity.utils import iterSchemata
from plone.restapi.interfaces import IDeserializeFromJson
from zExceptions import BadRequest
from zope.component import getMultiAdapter
from zope.component import getUtility
from zope.event import notify
from zope.globalrequest import getRequest
from zope.interface import Invalid
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent
from zope.schema.interfaces import ValidationError

import json
import logging


logger = logging.getLogger("famiguida.content")

TRANSITIONS_TO = {
    "published": "publish",
    "pending": "submit",
}
NOT_FIELDS = {"path", "type", "state", "default_page", "translation_of"}


class StarterContentError(ValueError):
    """An item of the starter content cannot be created as written."""


@dataclass
class LoadReport:
    """What a load did: paths created and paths already present."""

    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def read_items(items_dir: Path) -> list[dict]:
    """All item specs of ``items_dir``, in load order."""
    specs = []
    for path in sorted(items_dir.glob("*.json")):
        specs.extend(json.loads(path.read_text(encoding="utf-8")))
    return specs


def load_items(portal, specs, report: LoadReport | None = None) -> LoadReport:
    """Create the items of ``specs`` that are missing on ``portal``."""
    report = report or LoadReport()
    for spec in specs:
        if portal.unrestrictedTraverse(spec["path"], None) is not None:
            report.kept.append(spec["path"])
            continue
        create_item(portal, spec)
        report.created.append(spec["path"])
    return report


def create_item(portal, spec):
    """Create one item from its spec and bring it to its state."""
    parent_path, _, obj_id = spec["path"].rpartition("/")
    parent = portal.unrestrictedTraverse(parent_path) if parent_path else portal
    language = ILanguage(parent).get_language()
    source = None
    if spec.get("translation_of"):
        source = translation_source(portal, spec, language)
    obj = api.content.create(
        container=parent,
        type=spec["type"],
        id=obj_id,
        title=spec["title"],
        safe_id=False,
    )
    if language:
        ILanguage(obj).set_language(language)
    if source is not None:
        # Facts come from the source before validation, so required facts
        # (address, municipality, need categories, ...) are there.
        ILanguageIndependentFieldsManager(source).copy_fields(obj)
    fields = {key: value for key, value in spec.items() if key not in NOT_FIELDS}
    request = getRequest() or portal.REQUEST
    deserializer = getMultiAdapter((obj, request), IDeserializeFromJson)
    try:
        deserializer(validate_all=True, data=fields, create=True)
    except (BadRequest, Invalid, ValidationError) as error:
        raise StarterContentError(f"/{spec['path']}: {error}") from error
    # The item was added before its fields were set: tell the relation
    # catalog, the indexes and plone.app.multilingual about the fields now.
    notify(ObjectModifiedEvent(obj))
    state = spec.get("state")
    if state and api.content.get_state(obj) != state:
        if state not in TRANSITIONS_TO:
            raise StarterContentError(f"/{spec['path']}: cannot reach {state!r}")
        api.content.transition(obj=obj, transition=TRANSITIONS_TO[state])
    if spec.get("default_page"):
        parent.setDefaultPage(obj_id)
    obj.reindexObject()
    if source is not None:
        # Linked last: the link searches the catalog, which indexes the
        # queued item then, once, complete.
        ITranslationManager(source).register_translation(language, obj)
        repoint_relations(source, language)
    logger.info("Created /%s", spec["path"])
    return obj


def independent_field_names(obj) -> set[str]:
    """Names of the language-independent fields of ``obj``'s schemas."""
    return {
        name
        for schema in iterSchemata(obj)
        for name in schema
        if ILanguageIndependentField.providedBy(schema[name])
    }


def translation_source(portal, spec, language):
    """The item ``spec`` translates, after checking the spec fits it."""
    where = f"/{spec['path']}"
    source = portal.unrestrictedTraverse(spec["translation_of"], None)
    if source is None:
        raise StarterContentError(f"{where}: no item {spec['translation_of']!r}")
    if not language:
        raise StarterContentError(f"{where}: a translation needs a language root")
    if source.portal_type != spec["type"]:
        raise StarterContentError(
            f"{where}: a {spec['type']} cannot translate a {source.portal_type}"
        )
    if ITranslationManager(source).get_translation(language) is not None:
        raise StarterContentError(
            f"{where}: {spec['translation_of']} already has a {language!r} translation"
        )
    repeated = sorted(independent_field_names(source) & set(spec))
    if repeated:
        raise StarterContentError(
            f"{where}: {', '.join(repeated)} come from {spec['translation_of']}"
            " (language independent); leave them out of the translation"
        )
    return source


def repoint_relations(target, language):
    """Point ``language``'s relations to ``target`` to its new translation.

    Items related to ``target`` (the source of a translation just created in
    ``language``) whose ``language`` version was created earlier still point
    to ``target`` itself; copying the facts again from the item in
    ``target``'s language makes plone.app.multilingual choose the new
    translation.
    """
    target_language = ILanguage(target).get_language()
    done = set()
    for relation in api.relation.get(target=target, unrestricted=True):
        related = relation.from_object
        if related is None:
            continue
        manager = ITranslationManager(related)
        item = manager.get_translation(language)
        source = manager.get_translation(target_language)
        if item is None or source is None or item.UID() in done:
            continue
        done.add(item.UID())
        if ILanguageIndependentFieldsManager(source).copy_fields(item):
            notify_synchronised(item)
            item.reindexObject()


def notify_synchronised(item):
    """Tell the relation catalog and the indexes that ``item``'s facts were
    copied, the way plone.app.multilingual does: the translation group in the
    event marks a synchronisation, so neither is the copy synchronised back
    nor is it taken for a translator's edit (translation stamps)."""
    schema = getUtility(IDexterityFTI, name=item.portal_type).lookupSchema()
    group = ITranslationManager(item).query_canonical()
    notify(ObjectModifiedEvent(item, Attributes(schema), group))
