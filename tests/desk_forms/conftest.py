"""Desk form fixtures: a test form in the Italian and the Arabic language
roots, feeding the housing desk, submitted through the real form."""

from famiguida.desk_forms import defences
from famiguida.desk_forms import mailqueue
from famiguida.desk_forms.actions import actions_model
from famiguida.desks.requests import COUNTER_KEY
from io import BytesIO
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.testing.zope import Browser
from zope.annotation.interfaces import IAnnotations

import contextlib
import os
import pytest
import time
import transaction


FORM_ID = "modulo-di-prova"
SENDER = "noreply@famiguida.test"
DESK_ADDRESS = "casa@famiguida.test"

FIELDS_MODEL = """<?xml version="1.0" encoding="utf-8"?>
<model xmlns="http://namespaces.plone.org/supermodel/schema"
       xmlns:easyform="http://namespaces.plone.org/supermodel/easyform">
  <schema>
    <field name="name" type="zope.schema.TextLine">
      <title>Nome</title>
    </field>
    <field name="email" type="zope.schema.TextLine"
           easyform:validators="famiguida.email">
      <title>E-mail</title>
      <required>False</required>
    </field>
    <field name="phone" type="zope.schema.TextLine"
           easyform:validators="famiguida.phone">
      <title>Telefono</title>
      <required>False</required>
    </field>
    <field name="municipality" type="zope.schema.Choice">
      <title>Comune</title>
      <required>False</required>
      <vocabulary>famiguida.municipalities</vocabulary>
    </field>
    <field name="message" type="zope.schema.Text">
      <title>Messaggio</title>
      <required>False</required>
    </field>
    <field name="photo" type="plone.namedfile.field.NamedBlobImage"
           easyform:validators="famiguida.image_upload">
      <title>Foto</title>
      <required>False</required>
    </field>
    <field name="document" type="plone.namedfile.field.NamedBlobFile"
           easyform:validators="famiguida.document_upload">
      <title>Documento</title>
      <required>False</required>
    </field>
    <field name="privacy_consent" type="zope.schema.Bool"
           easyform:validators="famiguida.consent">
      <title>Acconsento al trattamento dei dati</title>
      <required>False</required>
    </field>
  </schema>
</model>
"""

TITLES = {"it": "Modulo di prova", "ar": "نموذج تجريبي"}


def png_bytes(size=(4, 4)):
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def pdf_bytes():
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n"
        b"%%EOF\n"
    )


@pytest.fixture(scope="session")
def mail_queue(tmp_path_factory):
    """A session-wide mail queue directory, polled every 0.1 s."""
    path = tmp_path_factory.mktemp("mailqueue")
    os.environ[mailqueue.ENVIRONMENT] = str(path)
    mailqueue.INTERVAL = 0.1
    yield str(path)
    mailqueue.stop_processor(str(path.resolve()))
    os.environ.pop(mailqueue.ENVIRONMENT, None)


def wait_for(condition, timeout=10.0):
    """Poll ``condition`` until true (or the timeout passes); return it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    return condition()


@pytest.fixture
def desk_forms(functional_portal, mail_queue):
    """The test form (housing desk) in /it and /ar; settings for tests: no
    minimum fill time, a fresh rate limiter, an empty queue."""
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    forms = {}
    for language in ("it", "ar"):
        form = api.content.create(
            container=portal[language],
            type="EasyForm",
            id=FORM_ID,
            title=TITLES[language],
        )
        form.fields_model = FIELDS_MODEL
        form.actions_model = actions_model("casa")
        form.thanksPageOverride = ""
        if api.content.get_state(form, default=None) != "published":
            with contextlib.suppress(api.exc.InvalidParameterError):
                api.content.transition(obj=form, transition="publish")
        forms[language] = form
    setRoles(portal, TEST_USER_ID, ["Member"])
    api.portal.set_registry_record("plone.email_from_address", SENDER)
    api.portal.set_registry_record("plone.email_from_name", "Famiguida")
    api.portal.set_registry_record("famiguida.desk_forms.casa_email", DESK_ADDRESS)
    api.portal.set_registry_record("famiguida.desk_forms.min_fill_seconds", 0)
    transaction.commit()
    defences.rate_limiter.clear()
    for name in mailqueue.queued_files(mail_queue):
        os.unlink(name)
    yield forms
    defences.rate_limiter.clear()


@pytest.fixture
def browser(functional_app):
    browser = Browser(functional_app)
    browser.handleErrors = False
    return browser


def inbox_items(portal, desk="casa"):
    inbox = portal["sportelli"][desk]
    return sorted(
        key for key in inbox.objectIds() if inbox[key].portal_type == "DeskRequest"
    )


def counter(portal, desk="casa"):
    counters = IAnnotations(portal["sportelli"][desk]).get(COUNTER_KEY) or {}
    return dict(counters)


def fill(browser, url, **values):
    """Open the form at ``url`` and fill it as a person would (no JS)."""
    browser.open(url)
    defaults = {
        "name": "Amina",
        "email": "amina@example.org",
        "phone": "+39 0373 123456",
        "municipality": "crema",
        "message": "Cerco una casa.",
        "privacy_consent": True,
    }
    defaults.update(values)
    for name, value in defaults.items():
        if name in ("photo", "document"):
            continue
        control = browser.getControl(
            name=f"form.widgets.{name}:list"
            if name in ("municipality", "privacy_consent")
            else f"form.widgets.{name}"
        )
        if name == "privacy_consent":
            control.controls[0].selected = bool(value)
        elif name == "municipality":
            control.value = [value] if value else []
        else:
            control.value = value
    for name in ("photo", "document"):
        if defaults.get(name):
            data, content_type, filename = defaults[name]
            browser.getControl(name=f"form.widgets.{name}").add_file(
                BytesIO(data), content_type, filename
            )
    return browser


def submit(browser):
    browser.getControl(name="form.buttons.submit").click()
    return browser.contents


ARABIC = {
    "mail_confirmation_subject": "تم استلام الطلب: ${reference}",
    "mail_confirmation_thanks": "شكرا، لقد استلمنا طلبك «${form}».",
    "msg_desk_form_received": "لقد استلمنا طلبك. رقم المرجع ${reference}.",
}


class _TestCatalog:
    """A message catalog with a few Arabic texts of the desk forms: the
    package's .po files get them later, centrally."""

    language = "ar"
    domain = "famiguida"

    def getIdentifier(self):
        return "famiguida-desk-forms-tests-ar"

    def queryMessage(self, msgid, default=None):
        return ARABIC.get(msgid, default)

    getMessage = queryMessage


@pytest.fixture
def arabic_texts():
    """The famiguida domain answers the desk forms' Arabic texts first."""
    from zope.component import getUtility
    from zope.i18n.interfaces import ITranslationDomain

    domain = getUtility(ITranslationDomain, "famiguida")
    catalog = _TestCatalog()
    domain._data[catalog.getIdentifier()] = catalog
    names = domain._catalogs.setdefault("ar", [])
    names.insert(0, catalog.getIdentifier())
    yield ARABIC
    names.remove(catalog.getIdentifier())
    del domain._data[catalog.getIdentifier()]


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_down(functional_portal):
    """The MailHost points at a loopback port where nothing listens."""
    port = free_port()
    mailhost = functional_portal.MailHost
    mailhost.smtp_host = "127.0.0.1"
    mailhost.smtp_port = port
    # Plone's SMTPMailer reads the registry's settings
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", port)
    transaction.commit()
    return port


def set_setting(name, value):
    api.portal.set_registry_record(f"famiguida.desk_forms.{name}", value)
    transaction.commit()
