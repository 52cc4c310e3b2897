"""Exports: CSV and XLSX of the items of a folder, safe to open in a spreadsheet."""

from famiguida.directory_io.columns import header
from famiguida.directory_io.export import export_file
from famiguida.directory_io.export import export_rows
from openpyxl import load_workbook

import csv
import io
import pytest


COUNTS = {"Service": 73, "Organization": 40, "Location": 73}


def read_csv(data):
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def read_xlsx(data):
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [list(row) for row in sheet.iter_rows()]


class TestExport:
    @pytest.fixture(autouse=True)
    def _folders(self, folder_of):
        self.folder_of = folder_of

    @pytest.mark.parametrize("portal_type,count", COUNTS.items())
    def test_one_row_per_item_of_the_type(self, portal_type, count):
        head, rows = export_rows(self.folder_of(portal_type), portal_type)
        assert head == header(portal_type)
        assert len(rows) == count

    def test_other_types_are_left_out(self):
        _head, rows = export_rows(self.folder_of("Organization"), "Service")
        assert rows == []

    def test_csv_is_utf8_with_bom_and_commas(self):
        data, content_type, filename = export_file(
            self.folder_of("Service"), "Service", "csv"
        )
        assert content_type == "text/csv; charset=utf-8"
        assert filename.startswith("servizi-") and filename.endswith(".csv")
        assert data.startswith(b"\xef\xbb\xbfid,titolo,descrizione,")
        rows = read_csv(data)
        assert rows[0] == header("Service")
        assert len(rows) == 1 + COUNTS["Service"]

    def test_xlsx_has_the_same_table(self):
        folder = self.folder_of("Location")
        data, content_type, filename = export_file(folder, "Location", "xlsx")
        assert content_type == (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        assert filename.endswith(".xlsx")
        rows = read_xlsx(data)
        assert [c.value for c in rows[0]] == header("Location")
        assert len(rows) == 1 + COUNTS["Location"]

    def test_cells_as_editors_write_them(self):
        head, rows = export_rows(self.folder_of("Service"), "Service")
        row = dict(
            zip(
                head, next(r for r in rows if r[0].startswith("mediatore")), strict=True
            )
        )
        assert row["ente"] == "enti/krikos"
        assert row["sedi"] == "sedi/krikos-crema"
        assert row["bisogni"] == "mediation; social"
        assert row["ultima_verifica"] == "2026-09-15"
        assert row["attivo"] == "sì"
        assert row["come_accedere"].count("\n") == 2

    def test_hours_are_one_line_each(self):
        head, rows = export_rows(self.folder_of("Location"), "Location")
        row = dict(zip(head, next(r for r in rows if r[0] == "csc-crema"), strict=True))
        assert row["orari_settimanali"].splitlines()[:2] == [
            "mon 09:00-12:30",
            "tue 09:00-12:30",
        ]
        assert row["latitudine"] == 45.3641

    def test_phone_cells_cannot_run_as_formulas(self):
        folder = self.folder_of("Organization")
        csv_rows = read_csv(export_file(folder, "Organization", "csv")[0])
        column = csv_rows[0].index("telefono")
        assert csv_rows[1][column].startswith("'+39 ")
        xlsx_rows = read_xlsx(export_file(folder, "Organization", "xlsx")[0])
        cell = xlsx_rows[1][column]
        assert cell.data_type == "s"
        assert cell.value.startswith("'+39 ")

    def test_numbers_stay_numbers_in_xlsx(self):
        rows = read_xlsx(export_file(self.folder_of("Location"), "Location", "xlsx")[0])
        column = [c.value for c in rows[0]].index("latitudine")
        assert isinstance(rows[1][column].value, float)
