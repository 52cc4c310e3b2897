"""Read an uploaded CSV or XLSX file into rows, checking what it really is.

The extension must be ``.csv`` or ``.xlsx`` and the bytes must be what the
extension says: a CSV is UTF-8 text (with or without byte-order mark,
separated by ``,``, ``;`` or tabs: whatever row 1 uses), an XLSX is a zip
holding a workbook.  At most 5 MB; an XLSX may not unpack to more than 64 MB.
"""

from famiguida.directory_io.columns import cell_text
from famiguida.directory_io.columns import normalize_newlines
from famiguida.directory_io.columns import unescape_formula
from openpyxl import load_workbook

import csv
import io
import zipfile


MAX_BYTES = 5 * 1024 * 1024
# An XLSX is a zip: refuse one that would unpack to far more than it weighs.
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls of Excel 97-2003


class FileRefused(ValueError):
    """The upload is not a CSV or XLSX table we read; Italian message."""


class Formula(str):
    """The text of an XLSX cell that holds a formula: we import values only."""


def read_table(data: bytes, filename: str) -> list[list]:
    """The rows of an uploaded CSV or XLSX file, row 1 (the header) first.

    The extension must be ``.csv`` or ``.xlsx`` and the content must be what
    the extension says; raises ``FileRefused`` otherwise.
    """
    if len(data) > MAX_BYTES:
        size = len(data) / (1024 * 1024)
        raise FileRefused(
            f"Il file è troppo grande ({size:.1f} MB): il massimo è 5 MB."
        )
    extension = "." + (filename or "").rsplit(".", 1)[-1].lower()
    if extension not in (".csv", ".xlsx") or "." not in (filename or ""):
        raise FileRefused("Carica un file .csv o .xlsx.")
    if not data.strip():
        raise FileRefused("Il file è vuoto.")
    if extension == ".xlsx":
        return _read_xlsx(data)
    return _read_csv(data)


def _read_csv(data):
    if data.startswith((ZIP_MAGIC, OLE_MAGIC)):
        raise FileRefused(
            "Il contenuto non è un CSV ma un foglio di calcolo: "
            "salvalo come .xlsx o come «CSV UTF-8»."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(
            "Il file CSV non è in UTF-8: salvalo come «CSV UTF-8» "
            "oppure carica il file .xlsx."
        ) from None
    if "\x00" in text:
        raise FileRefused("Il contenuto non è un file CSV di testo.")
    first_line = text.split("\n", 1)[0]
    # Excel set to Italian writes ";", LibreOffice and our export ",".
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return [list(row) for row in reader]
    except csv.Error as error:
        raise FileRefused(f"Il file CSV non è leggibile: {error}.") from None


def _read_xlsx(data):
    refused = FileRefused(
        "Il contenuto non è un file XLSX valido (Excel 2007 o successivo)."
    )
    if data.startswith(OLE_MAGIC):
        raise FileRefused("È un file .xls di Excel 97-2003: salvalo come .xlsx.")
    if not data.startswith(ZIP_MAGIC):
        raise refused
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise refused from None
    if not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
        raise refused
    if unzipped > MAX_UNZIPPED_BYTES:
        raise FileRefused("Il file XLSX è troppo grande una volta decompresso.")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise refused from None
    try:
        sheet = workbook.worksheets[0]
        return [[_xlsx_value(cell) for cell in row] for row in sheet.iter_rows()]
    except Exception:
        raise refused from None
    finally:
        workbook.close()


def _xlsx_value(cell):
    if getattr(cell, "data_type", None) == "f":
        return Formula(cell.value)
    return cell.value


def read_cell(cell) -> str:
    """A cell as the text its column parses: formula apostrophe removed."""
    if isinstance(cell, str):
        return unescape_formula(normalize_newlines(cell)).strip()
    return cell_text(cell)
