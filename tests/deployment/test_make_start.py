"""What ``make start`` promises, checked against a real server."""

import pytest
import requests
import uuid


LANGUAGES = ("it", "en", "fr", "ar", "es", "ro", "sq", "uk", "zh", "pa", "ur")
ADMIN = ("admin", "admin")
DEMO_USERS = (
    "operatore",
    "redattore",
    "sportello-casa",
    "sportello-assistenza",
    "sportello-mediazione",
    "amministratore",
)
JSON = {"Accept": "application/json", "Content-Type": "application/json"}


def test_first_run_creates_the_site(instance):
    assert "Site /Plone: created" in instance.first_output
    assert "Zope admin created: admin / admin" in instance.first_output
    assert "Demo users created: operatore" in instance.first_output


def test_second_run_changes_nothing(instance):
    out = instance.second_output
    assert "Site /Plone: already there, kept" in out
    assert "0 items created" in out
    assert "Demo users created" not in out
    assert "Zope admin created" not in out


@pytest.mark.parametrize("code", LANGUAGES)
def test_language_root_served(instance, code):
    response = requests.get(f"{instance.url}/Plone/{code}", timeout=30)
    assert response.status_code == 200
    assert f'lang="{code}"' in response.text


@pytest.mark.parametrize(
    "accept_language,expected",
    [
        ("ar", "ar"),
        ("ur-PK,ur;q=0.9", "ur"),
        ("zh-CN,zh;q=0.9,en;q=0.5", "zh"),
        ("de-DE,de;q=0.9,pa;q=0.5", "pa"),
        ("de-DE", "it"),
        (None, "it"),
        ("xx-invalid;;q=abc", "it"),
    ],
)
def test_root_leads_to_the_visitors_language(instance, accept_language, expected):
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = requests.get(f"{instance.url}/", headers=headers, timeout=30)
    assert response.status_code == 200
    assert response.url.rstrip("/").endswith(f"/Plone/{expected}")


def test_zope_management_still_reachable(instance):
    response = requests.get(f"{instance.url}/manage_main", auth=ADMIN, timeout=30)
    assert response.status_code == 200


def test_site_has_a_mail_sender(instance):
    """Without a sender address Plone sends nothing: the desk forms'
    confirmations need one from the start."""
    response = requests.get(
        f"{instance.url}/Plone/@registry/plone.email_from_address",
        headers={"Accept": "application/json"},
        auth=ADMIN,
        timeout=30,
    )
    assert response.status_code == 200
    assert response.json() == "famiguida@example.org"


@pytest.mark.parametrize("username", DEMO_USERS)
def test_demo_users_log_in(instance, username):
    response = requests.post(
        f"{instance.url}/Plone/@login",
        json={"login": username, "password": "famiguida-demo"},
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 200
    assert response.json()["token"]


def test_site_without_demo_content_has_no_demo_users(instance):
    assert "Site /Vuoto: created" in instance.no_demo_output
    assert "Demo users created" not in instance.no_demo_output
    response = requests.post(
        f"{instance.url}/Vuoto/@login",
        json={"login": "operatore", "password": "famiguida-demo"},
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 401
    home = requests.get(f"{instance.url}/Vuoto/it", timeout=30)
    assert home.status_code == 200


def test_item_survives_a_restart(instance):
    title = f"Prova persistenza {uuid.uuid4().hex[:8]}"
    created = requests.post(
        f"{instance.url}/Plone/it",
        json={"@type": "Document", "title": title},
        headers=JSON,
        auth=ADMIN,
        timeout=30,
    )
    assert created.status_code == 201, created.text
    url = created.json()["@id"]
    instance.stop()
    instance.start()
    again = requests.get(url, headers=JSON, auth=ADMIN, timeout=30)
    assert again.status_code == 200
    assert again.json()["title"] == title


def test_directory_browsable(instance):
    landing = requests.get(f"{instance.url}/Plone/it/guida", timeout=30)
    assert landing.status_code == 200
    assert "Di cosa hai bisogno?" in landing.text
    found = requests.get(
        f"{instance.url}/Plone/it/guida/@@cerca",
        params={"need": "housing", "town": "crema"},
        timeout=30,
    )
    assert found.status_code == 200
    assert "Sportello casa: mediazione abitativa" in found.text


HOUSING_DESK = {
    "en": "Housing desk: help to find a home",
    "fr": "Guichet logement : aide pour trouver un logement",
    "ar": "مكتب السكن: الوساطة في السكن",
    "es": "Oficina de vivienda: ayuda para encontrar casa",
    "ro": "Ghișeul pentru locuințe: ajutor ca să găsești o casă",
    "sq": "Sporteli i banesave: ndihmë për të gjetur shtëpi",
    "uk": "Житлове бюро: житлова медіація",
    "zh": "住房服务窗口：住房调解",  # noqa: RUF001 (Chinese colon)
    "pa": "ਘਰ ਦਾ ਦਫ਼ਤਰ: ਘਰ ਲਈ ਵਿਚੋਲਗੀ",
    "ur": "رہائش کا دفتر: رہائش میں ثالثی",
}


@pytest.mark.parametrize("code", sorted(HOUSING_DESK))
def test_translated_directory_served(instance, code):
    """The starter translations are served in every language: the landing,
    the search, and a translated service page."""
    guida = f"{instance.url}/Plone/{code}/guida"
    assert requests.get(guida, timeout=30).status_code == 200
    found = requests.get(
        f"{guida}/@@cerca", params={"need": "housing", "town": "crema"}, timeout=30
    )
    assert found.status_code == 200
    assert HOUSING_DESK[code] in found.text
    page = requests.get(
        f"{guida}/servizi/sportello-mediazione-abitativa-crema", timeout=30
    )
    assert page.status_code == 200
    assert HOUSING_DESK[code] in page.text
    expected_dir = "rtl" if code in ("ar", "ur") else "ltr"
    assert f'dir="{expected_dir}"' in page.text


@pytest.mark.parametrize(
    "path", ["servizi-anziani-cremona-solidale", "asili-nido-codogno"]
)
def test_drafts_not_served_to_anonymous(instance, path):
    url = f"{instance.url}/Plone/it/guida/servizi/{path}"
    response = requests.get(url, timeout=30, allow_redirects=False)
    assert response.status_code in (302, 401, 403)
    assert (
        path
        not in requests.get(f"{instance.url}/Plone/it/guida/servizi", timeout=30).text
    )
    drafted = requests.get(url, auth=ADMIN, timeout=30)
    assert drafted.status_code == 200
