"""Fixtures of the directory import/export tests: an editor at work."""

from famiguida.directory_io.export import export_rows
from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest


FOLDERS = {
    "Service": "it/guida/servizi",
    "Organization": "it/guida/enti",
    "Location": "it/guida/sedi",
}


@pytest.fixture
def editor(portal):
    """Logged in as a member of the editors group (local roles on /it)."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    api.user.create(
        email="redattrice@example.org", username="redattrice", password="secret-pw-1"
    )
    api.group.add_user(groupname="editors", username="redattrice")
    setRoles(portal, TEST_USER_ID, ["Member"])
    login(portal, "redattrice")
    return portal


@pytest.fixture
def folder_of(editor):
    """The folder of a type: ``folder_of("Service")``."""
    return lambda portal_type: editor.unrestrictedTraverse(FOLDERS[portal_type])


class Sheet:
    """An exported table that a test edits as an editor would."""

    def __init__(self, folder, portal_type):
        self.head, self.data = export_rows(folder, portal_type)
        self.index = {name: i for i, name in enumerate(self.head)}

    def row(self, item_id):
        """A copy of the row of ``item_id``."""
        return list(next(r for r in self.data if r[0] == item_id))

    def changed(self, item_id, **cells):
        """A copy of a row with some cells changed (``id=`` gives a new item)."""
        row = self.row(item_id)
        for name, value in cells.items():
            row[self.index[name]] = value
        return row

    def rows(self, *rows):
        """A file: row 1, then ``rows``."""
        return [list(self.head), *rows]


@pytest.fixture
def sheet(folder_of):
    return lambda portal_type: Sheet(folder_of(portal_type), portal_type)
