"""Report test data: desk requests received at known Rome times, in known states."""

from DateTime import DateTime
from datetime import datetime
from famiguida.desks.requests import create_request
from famiguida.desks.requests import ROME
from plone import api


USERS = {
    "anonymous": None,
    "operator": "operators",
    "editor": "editors",
    "housing": "housing-desk",
    "caregiver": "caregiver-desk",
    "mediation": "mediation-desk",
    "siteadmin": "Site Administrator",
}

# (desk, form, language, municipality, received (Rome), transitions)
REQUESTS = {
    # 23:30 on 31 January in Rome: January
    "A": ("casa", "cerco-casa", "it", "crema", (2026, 1, 31, 23, 30), ()),
    # 00:30 on 1 February in Rome is still 31 January in UTC: February
    "B": ("casa", "offri-una-casa", "ar", "crema", (2026, 2, 1, 0, 30), ("start",)),
    "C": ("casa", "cerco-casa", "ar", "", (2026, 3, 10, 12, 0), ("start", "complete")),
    "D": (
        "assistenti-familiari",
        "offro-assistenza",
        "ro",
        "cremona",
        (2026, 1, 15, 10, 0),
        (),
    ),
    "E": (
        "assistenti-familiari",
        "cerco-assistente",
        "uk",
        "lodi",
        (2026, 3, 1, 0, 10),
        ("reject",),
    ),
    "F": (
        "mediazione",
        "richiesta-mediatore",
        "it",
        "chiari",
        (2026, 2, 14, 9, 0),
        ("complete",),
    ),
    # outside 2026-01..2026-03: December 2025 and 1 April (31 March in UTC)
    "G": (
        "mediazione",
        "richiesta-mediatore",
        "zh",
        "crema",
        (2025, 12, 31, 23, 59),
        (),
    ),
    "H": ("mediazione", "richiesta-mediatore", "it", "crema", (2026, 4, 1, 0, 0), ()),
}
RANGE = {"da": "2026-01", "a": "2026-03"}


def received_at(obj, parts):
    """Set the creation date of ``obj`` to ``parts`` in Rome and reindex."""
    when = ROME.localize(datetime(*parts))
    obj.creation_date = DateTime(when.isoformat())
    obj.reindexObject()


def make_requests(portal):
    """Create REQUESTS as the forms do; return {key: object}."""
    made = {}
    with api.env.adopt_roles(["Manager"]):
        for key, (desk, form, language, town, parts, path) in REQUESTS.items():
            reference = create_request(
                desk,
                form,
                language,
                town,
                {"k": key},
                True,
                submitter_name=f"Persona {key}",
                email=f"persona-{key.lower()}@example.org",
            )
            inbox = portal["sportelli"][desk]
            obj = inbox[reference.lower()]
            received_at(obj, parts)
            for transition in path:
                api.content.transition(obj=obj, transition=transition)
            made[key] = obj
            home = inbox.get(f"{reference.lower()}-casa")
            if home is not None:
                received_at(home, parts)
                api.content.transition(obj=home, transition="make_available")
                made[f"{key}-home"] = home
    return made


def call_view(context, name, **form):
    """Render view ``name`` on ``context`` with the GET ``form``."""
    request = context.REQUEST
    request.form.clear()
    request.form.update(form)
    request.method = "GET"
    request.response.setStatus(200)
    view = api.content.get_view(name=name, context=context, request=request)
    return view, view()
