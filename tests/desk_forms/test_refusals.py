"""Every refused submission says why and creates nothing: no request, no
reference number used, no mail."""

from .conftest import counter
from .conftest import fill
from .conftest import inbox_items
from .conftest import pdf_bytes
from .conftest import png_bytes
from .conftest import set_setting
from .conftest import submit
from famiguida.desk_forms import defences
from famiguida.desk_forms import mailqueue

import os
import pytest


def big_png():
    from io import BytesIO
    from PIL import Image

    side = 700
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    out = BytesIO()
    image.save(out, "PNG")
    assert len(out.getvalue()) > 1024 * 1024
    return out.getvalue()


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def no_consent(browser, url):
    fill(browser, url, privacy_consent=False)


def bad_email(browser, url):
    fill(browser, url, email="amina@example")


def bad_phone(browser, url):
    fill(browser, url, phone="chiamami dopo le 18")


def oversized_upload(browser, url):
    set_setting("max_upload_mb", 1)
    fill(browser, url, photo=(big_png(), "image/png", "foto.png"))


def html_as_jpeg(browser, url):
    page = b"<html><body><script>alert(1)</script></body></html>"
    fill(browser, url, photo=(page, "image/jpeg", "photo.jpg"))


def exe_as_pdf(browser, url):
    fill(browser, url, document=(EXE, "application/pdf", "documento.pdf"))


def exe_as_jpeg_document(browser, url):
    fill(browser, url, document=(EXE, "image/jpeg", "photo.jpg"))


def too_many_uploads(browser, url):
    set_setting("max_uploads", 1)
    fill(
        browser,
        url,
        photo=(png_bytes(), "image/png", "foto.png"),
        document=(pdf_bytes(), "application/pdf", "documento.pdf"),
    )


def honeypot(browser, url):
    fill(browser, url)
    browser.getControl(name=defences.HONEYPOT).value = "http://spam.example"


def too_fast(browser, url):
    set_setting("min_fill_seconds", 3)
    fill(browser, url)


def forged_token(browser, url):
    fill(browser, url)
    control = browser.getControl(name=defences.TOKEN)
    stamp = int(defences.now()) - 3600
    control.value = f"{stamp}.{'0' * 64}"


def old_form(browser, url, monkeypatch):
    fill(browser, url)
    later = defences.now() + 25 * 3600
    monkeypatch.setattr(defences, "clock", lambda: later)


CASES = {
    "no consent": (no_consent, "devi acconsentire al trattamento dei dati"),
    "bad email": (bad_email, "e-mail non è valido"),
    "bad phone": (bad_phone, "Il numero di telefono non è valido"),
    "oversized upload": (oversized_upload, "Il file è troppo grande: al massimo 1 MB."),
    "html named photo.jpg": (html_as_jpeg, "immagine JPEG, PNG o WebP."),
    "exe named documento.pdf": (exe_as_pdf, "Il file non è un PDF"),
    "exe named photo.jpg": (exe_as_jpeg_document, "Il file non è un PDF"),
    "too many uploads": (too_many_uploads, "al massimo 1 file a una richiesta"),
    "honeypot": (honeypot, "deve restare vuoto"),
    "too fast": (too_fast, "inviato troppo in fretta"),
    "forged timestamp": (forged_token, "Il modulo è scaduto"),
}


def assert_nothing_created(portal, before, numbers):
    assert inbox_items(portal) == before
    assert counter(portal) == numbers
    assert not mailqueue.queued_files()


@pytest.mark.parametrize("case", list(CASES))
def test_refused(functional_portal, desk_forms, browser, smtp_down, case):
    prepare, message = CASES[case]
    before, numbers = inbox_items(functional_portal), counter(functional_portal)
    prepare(browser, desk_forms["it"].absolute_url())
    page = submit(browser)
    assert message in page
    assert "famiguida-desk-reference" not in page
    assert_nothing_created(functional_portal, before, numbers)


def test_old_form_refused(
    functional_portal, desk_forms, browser, smtp_down, monkeypatch
):
    before, numbers = inbox_items(functional_portal), counter(functional_portal)
    old_form(browser, desk_forms["it"].absolute_url(), monkeypatch)
    page = submit(browser)
    assert "Il modulo è scaduto" in page
    assert_nothing_created(functional_portal, before, numbers)


def test_too_fast_then_in_time(
    functional_portal, desk_forms, browser, smtp_down, monkeypatch
):
    """The refused form carries a new timestamp: waiting and sending again
    works."""
    set_setting("min_fill_seconds", 3)
    before = inbox_items(functional_portal)
    fill(browser, desk_forms["it"].absolute_url())
    assert "troppo in fretta" in submit(browser)
    assert inbox_items(functional_portal) == before
    later = defences.now() + 3
    monkeypatch.setattr(defences, "clock", lambda: later)
    page = submit(browser)  # the same page, its fields still filled
    assert "famiguida-desk-reference" in page
    assert len(inbox_items(functional_portal)) == len(before) + 1


def test_rate_limit(functional_portal, desk_forms, browser, smtp_down):
    set_setting("rate_limit_count", 2)
    url = desk_forms["ar"].absolute_url()
    for _ in range(2):
        fill(browser, url)
        assert "famiguida-desk-reference" in submit(browser)
    before, numbers = inbox_items(functional_portal), counter(functional_portal)
    queued = sorted(mailqueue.queued_files())
    fill(browser, url)
    page = submit(browser)
    # in the visitor's language (the Arabic form)
    assert "وصلت طلبات كثيرة من هذا الاتصال" in page
    assert "حاول مرة أخرى بعد 10 دقيقة." in page
    assert inbox_items(functional_portal) == before
    assert counter(functional_portal) == numbers
    assert sorted(mailqueue.queued_files()) == queued
    # another client is not limited
    hits = defences.rate_limiter._hits
    hits["10.0.0.9"] = hits.pop(next(iter(hits)))
    fill(browser, url)
    assert "famiguida-desk-reference" in submit(browser)


def test_honeypot_is_hidden_from_people(functional_portal, desk_forms, browser):
    import re

    browser.open(desk_forms["it"].absolute_url())
    page = browser.contents
    tag = re.search(r'<input[^>]*name="website"[^>]*>', page).group(0)
    assert 'tabindex="-1"' in tag
    assert 'autocomplete="off"' in tag
    assert "Lascia vuoto questo campo" in page
    assert 'aria-hidden="true"' in page
    assert "left: -10000px" in page
