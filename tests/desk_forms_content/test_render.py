"""The desk forms over HTTP without JavaScript: plain HTML forms (POST, every
field present) in Italian, Arabic (right to left) and Punjabi; the mediator
form for operators only."""

from .conftest import FORMS_DIR
from .conftest import MEDIATOR_FORM
from famiguida.content_loader.forms import read_forms
from famiguida.desk_forms import defences
from lxml import html as lxml_html
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.testing.zope import Browser
from zExceptions import Unauthorized

import pytest
import time
import transaction


_COMMON, FORMS = read_forms(FORMS_DIR)
SPECS = {form["id"]: form for form in FORMS}
CODES = ("it", "ar", "pa")
PUBLIC = [form["id"] for form in FORMS if not form.get("restricted")]


def browser(app, user=None):
    result = Browser(app)
    result.handleErrors = False
    if user:
        result.addHeader("Authorization", f"Basic {user}:secret-pw-1")
    return result


@pytest.fixture
def operator(functional_portal, add_users):
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    add_users({"operator": "operators"})
    setRoles(functional_portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    return "operator"


def check_plain_form(page, url, code, form_id):
    """The page holds the form as plain HTML: POST to itself, every field."""
    tree = lxml_html.fromstring(page)
    root = tree.getroottree().getroot()
    assert root.get("lang") == code
    assert root.get("dir") == ("rtl" if code == "ar" else "ltr")
    forms = [f for f in tree.iter("form") if f.get("action") == url]
    assert len(forms) == 1, form_id
    form = forms[0]
    assert form.get("method").lower() == "post"
    names = {
        element.get("name")
        for element in form.iter("input", "select", "textarea", "button")
    }
    for field in SPECS[form_id]["fields"]:
        widget = f"form.widgets.{field['id']}"
        assert any(
            name == widget or name.startswith(widget + ":") for name in names if name
        ), (form_id, code, field["id"])
    assert "form.buttons.submit" in names
    uploads = [f for f in SPECS[form_id]["fields"] if f["type"] in ("image", "file")]
    if uploads:
        assert form.get("enctype") == "multipart/form-data"
    links = [a.get("href") for a in form.iter("a")]
    assert "../informativa-privacy" in links
    return form


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("form_id", PUBLIC)
def test_public_form_renders_for_anonymous(
    functional_portal, functional_app, code, form_id
):
    url = f"{functional_portal.absolute_url()}/{code}/moduli/{form_id}"
    anonymous = browser(functional_app)
    anonymous.open(url)
    check_plain_form(anonymous.contents, url, code, form_id)
    # the privacy notice the consent links to opens for anonymous
    anonymous.open(f"{functional_portal.absolute_url()}/{code}/informativa-privacy")
    assert "example.org" in anonymous.contents


@pytest.mark.parametrize("code", CODES)
def test_mediator_form_renders_for_an_operator_only(
    functional_portal, functional_app, operator, code
):
    url = f"{functional_portal.absolute_url()}/{code}/moduli/{MEDIATOR_FORM}"
    staff = browser(functional_app, operator)
    staff.open(url)
    check_plain_form(staff.contents, url, code, MEDIATOR_FORM)
    with pytest.raises(Unauthorized):
        browser(functional_app).open(url)


@pytest.mark.parametrize("code", CODES)
def test_forms_landing_lists_the_public_forms(functional_portal, functional_app, code):
    anonymous = browser(functional_app)
    anonymous.open(f"{functional_portal.absolute_url()}/{code}/moduli")
    for form_id in PUBLIC:
        assert f"/{code}/moduli/{form_id}" in anonymous.contents
    assert MEDIATOR_FORM not in anonymous.contents


def test_arabic_family_sends_the_housing_form_without_javascript(
    functional_portal, functional_app
):
    """Filled and sent as a plain form: the request reaches the housing
    desk's inbox in Arabic and the thank-you page gives its number."""
    url = f"{functional_portal.absolute_url()}/ar/moduli/cerco-casa"
    anonymous = browser(functional_app)
    anonymous.open(url)
    anonymous.getControl(name="form.widgets.household_size").value = "4"
    anonymous.getControl(name="form.widgets.children").value = "2"
    anonymous.getControl(name="form.widgets.municipality:list").value = ["crema"]
    anonymous.getControl(name="form.widgets.budget").value = "550"
    anonymous.getControl(name="form.widgets.name").value = "Amina B."
    anonymous.getControl(name="form.widgets.phone").value = "+39 333 1234567"
    anonymous.getControl(name="form.widgets.privacy_consent:list").value = ["selected"]
    time.sleep(3.5)  # the spam defence refuses forms sent faster than a person
    defences.rate_limiter.clear()  # submissions of earlier tests
    anonymous.getControl(name="form.buttons.submit").click()
    transaction.begin()
    inbox = functional_portal["sportelli"]["casa"]
    requests = [obj for obj in inbox.objectValues() if obj.portal_type == "DeskRequest"]
    assert len(requests) == 1
    request = requests[0]
    assert request.form_id == "cerco-casa"
    assert request.submission_language == "ar"
    assert request.municipality == "crema"
    assert request.consent is True
    assert request.reference.startswith("CASA-")
    assert request.reference in anonymous.contents
    assert api.content.get_state(request) == "new"


DESK_SERVICES = {
    "sportello-mediazione-abitativa-crema": ("cerco-casa", "offri-una-casa"),
    "sportello-assistenza-familiare": ("offro-assistenza", "cerco-assistente"),
    "mediatore-culturale-servizi-sociali-cremasco": (MEDIATOR_FORM,),
}


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("service", sorted(DESK_SERVICES))
def test_desk_service_pages_link_their_forms(
    functional_portal, functional_app, code, service
):
    """A desk's service page links its forms in the page's language
    (``resolveuid/<form_uid>`` in content/items, an address once shown)."""
    site = functional_portal.absolute_url()
    for form_id in DESK_SERVICES[service]:
        anonymous = browser(functional_app)
        anonymous.open(f"{site}/{code}/guida/servizi/{service}")
        link = anonymous.getLink(url=f"{site}/{code}/moduli/{form_id}")
        if form_id == MEDIATOR_FORM:
            with pytest.raises(Unauthorized):
                link.click()
            continue
        link.click()
        assert anonymous.url == f"{site}/{code}/moduli/{form_id}"
        check_plain_form(anonymous.contents, anonymous.url, code, form_id)
