"""``make start`` serves the interface in the visitor's language, Punjabi and
Urdu included: the .po of src/famiguida/locales are compiled at start-up."""

from famiguida.scripts.i18n import po_path

import polib
import pytest
import requests


def msgstr(language, msgid, domain="famiguida"):
    for entry in polib.pofile(str(po_path(language, domain=domain))):
        if entry.msgid == msgid:
            return entry.msgstr
    raise KeyError(msgid)


@pytest.mark.parametrize("language", ["pa", "ur", "zh", "ar"])
def test_directory_landing_in_the_language(instance, language):
    response = requests.get(f"{instance.url}/Plone/{language}/guida", timeout=60)
    assert response.status_code == 200
    page = response.text
    # Ours (famiguida domain) ...
    assert msgstr(language, "heading_needs") in page
    assert msgstr(language, "need_housing") in page
    # ... and Plone core's header, where core has no catalogue (pa, ur, zh).
    if language in ("pa", "ur", "zh"):
        assert msgstr(language, "title_search_site", domain="plone") in page
        assert "Cerca nel sito" not in page
        assert "Search Site" not in page
    assert "Di cosa hai bisogno" not in page


CHECK = """
import sys
from Zope2.Startup.run import make_wsgi_app
make_wsgi_app({}, sys.argv[1])
from zope.i18n import translate
for lang in ("pa", "ur", "zh"):
    print(lang, translate("title_search_site", domain="plone", target_language=lang),
          translate("heading_needs", domain="famiguida", target_language=lang))
"""


def test_start_up_compiles_and_loads_the_catalogues(tmp_path):
    """The zope.conf of ``make start`` turns a changed .po into its .mo when
    Zope starts, and the translations of ours and of core's gaps load."""
    from famiguida.scripts.i18n import PACKAGE

    import subprocess
    import sys

    root = PACKAGE.parents[1]
    subprocess.run(
        [
            sys.executable,
            root / "profiles" / "render.py",
            "--instance",
            tmp_path / "instance",
            "--var",
            tmp_path / "var",
        ],
        check=True,
        capture_output=True,
    )
    po = po_path("pa", domain="plone")
    mo = po.with_suffix(".mo")
    po.touch()  # newer than its .mo: start-up must compile it again
    result = subprocess.run(
        [sys.executable, "-c", CHECK, tmp_path / "instance" / "etc" / "zope.conf"],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    assert mo.stat().st_mtime >= po.stat().st_mtime
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    for language in ("pa", "ur", "zh"):
        expected = (
            f"{msgstr(language, 'title_search_site', domain='plone')} "
            f"{msgstr(language, 'heading_needs')}"
        )
        assert lines[language] == expected
