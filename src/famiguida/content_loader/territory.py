"""Load ``content/territory.json`` into the site's territory record."""

from famiguida.territory import parse_territory
from famiguida.territory import RECORD
from pathlib import Path
from plone import api


def load_territory(path: Path, replace: bool = False) -> bool:
    """Store the territory of ``path`` unless one is there; True if stored.

    Site administrators may have edited the territory in its control panel:
    it is replaced only when asked (``replace=True``).
    """
    raw = path.read_text(encoding="utf-8")
    parse_territory(raw)  # refuse a broken file before storing it
    current = api.portal.get_registry_record(RECORD, default=None)
    if current and parse_territory(current).districts and not replace:
        return False
    api.portal.set_registry_record(RECORD, raw)
    return True
