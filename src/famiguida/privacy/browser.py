"""Privacy pages: erasure by reference and the erasure log (desk staff), the
purge (site administrators), and the "erased" notice on an item's page.

All plain forms without JavaScript: POST only, with plone.protect's
authenticator; a GET never changes anything.
"""

from AccessControl import Unauthorized
from famiguida import _
from famiguida.desks.browser import check_manage
from famiguida.desks.browser import format_when
from famiguida.desks.browser import STATE_LABELS
from famiguida.privacy.by_reference import erase_reference
from famiguida.privacy.by_reference import find_items
from famiguida.privacy.by_reference import normalise
from famiguida.privacy.erasure import erased_info
from famiguida.privacy.erasure import REQUEST
from famiguida.privacy.erasure import RETENTION
from famiguida.privacy.log import log_entries
from famiguida.privacy.purge import describe
from famiguida.privacy.purge import purge
from famiguida.privacy.settings import retention_months
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.batching import Batch
from plone.protect import CheckAuthenticator
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate
from zope.interface import alsoProvides


MANAGE_PRIVACY = "famiguida: Manage privacy"
# The purge view also accepts a POST carrying this header instead of the
# authenticator (for cron and curl): a page on another site cannot send a
# custom header without a CORS preflight, which Plone does not grant.
PURGE_HEADER = "X-Famiguida-Purge"
PURGE_HEADER_VALUE = "run"
LOG_PAGE_SIZE = 100

REASON_LABELS = {
    RETENTION: _(
        "erasure_reason_retention", default="Periodo di conservazione scaduto"
    ),
    REQUEST: _("erasure_reason_request", default="Richiesta dell'interessato"),
}
TYPE_LABELS = {
    "DeskRequest": _("label_erasure_type_request", default="Richiesta"),
    "VacantHome": _("label_erasure_type_home", default="Casa offerta"),
}


class PrivacyPage(BrowserView):
    def t(self, msgid):
        return translate(msgid, context=self.request)

    def reason(self, value):
        return self.t(REASON_LABELS[value]) if value in REASON_LABELS else value

    def state(self, value):
        return self.t(STATE_LABELS[value]) if value in STATE_LABELS else value

    def kind(self, value):
        return self.t(TYPE_LABELS[value]) if value in TYPE_LABELS else value


class EraseView(PrivacyPage):
    """``@@cancella-dati`` on an inbox: find a request by number, confirm, erase."""

    def __call__(self):
        check_manage(self.context)
        self.step = "lookup"
        self.items = []
        self.error = None
        form = self.request.form
        self.reference = normalise(form.get("reference")) or ""
        if self.request.method != "POST":
            return self.index()
        CheckAuthenticator(self.request)
        items = find_items(self.context, form.get("reference"))
        if not items:
            self.error = _(
                "msg_erasure_not_found",
                default="Nessuna richiesta con questo numero in questo sportello.",
            )
            return self.index()
        self.items = items
        self.step = "confirm"
        if "form.confirm" not in form:
            return self.index()
        if not form.get("confirm"):
            self.error = _(
                "msg_erasure_confirm_missing",
                default="Spunta la conferma per cancellare i dati.",
            )
            return self.index()
        actor = api.user.get_current().getId()
        erased = erase_reference(self.context, self.reference, actor)
        if erased:
            message = _(
                "msg_erasure_done",
                default="Dati personali di ${reference} cancellati.",
                mapping={"reference": self.reference},
            )
        else:
            message = _(
                "msg_erasure_already",
                default="I dati personali di ${reference} erano già cancellati.",
                mapping={"reference": self.reference},
            )
        api.portal.show_message(message, request=self.request)
        self.request.response.redirect(items[0].absolute_url())
        return ""

    def rows(self):
        rows = []
        for obj in self.items:
            info = erased_info(obj)
            rows.append(
                {
                    "url": obj.absolute_url(),
                    "reference": obj.reference or obj.getId(),
                    "kind": self.kind(obj.portal_type),
                    "state": self.state(api.content.get_state(obj, default="")),
                    "created": format_when(obj.created()),
                    "erased": format_when(info["when"]) if info else "",
                }
            )
        return rows


class ErasureLogView(PrivacyPage):
    """``@@registro-cancellazioni`` on an inbox: its erasures, newest first."""

    def __call__(self):
        check_manage(self.context)
        return self.index()

    def batch(self):
        try:
            page = max(1, int(self.request.form.get("pagina", 1)))
        except ValueError:
            page = 1
        rows = [
            {
                "when": format_when(entry["when"]),
                "iso": entry["when"].isoformat(),
                "reference": entry.get("reference") or entry.get("id"),
                "kind": self.kind(entry.get("portal_type")),
                "state": self.state(entry.get("state")),
                "closed": format_when(entry.get("closed")),
                "reason": self.reason(entry.get("reason")),
                "actor": entry.get("actor") or "",
            }
            for entry in log_entries(self.context)
        ]
        return Batch.fromPagenumber(rows, pagesize=LOG_PAGE_SIZE, pagenumber=page)

    def page_url(self, page):
        return f"{self.context.absolute_url()}/@@registro-cancellazioni?pagina={page}"


class PurgeView(PrivacyPage):
    """``@@famiguida-purge`` on the site: the retention purge for administrators.

    GET shows what a purge would erase and a form; a POST with the
    authenticator (or the ``X-Famiguida-Purge: run`` header, answered as
    plain text) runs it; ``dry-run=1`` only lists.
    """

    def __call__(self):
        if not api.user.has_permission(MANAGE_PRIVACY, obj=self.context):
            raise Unauthorized(MANAGE_PRIVACY)
        self.months = retention_months()
        self.results = None
        self.dry_run = False
        if self.request.method != "POST":
            self.preview = purge(self.context, dry_run=True)
            return self.index()
        by_header = (
            self.request.getHeader(PURGE_HEADER, "") or ""
        ).strip().lower() == PURGE_HEADER_VALUE
        if not by_header:
            CheckAuthenticator(self.request)
        # checked above, by the authenticator or the custom header
        alsoProvides(self.request, IDisableCSRFProtection)
        self.dry_run = bool(self.request.form.get("dry-run"))
        actor = api.user.get_current().getId()
        self.results = purge(self.context, dry_run=self.dry_run, actor=actor)
        if by_header:
            return self.as_text()
        self.preview = []
        return self.index()

    def as_text(self):
        verb = "would erase" if self.dry_run else "erased"
        lines = [
            f"famiguida-purge: {verb} {len(self.results)} items "
            f"(retention {self.months} months)"
        ]
        lines.extend(describe(record, self.dry_run) for record in self.results)
        response = self.request.response
        response.setHeader("Content-Type", "text/plain; charset=utf-8")
        response.setHeader("Cache-Control", "private, no-store")
        return "\n".join(lines) + "\n"

    def rows(self, records):
        return [
            {
                "reference": record["reference"] or record["id"],
                "kind": self.kind(record["portal_type"]),
                "desk": record["desk"],
                "state": self.state(record["state"]),
                "closed": format_when(record["closed"]),
            }
            for record in records
        ]


class ErasedViewlet(ViewletBase):
    """On an erased request's page: when and why its data were erased."""

    index = ViewPageTemplateFile("templates/erased_viewlet.pt")

    def update(self):
        super().update()
        self.info = erased_info(self.context)

    def available(self):
        return self.info is not None

    def when(self):
        return format_when(self.info["when"])

    def reason(self):
        value = self.info["reason"]
        label = REASON_LABELS.get(value)
        return translate(label, context=self.request) if label else value

    def render(self):
        return self.index() if self.available() else ""
