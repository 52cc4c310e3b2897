"""Desk staff pages: the request page and the inbox list with its export.

Both work without JavaScript: plain GET filters, plain POST forms carrying
plone.protect's authenticator.  Submitted text is only ever shown through
TAL (escaped) or exported through ``escape_formula``.
"""

from AccessControl import Unauthorized
from collections import Counter
from DateTime import DateTime
from datetime import date
from datetime import datetime
from datetime import time
from famiguida import _
from famiguida.desks.requests import add_note
from famiguida.directory_io.export import CSV_CONTENT_TYPE
from famiguida.directory_io.export import to_csv
from famiguida.directory_io.export import to_xlsx
from famiguida.directory_io.export import XLSX_CONTENT_TYPE
from famiguida.opening_hours import ROME
from plone import api
from plone.batching import Batch
from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
from urllib.parse import urlencode
from zExceptions import BadRequest
from zope.component import queryUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory

import json


MANAGE = "famiguida: Manage desk requests"

STATE_LABELS = {
    "new": _("state_desk_new", default="Nuova"),
    "in_progress": _("state_desk_in_progress", default="In lavorazione"),
    "done": _("state_desk_done", default="Conclusa"),
    "rejected": _("state_desk_rejected", default="Respinta"),
    "to_verify": _("state_home_to_verify", default="Da verificare"),
    "available": _("state_home_available", default="Disponibile"),
    "assigned": _("state_home_assigned", default="Assegnata"),
    "withdrawn": _("state_home_withdrawn", default="Ritirata"),
}

TRANSITION_LABELS = {
    "start": _("transition_desk_start", default="Prendi in carico"),
    "complete": _("transition_desk_complete", default="Concludi"),
    "reject": _("transition_desk_reject", default="Respingi"),
    "reopen": _("transition_desk_reopen", default="Riapri"),
    "make_available": _("transition_home_available", default="Rendi disponibile"),
    "assign": _("transition_home_assign", default="Assegna"),
    "withdraw": _("transition_home_withdraw", default="Ritira"),
    "back_to_verify": _("transition_home_to_verify", default="Da verificare di nuovo"),
}

ACTION_LABELS = {
    "created": _("history_created", default="Ricevuta"),
    "status": _("history_status", default="Cambio di stato"),
    "note": _("history_note", default="Nota"),
    "erased": _("history_erased", default="Dati personali cancellati"),
}

DESK_STATES = ("new", "in_progress", "done", "rejected")
PAGE_SIZE = 50


def format_when(value):
    """``dd/mm/yyyy HH:MM`` in Europe/Rome ('' for nothing)."""
    if value is None:
        return ""
    if isinstance(value, DateTime):
        value = value.asdatetime()
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=ROME)
        return value.astimezone(ROME).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def check_manage(context):
    """Refuse anyone who may not work this inbox.

    The view's ZCML permission already says so; checked again in the view
    because an unwrapped view's class-level roles can be resolved once and
    reused (seen with AccessControl's Python implementation in tests).
    """
    if not api.user.has_permission(MANAGE, obj=context):
        raise Unauthorized(MANAGE)


def municipality_title(context, value):
    if not value:
        return ""
    factory = queryUtility(IVocabularyFactory, "famiguida.municipalities")
    if factory is None:
        return value
    try:
        return factory(context).getTerm(value).title
    except LookupError:
        return value


def submitted_items(obj):
    """The submitted data as ``(field, text)`` pairs, in submission order."""
    raw = getattr(obj, "data_json", None) or ""
    try:
        data = json.loads(raw)
    except ValueError:
        return [("", raw)] if raw else []
    if not isinstance(data, dict):
        return [("", str(data))]
    rows = []
    for key, value in data.items():
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, bool):
            value = "sì" if value else "no"
        elif value is None:
            value = ""
        rows.append((str(key), str(value)))
    return rows


class RequestView(BrowserView):
    """Default view of a DeskRequest (and a VacantHome) for desk staff."""

    def __call__(self):
        if not api.user.has_permission("View", obj=self.context):
            raise Unauthorized("View")
        if self.request.method == "POST":
            return self.handle_post()
        return self.index()

    def t(self, msgid):
        return translate(msgid, context=self.request)

    def can_manage(self):
        return bool(api.user.get_permissions(obj=self.context).get(MANAGE))

    def handle_post(self):
        CheckAuthenticator(self.request)
        if not self.can_manage():
            raise Unauthorized("famiguida: Manage desk requests")
        form = self.request.form
        if "form.note" in form:
            text = (form.get("note") or "").strip()
            if not text:
                api.portal.show_message(
                    _("msg_desk_note_empty", default="Scrivi il testo della nota."),
                    request=self.request,
                    type="error",
                )
            else:
                add_note(self.context, text)
                self.context.reindexObject(idxs=["modified"])
                api.portal.show_message(
                    _("msg_desk_note_saved", default="Nota salvata."),
                    request=self.request,
                )
        elif "form.transition" in form:
            transition = form.get("transition", "")
            if transition not in [t["id"] for t in self.transitions()]:
                raise BadRequest("transition")
            api.content.transition(
                obj=self.context,
                transition=transition,
                comment=(form.get("comment") or "").strip(),
            )
            api.portal.show_message(
                _("msg_desk_status_changed", default="Stato cambiato."),
                request=self.request,
            )
        self.request.response.redirect(self.context.absolute_url())
        return ""

    def state(self):
        state = api.content.get_state(self.context)
        return self.t(STATE_LABELS.get(state, state))

    def transitions(self):
        workflow = api.portal.get_tool("portal_workflow")
        return [
            {
                "id": info["id"],
                "title": self.t(TRANSITION_LABELS.get(info["id"], info["id"])),
            }
            for info in workflow.getTransitionsFor(self.context)
        ]

    def submitted(self):
        return submitted_items(self.context)

    def attachments(self):
        """The request's uploads, with their download links (desk_forms)."""
        from famiguida.desk_forms.attachments import attachments
        from famiguida.desk_forms.attachments import human_size

        return [
            dict(row, size=human_size(row["size"])) for row in attachments(self.context)
        ]

    def municipality(self):
        return municipality_title(self.context, self.context.municipality)

    def facts(self):
        """Label and text of the request's own fields."""
        obj = self.context
        rows = []
        for name, label in self.fact_fields():
            value = getattr(obj, name, None)
            if name == "municipality":
                value = self.municipality()
            elif name in ("consent", "furnished"):
                value = self.t(
                    _("label_yes", default="sì")
                    if value
                    else _("label_no", default="no")
                )
            elif isinstance(value, (date, datetime)):
                value = format_when(value)
            rows.append(
                {"label": self.t(label), "value": "" if value is None else str(value)}
            )
        return rows

    def fact_fields(self):
        from famiguida.desks.content import IDeskRequest
        from famiguida.desks.content import IVacantHome

        schema = IDeskRequest if IDeskRequest.providedBy(self.context) else IVacantHome
        return [
            (name, schema[name].title)
            for name in schema.names(all=False)
            if name != "data_json"
        ]

    def history(self):
        entries = []
        for entry in reversed(list(getattr(self.context, "history", ()) or ())):
            old, new = entry.get("old"), entry.get("new")
            entries.append(
                {
                    "when": format_when(entry.get("when")),
                    "iso": entry["when"].isoformat() if entry.get("when") else "",
                    "actor": entry.get("actor") or "",
                    "action": self.t(
                        ACTION_LABELS.get(entry.get("action"), entry.get("action"))
                    ),
                    "old": self.t(STATE_LABELS[old])
                    if old in STATE_LABELS
                    else (old or ""),
                    "new": self.t(STATE_LABELS[new])
                    if new in STATE_LABELS
                    else (new or ""),
                    "text": entry.get("text") or "",
                }
            )
        return entries


class InboxQuery:
    """The inbox's requests filtered by the GET parameters."""

    FACETS = (
        ("status", "review_state"),
        ("form", "desk_form"),
        ("municipality", "desk_municipality"),
        ("language", "desk_language"),
    )

    def __init__(self, inbox, form):
        self.inbox = inbox
        self.form = form
        self.catalog = api.portal.get_tool("portal_catalog")

    def value(self, name):
        value = self.form.get(name, "")
        return value.strip() if isinstance(value, str) else ""

    def day(self, name):
        value = self.value(name)
        try:
            return date.fromisoformat(value) if value else None
        except ValueError:
            return None

    def query(self, without=None):
        query = {
            "portal_type": "DeskRequest",
            "path": "/".join(self.inbox.getPhysicalPath()),
            # the created index keeps minutes: the id (reference) breaks ties
            "sort_on": ("created", "getId"),
            "sort_order": ("descending", "descending"),
        }
        for param, index in self.FACETS:
            if param != without and self.value(param):
                query[index] = self.value(param)
        start, end = self.day("from"), self.day("to")
        if start or end:
            low = DateTime(datetime.combine(start or date(1970, 1, 1), time(0), ROME))
            high = DateTime(
                datetime.combine(end or date(9999, 12, 31), time(23, 59, 59), ROME)
            )
            query["created"] = {"query": (low, high), "range": "min:max"}
        return query

    def results(self):
        return self.catalog(**self.query())

    def counts(self, param, index):
        """How many requests each value of ``index`` has, other filters kept."""
        idx = self.catalog._catalog.getIndex(index)
        return Counter(
            idx.getEntryForObject(brain.getRID(), "")
            for brain in self.catalog(**self.query(without=param))
        )


class InboxView(BrowserView):
    """``@@richieste`` on a desk inbox: filters, counts, newest first, batched."""

    def __call__(self):
        check_manage(self.context)
        self.filters = InboxQuery(self.context, self.request.form)
        return self.index()

    def t(self, msgid):
        return translate(msgid, context=self.request)

    def value(self, name):
        return self.filters.value(name)

    def facet(self, param):
        index = dict(self.filters.FACETS)[param]
        counts = self.filters.counts(param, index)
        values = set(counts) | ({self.value(param)} if self.value(param) else set())
        if param == "status":
            order = list(DESK_STATES)
        else:
            order = sorted(v for v in values if v)
        options = []
        for value in order:
            if param == "status":
                label = self.t(STATE_LABELS[value])
            elif param == "municipality":
                label = municipality_title(self.context, value)
            else:
                label = value
            options.append(
                {
                    "value": value,
                    "label": label,
                    "count": counts.get(value, 0),
                    "selected": value == self.value(param),
                }
            )
        return options

    def batch(self):
        try:
            page = max(1, int(self.request.form.get("pagina", 1)))
        except ValueError:
            page = 1
        return Batch.fromPagenumber(
            self.filters.results(), pagesize=PAGE_SIZE, pagenumber=page
        )

    def rows(self, batch):
        rows = []
        for brain in batch:
            obj = brain.getObject()
            rows.append(
                {
                    "url": brain.getURL(),
                    "reference": obj.reference,
                    "created": format_when(brain.created),
                    "form": obj.form_id,
                    "language": obj.submission_language,
                    "municipality": municipality_title(self.context, obj.municipality),
                    "name": obj.submitter_name or "",
                    "state": self.t(
                        STATE_LABELS.get(brain.review_state, brain.review_state)
                    ),
                }
            )
        return rows

    def homes(self):
        """The inbox's vacant homes, newest first (housing desk only)."""
        if "VacantHome" not in (
            getattr(self.context.aq_base, "locally_allowed_types", ()) or ()
        ):
            return None
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog(
            portal_type="VacantHome",
            path="/".join(self.context.getPhysicalPath()),
            sort_on=("created", "getId"),
            sort_order=("descending", "descending"),
        )
        rows = []
        for brain in brains[:PAGE_SIZE]:
            obj = brain.getObject()
            rows.append(
                {
                    "url": brain.getURL(),
                    "reference": obj.reference or "",
                    "address": obj.address or "",
                    "municipality": municipality_title(self.context, obj.municipality),
                    "rooms": "" if obj.rooms is None else str(obj.rooms),
                    "rent": "" if obj.rent is None else str(obj.rent),
                    "state": self.t(
                        STATE_LABELS.get(brain.review_state, brain.review_state)
                    ),
                }
            )
        return {"count": len(brains), "rows": rows}

    def query_string(self, **changes):
        params = {
            key: self.value(key)
            for key in ("status", "form", "municipality", "language", "from", "to")
            if self.value(key)
        }
        params.update({k: v for k, v in changes.items() if v is not None})
        return urlencode(params)

    def page_url(self, page):
        query = self.query_string(pagina=page)
        return f"{self.context.absolute_url()}/@@richieste?{query}"

    def export_url(self, file_format):
        return (
            f"{self.context.absolute_url()}/@@richieste-esporta?"
            f"{self.query_string(formato=file_format)}"
        )


EXPORT_HEAD = (
    "riferimento",
    "ricevuta",
    "stato",
    "sportello",
    "modulo",
    "lingua",
    "comune",
    "nome",
    "email",
    "telefono",
    "consenso",
    "consenso_il",
    "dati",
    "note",
)


def export_row(obj, state):
    notes = "\n".join(
        f"{format_when(e.get('when'))} {e.get('actor') or ''}: {e.get('text')}"
        for e in (getattr(obj, "history", ()) or ())
        if e.get("action") == "note"
    )
    return [
        obj.reference or "",
        format_when(obj.created()),
        state,
        obj.desk or "",
        obj.form_id or "",
        obj.submission_language or "",
        obj.municipality or "",
        obj.submitter_name or "",
        obj.email or "",
        obj.phone or "",
        "sì" if obj.consent else "no",
        format_when(obj.consent_date),
        "\n".join(
            f"{key}: {value}" if key else value for key, value in submitted_items(obj)
        ),
        notes,
    ]


class InboxExport(BrowserView):
    """``@@richieste-esporta?formato=csv|xlsx`` with the list's filters."""

    def __call__(self):
        check_manage(self.context)
        filters = InboxQuery(self.context, self.request.form)
        rows = [
            export_row(brain.getObject(), brain.review_state)
            for brain in filters.results()
        ]
        stamp = datetime.now(ROME).date().isoformat()
        name = f"richieste-{self.context.getId()}-{stamp}"
        if self.request.form.get("formato") == "xlsx":
            data = to_xlsx(list(EXPORT_HEAD), rows, title="richieste")
            content_type, filename = XLSX_CONTENT_TYPE, f"{name}.xlsx"
        else:
            data = to_csv(list(EXPORT_HEAD), rows)
            content_type, filename = CSV_CONTENT_TYPE, f"{name}.csv"
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
        response.setHeader("Cache-Control", "private, no-store")
        return data


InboxView.label_status = _("label_desk_status_column", default="Stato")
InboxView.label_form = _("label_desk_form", default="Modulo")
InboxView.label_municipality = _("label_municipality", default="Comune")
InboxView.label_language = _(
    "label_submission_language", default="Lingua della richiesta"
)
