"""The cell grammar: formula escaping, booleans, dates, numbers, paths."""

from famiguida.directory_io.columns import Bool
from famiguida.directory_io.columns import CellError
from famiguida.directory_io.columns import COLUMNS
from famiguida.directory_io.columns import Date
from famiguida.directory_io.columns import escape_formula
from famiguida.directory_io.columns import header
from famiguida.directory_io.columns import Links
from famiguida.directory_io.columns import Number
from famiguida.directory_io.columns import target_folder
from famiguida.directory_io.columns import unescape_formula
from famiguida.directory_io.export import fields_of
from zope.schema import Bool as BoolField

import pytest


# value -> cell as written; reading the cell gives the value back
FORMULAS = [
    (
        '=HYPERLINK("https://evil.example","x")',
        '\'=HYPERLINK("https://evil.example","x")',
    ),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("'=1+1", "''=1+1"),
    ("''+x", "'''+x"),
    ("'apostrofo", "'apostrofo"),
    ("'", "'"),
    ("Casa = famiglia", "Casa = famiglia"),
    ("+39 0373 000 101", "'+39 0373 000 101"),
    ("", ""),
]


@pytest.mark.parametrize("value,cell", FORMULAS)
def test_formula_escape(value, cell):
    assert escape_formula(value) == cell


@pytest.mark.parametrize("value,cell", FORMULAS)
def test_formula_unescape_is_the_inverse(value, cell):
    assert unescape_formula(cell) == value


@pytest.mark.parametrize(
    "text,value",
    [
        *[("sì", True), ("SI", True), ("true", True), ("x", True), ("1", True)],
        *[("no", False), ("False", False), ("falso", False), ("0", False)],
        ("", True),  # empty: the field's default
    ],
)
def test_bool_cells(text, value):
    field = BoolField(default=True)
    assert Bool().from_cell(text, field, None) is value


@pytest.mark.parametrize("value,cell", [(True, "sì"), (False, "no"), (None, "")])
def test_bool_written(value, cell):
    assert Bool().to_cell(value, None, None) == cell


@pytest.mark.parametrize(
    "kind,text",
    [
        (Bool(), "forse"),
        (Date(), "15/09/2026"),
        (Date(), "2026-02-30"),
        (Date(), "2026-9-1"),
        (Number(), "45°N"),
    ],
)
def test_bad_cells_refused(kind, text):
    with pytest.raises(CellError):
        kind.from_cell(text, BoolField(), None)


@pytest.mark.parametrize(
    "kind,text,value",
    [
        (Date(), "2026-09-15", "2026-09-15"),
        (Number(), "45.3641", 45.3641),
        (Number(), "45,3641", 45.3641),
        (Number(), "-9.5", -9.5),
    ],
)
def test_good_cells(kind, text, value):
    assert kind.from_cell(text, None, None) == value


@pytest.mark.parametrize("portal_type", sorted(COLUMNS))
def test_header_starts_with_id_and_has_unique_names(portal_type):
    names = header(portal_type)
    assert names[0] == "id"
    assert len(names) == len(set(names))


@pytest.mark.parametrize("portal_type", sorted(COLUMNS))
def test_every_column_is_a_field_of_the_type(editor, portal_type):
    from plone.dexterity.utils import createContent

    fields = fields_of(createContent(portal_type))
    assert {column.field for column in COLUMNS[portal_type]} <= set(fields)


@pytest.mark.parametrize(
    "context,portal_type,expected",
    [
        ("it", "Service", "it/guida/servizi"),
        ("it/guida", "Service", "it/guida/servizi"),
        ("it/guida", "Organization", "it/guida/enti"),
        ("it/guida", "Location", "it/guida/sedi"),
        ("it/guida/enti", "Service", "it/guida/enti"),
    ],
)
def test_target_folder(editor, context, portal_type, expected):
    folder = target_folder(editor.unrestrictedTraverse(context), portal_type)
    assert "/".join(folder.getPhysicalPath()[2:]) == expected


class TestLinks:
    @pytest.fixture(autouse=True)
    def _links(self, editor):
        self.portal = editor
        self.links = Links(editor["it"]["guida"]["servizi"])
        self.krikos = editor["it"]["guida"]["enti"]["krikos"]

    def test_path_below_guida_is_relative(self):
        assert self.links.path_of(self.krikos) == "enti/krikos"

    def test_path_elsewhere_is_site_relative(self):
        assert self.links.path_of(self.portal["it"]["benvenuti"]) == "/it/benvenuti"

    @pytest.mark.parametrize(
        "text", ["enti/krikos", "/it/guida/enti/krikos", "enti/krikos/"]
    )
    def test_both_forms_resolve(self, text):
        assert self.links.uid_for(text, "Organization") == self.krikos.UID()

    def test_url_resolves(self):
        url = self.krikos.absolute_url()
        assert self.links.uid_for(url, "Organization") == self.krikos.UID()

    @pytest.mark.parametrize(
        "text,message",
        [
            ("enti/nessuno", "Nessun ente a questo indirizzo"),
            # traversal would acquire enti/krikos through servizi: refused
            ("servizi/enti/krikos", "Nessun ente a questo indirizzo"),
            ("sedi/krikos-crema", "non è un ente"),
        ],
    )
    def test_wrong_paths_refused(self, text, message):
        with pytest.raises(CellError, match=message):
            self.links.uid_for(text, "Organization")
