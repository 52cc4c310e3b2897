"""The print stylesheet of every page: a ``<link media="print">`` in the head.

A viewlet of ``plone.htmlhead.links`` (after the theme's own CSS, so its
rules win on paper), active wherever famiguida's browser layer is: no
resource-registry record or upgrade step needed.  The file's hash is in the
URL, so browsers and proxies may keep it forever and get the new one after
a change.
"""

from functools import lru_cache
from pathlib import Path
from plone import api
from plone.app.layout.viewlets.common import ViewletBase

import hashlib


STYLESHEET = Path(__file__).parent / "static" / "print.css"
RESOURCE = "++resource++famiguida-print.css"


@lru_cache(maxsize=1)
def version():
    return hashlib.sha256(STYLESHEET.read_bytes()).hexdigest()[:12]


class PrintStylesheetViewlet(ViewletBase):
    def index(self):
        url = f"{api.portal.get().absolute_url()}/{RESOURCE}?v={version()}"
        return f'<link rel="stylesheet" media="print" href="{url}" />'
