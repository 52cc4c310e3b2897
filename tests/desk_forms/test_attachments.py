"""Uploads are kept on the request, downloaded only by who may see it, never
rendered as a page; submitted HTML is stored as given and shown as text."""

from .conftest import fill
from .conftest import inbox_items
from .conftest import pdf_bytes
from .conftest import png_bytes
from .conftest import submit
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.testing.zope import Browser
from zExceptions import Unauthorized

import pytest
import transaction


SCRIPT = '<script>alert("x")</script><b onmouseover="x()">ciao</b>'


def staff_browser(app, user):
    browser = Browser(app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {user}:secret-pw-1")
    return browser


@pytest.fixture
def staff(functional_portal, add_users):
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    add_users({"housing": "housing-desk", "caregiver": "caregiver-desk"})
    setRoles(functional_portal, TEST_USER_ID, ["Member"])
    transaction.commit()


def test_uploads_and_html(
    functional_portal, functional_app, desk_forms, browser, smtp_down, staff
):
    portal = functional_portal
    before = inbox_items(portal)
    png, pdf = png_bytes(), pdf_bytes()
    fill(
        browser,
        desk_forms["it"].absolute_url(),
        message=SCRIPT,
        name="<i>Amina</i>",
        photo=(png, "image/png", "foto <1>.png"),
        document=(pdf, "application/pdf", "contratto.pdf"),
    )
    thanks = submit(browser)
    assert "<script>alert" not in thanks
    key = (set(inbox_items(portal)) - set(before)).pop()
    request = portal["sportelli"]["casa"][key]
    # stored as given
    assert request.submitter_name == "<i>Amina</i>"
    assert SCRIPT.replace('"', '\\"') in request.data_json
    assert [a["field"] for a in request.attachments] == ["photo", "document"]
    assert request.attachments[0]["file"].data == png

    desk = staff_browser(functional_app, "housing")
    desk.open(request.absolute_url())
    page = desk.contents
    assert "<script>alert" not in page
    assert '&lt;script&gt;alert("x")&lt;/script&gt;&lt;b onmouseover' in page
    assert "<i>Amina</i>" not in page
    assert "&lt;i&gt;Amina&lt;/i&gt;" in page
    assert "foto &lt;1&gt;.png" in page
    link = desk.getLink("contratto.pdf")
    link.click()
    assert desk.contents == pdf
    assert desk.headers["Content-Type"] == "application/pdf"
    assert desk.headers["Content-Disposition"].startswith("attachment;")
    assert desk.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in desk.headers["Content-Security-Policy"]
    desk.open(request.absolute_url() + "/@@allegato?n=0")
    assert desk.headers["Content-Type"] == "image/png"

    url = request.absolute_url() + "/@@allegato?n=1"
    anonymous = Browser(functional_app)
    anonymous.handleErrors = False
    with pytest.raises(Unauthorized):
        anonymous.open(url)
    with pytest.raises(Unauthorized):
        staff_browser(functional_app, "caregiver").open(url)


def test_notice_mail_is_plain_text(functional_portal, desk_forms, browser, smtp_down):
    from famiguida.desk_forms import mailqueue

    api.portal.set_registry_record("plone.email_from_name", "<b>Famiguida</b>")
    transaction.commit()
    fill(browser, desk_forms["it"].absolute_url(), message=SCRIPT)
    submit(browser)
    for name in mailqueue.queued_files():
        with open(name, "rb") as stream:
            raw = stream.read()
        assert b'Content-Type: text/plain; charset="utf-8"' in raw
        assert b"<script>" not in raw
