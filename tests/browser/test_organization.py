"""The organization page: kind, districts, contacts, and its published services."""

from plone import api

import pytest
import re


KRIKOS = "it/guida/enti/krikos"
CODOGNO = "it/guida/enti/comune-di-codogno"  # its only service is a draft
SERVICES = "it/guida/servizi"


def services_section(page):
    return re.search(r'<section[^>]*id="servizi".*?</section>', page, re.S).group(0)


@pytest.mark.parametrize(
    "fact",
    [
        "<h1>Krikos Società Cooperativa Sociale</h1>",
        "<dt>Tipo di ente</dt>",
        "<dd>Cooperativa sociale</dd>",
        "<dd>Ambito distrettuale Cremasco</dd>",
        'href="tel:+390373000102"',
        'href="mailto:krikos@example.org"',
        'href="https://www.example.org/krikos"',
    ],
)
def test_organization_facts(open_page, fact):
    assert fact in open_page(KRIKOS)


def test_lists_its_services(open_page):
    listed = services_section(open_page(KRIKOS))
    for path in (
        "mediatore-culturale-servizi-sociali-cremasco",
        "supporto-servizio-sociale-cremasco",
    ):
        assert f"/{SERVICES}/{path}" in listed


def test_drafts_are_not_listed(functional_portal, open_page):
    service = functional_portal.unrestrictedTraverse(
        f"{SERVICES}/supporto-servizio-sociale-cremasco"
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=service, transition="reject")
    assert api.content.get_state(service) == "draft"
    listed = services_section(open_page(KRIKOS))
    assert "supporto-servizio-sociale-cremasco" not in listed
    assert "mediatore-culturale-servizi-sociali-cremasco" in listed


def test_organization_with_drafts_only(open_page):
    listed = services_section(open_page(CODOGNO))
    assert "asili-nido-codogno" not in listed
    assert "Nessun servizio pubblicato per questo ente." in listed


def test_suspended_services_are_marked(open_page):
    listed = services_section(open_page("it/guida/enti/azienda-consortile-lodigiano"))
    assert re.search(
        r'mediazione-enti-primo-accesso-lodi">[^<]*</a>\s*'
        r'<span class="badge[^"]*">Sospeso',
        listed,
    )
