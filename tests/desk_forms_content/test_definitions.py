"""The form definitions of content/forms: complete and consistent as data."""

from .conftest import FORM_IDS
from famiguida.content_loader.forms import fields_model
from famiguida.content_loader.forms import messages
from famiguida.desks import DESKS
from famiguida.desks import LANDLORD_FORM_ID
from plone.supermodel import loadString
from zope.schema import getFieldNamesInOrder

import pytest


RESERVED = ("name", "phone", "email", "municipality", "privacy_consent")
UPLOADS = ("image", "file")


def test_the_five_forms_in_order(definitions):
    _common, forms = definitions
    assert tuple(form["id"] for form in forms) == FORM_IDS
    assert LANDLORD_FORM_ID in FORM_IDS
    assert {form["desk"] for form in forms} == set(DESKS)
    assert [form["id"] for form in forms if form.get("restricted")] == [
        "richiesta-mediatore"
    ]


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_form_fields(specs, form_id):
    form = specs[form_id]
    fields = {field["id"]: field for field in form["fields"]}
    assert len(fields) == len(form["fields"]), "field ids repeat"
    assert set(RESERVED) <= set(fields)
    municipality = fields["municipality"]
    assert municipality["type"] == "choice"
    assert municipality["vocabulary"] == "famiguida.municipalities"
    assert municipality["required"] is True
    assert fields["name"]["required"] and fields["phone"]["required"]
    assert "famiguida.phone" in fields["phone"]["validators"]
    assert "famiguida.email" in fields["email"]["validators"]
    consent = form["fields"][-1]
    assert consent["id"] == "privacy_consent"
    assert consent["type"] == "bool" and consent["required"] is True
    assert consent["validators"] == ["famiguida.consent"]
    assert "${privacy_url}" in consent["description"][1]
    for field in form["fields"]:
        assert field["label"][0] and field["label"][1], field["id"]
        if field["type"] in UPLOADS:
            assert field["required"] is False, field["id"]
            expected = (
                "famiguida.image_upload"
                if field["type"] == "image"
                else "famiguida.document_upload"
            )
            assert field["validators"] == [expected]
        keys = [option[0] for option in field.get("options", ())]
        assert len(keys) == len(set(keys)), field["id"]


def test_uploads_per_form(specs):
    def uploads(form_id, kind):
        return [f["id"] for f in specs[form_id]["fields"] if f["type"] == kind]

    assert uploads("offri-una-casa", "image") == ["photo_1", "photo_2", "photo_3"]
    assert uploads("offro-assistenza", "file") == ["certificate_1", "certificate_2"]


def test_language_lists_use_the_languages_vocabulary(specs):
    worker = {f["id"]: f for f in specs["offro-assistenza"]["fields"]}
    assert worker["languages"]["vocabulary"] == "famiguida.languages_spoken"
    assert worker["languages"]["type"] == "multi_choice"
    mediator = {f["id"]: f for f in specs["richiesta-mediatore"]["fields"]}
    assert mediator["language_needed"]["vocabulary"] == "famiguida.languages_spoken"
    assert mediator["email"]["required"] is True


def test_one_default_per_msgid(definitions):
    """A msgid used twice has the same Italian default everywhere."""
    common, forms = definitions
    seen = {}
    texts = [common["texts"][name] for name in common["texts"]]
    for form in forms:
        texts += [form["title"], form["description"]]
        for field in form["fields"]:
            texts += [field[n] for n in ("label", "description") if n in field]
            texts += [o[1:] for o in field.get("options", ()) if len(o) > 1]
    for msgid, default, *_ in texts:
        assert seen.setdefault(msgid, default) == default, msgid
    assert dict(messages(common, forms)) == seen


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_model_is_a_valid_easyform_schema(portal, specs, form_id):
    """The XML written for a language reads back as the fields defined."""
    form = specs[form_id]
    schema = loadString(fields_model(form, "it", "../informativa-privacy")).schema
    assert getFieldNamesInOrder(schema) == [f["id"] for f in form["fields"]]
    for field in form["fields"]:
        assert schema[field["id"]].required is bool(field.get("required"))
    consent = schema["privacy_consent"]
    assert 'href="../informativa-privacy"' in consent.description
