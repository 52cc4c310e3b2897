"""The printable mini-guida: QR codes, PDF rendering and its cache.

The view (``browser/guide_pdf.py``) gathers the services and renders an HTML
document; this module turns that HTML into a PDF with WeasyPrint.  Fonts come
from the system through fontconfig (Debian's Noto fonts, installed by the
Makefile) and nothing is fetched: the URL fetcher refuses every URL but
``data:`` ones, so a link or an image in an editor's text cannot make the
server open a network connection while it renders.

Rendering a district of 500 services takes seconds (``bench/guide_pdf.py``),
so finished PDFs are kept in a small in-process cache.  That is safe because
the guide is the same for every visitor: it lists what Anonymous may see and
is published, whoever asks; the key holds everything else the document
depends on (language, district, need, the catalog's change counter, the day,
the site's URL, the territory).
"""

from collections import OrderedDict
from weasyprint import HTML
from weasyprint.urls import URLFetcher

import qrcode
import qrcode.constants
import threading
import time


# A cached guide is dropped after this many seconds even if nothing changed.
CACHE_SECONDS = 6 * 3600
# The cache holds at most this many bytes of PDF per process.
CACHE_BYTES = 64 * 1024 * 1024


class LocalOnlyFetcher(URLFetcher):
    """WeasyPrint's URL fetcher that refuses everything but ``data:`` URLs."""

    def __init__(self):
        super().__init__(allowed_protocols={"data"}, allow_redirects=False)
        self.refused = []

    def fetch(self, url, headers=None):
        if not url.startswith("data:"):
            self.refused.append(url)
            raise ValueError(f"External resources are not fetched: {url[:200]}")
        return super().fetch(url, headers)


def qr_svg(data: str) -> str:
    """A QR code of ``data`` as inline SVG markup.

    One ``<path>`` drawing each run of dark modules of a row as one rectangle
    (qrcode's own SVG factories write one square per module: three times the
    path operations, which made WeasyPrint's PDF output three times slower).
    """
    code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix)
    parts = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                parts.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'class="qr-code" role="img"><path d="{"".join(parts)}"/></svg>'
    )


def render_pdf(html: str, base_url: str | None = None):
    """The PDF of ``html`` and its page count."""
    document = HTML(
        string=html, base_url=base_url, url_fetcher=LocalOnlyFetcher()
    ).render()
    return document.write_pdf(), len(document.pages)


class GuideCache:
    """A small LRU of finished PDFs, bounded in bytes and in age."""

    def __init__(self, max_bytes=CACHE_BYTES, max_age=CACHE_SECONDS):
        self.max_bytes = max_bytes
        self.max_age = max_age
        self.entries = OrderedDict()  # key -> (created, pdf, pages)
        self.size = 0
        self.lock = threading.Lock()
        # One guide is built at a time per process: a burst of requests for
        # the same guide builds it once, and PDF builds cannot take every
        # thread of the server.
        self.build_lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if time.monotonic() - entry[0] > self.max_age:
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return entry[1], entry[2]

    def put(self, key, pdf, pages):
        if len(pdf) > self.max_bytes:
            return
        with self.lock:
            if key in self.entries:
                self._drop(key)
            self.entries[key] = (time.monotonic(), pdf, pages)
            self.size += len(pdf)
            while self.size > self.max_bytes:
                self._drop(next(iter(self.entries)))

    def _drop(self, key):
        _created, pdf, _pages = self.entries.pop(key)
        self.size -= len(pdf)

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0

    def get_or_build(self, key, build):
        """The cached ``(pdf, pages)`` of ``key``, else ``build()``'s, kept.

        Returns ``(pdf, pages, hit)``.
        """
        found = self.get(key)
        if found is not None:
            return (*found, True)
        with self.build_lock:
            found = self.get(key)  # built by another thread meanwhile
            if found is not None:
                return (*found, True)
            pdf, pages = build()
            self.put(key, pdf, pages)
            return pdf, pages, False


CACHE = GuideCache()
