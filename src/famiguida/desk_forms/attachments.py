"""The uploads kept on a DeskRequest: listed on its page, downloaded through
``@@allegato?n=<index>`` by who may view the request.

A file is always sent as a download (``Content-Disposition: attachment``)
with ``X-Content-Type-Options: nosniff`` and a sandboxing CSP: whatever a
visitor uploaded is never rendered by the browser as a page of the site.
"""

from AccessControl import Unauthorized
from famiguida.desk_forms.filetypes import DOCUMENT_TYPES
from famiguida.desk_forms.filetypes import magic_type
from plone import api
from plone.namedfile.utils import set_headers
from plone.namedfile.utils import stream_data
from Products.Five import BrowserView
from zExceptions import NotFound


def attachments(obj):
    """``[{"field", "filename", "size", "content_type", "index"}]`` of ``obj``."""
    rows = []
    for index, entry in enumerate(getattr(obj, "attachments", ()) or ()):
        blob = entry["file"]
        rows.append(
            {
                "index": index,
                "field": entry.get("field", ""),
                "filename": blob.filename or f"file-{index}",
                "size": blob.getSize(),
                "content_type": served_type(blob),
                "url": f"{obj.absolute_url()}/@@allegato?n={index}",
            }
        )
    return rows


def served_type(blob):
    """The type the content shows (PDF or image), else octet-stream."""
    with blob.open() as stream:
        head = stream.read(16)
    kind = magic_type(head)
    return kind if kind in DOCUMENT_TYPES else "application/octet-stream"


def human_size(size):
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class AttachmentDownload(BrowserView):
    """``@@allegato?n=0`` on a DeskRequest."""

    def __call__(self):
        if not api.user.has_permission("View", obj=self.context):
            raise Unauthorized("View")
        stored = list(getattr(self.context, "attachments", ()) or ())
        try:
            entry = stored[int(self.request.form.get("n", ""))]
        except (ValueError, IndexError, TypeError) as error:
            raise NotFound("attachment") from error
        blob = entry["file"]
        response = self.request.response
        set_headers(blob, response, filename=blob.filename or "file")
        response.setHeader("Content-Type", served_type(blob))
        response.setHeader("X-Content-Type-Options", "nosniff")
        response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox")
        response.setHeader("Cache-Control", "private, no-store")
        return stream_data(blob)
