"""Right-to-left pages: ``dir`` on <html> and <body>, mirrored CSS.

Plone's main template writes ``dir`` on <body> only, from a list of
right-to-left languages without Urdu.  A transform of the rendered page
(before Diazo, which copies the attributes of <html> and <body> into the
theme) writes the direction of the page's language on both.

Barceloneta ships left-to-right CSS only: on right-to-left pages the styles
viewlet links the mirrored copy built by ``theme/build-rtl.mjs`` (rtlcss)
instead, and our own small stylesheet after it.
"""

from famiguida.multilingual import direction
from famiguida.multilingual import is_rtl
from hashlib import sha256
from pathlib import Path
from plone import api
from plone.transformchain.interfaces import ITransform
from Products.CMFPlone.resources.browser.resource import StylesView
from zope.interface import implementer

import re


STATIC = Path(__file__).parent / "static" / "rtl"
RESOURCE = "++resource++famiguida.rtl"
BARCELONETA_RTL = "barceloneta-rtl.min.css"
OWN_RTL = "famiguida-rtl.css"

HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
BODY_TAG = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
DIR_ATTR = re.compile(r"""\sdir\s*=\s*(".*?"|'.*?'|[^\s>]+)""", re.IGNORECASE)
THEME_LINK = re.compile(r"<link\b[^>]*data-bundle=\"diazo\"[^>]*>", re.IGNORECASE)
HREF_ATTR = re.compile(r'href="[^"]*"')


def _version(name):
    """A short hash of a static file: its URL changes when the file does."""
    return sha256((STATIC / name).read_bytes()).hexdigest()[:12]


VERSIONS = {name: _version(name) for name in (BARCELONETA_RTL, OWN_RTL)}


def stylesheet_url(portal_url, name):
    return f"{portal_url}/{RESOURCE}/{name}?v={VERSIONS[name]}"


def with_dir(tag: str, value: str) -> str:
    """``tag`` (an opening tag) with ``dir="value"`` and no other dir."""
    tag = DIR_ATTR.sub("", tag)
    return f'{tag[:-1].rstrip("/").rstrip()} dir="{value}">'


def set_direction(html: str, value: str) -> str:
    """Write ``dir`` on the first <html> and <body> tags of a page."""
    for pattern in (HTML_TAG, BODY_TAG):
        html = pattern.sub(lambda match: with_dir(match.group(0), value), html, 1)
    return html


@implementer(ITransform)
class DirectionTransform:
    """``dir`` of the page's language on <html> and <body> of HTML pages."""

    # Before plone.app.theming (8850), whose Diazo rules copy both tags'
    # attributes into the theme.
    order = 8800

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def language(self):
        language = self.request.get("LANGUAGE")
        content_type = self.request.response.getHeader("Content-Type") or ""
        if not language or not content_type.startswith("text/html"):
            return None
        return language

    def transformUnicode(self, result, encoding):
        language = self.language()
        if language is None or "<html" not in result[:4096].lower():
            return None
        return set_direction(result, direction(language))

    def transformBytes(self, result, encoding):
        if self.language() is None:
            return None
        text = result.decode(encoding or "utf-8", "replace")
        changed = self.transformUnicode(text, encoding)
        return None if changed is None else changed.encode(encoding or "utf-8")

    def transformIterable(self, result, encoding):
        if self.language() is None:
            return None
        tree = getattr(result, "tree", None)
        if tree is not None:  # an lxml serializer from an earlier transform
            value = direction(self.language())
            root = tree.getroot()
            root.set("dir", value)
            for body in root.iter("body"):
                body.set("dir", value)
            return result
        try:
            chunks = list(result)
        except TypeError:
            return None
        data = b"".join(
            c if isinstance(c, bytes) else c.encode(encoding or "utf-8") for c in chunks
        )
        return self.transformBytes(data, encoding) or [data]


class DirectionalStylesView(StylesView):
    """The styles viewlet with Barceloneta mirrored on right-to-left pages."""

    def index(self):
        rendered = super().index()
        if not is_rtl(self.request.get("LANGUAGE")):
            return rendered
        portal_url = api.portal.get().absolute_url()
        mirrored = f'href="{stylesheet_url(portal_url, BARCELONETA_RTL)}"'
        rendered = THEME_LINK.sub(
            lambda match: HREF_ATTR.sub(mirrored, match.group(0), 1), rendered, 1
        )
        # No theme stylesheet (theming off, e.g. on 127.0.0.1): none to mirror.
        return rendered + (
            f'\n<link rel="stylesheet" href="{stylesheet_url(portal_url, OWN_RTL)}" '
            'data-bundle="famiguida-rtl" />'
        )
