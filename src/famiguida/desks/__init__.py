"""The desks: private inboxes of requests sent through the desk forms.

Each desk works one guarded folder under ``/Plone/sportelli`` (see
``profiles/default/famiguida_areas.json``).  ``DESKS`` maps a desk id (the
inbox folder's id) to its inbox path, its group and the prefix of its
reference numbers (``CASA-2026-00042``).
"""

DESKS = {
    "casa": {"path": "sportelli/casa", "group": "housing-desk", "prefix": "CASA"},
    "assistenti-familiari": {
        "path": "sportelli/assistenti-familiari",
        "group": "caregiver-desk",
        "prefix": "ASSF",
    },
    "mediazione": {
        "path": "sportelli/mediazione",
        "group": "mediation-desk",
        "prefix": "MED",
    },
}

# Types each inbox may hold: only the housing desk keeps vacant homes.
INBOX_TYPES = {
    "casa": ("DeskRequest", "VacantHome"),
    "assistenti-familiari": ("DeskRequest",),
    "mediazione": ("DeskRequest",),
}

# The housing desk's landlord form: each submission also creates a VacantHome.
LANDLORD_FORM_ID = "offri-una-casa"
