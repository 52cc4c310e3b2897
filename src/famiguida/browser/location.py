"""The page of a place: address, map link, hours, open now, services there."""

from famiguida.browser.directory_page import DirectoryPage
from famiguida.browser.directory_page import osm_url
from plone.memoize.instance import memoize


class LocationView(DirectoryPage):
    """Default view of a Location."""

    def municipality(self):
        return self.municipality_title(self.context.municipality)

    def accessibility(self):
        """The accessibility notes, one paragraph per line."""
        text = self.context.accessibility or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def map_url(self):
        """OpenStreetMap link, or "" when the place has no coordinates."""
        latitude = self.context.latitude
        longitude = self.context.longitude
        if latitude is None or longitude is None:
            return ""
        return osm_url(latitude, longitude)

    @memoize
    def own_schedule(self):
        return self.schedule(self.context)

    def opening_status(self):
        return self.status(self.own_schedule())

    def hours(self):
        schedule = self.own_schedule()
        return self.hours_table(schedule) if schedule is not None else None

    def services(self):
        """Published services given here, among those the visitor may see."""
        return self.service_items(
            self.published_services(location_uids=self.context.UID())
        )
