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

An item that already exists is left untouched: editors' changes survive a new
``make start``.  The loader reports what it created and what it kept.
"""

from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces import ILanguage
from plone.restapi.interfaces import IDeserializeFromJson
from zExceptions import BadRequest
from zope.component import getMultiAdapter
from zope.event import notify
from zope.globalrequest import getRequest
from zope.interface import Invalid
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
    obj = api.content.create(
        container=parent,
        type=spec["type"],
        id=obj_id,
        title=spec["title"],
        safe_id=False,
    )
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
    language = ILanguage(parent).get_language()
    if language:
        ILanguage(obj).set_language(language)
    if spec.get("translation_of"):
        canonical = portal.unrestrictedTraverse(spec["translation_of"])
        ITranslationManager(canonical).register_translation(language, obj)
    state = spec.get("state")
    if state and api.content.get_state(obj) != state:
        if state not in TRANSITIONS_TO:
            raise StarterContentError(f"/{spec['path']}: cannot reach {state!r}")
        api.content.transition(obj=obj, transition=TRANSITIONS_TO[state])
    if spec.get("default_page"):
        parent.setDefaultPage(obj_id)
    obj.reindexObject()
    logger.info("Created /%s", spec["path"])
    return obj
