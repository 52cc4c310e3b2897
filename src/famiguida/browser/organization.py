"""The page of an organization: what kind, where it works, contacts, services."""

from famiguida.browser.directory_page import DirectoryPage
from famiguida.territory import get_territory


class OrganizationView(DirectoryPage):
    """Default view of an Organization."""

    def kind(self):
        return self.term_title(
            "famiguida.organization_kinds", self.context.organization_kind
        )

    def districts(self):
        chosen = set(self.context.districts or ())
        return [
            district.title
            for district in get_territory().districts
            if district.id in chosen
        ]

    def services(self):
        """Published services it provides, among those the visitor may see."""
        return self.service_items(
            self.published_services(provider_uid=self.context.UID())
        )
