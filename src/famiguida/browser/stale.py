"""Editors' list of service pages to check again with their providers.

A page is stale when it was never verified or last verified more than
12 months ago (the "Guida ai servizi" control panel sets the months).  Two
catalog queries, never the objects: the dated ones from
the ``last_verified`` index (range max, oldest first), then those missing
from that index, counted first so that the usual case (none missing) costs
two counts and no listing.
"""

from datetime import date
from datetime import timedelta
from famiguida import hours_display
from famiguida.controlpanels.directory import setting
from famiguida.hours_display import format_date
from famiguida.opening_hours import ROME
from plone import api
from Products.Five import BrowserView
from zope.i18n import translate


EPOCH = date(1900, 1, 1)


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (31 March - 1 month = 28/29 February)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has a 28th


class StaleServicesView(BrowserView):
    """``@@schede-da-verificare`` on a language root or the ``guida`` folder."""

    def now(self):
        """Today's reference moment; tests replace it to freeze time."""
        return hours_display.now_rome()

    def cutoff(self) -> date:
        """Pages last verified before this date are stale."""
        return months_before(
            self.now().astimezone(ROME).date(), setting("stale_after_months")
        )

    def _query(self, **extra):
        catalog = api.portal.get_tool("portal_catalog")
        return catalog(
            portal_type="Service",
            path="/".join(self.context.getPhysicalPath()),
            **extra,
        )

    def never_verified(self):
        """Services without a date: not in the ``last_verified`` index."""
        dated = len(self._query(last_verified={"query": EPOCH, "range": "min"}))
        if len(self._query()) == dated:
            return []
        return [
            brain
            for brain in self._query(sort_on="sortable_title")
            if not brain.last_verified
        ]

    def verified_long_ago(self):
        """Services verified before the cutoff, oldest first."""
        return list(
            self._query(
                last_verified={
                    "query": self.cutoff() - timedelta(days=1),
                    "range": "max",
                },
                sort_on="last_verified",
            )
        )

    def services(self):
        """Never verified first, then the oldest verification first."""
        states = self._state_titles()
        return [
            {
                "title": brain.Title,
                "url": brain.getURL(),
                "edit_url": f"{brain.getURL()}/edit",
                "last_verified": brain.last_verified or None,
                "last_verified_text": (
                    format_date(brain.last_verified, self._translate)
                    if brain.last_verified
                    else ""
                ),
                "state": states.get(brain.review_state, brain.review_state or ""),
                "provider": brain.provider_title or "",
            }
            for brain in self.never_verified() + self.verified_long_ago()
        ]

    def cutoff_text(self):
        return format_date(self.cutoff(), self._translate)

    def _translate(self, message):
        return translate(message, context=self.request)

    def _state_titles(self):
        workflow_tool = api.portal.get_tool("portal_workflow")
        titles = {}
        for workflow in workflow_tool.getWorkflowsFor("Service"):
            for state_id, state in workflow.states.items():
                titles[state_id] = translate(
                    state.title, domain="plone", context=self.request
                )
        return titles
