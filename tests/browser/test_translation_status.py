"""Editors' translation dashboard: missing and outdated translations."""

from AccessControl import Unauthorized
from AccessControl.SecurityManagement import noSecurityManager
from famiguida.behaviors.contacts import IContacts
from famiguida.content.service import IService
from plone import api
from plone.app.multilingual.interfaces import IPloneAppMultilingualInstalled
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.value import RichTextValue
from plone.dexterity.interfaces import IDexterityContent
from zope.event import notify
from zope.interface import alsoProvides
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent

import pytest


TRANSLATED = "guida/servizi/sportello-mediazione-abitativa-crema"
UNTRANSLATED = "guida/servizi/supporto-servizio-sociale-cremasco"

USERS = {
    "citizen": None,
    "operator": "operators",
    "housing": "housing-desk",
    "editor": "editors",
    "siteadmin": "Site Administrator",
}


@pytest.fixture
def site(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    for userid, group in USERS.items():
        api.user.create(
            email=f"{userid}@example.org", username=userid, password="secret-pw-1"
        )
        if group == "Site Administrator":
            api.user.grant_roles(username=userid, roles=["Site Administrator"])
        elif group:
            api.group.add_user(groupname=group, username=userid)
    alsoProvides(portal.REQUEST, IPloneAppMultilingualInstalled)
    yield portal
    noSecurityManager()


def language(view, code):
    return next(entry for entry in view.report() if entry["code"] == code)


def outdated_urls(site, code):
    view = dashboard(site)
    return {item["url"] for item in language(view, code)["outdated"]}


def dashboard(context):
    view = context.restrictedTraverse("@@stato-traduzioni")
    view.italian_root = api.portal.get()["it"]
    return view


def edit(obj, schema, *names, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    notify(ObjectModifiedEvent(obj, Attributes(schema, *names)))


@pytest.mark.parametrize("userid", ["anonymous", "citizen", "operator", "housing"])
@pytest.mark.parametrize("where", ["", "it"])
def test_not_for_the_public_nor_operators_nor_desks(site, login_as, userid, where):
    login_as(userid)
    context = site.unrestrictedTraverse(where) if where else site
    view = context.restrictedTraverse("@@stato-traduzioni")
    with pytest.raises(Unauthorized):
        view()


@pytest.mark.parametrize("userid", ["editor", "siteadmin"])
@pytest.mark.parametrize("where", ["", "it"])
def test_for_editors_and_site_admins(site, login_as, userid, where):
    login_as(userid)
    context = site.unrestrictedTraverse(where) if where else site
    html = context.restrictedTraverse("@@stato-traduzioni")()
    assert "famiguida-translation-summary" in html
    assert 'data-language="ar"' in html
    assert 'data-language="it"' not in html


def test_missing_translations_with_a_link_to_translate(site, login_as):
    login_as("editor")
    italian = site.unrestrictedTraverse(f"it/{UNTRANSLATED}")
    site.REQUEST.form["lingua"] = "ar"  # the whole list of one language
    view = dashboard(site)
    arabic = language(view, "ar")
    missing = {item["url"]: item for item in arabic["missing"]}
    assert italian.absolute_url() in missing
    assert missing[italian.absolute_url()]["translate_url"] == (
        f"{italian.absolute_url()}/@@create_translation?language=ar"
    )
    translated = site.unrestrictedTraverse(f"it/{TRANSLATED}").absolute_url()
    assert translated not in missing
    assert arabic["missing_count"] + arabic["translated"] == arabic["total"]
    site.REQUEST.form.pop("lingua")
    assert {entry["code"] for entry in dashboard(site).report()} == {
        "en",
        "fr",
        "ar",
        "es",
        "ro",
        "sq",
        "uk",
        "zh",
        "pa",
        "ur",
    }


def test_types_that_declare_translatability(site):
    from famiguida.multilingual import translatable_types

    types = translatable_types()
    for name in ("Service", "Organization", "Location", "Document", "Folder"):
        assert name in types
    assert "LRF" not in types
    assert "Image" not in types


def test_outdated_after_the_italian_text_changes(site, login_as):
    setRoles(site, TEST_USER_ID, ["Manager"])
    italian = site.unrestrictedTraverse(f"it/{TRANSLATED}")
    arabic = site.unrestrictedTraverse(f"ar/{TRANSLATED}")
    english = site.unrestrictedTraverse(f"en/{TRANSLATED}")
    assert arabic.absolute_url() not in outdated_urls(site, "ar")

    # Facts only (phone: language independent, copied into the
    # translations): nothing to translate.
    edit(italian, IContacts, "phone", phone="+39 0373 111 222")
    assert arabic.phone == "+39 0373 111 222"
    assert arabic.absolute_url() not in outdated_urls(site, "ar")

    # A text changes: every translation is outdated.
    edit(italian, IService, "how_to_access", how_to_access="Si prenota al telefono.")
    assert arabic.absolute_url() in outdated_urls(site, "ar")
    assert english.absolute_url() in outdated_urls(site, "en")

    # The facts copied into the translation afterwards do not make it current.
    edit(italian, IContacts, "email", email="casa@example.org")
    assert arabic.email == "casa@example.org"
    assert arabic.absolute_url() in outdated_urls(site, "ar")

    # The translator saves the Arabic text: current again; English is not.
    edit(arabic, IService, "how_to_access", how_to_access="احجز عبر الهاتف.")
    assert arabic.absolute_url() not in outdated_urls(site, "ar")
    assert english.absolute_url() in outdated_urls(site, "en")

    # The page links to the translation's edit form and to the source.
    login_as("editor")
    html = dashboard(site)()
    assert f'href="{english.absolute_url()}/edit"' in html
    assert f'href="{italian.absolute_url()}"' in html


def test_rich_text_edit_without_descriptions_counts(site):
    """An edit that does not say what changed counts as a text edit."""
    setRoles(site, TEST_USER_ID, ["Manager"])
    italian = site.unrestrictedTraverse(f"it/{TRANSLATED}")
    arabic = site.unrestrictedTraverse(f"ar/{TRANSLATED}")
    italian.text = RichTextValue("<p>Nuovo testo</p>", "text/html", "text/x-html-safe")
    assert IDexterityContent.providedBy(italian)
    notify(ObjectModifiedEvent(italian))
    assert arabic.absolute_url() in outdated_urls(site, "ar")
