"""Export the directory items of a folder as CSV or XLSX bytes.

The CSV is UTF-8 with a byte-order mark (so Excel reads accents and Arabic
right) and comma-separated with RFC 4180 quoting: commas are what every tool
reads by default (LibreOffice, Google Sheets, Python, the regional systems
we feed), and lists inside a cell are joined with ``;``, which a
``;``-separated file would have to quote in nearly every row.  An editor
whose Excel expects ``;`` uses the XLSX file; the import accepts both
separators.

Every text cell that a spreadsheet would run as a formula gets a leading
apostrophe (``columns.escape_formula``); numbers go into XLSX as numbers.
"""

from datetime import datetime
from famiguida.directory_io.columns import COLUMNS
from famiguida.directory_io.columns import escape_formula
from famiguida.directory_io.columns import header
from famiguida.directory_io.columns import Links
from famiguida.directory_io.columns import TYPE_FOLDERS
from famiguida.opening_hours import ROME
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from plone import api
from plone.dexterity.utils import iterSchemata
from z3c.form.interfaces import IDataManager
from zope.component import getMultiAdapter
from zope.schema import getFieldsInOrder

import csv
import io


CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def fields_of(obj) -> dict:
    """Every schema field of ``obj`` (type schema and behaviors) by name."""
    return {
        name: field
        for schema in iterSchemata(obj)
        for name, field in getFieldsInOrder(schema)
    }


def read_field(obj, field):
    """The value of ``field`` on ``obj``, read as the edit form reads it."""
    field = field.bind(obj)
    return field, getMultiAdapter((obj, field), IDataManager).get()


def cells_of(obj, columns, links, fields=None) -> list:
    """The cells of ``obj`` for ``columns`` (not yet escaped)."""
    fields = fields if fields is not None else fields_of(obj)
    cells = []
    for column in columns:
        field, value = read_field(obj, fields[column.field])
        cells.append(column.kind.to_cell(value, field, links))
    return cells


def items_of(folder, portal_type):
    """The ``portal_type`` items directly in ``folder`` that the user sees."""
    brains = api.content.find(
        context=folder, depth=1, portal_type=portal_type, sort_on="getId"
    )
    return [brain.getObject() for brain in brains]


def export_rows(folder, portal_type) -> tuple[list[str], list[list]]:
    """Row 1 and one row per item of ``portal_type`` in ``folder``."""
    links = Links(folder)
    columns = COLUMNS[portal_type]
    rows = [
        [obj.getId(), *cells_of(obj, columns, links)]
        for obj in items_of(folder, portal_type)
    ]
    return header(portal_type), rows


def to_csv(head, rows) -> bytes:
    """CSV bytes: UTF-8 with BOM, ``,``-separated, quoted where needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(head)
    for row in rows:
        writer.writerow(
            [escape_formula(c if isinstance(c, str) else repr(c)) for c in row]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(head, rows, title="guida") -> bytes:
    """XLSX bytes: one sheet, row 1 in bold and frozen, text cells as text."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title)
    sheet.freeze_panes = "B2"
    bold = Font(bold=True)
    cells = []
    for name in head:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value):
    if not isinstance(value, str):
        return value
    # XML cannot hold control characters other than tab and line breaks.
    text = escape_formula(ILLEGAL_CHARACTERS_RE.sub("", value))
    cell = WriteOnlyCell(sheet, value=text)
    # "@": what an editor types later stays text (a phone "+39 ..." is
    # not turned into a formula or a number by the spreadsheet).
    cell.number_format = "@"
    return cell


def export_file(folder, portal_type, file_format) -> tuple[bytes, str, str]:
    """``(data, content type, file name)`` of the export of ``folder``."""
    head, rows = export_rows(folder, portal_type)
    name = f"{TYPE_FOLDERS[portal_type]}-{datetime.now(ROME).date().isoformat()}"
    if file_format == "xlsx":
        data = to_xlsx(head, rows, title=TYPE_FOLDERS[portal_type])
        return data, XLSX_CONTENT_TYPE, f"{name}.xlsx"
    return to_csv(head, rows), CSV_CONTENT_TYPE, f"{name}.csv"
