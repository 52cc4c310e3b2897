"""What an uploaded file is, judged by its content (never by its name or the
content type the browser declared)."""

from io import BytesIO

import logging


logger = logging.getLogger("famiguida.desk_forms.filetypes")

IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp")
DOCUMENT_TYPES = ("application/pdf", *IMAGE_TYPES)
PILLOW_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def magic_type(head):
    """The type the first bytes announce, or None."""
    if head[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:5] == b"%PDF-":
        return "application/pdf"
    return None


def image_type(data):
    """``image/jpeg|png|webp`` if Pillow reads ``data`` as that image, else None."""
    announced = magic_type(data[:16])
    if announced not in IMAGE_TYPES:
        return None
    from PIL import Image

    try:
        with Image.open(BytesIO(data)) as image:
            kind = PILLOW_FORMATS.get(image.format)
            image.verify()
    except Exception:  # Pillow raises many kinds (and DecompressionBombError)
        logger.info("Upload announced as %s is not a readable image", announced)
        return None
    return kind if kind == announced else None


def document_type(data):
    """``application/pdf`` for a PDF (header and end marker), an image type
    for an image, else None."""
    if magic_type(data[:16]) == "application/pdf":
        return "application/pdf" if b"%%EOF" in data[-2048:] else None
    return image_type(data)


def file_data(value):
    """The bytes of an uploaded file value (plone.namedfile), or None."""
    data = getattr(value, "data", None)
    if isinstance(data, bytes):
        return data
    return None


def file_size(value):
    get_size = getattr(value, "getSize", None)
    return get_size() if get_size is not None else len(file_data(value) or b"")
