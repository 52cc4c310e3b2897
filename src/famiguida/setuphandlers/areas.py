"""Import step: language roots, staff groups and the areas they guard.

The data is ``famiguida_areas.json`` in the profile: which groups exist,
which roles each group holds on every language root, and which folders guard
private areas (desk inboxes, the operators' space) with whose local roles.
Running it again changes nothing that is already right (idempotent), and it
never deletes content.
"""

from plone import api
from plone.app.multilingual.browser.setup import SetupMultilingualSite
from plone.base.interfaces import ILanguage

import json
import logging


logger = logging.getLogger("famiguida.setup")

DATA_FILE = "famiguida_areas.json"


def import_areas(context):
    """GenericSetup handler of the ``famiguida-areas`` step."""
    raw = context.readDataFile(DATA_FILE)
    if raw is None:
        return
    data = json.loads(raw)
    portal = context.getSite()
    ensure_language_roots(portal)
    ensure_groups(data["groups"])
    grant_on_language_roots(portal, data.get("language_roots", {}))
    for area in data["areas"]:
        ensure_area(portal, area)


def ensure_language_roots(portal):
    """Create the root folder of every configured language (``/Plone/<code>``).

    plone.app.multilingual's own set-up runs when its profile is installed,
    before our registry has named the languages; running it again is its
    documented way to add the missing roots.
    """
    SetupMultilingualSite().setupSite(portal)


def language_root_ids(portal):
    """Ids of the language root folders present on the site."""
    languages = api.portal.get_registry_record("plone.available_languages")
    return [code for code in languages if code in portal.objectIds()]


def ensure_groups(groups):
    """Create the staff groups that do not exist yet; fix their titles."""
    for spec in groups:
        group = api.group.get(groupname=spec["id"])
        if group is None:
            api.group.create(
                groupname=spec["id"],
                title=spec["title"],
                description=spec.get("description", ""),
            )
            logger.info("Created group %s", spec["id"])
        else:
            group.setGroupProperties(
                {"title": spec["title"], "description": spec.get("description", "")}
            )


def set_local_roles(obj, grants):
    """Give each group exactly the listed local roles on ``obj``."""
    for groupid, roles in grants.items():
        obj.manage_setLocalRoles(groupid, list(roles))
    obj.reindexObjectSecurity()


def grant_on_language_roots(portal, grants):
    """Local roles that groups hold on every language root folder."""
    for code in language_root_ids(portal):
        set_local_roles(portal[code], grants)


def ensure_area(portal, spec):
    """Create (if missing) and secure one guarded folder.

    ``spec["path"]`` is relative to the site root; its parent must exist.
    The folder stays private: only the local roles listed reach it, and with
    ``block_inheritance`` nothing granted higher up leaks into it.
    """
    parent_path, _, obj_id = spec["path"].rpartition("/")
    parent = portal.unrestrictedTraverse(parent_path) if parent_path else portal
    obj = parent.get(obj_id)
    if obj is None:
        obj = api.content.create(
            container=parent,
            type=spec.get("type", "Folder"),
            id=obj_id,
            title=spec["title"],
            description=spec.get("description", ""),
            safe_id=False,
        )
        if spec.get("exclude_from_nav"):
            obj.exclude_from_nav = True
        language = spec.get("language")
        if language is not None:
            ILanguage(obj).set_language(language)
        obj.reindexObject()
        logger.info("Created area /%s", spec["path"])
    obj.__ac_local_roles_block__ = bool(spec.get("block_inheritance"))
    set_local_roles(obj, spec.get("local_roles", {}))
    return obj
