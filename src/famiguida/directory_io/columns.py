"""The spreadsheet columns of each directory type and how a cell is written.

One table per portal type maps a column name (what editors see in row 1) to a
field and to a *kind* that turns the field's value into a cell and a cell
back into the value plone.restapi's deserializer takes (the same JSON the
starter content in ``content/items`` is written in):

- several values in one cell are joined with ``;`` (need categories,
  districts, languages, locations); opening-hours lines are joined with line
  breaks instead, since a line may itself hold ``;``, ``,`` or a ``# note``;
- relations are paths relative to the language root's ``guida`` folder
  (``enti/acli-cremona``); a path starting with ``/`` is site-relative
  (``/it/guida/enti/acli-cremona``);
- dates are ISO (``2026-09-15``), booleans ``sì``/``no`` (``true``/``false``
  are accepted too), numbers use ``.`` (a ``,`` is accepted).

Rows are matched to items by the ``id`` column: the short name of an item in
the folder the file belongs to.  A folder implies a type's place: on the
language root or on its ``guida`` folder, services go to ``guida/servizi``,
organizations to ``guida/enti``, locations to ``guida/sedi``.

A text cell that a spreadsheet could run as a formula (it begins with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading
apostrophe, and reading strips exactly that apostrophe again: see
``escape_formula``.
"""

from Acquisition import aq_base
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from plone import api
from z3c.relationfield.interfaces import IRelationValue

import re


ID_COLUMN = "id"
SEPARATOR = ";"
LINE_SEPARATOR = "\n"

# Where each type lives below the language root's "guida" folder.
TYPE_FOLDERS = {
    "Service": "servizi",
    "Organization": "enti",
    "Location": "sedi",
}
TYPES = tuple(TYPE_FOLDERS)
# How messages name an item of each type: "un ente", "nessuna sede".
TYPE_NOUNS = {
    "Service": ("un servizio", "nessun servizio"),
    "Organization": ("un ente", "nessun ente"),
    "Location": ("una sede", "nessuna sede"),
}

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
TRUE_WORDS = frozenset(("sì", "si", "true", "vero", "yes", "1", "x"))
FALSE_WORDS = frozenset(("no", "false", "falso", "0"))
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class CellError(ValueError):
    """A cell cannot be read; the message is Italian, for the editor."""


def escape_formula(text: str) -> str:
    """``text`` as a cell no spreadsheet runs as a formula.

    A leading apostrophe is added when the text, past any apostrophes it
    already begins with, starts with a formula character: so ``'=x`` (an
    apostrophe typed by an editor) becomes ``''=x`` and comes back intact.
    """
    if text.lstrip("'").startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def unescape_formula(text: str) -> str:
    """The exact inverse of ``escape_formula``."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


def normalize_newlines(text: str) -> str:
    """One kind of line break (``\\n``): XLSX keeps no ``\\r`` anyway."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def cell_text(cell) -> str:
    """A read cell as stripped text ('' for an empty cell)."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "sì" if cell else "no"
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return normalize_newlines(str(cell)).strip()


def _split(text, separator):
    return [part.strip() for part in text.split(separator) if part.strip()]


def _check_token(field, token):
    """The vocabulary token ``token`` of a Choice ``field`` bound to its item."""
    vocabulary = field.vocabulary
    try:
        vocabulary.getTermByToken(token)
    except LookupError:
        allowed = [term.token for term in vocabulary]
        hint = ", ".join(allowed[:12]) + (", …" if len(allowed) > 12 else "")
        raise CellError(
            f"Valore sconosciuto «{token}». Valori ammessi: {hint}."
        ) from None
    return token


def _token_of(field, value):
    try:
        return field.vocabulary.getTerm(value).token
    except LookupError:
        # A value the vocabulary no longer has: export it as it is, so the
        # editor sees it (the import will then refuse it).
        return str(value)


class Links:
    """Relation paths as editors write them, resolved in the user's catalog."""

    def __init__(self, context):
        self.portal = api.portal.get()
        self.portal_path = "/".join(self.portal.getPhysicalPath())
        guida = guida_folder(context)
        self.guida_path = "/".join(guida.getPhysicalPath()) if guida else None

    def path_of(self, obj) -> str:
        """``enti/x`` below the guida folder, else ``/it/...`` site-relative."""
        path = "/".join(obj.getPhysicalPath())
        if self.guida_path and path.startswith(self.guida_path + "/"):
            return path[len(self.guida_path) + 1 :]
        return path[len(self.portal_path) :]

    def uid_for(self, text: str, portal_type: str) -> str:
        """The UID of the ``portal_type`` item at the path ``text``."""
        a_noun, no_noun = TYPE_NOUNS[portal_type]
        portal_url = self.portal.absolute_url()
        relative = text[len(portal_url) :] if text.startswith(portal_url) else text
        if relative.startswith("/"):
            full = self.portal_path + "/" + relative.strip("/")
        elif self.guida_path:
            full = self.guida_path + "/" + relative.strip("/")
        else:
            raise CellError(f"Scrivi il percorso completo, ad esempio /it/guida/{text}")
        # The catalog, not traversal: traversal would acquire a same-named
        # item from a parent folder and accept a wrong path.
        brains = api.portal.get_tool("portal_catalog")(path={"query": full, "depth": 0})
        if not brains:
            raise CellError(f"{no_noun.capitalize()} a questo indirizzo: «{text}».")
        if brains[0].portal_type != portal_type:
            raise CellError(f"«{text}» non è {a_noun}.")
        return brains[0].UID


def guida_folder(context):
    """The ``guida`` folder of the language root of ``context`` (or None)."""
    root = api.portal.get_navigation_root(context)
    guida = getattr(aq_base(root), "guida", None)
    return root["guida"] if guida is not None else None


def target_folder(context, portal_type):
    """The folder whose ``portal_type`` items a file lists.

    On the language root or its ``guida`` folder that is the type's own
    folder (``guida/servizi`` ...); any other folder is taken as it is.
    """
    guida = guida_folder(context)
    if guida is None:
        return context
    root = api.portal.get_navigation_root(context)
    if aq_base(context) in (aq_base(guida), aq_base(root)):
        name = TYPE_FOLDERS[portal_type]
        if getattr(aq_base(guida), name, None) is not None:
            return guida[name]
    return context


# Kinds: ``to_cell(value, field, links)`` gives text (or a float for numbers);
# ``from_cell(text, field, links)`` gives the deserializer's JSON value, or
# None for "empty", and raises CellError.  ``field`` is bound to the item.


class Text:
    """TextLine or Text; multi-line texts keep their line breaks."""

    def to_cell(self, value, field, links):
        return normalize_newlines(value or "")

    def from_cell(self, text, field, links):
        return text or None


class RichText:
    """The body: its HTML source."""

    def to_cell(self, value, field, links):
        return normalize_newlines(value.raw if value is not None else "")

    def from_cell(self, text, field, links):
        return text or None


class Lines:
    """A list of text lines (opening hours), one per line of the cell."""

    def to_cell(self, value, field, links):
        return LINE_SEPARATOR.join(value or ())

    def from_cell(self, text, field, links):
        return _split(text, LINE_SEPARATOR)


class Token:
    """One vocabulary token."""

    def to_cell(self, value, field, links):
        return "" if value is None else _token_of(field, value)

    def from_cell(self, text, field, links):
        return _check_token(field, text) if text else None


class Tokens:
    """Vocabulary tokens joined with ``;``."""

    def to_cell(self, value, field, links):
        token_field = field.value_type
        return f"{SEPARATOR} ".join(_token_of(token_field, v) for v in value or ())

    def from_cell(self, text, field, links):
        return [_check_token(field.value_type, t) for t in _split(text, SEPARATOR)]


def _target(value):
    """The item a relation points to (the edit form's data manager gives the
    item itself; a stored RelationValue gives it through ``to_object``)."""
    if IRelationValue.providedBy(value):
        return value.to_object
    return value


class Relation:
    """One related item, by path."""

    def __init__(self, portal_type):
        self.portal_type = portal_type

    def to_cell(self, value, field, links):
        obj = _target(value)
        return links.path_of(obj) if obj is not None else ""

    def from_cell(self, text, field, links):
        return links.uid_for(text, self.portal_type) if text else None


class Relations(Relation):
    """Related items, paths joined with ``;``."""

    def to_cell(self, value, field, links):
        objects = [_target(relation) for relation in value or ()]
        return f"{SEPARATOR} ".join(links.path_of(o) for o in objects if o)

    def from_cell(self, text, field, links):
        return [links.uid_for(p, self.portal_type) for p in _split(text, SEPARATOR)]


class Date:
    """An ISO date."""

    def to_cell(self, value, field, links):
        return value.isoformat() if value else ""

    def from_cell(self, text, field, links):
        if not text:
            return None
        try:
            if not ISO_DATE.fullmatch(text):
                raise ValueError(text)
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise CellError(
                f"Data non valida «{text}»: scrivila come AAAA-MM-GG, "
                "ad esempio 2026-09-15."
            ) from None


class Bool:
    """``sì``/``no``; an empty cell takes the field's default."""

    def to_cell(self, value, field, links):
        return "" if value is None else ("sì" if value else "no")

    def from_cell(self, text, field, links):
        word = text.lower()
        if not word:
            return field.default
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise CellError(f"Scrivi «sì» o «no», non «{text}».")


class Number:
    """A decimal number (coordinates)."""

    def to_cell(self, value, field, links):
        return "" if value is None else float(value)

    def from_cell(self, text, field, links):
        if not text:
            return None
        try:
            return float(text.replace(",", "."))
        except ValueError:
            raise CellError(f"Numero non valido «{text}».") from None


@dataclass(frozen=True)
class Column:
    """A spreadsheet column: its name in row 1, its field, its kind."""

    name: str
    field: str
    kind: object


_COMMON_HEAD = (
    Column("titolo", "title", Text()),
    Column("descrizione", "description", Text()),
)
_CONTACTS = (
    Column("telefono", "phone", Text()),
    Column("email", "email", Text()),
    Column("sito_web", "website", Text()),
)
_HOURS = (
    Column("orari_settimanali", "weekly_hours", Lines()),
    Column("orari_speciali", "hours_exceptions", Lines()),
)

COLUMNS = {
    "Service": (
        *_COMMON_HEAD,
        Column("testo", "text", RichText()),
        Column("bisogni", "need_categories", Tokens()),
        Column("per_chi", "target_groups", Tokens()),
        Column("come_accedere", "how_to_access", Text()),
        Column("cosa_portare", "what_to_bring", Text()),
        Column("costo", "cost", Token()),
        Column("dettagli_costo", "cost_details", Text()),
        Column("lingue", "languages_spoken", Tokens()),
        Column("ente", "provider", Relation("Organization")),
        Column("sedi", "locations", Relations("Location")),
        Column("ambiti", "districts", Tokens()),
        Column("comuni", "municipalities", Tokens()),
        *_CONTACTS,
        *_HOURS,
        Column("ultima_verifica", "last_verified", Date()),
        Column("attivo", "active", Bool()),
    ),
    "Organization": (
        *_COMMON_HEAD,
        Column("testo", "text", RichText()),
        Column("tipo", "organization_kind", Token()),
        Column("ambiti", "districts", Tokens()),
        *_CONTACTS,
    ),
    "Location": (
        *_COMMON_HEAD,
        Column("indirizzo", "street_address", Text()),
        Column("cap", "postal_code", Text()),
        Column("comune", "municipality", Token()),
        Column("latitudine", "latitude", Number()),
        Column("longitudine", "longitude", Number()),
        Column("accessibilita", "accessibility", Text()),
        *_CONTACTS,
        *_HOURS,
    ),
}

# The column an error of a schema invariant (no field of its own) is shown in.
INVARIANT_COLUMNS = {
    "error_service_area": "ambiti",
    "error_coordinates_pair": "latitudine",
}


def header(portal_type: str) -> list[str]:
    """Row 1 of a file of ``portal_type``: ``id`` then every column."""
    return [ID_COLUMN, *(column.name for column in COLUMNS[portal_type])]


def columns_by_name(portal_type: str) -> dict[str, Column]:
    """Columns of ``portal_type`` by name; the field names are accepted too."""
    table = {}
    for column in COLUMNS[portal_type]:
        table[column.name] = column
        table.setdefault(column.field.lower(), column)
    return table
