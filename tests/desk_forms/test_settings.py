"""The desk forms' registry records and their control panel."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID


def test_records_installed(portal):
    prefix = "famiguida.desk_forms"
    assert api.portal.get_registry_record(f"{prefix}.min_fill_seconds") == 3
    assert api.portal.get_registry_record(f"{prefix}.max_form_age_hours") == 24
    assert api.portal.get_registry_record(f"{prefix}.rate_limit_count") == 5
    assert api.portal.get_registry_record(f"{prefix}.rate_limit_minutes") == 10
    assert api.portal.get_registry_record(f"{prefix}.max_upload_mb") == 5
    assert api.portal.get_registry_record(f"{prefix}.max_uploads") == 5
    for desk in ("casa", "assistenti_familiari", "mediazione"):
        assert api.portal.get_registry_record(f"{prefix}.{desk}_email") is None


def test_control_panel(portal, request):
    controlpanel = api.portal.get_tool("portal_controlpanel")
    configlet = [
        a for a in controlpanel.listActions() if a.id == "famiguida-desk-forms"
    ]
    assert configlet and configlet[0].permissions == ("famiguida: Manage desk forms",)
    # site administrators (no "Manage portal" in Plone 6.2) set up the forms
    setRoles(portal, TEST_USER_ID, ["Site Administrator"])
    view = portal.restrictedTraverse("@@famiguida-desk-forms")
    html = view()
    assert "Moduli degli sportelli" in html
    assert "form.widgets.casa_email" in html
    assert "form.widgets.min_fill_seconds" in html
