"""Import rows of directory items: validate every row, then write all or nothing.

The rows come from ``upload.read_table`` (row 1 is the header).
``plan_import`` checks every row and says what an import would do, writing
nothing: each row is deserialized, with the field deserializers and the
``IDeserializeFromJson`` adapter of plone.restapi (the rules of the edit form:
required fields, vocabularies, phone, e-mail, web address, opening hours,
invariants), onto a *detached copy* of its item, or onto a new item that is
never added to the folder.  ``apply_import`` runs the plan and, only when no
row has an error, creates and updates the items inside one savepoint: an
exception half-way rolls back every item already written.

Errors name the line as a spreadsheet shows it (row 1 is the header) and
the column by its name in row 1; the messages are Italian, for editors.
"""

from Acquisition import aq_base
from BTrees.OOBTree import OOBTree
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from famiguida.directory_io.columns import CellError
from famiguida.directory_io.columns import COLUMNS
from famiguida.directory_io.columns import columns_by_name
from famiguida.directory_io.columns import header
from famiguida.directory_io.columns import ID_COLUMN
from famiguida.directory_io.columns import INVARIANT_COLUMNS
from famiguida.directory_io.columns import Links
from famiguida.directory_io.columns import normalize_newlines
from famiguida.directory_io.columns import TYPE_NOUNS
from famiguida.directory_io.export import cells_of
from famiguida.directory_io.export import fields_of
from famiguida.directory_io.export import read_field
from famiguida.directory_io.upload import Formula
from famiguida.directory_io.upload import read_cell
from famiguida.opening_hours import OpeningHoursError
from openpyxl.utils import get_column_letter
from plone import api
from plone.base.interfaces import ILanguage
from plone.dexterity.utils import createContent
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.interfaces import IFieldDeserializer
from plone.schema.email import InvalidEmail
from zExceptions import BadRequest
from zope.component import getMultiAdapter
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import Invalid
from zope.schema.interfaces import ConstraintNotSatisfied
from zope.schema.interfaces import InvalidURI
from zope.schema.interfaces import RequiredMissing
from zope.schema.interfaces import TooBig
from zope.schema.interfaces import TooLong
from zope.schema.interfaces import TooSmall
from zope.schema.interfaces import ValidationError
from zope.schema.interfaces import WrongContainedType
from zope.schema.interfaces import WrongType

import copy
import re
import transaction


NEW_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}")

CREATE = "create"
UPDATE = "update"
UNCHANGED = "unchanged"


@dataclass(frozen=True)
class RowError:
    """A problem of one cell: spreadsheet line, column name, Italian message."""

    line: int
    column: str
    message: str


@dataclass
class PlannedRow:
    """What the import does with one line."""

    line: int
    id: str
    action: str
    data: dict = dataclass_field(default_factory=dict)
    changed: tuple[str, ...] = ()


@dataclass
class ImportReport:
    """The outcome of a plan (dry run) or of an applied import."""

    portal_type: str
    folder: str
    rows: list[PlannedRow] = dataclass_field(default_factory=list)
    errors: list[RowError] = dataclass_field(default_factory=list)
    applied: bool = False
    _cells_in_error: set = dataclass_field(default_factory=set, repr=False)

    def error(self, line, column, message):
        """Record an error, once per cell (the first reason is the useful one)."""
        if (line, column) not in self._cells_in_error:
            self._cells_in_error.add((line, column))
            self.errors.append(RowError(line, column, message))

    @property
    def ok(self) -> bool:
        return not self.errors

    def ids(self, action) -> list[str]:
        return [row.id for row in self.rows if row.action == action]

    @property
    def created(self) -> list[str]:
        return self.ids(CREATE)

    @property
    def updated(self) -> list[str]:
        return self.ids(UPDATE)

    @property
    def unchanged(self) -> list[str]:
        return self.ids(UNCHANGED)


# Messages


def _it(message) -> str:
    return translate(message, target_language="it")


def message_of(error, field=None) -> str:
    """An Italian message for a validation error of ``field``."""
    cause = error.__cause__
    if isinstance(cause, OpeningHoursError):
        return f"Riga {cause.line} della cella («{cause.text}»): {cause.reason}."
    if isinstance(error, RequiredMissing):
        return "Campo obbligatorio: non può essere vuoto."
    if isinstance(error, InvalidEmail):
        return "Indirizzo e-mail non valido, ad esempio nome@example.org."
    if isinstance(error, InvalidURI):
        return "Indirizzo web non valido: deve iniziare con https:// o http://"
    if isinstance(error, TooBig):
        return f"Valore troppo grande: al massimo {getattr(field, 'max', '')}."
    if isinstance(error, TooSmall):
        return f"Valore troppo piccolo: almeno {getattr(field, 'min', '')}."
    if isinstance(error, TooLong):
        return f"Testo troppo lungo: al massimo {getattr(field, 'max_length', '')}."
    if isinstance(error, WrongType):
        return "Tipo di valore non valido."
    if isinstance(error, ConstraintNotSatisfied):
        if "\n" in str(error.args[0] if error.args else ""):
            return "Il valore deve stare su una sola riga."
        return "Valore non ammesso."
    if isinstance(error, WrongContainedType) and error.errors:
        return message_of(error.errors[0], getattr(field, "value_type", None))
    if isinstance(error, ValidationError):
        return _it(error.doc())
    if isinstance(error, Invalid) and error.args:
        # Our constraints and invariants raise Invalid with an Italian message.
        return _it(error.args[0])
    return f"Valore non valido: {error}"


# Planning


def plan_import(container, portal_type, rows) -> ImportReport:
    """What importing ``rows`` into ``container`` would do; writes nothing.

    ``rows`` are the rows of a file (``read_table``), row 1 the header.
    Every row is checked and every error reported; the report lists the
    ids that would be created, updated and left unchanged.
    """
    return _Planner(container, portal_type).plan(list(rows))


def apply_import(container, portal_type, rows, dry_run=False) -> ImportReport:
    """Import ``rows``: all of them if no row has an error, otherwise none.

    With ``dry_run`` (or any error) it is ``plan_import``.  The writes
    happen inside a savepoint: an exception rolls back every item created
    or changed so far and is raised again (the caller's transaction holds no
    part of the import).  New items are left in their workflow's initial
    state.
    """
    report = plan_import(container, portal_type, rows)
    if dry_run or report.errors:
        return report
    request = getRequest() or container.REQUEST
    savepoint = transaction.savepoint()
    try:
        for row in report.rows:
            if row.action == CREATE:
                create_item(container, portal_type, row, request)
            elif row.action == UPDATE:
                update_item(container[row.id], row, request)
    except Exception:
        savepoint.rollback()
        raise
    report.applied = True
    return report


def _data_copy(data):
    # plone.restapi's list deserializer replaces the items of the list given.
    return {key: list(v) if isinstance(v, list) else v for key, v in data.items()}


def create_item(container, portal_type, row, request):
    """Add the item of a planned row and set its fields as the edit form does."""
    obj = api.content.create(
        container=container,
        type=portal_type,
        id=row.id,
        title=row.data.get("title") or row.id,
        safe_id=False,
    )
    update_item(obj, row, request)
    obj.reindexObject()
    return obj


def update_item(obj, row, request):
    """Write a planned row's values (fires the modified event, like an edit)."""
    deserializer = getMultiAdapter((obj, request), IDeserializeFromJson)
    deserializer(validate_all=True, data=_data_copy(row.data), create=False)
    return obj


def _scratch(container, portal_type, item_id, existing):
    """A detached object to validate on: the deserializer writes as it checks.

    A copy of ``existing`` (annotations copied too, so nothing reaches the
    stored item) or a new object never added to ``container``; wrapped in
    ``container`` so vocabularies, permissions and paths resolve as there.
    """
    if existing is None:
        obj = createContent(portal_type)
        obj.id = item_id
        language = ILanguage(container).get_language()
        if language:
            obj.language = language
    else:
        obj = copy.copy(aq_base(existing))
        annotations = getattr(obj, "__annotations__", None)
        if annotations is not None:
            obj.__annotations__ = OOBTree(annotations)
    return obj.__of__(container)


def _same(before, after) -> bool:
    if isinstance(before, str) and isinstance(after, str):
        return normalize_newlines(before).strip() == normalize_newlines(after).strip()
    return before == after


class _Planner:
    def __init__(self, container, portal_type):
        if portal_type not in COLUMNS:
            raise ValueError(f"Not a directory type: {portal_type}")
        self.container = container
        self.portal_type = portal_type
        self.a_noun = TYPE_NOUNS[portal_type][0]
        self.links = Links(container)
        self.request = getRequest() or container.REQUEST
        self.report = ImportReport(portal_type, "/".join(container.getPhysicalPath()))
        fti = api.portal.get_tool("portal_types")[portal_type]
        self.can_add = bool(fti.isConstructionAllowed(container))
        catalog = api.portal.get_tool("portal_catalog")
        self.reserved = set(catalog.indexes()) | set(catalog.schema())
        self.column_of_field = {c.field: c.name for c in COLUMNS[portal_type]}
        self.seen = {}
        self.unnamed = set()

    def plan(self, rows):
        report = self.report
        if not rows or not any(read_cell(cell) for cell in rows[0]):
            report.error(1, "", "Manca la riga 1 con i nomi delle colonne.")
            return report
        layout = self.read_header(rows[0])
        if ID_COLUMN not in layout:
            return report
        for line, row in enumerate(rows[1:], start=2):
            self.plan_row(line, row, layout)
        return report

    def read_header(self, cells):
        """Column of each position of row 1 (None: ignored)."""
        by_name = columns_by_name(self.portal_type)
        layout, taken = [], {}
        for index, cell in enumerate(cells):
            name = read_cell(cell).lower()
            letter = get_column_letter(index + 1)
            target = ID_COLUMN if name == ID_COLUMN else by_name.get(name)
            key = getattr(target, "field", target)
            if not name:
                target = None
                self.unnamed.add(index)
            elif target is None:
                allowed = ", ".join(header(self.portal_type))
                self.report.error(
                    1, name, f"Colonna sconosciuta. Colonne ammesse: {allowed}."
                )
            elif key in taken:
                self.report.error(
                    1, name, f"Colonna ripetuta: c'è già nella colonna {taken[key]}."
                )
                target = None
            else:
                taken[key] = letter
            layout.append(target)
        if ID_COLUMN not in layout:
            self.report.error(
                1, ID_COLUMN, "Manca la colonna «id», che riconosce ogni riga."
            )
        return layout

    def read_cells(self, line, row, layout):
        """``{column: text}`` of a row; None for a blank row."""
        cells = {}
        for index, cell in enumerate(row):
            target = layout[index] if index < len(layout) else None
            text = read_cell(cell)
            if target is None:
                if text and (index >= len(layout) or index in self.unnamed):
                    self.report.error(
                        line,
                        get_column_letter(index + 1),
                        "Valore in una colonna senza nome nella riga 1.",
                    )
                continue
            name = getattr(target, "name", target)
            if isinstance(cell, Formula):
                self.report.error(
                    line, name, "La cella contiene una formula: scrivi il valore."
                )
                text = ""
            cells[target] = text
        if not any(cells.values()):
            return None
        return cells

    def check_id(self, line, item_id):
        """The existing item of ``item_id``, None for a new one, False if wrong."""
        error = self.report.error
        if not item_id:
            error(line, ID_COLUMN, "Manca l'id della riga.")
            return False
        if item_id in self.seen:
            error(
                line,
                ID_COLUMN,
                f"Id ripetuto: «{item_id}» è già alla riga {self.seen[item_id]}.",
            )
            return False
        self.seen[item_id] = line
        existing = self.container.get(item_id)
        if existing is not None:
            if existing.portal_type != self.portal_type:
                error(
                    line,
                    ID_COLUMN,
                    f"«{item_id}» è già usato in questa cartella da un contenuto "
                    f"di un altro tipo ({existing.portal_type}).",
                )
                return False
            if not api.user.has_permission("Modify portal content", obj=existing):
                error(line, ID_COLUMN, f"Non puoi modificare «{item_id}».")
                return False
            return existing
        if not NEW_ID.fullmatch(item_id) or item_id in self.reserved:
            error(
                line,
                ID_COLUMN,
                f"Id non valido «{item_id}»: usa lettere minuscole, cifre e "
                "trattini, ad esempio sportello-casa-crema.",
            )
            return False
        if not self.container.checkIdAvailable(item_id):
            error(line, ID_COLUMN, f"L'id «{item_id}» non è disponibile qui.")
            return False
        if not self.can_add:
            error(
                line,
                ID_COLUMN,
                f"Non puoi creare {self.a_noun} in questa cartella.",
            )
            return False
        return None

    def plan_row(self, line, row, layout):
        cells = self.read_cells(line, row, layout)
        if cells is None:
            return
        item_id = cells.pop(ID_COLUMN, "")
        existing = self.check_id(line, item_id)
        if existing is False:
            return
        errors_before = len(self.report.errors)
        scratch = _scratch(self.container, self.portal_type, item_id, existing)
        fields = fields_of(scratch)
        data = self.parse_cells(line, cells, scratch, fields)
        self.validate_others(line, scratch, fields, data)
        if len(self.report.errors) == errors_before:
            self.deserialize(line, scratch, data)
        if len(self.report.errors) > errors_before:
            return
        columns = list(cells)
        if existing is None:
            action, changed = CREATE, tuple(c.name for c in columns)
        else:
            before = cells_of(existing, columns, self.links, fields)
            after = cells_of(scratch, columns, self.links, fields)
            changed = tuple(
                column.name
                for column, old, new in zip(columns, before, after, strict=True)
                if not _same(old, new)
            )
            action = UPDATE if changed else UNCHANGED
        self.report.rows.append(PlannedRow(line, item_id, action, data, changed))

    def parse_cells(self, line, cells, scratch, fields):
        """Deserializer data of the row's cells, each checked like its field."""
        data = {}
        for column, text in cells.items():
            field = fields[column.field].bind(scratch)
            try:
                value = column.kind.from_cell(text, field, self.links)
            except CellError as error:
                self.report.error(line, column.name, str(error))
                continue
            if value in (None, []) and field.required:
                self.report.error(
                    line, column.name, "Campo obbligatorio: non può essere vuoto."
                )
                continue
            if value is not None:
                deserializer = getMultiAdapter(
                    (fields[column.field], scratch, self.request), IFieldDeserializer
                )
                try:
                    deserializer(_data_copy({"v": value})["v"])
                except (Invalid, ValueError) as error:
                    self.report.error(line, column.name, message_of(error, field))
                    continue
            data[column.field] = value
        return data

    def validate_others(self, line, scratch, fields, data):
        """Fields the file leaves out keep their value: it must be valid too."""
        for name, field in fields.items():
            if name in data or field.readonly or name == "changeNote":
                continue
            bound, value = read_field(scratch, field)
            try:
                bound.validate(value)
            except (Invalid, ValueError) as error:
                column = self.column_of_field.get(name, name)
                self.report.error(line, column, message_of(error, bound))

    def deserialize(self, line, scratch, data):
        """plone.restapi's deserializer on the scratch object: invariants too."""
        deserializer = getMultiAdapter((scratch, self.request), IDeserializeFromJson)
        try:
            deserializer(
                validate_all=True,
                data=_data_copy(data),
                create=True,
                mask_validation_errors=False,
            )
        except BadRequest as bad:
            for entry in bad.args[0] if bad.args else ():
                self.report_entry(line, entry)
        except (Invalid, ValueError) as error:
            self.report.error(line, "", message_of(error))

    def report_entry(self, line, entry):
        error = entry.get("error")
        name = entry.get("field")
        if name:
            column = self.column_of_field.get(name, name)
        else:
            # An invariant: its message id says which column to point at.
            msgid = str(error.args[0]) if error is not None and error.args else ""
            column = INVARIANT_COLUMNS.get(msgid, "")
        message = message_of(error) if error else _it(entry.get("message", ""))
        self.report.error(line, column, message)
