"""Editors' pages to export and import the directory as CSV or XLSX.

``@@esporta-guida`` downloads the services, organizations or locations of a
folder; ``@@importa-guida`` uploads such a file back.  Both are plain HTML
forms (no JavaScript).  The import is a POST with Plone's CSRF token, checks
every row first ("solo prova", on by default, stops there) and writes all
rows or none.  On the language root or its ``guida`` folder, a type's own
folder (``guida/servizi``, ``guida/enti``, ``guida/sedi``) is the one used.
"""

from famiguida import _
from famiguida.directory_io.columns import target_folder
from famiguida.directory_io.columns import TYPES
from famiguida.directory_io.export import export_file
from famiguida.directory_io.importer import apply_import
from famiguida.directory_io.upload import FileRefused
from famiguida.directory_io.upload import MAX_BYTES
from famiguida.directory_io.upload import read_table
from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
from ZODB.POSException import ConflictError

import logging
import transaction


logger = logging.getLogger("famiguida.directory_io")

FORMATS = ("csv", "xlsx")
MAX_ERRORS_SHOWN = 500
TYPE_LABELS = {
    "Service": _("io_type_services", default="Servizi"),
    "Organization": _("io_type_organizations", default="Enti"),
    "Location": _("io_type_locations", default="Sedi"),
}


class DirectoryIOMixin:
    """The choice of type shared by both forms."""

    def type_options(self):
        chosen = self.request.form.get("type")
        return [
            {"value": name, "label": TYPE_LABELS[name], "selected": name == chosen}
            for name in TYPES
        ]

    def chosen_type(self):
        """The requested portal type, or None when missing or not ours."""
        value = self.request.form.get("type")
        return value if isinstance(value, str) and value in TYPES else None

    def folder_for(self, portal_type):
        return target_folder(self.context, portal_type)


class DirectoryExport(DirectoryIOMixin, BrowserView):
    """``@@esporta-guida?type=Service&format=xlsx``: a file to download."""

    error = None

    def __call__(self):
        form = self.request.form
        if "type" not in form and "format" not in form:
            return self.index()
        portal_type = self.chosen_type()
        file_format = form.get("format")
        if portal_type is None or file_format not in FORMATS:
            self.error = _(
                "error_export_params",
                default="Scegli che cosa esportare e in quale formato.",
            )
            self.request.response.setStatus(400)
            return self.index()
        folder = self.folder_for(portal_type)
        data, content_type, filename = export_file(folder, portal_type, file_format)
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
        response.setHeader("Content-Length", str(len(data)))
        response.setHeader("X-Content-Type-Options", "nosniff")
        # Editors' files may list drafts: no proxy or browser cache keeps them.
        response.setHeader("Cache-Control", "private, no-store")
        return data


class DirectoryImport(DirectoryIOMixin, BrowserView):
    """``@@importa-guida``: upload a file, see the report, import all or nothing."""

    error = None
    report = None
    folder = None
    max_megabytes = MAX_BYTES // (1024 * 1024)

    def __call__(self):
        if self.request.method == "POST":
            self.handle()
        return self.index()

    def handle(self):
        CheckAuthenticator(self.request)
        portal_type = self.chosen_type()
        if portal_type is None:
            self.error = _("error_import_type", default="Scegli il tipo di contenuto.")
            return
        self.folder = self.folder_for(portal_type)
        upload = self.request.form.get("file")
        if not getattr(upload, "filename", None) or not hasattr(upload, "read"):
            self.error = _(
                "error_import_no_file", default="Scegli un file da caricare."
            )
            return
        upload.seek(0)
        # One byte more than allowed is enough to refuse a larger file.
        data = upload.read(MAX_BYTES + 1)
        try:
            rows = read_table(data, upload.filename)
        except FileRefused as refused:
            self.error = str(refused)
            return
        dry_run = bool(self.request.form.get("solo_prova"))
        try:
            self.report = apply_import(self.folder, portal_type, rows, dry_run=dry_run)
        except ConflictError:
            raise
        except Exception:
            # apply_import has rolled back its savepoint; make sure that
            # nothing of this request is committed either.
            logger.exception("Import into %s failed", self.folder.absolute_url())
            transaction.doom()
            self.error = _(
                "error_import_failed",
                default="L'importazione si è interrotta per un errore imprevisto: "
                "nessun contenuto è stato creato o modificato.",
            )
            return
        if not self.report.applied:
            transaction.doom()

    def errors_shown(self):
        """The first errors: a table of thousands helps nobody."""
        return self.report.errors[:MAX_ERRORS_SHOWN]

    def errors_not_shown(self):
        return max(len(self.report.errors) - MAX_ERRORS_SHOWN, 0)

    def updated_rows(self):
        return [row for row in self.report.rows if row.action == "update"]
