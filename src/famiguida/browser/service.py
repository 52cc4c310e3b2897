"""The page of a service: what, for whom, how, where, when, who, contacts.

The order of the sections is the order of a family's questions; each one is
left out when the editors gave nothing for it.
"""

from famiguida.browser.directory_page import DirectoryPage
from famiguida.content.service import related_objects
from famiguida.hours_display import week_summary
from famiguida.service_card import card_text
from famiguida.service_card import mailto_url
from famiguida.service_card import one_line
from famiguida.service_card import ServiceCard
from famiguida.service_card import whatsapp_url
from famiguida.territory import get_territory
from plone.memoize.instance import memoize


class ServiceView(DirectoryPage):
    """Default view of a Service."""

    @property
    def suspended(self):
        return not self.context.active

    def text(self):
        """The body as Plone's safe HTML output, or "" when there is none."""
        value = self.context.text
        if value is None or not (value.raw or "").strip():
            return ""
        return value.output

    def target_groups(self):
        return self.term_titles("famiguida.target_groups", self.context.target_groups)

    def need_categories(self):
        return self.term_titles(
            "famiguida.need_categories", self.context.need_categories
        )

    def how_to_access(self):
        """One paragraph per line the editors typed."""
        return _lines(self.context.how_to_access)

    def what_to_bring(self):
        """One item per line."""
        return _lines(self.context.what_to_bring)

    def cost(self):
        return {
            "free": self.context.cost == "free",
            "title": self.term_title("famiguida.costs", self.context.cost),
            "details": self.context.cost_details or "",
        }

    @memoize
    def own_schedule(self):
        return self.schedule(self.context)

    @memoize
    def locations(self):
        """The places the visitor may see, each with today's status (from the
        service's own hours, else from the place's)."""
        own = self.own_schedule()
        places = []
        for location in related_objects(self.context.locations):
            if not self.can_view(location):
                continue
            schedule = own if own is not None else self.schedule(location)
            places.append(
                {
                    "title": location.Title(),
                    "url": self.url_here(location),
                    "street": location.street_address or "",
                    "postal_code": location.postal_code or "",
                    "municipality": self.municipality_title(location.municipality),
                    "address": self.address(location),
                    "status": self.status(schedule),
                    "schedule": schedule,
                }
            )
        return places

    def hours_tables(self):
        """The service's own weekly table, else one per place with hours."""
        own = self.own_schedule()
        if own is not None:
            return [self.hours_table(own)]
        return [
            self.hours_table(place["schedule"], caption=place["title"])
            for place in self.locations()
            if place["schedule"] is not None
        ]

    def languages(self):
        return self.language_items(self.context.languages_spoken)

    def provider(self):
        relation = self.context.provider
        provider = getattr(relation, "to_object", None)
        if provider is None or not self.can_view(provider):
            return None
        return {"title": provider.Title(), "url": self.url_here(provider)}

    def territory(self):
        """Titles of the districts served whole and of the single towns."""
        territory = get_territory()
        districts = [
            district.title
            for district in territory.districts
            if district.id in set(self.context.districts or ())
        ]
        towns = sorted(
            territory.municipality_titles[mid]
            for mid in self.context.municipalities or ()
            if mid in territory.municipality_titles
        )
        if not (districts or towns):
            return None
        return {"districts": districts, "municipalities": towns}

    def last_verified(self):
        day = self.context.last_verified
        return {"iso": day.isoformat(), "text": self.date_text(day)} if day else None

    def report_url(self):
        return f"{self.context.absolute_url()}/@@segnala-errore"

    # sharing

    @memoize
    def card(self):
        """The plain-text card: title, what, first address, phone, hours, URL."""
        places = self.locations()
        first = places[0] if places else None
        phone = self.context.phone or ""
        if not phone and places:
            phone = next(
                (
                    location.phone
                    for location in related_objects(self.context.locations)
                    if self.can_view(location) and location.phone
                ),
                "",
            )
        schedule = self.own_schedule()
        if schedule is None and first is not None:
            schedule = first["schedule"]
        card = ServiceCard(
            title=self.context.Title(),
            summary=self.context.Description(),
            address=first["address"] if first else "",
            more_places=max(len(places) - 1, 0),
            phone=phone,
            hours=week_summary(schedule, self.translate) if schedule else "",
            url=self.context.absolute_url(),
        )
        return card_text(card, self.translate)

    def whatsapp_url(self):
        return whatsapp_url(self.card())

    def mailto_url(self):
        return mailto_url(one_line(self.context.Title(), 200), self.card())

    def card_rows(self):
        return len(self.card().splitlines()) + 1


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
