"""The desk forms on the site: 5 forms x 11 languages, linked, translated,
feeding their desk, the mediator form private to the staff who use it."""

from .conftest import FORM_IDS
from .conftest import FORMS_DIR
from .conftest import LANGUAGES
from .conftest import MEDIATOR_FORM
from AccessControl import Unauthorized
from collective.easyform.api import get_actions
from collective.easyform.api import get_schema
from famiguida.content_loader import forms as loader
from famiguida.content_loader.forms import form_uid
from famiguida.content_loader.forms import load_forms
from famiguida.content_loader.forms import translated
from lxml import etree
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.base.interfaces import ILanguage
from urllib.parse import urljoin
from zope.schema import getFieldNamesInOrder
from zope.schema import getFieldsInOrder

import pytest


PUBLIC_FORMS = tuple(form_id for form_id in FORM_IDS if form_id != MEDIATOR_FORM)


def form_in(portal, code, form_id):
    return portal[code]["moduli"][form_id]


def desk_of(form):
    """The desk the form's actions feed (the DeskRequestAction's ``desk``)."""
    desks = [
        action.desk
        for _name, action in getFieldsInOrder(get_actions(form))
        if getattr(action, "desk", None)
    ]
    assert len(desks) == 1
    return desks[0]


@pytest.fixture
def manager(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    yield portal
    setRoles(portal, TEST_USER_ID, ["Member"])


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_form_in_every_language_linked_to_the_italian_one(portal, specs, form_id):
    source = form_in(portal, "it", form_id)
    translations = ITranslationManager(source).get_translations()
    assert sorted(translations) == sorted(LANGUAGES)
    ids = [f["id"] for f in specs[form_id]["fields"]]
    for code in LANGUAGES:
        form = form_in(portal, code, form_id)
        assert form.portal_type == "EasyForm"
        assert ILanguage(form).get_language() == code
        assert translations[code] is form or translations[code].UID() == form.UID()
        assert getFieldNamesInOrder(get_schema(form)) == ids, code
        assert form.UID() == form_uid(code, form_id)
        assert desk_of(form) == specs[form_id]["desk"]


@pytest.mark.parametrize("code", LANGUAGES)
def test_texts_are_the_catalog_translations(portal, specs, code):
    """Labels, descriptions, options and form texts: translate(msgid) in the
    form's language (Italian defaults until the catalogue has them)."""
    for form_id in FORM_IDS:
        spec = specs[form_id]
        form = form_in(portal, code, form_id)
        assert form.title == translated(spec["title"], code)
        assert form.description == translated(spec["description"], code)
        assert form.submitLabel == translated(spec["submit_label"], code)
        assert form.thankstitle == translated(spec["thanks_title"], code)
        assert form.thanksdescription == translated(spec["thanks_description"], code)
        schema = get_schema(form)
        for field in spec["fields"]:
            assert schema[field["id"]].title == translated(field["label"], code)
        options = {f["id"]: f for f in spec["fields"] if "options" in f}
        for field_id, field in options.items():
            vocabulary = schema[field_id]
            vocabulary = getattr(vocabulary, "value_type", vocabulary).vocabulary
            titles = [term.title for term in vocabulary]
            expected = [
                translated(option[1:], code) if len(option) > 1 else option[0]
                for option in field["options"]
            ]
            assert titles == expected


@pytest.mark.parametrize("code", ("en", "ar", "pa", "zh"))
def test_a_msgid_with_a_translation_is_translated(portal, code):
    """label_phone and label_rooms are in the catalogue already."""
    schema = get_schema(form_in(portal, code, "offri-una-casa"))
    assert schema["phone"].title not in ("", "Telefono")
    assert schema["rooms"].title not in ("", "Locali")
    assert get_schema(form_in(portal, "it", "offri-una-casa"))["phone"].title == (
        "Telefono"
    )


def test_the_model_is_written_with_translate(monkeypatch, specs):
    """The loader asks zope.i18n for each text in the target language."""
    calls = []

    def fake(msg, target_language=None, **kw):
        calls.append((msg, target_language))
        return f"[{target_language}] {msg}"

    monkeypatch.setattr(loader, "translate", fake)
    xml = loader.fields_model(specs["cerco-casa"], "uk", "../informativa-privacy")
    titles = etree.fromstring(xml.encode()).findall(f".//{{{loader.SCHEMA_NS}}}title")
    assert titles[0].text == "[uk] form_field_household_size"
    assert {language for _msg, language in calls} == {"uk"}
    assert all(msg.domain == "famiguida" for msg, _language in calls)


@pytest.mark.parametrize("code", LANGUAGES)
def test_consent_required_and_linked_to_the_privacy_notice(portal, code):
    for form_id in FORM_IDS:
        form = form_in(portal, code, form_id)
        consent = get_schema(form)["privacy_consent"]
        assert consent.required is True
        tree = etree.HTML(consent.description)
        href = tree.find(".//a").get("href")
        url = urljoin(form.absolute_url(), href)
        page = portal.unrestrictedTraverse(url.replace(portal.absolute_url(), "")[1:])
        assert page.portal_type == "Document"
        assert page.getPhysicalPath() == (
            *portal.getPhysicalPath(),
            code,
            "informativa-privacy",
        )
        assert ILanguage(page).get_language() == code


@pytest.mark.parametrize("code", LANGUAGES)
def test_privacy_notice_and_forms_folder_published(portal, code):
    page = portal[code]["informativa-privacy"]
    folder = portal[code]["moduli"]
    for obj in (page, folder):
        assert api.content.get_state(obj) == "published"
        assert ILanguage(obj).get_language() == code
    assert page.exclude_from_nav
    assert "example.org" in page.text.raw
    italian = ITranslationManager(portal["it"]["informativa-privacy"])
    assert italian.get_translation(code).UID() == page.UID()
    for form_id in PUBLIC_FORMS:
        assert api.content.get_state(folder[form_id]) == "published"


@pytest.mark.parametrize("code", ("it", "ar"))
def test_anonymous_lists_the_public_forms_only(portal, login_as, code):
    login_as("anonymous")
    folder = portal[code]["moduli"]
    found = api.content.find(context=folder, portal_type="EasyForm")
    assert sorted(brain.getId for brain in found) == sorted(PUBLIC_FORMS)
    for form_id in PUBLIC_FORMS:
        assert folder.restrictedTraverse(form_id)


VISIBLE = {
    "anonymous": False,
    "member": False,
    "housing": False,
    "caregiver": False,
    "operator": True,
    "mediation": True,
    "editor": True,
    "siteadmin": True,
}


@pytest.mark.parametrize("userid", sorted(VISIBLE))
def test_mediator_form_only_for_operators_desk_editors_admins(users, login_as, userid):
    login_as(userid)
    for code in LANGUAGES:
        form = form_in(users, code, MEDIATOR_FORM)
        assert api.content.get_state(form) == "private"
        allowed = bool(api.user.has_permission("View", obj=form))
        assert allowed is VISIBLE[userid], code
        found = api.content.find(
            context=users[code]["moduli"], portal_type="EasyForm", id=MEDIATOR_FORM
        )
        assert bool(found) is VISIBLE[userid], code
        if not VISIBLE[userid]:
            with pytest.raises(Unauthorized):
                users[code]["moduli"].restrictedTraverse(MEDIATOR_FORM)


def test_loading_again_keeps_every_form(manager):
    portal = manager
    form = form_in(portal, "fr", "cerco-casa")
    form.title = "Titre corrigé par la rédaction"
    report = load_forms(portal, FORMS_DIR)
    assert report.created == []
    assert len(report.kept) == len(FORM_IDS) * len(LANGUAGES)
    assert form_in(portal, "fr", "cerco-casa").title == "Titre corrigé par la rédaction"


def test_a_missing_translation_is_created_and_linked(manager):
    portal = manager
    api.content.delete(obj=form_in(portal, "ur", "offro-assistenza"))
    report = load_forms(portal, FORMS_DIR)
    assert report.created == ["ur/moduli/offro-assistenza"]
    form = form_in(portal, "ur", "offro-assistenza")
    source = form_in(portal, "it", "offro-assistenza")
    assert ITranslationManager(source).get_translation("ur").UID() == form.UID()
    assert api.content.get_state(form) == "published"


def test_easyform_is_translatable_and_keeps_its_behaviors(portal):
    fti = portal.portal_types["EasyForm"]
    assert "plone.translatable" in fti.behaviors
    assert {"plone.dublincore", "plone.shortname", "plone.namefromtitle"} <= set(
        fti.behaviors
    )


def test_a_language_without_its_forms_folder_is_skipped(manager):
    portal = manager
    api.content.delete(obj=portal["pa"]["moduli"], check_linkintegrity=False)
    report = load_forms(portal, FORMS_DIR)
    assert report.created == []
    assert not [path for path in report.kept if path.startswith("pa/")]
    assert len(report.kept) == len(FORM_IDS) * (len(LANGUAGES) - 1)
