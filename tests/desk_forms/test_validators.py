"""The desk forms' field validators and file sniffing, one by one."""

from .conftest import pdf_bytes
from .conftest import png_bytes
from collective.easyform.interfaces import IFieldValidator
from famiguida.desk_forms import filetypes
from io import BytesIO
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.file import NamedBlobImage
from zope.component import getUtility
from zope.i18nmessageid import Message

import pytest


def validator(name):
    return getUtility(IFieldValidator, name=name)


@pytest.mark.parametrize(
    "value",
    ["+39 0373 123456", "0373/123456", "(0373) 12-34-56", "3331234567", None, ""],
)
def test_phone_accepted(portal, value):
    assert validator("famiguida.phone")(value) is None


@pytest.mark.parametrize(
    "value", ["chiamami", "12345", "+39 0373 123456 789 000 1", "0373\n123456", "3"]
)
def test_phone_refused(portal, value):
    error = validator("famiguida.phone")(value)
    assert isinstance(error, Message)
    assert error.domain == "famiguida"


@pytest.mark.parametrize(
    "value", ["amina@example.org", "a.b+c@mail.example.it", None, ""]
)
def test_email_accepted(portal, value):
    assert validator("famiguida.email")(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "amina@example",
        "amina",
        "amina@@example.org",
        "amina @example.org",
        "amina@example.org\r\nBcc: x@example.org",
        '"quoted"@example.org',
        "a@" + "b" * 250 + ".org",
    ],
)
def test_email_refused(portal, value):
    assert validator("famiguida.email")(value).domain == "famiguida"


def test_consent(portal):
    check = validator("famiguida.consent")
    assert check(True) is None
    for value in (False, None, ""):
        assert check(value).domain == "famiguida"


def webp_bytes():
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (3, 3)).save(out, "WEBP")
    return out.getvalue()


def jpeg_bytes():
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (3, 3)).save(out, "JPEG")
    return out.getvalue()


def test_sniffing_by_content():
    assert filetypes.image_type(png_bytes()) == "image/png"
    assert filetypes.image_type(jpeg_bytes()) == "image/jpeg"
    assert filetypes.image_type(webp_bytes()) == "image/webp"
    assert filetypes.image_type(pdf_bytes()) is None
    assert filetypes.document_type(pdf_bytes()) == "application/pdf"
    assert filetypes.document_type(png_bytes()) == "image/png"
    # magic bytes alone are not enough: a truncated PNG is not an image
    assert filetypes.image_type(png_bytes()[:20]) is None
    assert filetypes.image_type(b"\xff\xd8\xff<script>alert(1)</script>") is None
    assert filetypes.document_type(b"MZ\x90\x00" + b"\x00" * 100) is None
    assert filetypes.document_type(b"<html><body>hi</body></html>") is None


def test_upload_validators(portal):
    image, document = (
        validator("famiguida.image_upload"),
        validator("famiguida.document_upload"),
    )
    png = NamedBlobImage(data=png_bytes(), filename="foto.png")
    pdf = NamedBlobFile(data=pdf_bytes(), filename="doc.pdf")
    html = NamedBlobImage(
        data=b"<html><script>x</script></html>",
        filename="photo.jpg",
        contentType="image/jpeg",
    )
    assert image(png) is None
    assert image(None) is None
    assert image(pdf).domain == "famiguida"
    assert image(html).domain == "famiguida"
    assert document(pdf) is None
    assert document(png) is None
    assert document(NamedBlobFile(data=b"MZ\x90\x00", filename="a.pdf")) is not None


def test_upload_size_limit(portal):
    from plone import api

    api.portal.set_registry_record("famiguida.desk_forms.max_upload_mb", 1)
    big = NamedBlobFile(data=b"%PDF-" + b"0" * (1024 * 1024), filename="big.pdf")
    error = validator("famiguida.document_upload")(big)
    assert error.default.startswith("Il file è troppo grande")
    assert error.mapping == {"max": 1}


def test_settings_defaults(portal):
    from famiguida.desk_forms.settings import setting

    assert setting("min_fill_seconds") == 3
    assert setting("max_form_age_hours") == 24
    assert setting("rate_limit_count") == 5
    assert setting("rate_limit_minutes") == 10
    assert setting("max_upload_mb") == 5
    assert setting("max_uploads") == 5
    assert setting("casa_email") is None


def test_desk_recipient_falls_back_to_site_address(portal):
    from famiguida.desk_forms.settings import desk_recipient
    from plone import api

    api.portal.set_registry_record("plone.email_from_address", "sito@example.org")
    assert desk_recipient("mediazione") == "sito@example.org"
    api.portal.set_registry_record(
        "famiguida.desk_forms.mediazione_email", "med@example.org"
    )
    assert desk_recipient("mediazione") == "med@example.org"
    assert desk_recipient("casa") == "sito@example.org"


def test_token_signature(portal):
    from famiguida.desk_forms import defences

    token = defences.make_token("/plone/it/form", stamp=1000)
    assert defences.token_time(token, "/plone/it/form") == 1000
    assert defences.token_time(token, "/plone/ar/form") is None
    assert defences.token_time("1001." + token.split(".")[1], "/plone/it/form") is None
    assert defences.token_time("garbage", "/plone/it/form") is None
    assert defences.token_time(None, "/plone/it/form") is None
