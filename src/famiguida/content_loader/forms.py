"""Create the desk forms (collective.easyform) in every language, idempotently.

The forms are defined once, as data, in ``content/forms/``:

``_common.json``
    ``folder``: id of the folder holding the forms in every language root
    (``moduli``: ``/Plone/<lang>/moduli/<form id>``, created by
    ``content/items``); ``privacy_page``: id of the privacy notice in every
    language root, linked from the consent field; ``texts``: submit label
    and thank-you texts shared by every form; ``fields``: fields shared by
    every form (``name``, ``phone``, ``email``, ``privacy_consent``).  The
    reference number of a submission is shown on the thank-you page by the
    desk forms' view (``famiguida.desk_forms.view``), above these texts.

``<nn>-<form id>.json`` (loaded in file-name order)
    ``id``, ``desk`` (a desk id of ``famiguida.desks.DESKS``), ``title``,
    ``description``, optionally ``restricted`` (true: only operators, the
    mediation desk, editors and site administrators see the form) and any
    of the shared ``texts`` to override; ``fields``: the fields in order.
    ``{"use": "phone", ...}`` takes a shared field, with the keys given
    overriding it.

A text is a message of the ``famiguida`` domain: ``[msgid, Italian default]``
or ``[msgid, default, mapping]`` (``${number}`` and the like).  A field:

``id``            field id (the engine reads ``name``, ``email``, ``phone``,
                  ``municipality``, ``privacy_consent``; the rest is data)
``type``          ``text_line``, ``text``, ``int``, ``bool``, ``date``,
                  ``choice``, ``multi_choice`` (check boxes), ``image``,
                  ``file`` (optional uploads)
``required``      true or false
``label``         a text; ``description``: a text (HTML allowed)
``vocabulary``    a named vocabulary (``famiguida.municipalities``, ...), or
``options``       ``[[key], [key, msgid, default(, mapping)], ...]``
``widget``        ``radio`` for a choice shown as radio buttons
``validators``    easyform field validators (``famiguida.phone``, ...)
``min``, ``max``  for ``int``; ``max_length`` for ``text_line``/``text``

The loader writes each language's easyform model with the texts translated
into that language (``zope.i18n.translate``): every language's form holds
labels in its language, which editors can still change in easyform's field
editor.  The Italian form is the source; the others are linked to it with
plone.app.multilingual's ``ITranslationManager`` and have the same id.  Each
form's UID is derived from its language and id (``form_uid``): pages of
``content/items`` link a form as ``resolveuid/<uid>``.  A form that exists
already is kept as it is (editors' changes survive); the report lists what
was created and what was kept.

Public forms are published.  A restricted form stays private, blocks the
local roles granted higher up and gives ``RESTRICTED_ROLES`` to the groups
that use it: anonymous visitors are asked to log in.  A description may use
``${privacy_url}``: the privacy notice of the form's language, as an address
relative to the form.

The msgids live in JSON, where i18ndude does not look: ``python -m
famiguida.content_loader.forms content/forms`` prints them as .pot entries
with their Italian defaults.
"""

from famiguida.content_loader.items import LoadReport
from famiguida.content_loader.items import StarterContentError
from lxml import etree
from pathlib import Path
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces import ILanguage
from plone.uuid.interfaces import IMutableUUID
from zope.i18n import translate
from zope.i18nmessageid import Message

import json
import logging
import uuid


logger = logging.getLogger("famiguida.content")

DOMAIN = "famiguida"
SOURCE_LANGUAGE = "it"
COMMON_FILE = "_common.json"

SCHEMA_NS = "http://namespaces.plone.org/supermodel/schema"
EASYFORM_NS = "http://namespaces.plone.org/supermodel/easyform"
FORM_NS = "http://namespaces.plone.org/supermodel/form"

FIELD_TYPES = {
    "text_line": "zope.schema.TextLine",
    "text": "zope.schema.Text",
    "int": "zope.schema.Int",
    "bool": "zope.schema.Bool",
    "date": "zope.schema.Date",
    "choice": "zope.schema.Choice",
    "multi_choice": "zope.schema.Set",
    "image": "plone.namedfile.field.NamedBlobImage",
    "file": "plone.namedfile.field.NamedBlobFile",
}
WIDGETS = {
    "bool": "z3c.form.browser.checkbox.SingleCheckBoxFieldWidget",
    "multi_choice": "z3c.form.browser.checkbox.CheckBoxFieldWidget",
    "radio": "z3c.form.browser.radio.RadioFieldWidget",
}
TEXTS = ("submit_label", "thanks_title", "thanks_description")

# Who may see a restricted form (the mediator request): local roles given on
# the form, which stays private and blocks the roles granted higher up.
RESTRICTED_ROLES = {
    "operators": ["Reader"],
    "mediation-desk": ["Reader"],
    "editors": ["Editor", "Reader"],
}


def read_forms(forms_dir: Path) -> tuple[dict, list[dict]]:
    """The shared settings and the form specs of ``forms_dir``, shared
    fields resolved, in load order."""
    forms_dir = Path(forms_dir)
    common = json.loads((forms_dir / COMMON_FILE).read_text(encoding="utf-8"))
    forms = []
    for path in sorted(forms_dir.glob("*.json")):
        if path.name == COMMON_FILE:
            continue
        spec = json.loads(path.read_text(encoding="utf-8"))
        spec["fields"] = [resolve_field(common, field) for field in spec["fields"]]
        for name in TEXTS:
            spec.setdefault(name, common["texts"][name])
        forms.append(spec)
    return common, forms


def resolve_field(common, field):
    """A field spec, with a ``{"use": id}`` shared field filled in."""
    if "use" not in field:
        return dict(field)
    shared = common["fields"].get(field["use"])
    if shared is None:
        raise StarterContentError(f"content/forms: no shared field {field['use']!r}")
    resolved = {"id": field["use"], **shared}
    resolved.update({key: value for key, value in field.items() if key != "use"})
    return resolved


def message(text, **mapping) -> Message:
    """The ``famiguida`` message of a ``[msgid, default(, mapping)]`` text."""
    msgid, default, *rest = text
    values = dict(rest[0]) if rest else {}
    values.update(mapping)
    return Message(msgid, domain=DOMAIN, default=default, mapping=values or None)


def translated(text, language, **mapping) -> str:
    """A text in ``language`` (the catalog's, else the Italian default)."""
    return translate(message(text, **mapping), target_language=language)


def messages(common, forms):
    """Every (msgid, Italian default) the forms use, without repeats: what
    the translators need in the ``famiguida`` catalogue."""
    found = {}

    def add(text):
        found.setdefault(text[0], text[1])

    for name in TEXTS:
        add(common["texts"][name])
    for form in forms:
        for name in ("title", "description", *TEXTS):
            add(form[name])
        for field in form["fields"]:
            for name in ("label", "description"):
                if name in field:
                    add(field[name])
            for option in field.get("options", ()):
                if len(option) > 1:
                    add(option[1:])
    return list(found.items())


def _sub(parent, tag, text=None, **attributes):
    element = etree.SubElement(parent, f"{{{SCHEMA_NS}}}{tag}", **attributes)
    if text is not None:
        element.text = text
    return element


def _vocabulary(element, field, language):
    """The named vocabulary or the translated options of a choice."""
    if "vocabulary" in field:
        _sub(element, "vocabulary", field["vocabulary"])
        return
    values = _sub(element, "values")
    for option in field["options"]:
        key = option[0]
        title = translated(option[1:], language) if len(option) > 1 else key
        _sub(values, "element", title, key=key)


def field_element(schema, field, language, privacy_url):
    """Append one field of the easyform model to ``schema``."""
    kind = field["type"]
    if kind not in FIELD_TYPES:
        raise StarterContentError(f"content/forms: unknown field type {kind!r}")
    attributes = {"name": field["id"], "type": FIELD_TYPES[kind]}
    if field.get("validators"):
        attributes[f"{{{EASYFORM_NS}}}validators"] = "|".join(field["validators"])
    widget = WIDGETS.get(field.get("widget")) or WIDGETS.get(kind)
    if widget:
        attributes[f"{{{FORM_NS}}}widget"] = widget
    element = _sub(schema, "field", **attributes)
    _sub(element, "title", translated(field["label"], language))
    if "description" in field:
        description = translated(
            field["description"], language, privacy_url=privacy_url
        )
        _sub(element, "description", description)
    _sub(element, "required", str(bool(field.get("required"))))
    for name in ("min", "max", "max_length"):
        if name in field:
            _sub(element, name, str(field[name]))
    if kind == "choice":
        _vocabulary(element, field, language)
    elif kind == "multi_choice":
        value_type = _sub(element, "value_type", type="zope.schema.Choice")
        _vocabulary(value_type, field, language)
    return element


def fields_model(form, language, privacy_url) -> str:
    """The easyform ``fields_model`` XML of ``form`` in ``language``."""
    nsmap = {None: SCHEMA_NS, "easyform": EASYFORM_NS, "form": FORM_NS}
    model = etree.Element(f"{{{SCHEMA_NS}}}model", nsmap=nsmap)
    schema = _sub(model, "schema")
    for field in form["fields"]:
        field_element(schema, field, language, privacy_url)
    return etree.tostring(
        model, pretty_print=True, xml_declaration=True, encoding="utf-8"
    ).decode("utf-8")


def actions_model(desk_id) -> str:
    """The actions XML of a form feeding ``desk_id`` (the desk engine's)."""
    if desk_id not in _desks():
        raise StarterContentError(f"content/forms: unknown desk {desk_id!r}")
    from famiguida.desk_forms.actions import actions_model as engine_model

    return engine_model(desk_id)


def _desks():
    from famiguida.desks import DESKS

    return DESKS


def form_fields(form, language, privacy_url) -> dict:
    """The EasyForm field values of ``form`` in ``language``."""
    return {
        "title": translated(form["title"], language),
        "description": translated(form["description"], language),
        "fields_model": fields_model(form, language, privacy_url),
        "actions_model": actions_model(form["desk"]),
        "submitLabel": translated(form["submit_label"], language),
        "thankstitle": translated(form["thanks_title"], language),
        "thanksdescription": translated(form["thanks_description"], language),
        "showAll": True,
        "includeEmpties": False,
        "method": "post",
        "CSRFProtection": True,
        "unload_protection": False,
        "form_tabbing": False,
        "autofocus": False,
    }


def privacy_url(common) -> str:
    """The privacy notice's address relative to a form (``<lang>/<folder>/
    <form>`` links to ``<lang>/<privacy page>``): the same in every language
    and under any host name."""
    return f"../{common['privacy_page']}"


def languages(portal) -> list[str]:
    """Italian first, then the other offered languages that have a root."""
    codes = api.portal.get_registry_record("plone.available_languages")
    others = [c for c in codes if c != SOURCE_LANGUAGE and c in portal.objectIds()]
    return [SOURCE_LANGUAGE, *others]


def load_forms(portal, forms_dir: Path, report: LoadReport | None = None):
    """Create the forms of ``forms_dir`` missing on ``portal``, in every
    language; keep those that exist."""
    report = report or LoadReport()
    common, forms = read_forms(forms_dir)
    codes = languages(portal)
    for form in forms:
        source = ensure_form(portal, common, form, SOURCE_LANGUAGE, None, report)
        if source is None:
            continue
        for code in codes[1:]:
            ensure_form(portal, common, form, code, source, report)
    return report


def form_folder(portal, common, language):
    """The folder of ``language`` that holds the forms (from content/items),
    or None (an editor removed it: that language gets no new forms)."""
    path = f"{language}/{common['folder']}"
    folder = portal.unrestrictedTraverse(path, None)
    if folder is None:
        logger.warning("No folder /%s: its desk forms are not created", path)
    return folder


def ensure_form(portal, common, form, language, source, report):
    """The form ``form`` in ``language``, created (and linked to ``source``)
    if missing; None without the language's forms folder."""
    folder = form_folder(portal, common, language)
    if folder is None:
        return None
    path = f"{language}/{common['folder']}/{form['id']}"
    existing = folder.get(form["id"])
    if source is not None:
        linked = ITranslationManager(source).get_translation(language)
        existing = linked if linked is not None else existing
    if existing is not None:
        report.kept.append(path)
        return existing
    obj = api.content.create(
        container=folder,
        type="EasyForm",
        id=form["id"],
        safe_id=False,
        **form_fields(form, language, privacy_url(common)),
    )
    ILanguage(obj).set_language(language)
    IMutableUUID(obj).set(form_uid(language, form["id"]))
    if form.get("restricted"):
        restrict(obj)
    else:
        api.content.transition(obj=obj, transition="publish")
    obj.reindexObject()
    if source is not None:
        ITranslationManager(source).register_translation(language, obj)
    report.created.append(path)
    logger.info("Created form /%s", path)
    return obj


def form_uid(language, form_id) -> str:
    """The UID a form gets in ``language``: the same on every site, so the
    starter content links a form as ``resolveuid/<uid>`` (turned into the
    form's address when the page is shown, under any host name)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"famiguida:form:{language}/{form_id}").hex


def restrict(obj):
    """Keep ``obj`` private to operators, the mediation desk and editors
    (site administrators see private content anyway)."""
    obj.__ac_local_roles_block__ = True
    for groupid, roles in RESTRICTED_ROLES.items():
        obj.manage_setLocalRoles(groupid, list(roles))
    obj.reindexObjectSecurity()


def pot_entries(forms_dir: Path) -> str:
    """The forms' msgids as .pot entries (``#. Default:`` the Italian), for
    the ``famiguida`` catalogue: ``make i18n`` reads the sources only."""
    common, forms = read_forms(forms_dir)
    blocks = []
    for msgid, default in messages(common, forms):
        default = default.replace("\\", "\\\\").replace('"', '\\"')
        blocks.append(
            f'#. Default: "{default}"\n#: content/forms\nmsgid "{msgid}"\nmsgstr ""\n'
        )
    return "\n".join(blocks)


if __name__ == "__main__":  # python -m famiguida.content_loader.forms content/forms
    import sys

    print(pot_entries(Path(sys.argv[1] if len(sys.argv) > 1 else "content/forms")))
