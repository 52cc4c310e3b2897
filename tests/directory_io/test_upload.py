"""Uploaded files: what they contain decides, not their extension; 5 MB at most."""

from famiguida.directory_io.upload import FileRefused
from famiguida.directory_io.upload import Formula
from famiguida.directory_io.upload import MAX_BYTES
from famiguida.directory_io.upload import read_table
from openpyxl import Workbook

import io
import pytest
import zipfile


def xlsx(*rows, formula=None):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if formula:
        sheet["B2"] = formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zipped(name):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, "x")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data,filename",
    [
        (b"\xef\xbb\xbfid,titolo\r\nuno,Casa\r\n", "servizi.csv"),
        (b"id;titolo\nuno;Casa\n", "servizi.CSV"),
        (b"id\ttitolo\nuno\tCasa\n", "servizi.csv"),
        (xlsx(["id", "titolo"], ["uno", "Casa"]), "servizi.xlsx"),
    ],
)
def test_tables_read(data, filename):
    assert read_table(data, filename) == [["id", "titolo"], ["uno", "Casa"]]


def test_quoted_commas_and_line_breaks_kept():
    data = b'id,come_accedere\nuno,"Vai, e chiedi.\nPoi telefona."\n'
    assert read_table(data, "x.csv")[1] == ["uno", "Vai, e chiedi.\nPoi telefona."]


def test_formula_cells_of_xlsx_are_marked():
    rows = read_table(xlsx(["id", "titolo"], ["uno", ""], formula="=1+1"), "x.xlsx")
    assert isinstance(rows[1][1], Formula)


@pytest.mark.parametrize(
    "data,filename,message",
    [
        (b"id\n" + b"x" * MAX_BYTES, "grande.csv", "troppo grande"),
        (b"id\nuno\n", "servizi.txt", "Carica un file .csv o .xlsx"),
        (b"id\nuno\n", "servizi", "Carica un file .csv o .xlsx"),
        (b"", "vuoto.csv", "vuoto"),
        (xlsx(["id"]), "servizi.csv", "non è un CSV"),
        (b"id,titolo\nuno,Citt\xe0\n", "latin1.csv", "UTF-8"),
        ("id,titolo".encode("utf-16"), "utf16.csv", "UTF-8"),
        (b"id,titolo\nuno,Casa\n", "servizi.xlsx", "non è un file XLSX"),
        (zipped("word/document.xml"), "documento.xlsx", "non è un file XLSX"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "vecchio.xlsx", "Excel 97-2003"),
        (b"PK\x03\x04 non un vero zip", "rotto.xlsx", "non è un file XLSX"),
    ],
)
def test_files_refused(data, filename, message):
    with pytest.raises(FileRefused, match=message):
        read_table(data, filename)


def test_xlsx_that_unpacks_too_large_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (65 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < MAX_BYTES
    with pytest.raises(FileRefused, match="decompresso"):
        read_table(data, "bomba.xlsx")
