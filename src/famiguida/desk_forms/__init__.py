"""The desk forms: collective.easyform forms whose submissions become desk requests.

A desk form is an EasyForm whose ``actions_model`` holds one
``DeskRequestAction`` (``famiguida.desk_forms.actions.actions_model``).  Its
fields may use the reserved ids below; every other field is stored as the
request's submitted data, uploads as its attachments.
"""

# Reserved field ids: read into the DeskRequest's own fields.
NAME = "name"
EMAIL = "email"
PHONE = "phone"
MUNICIPALITY = "municipality"
CONSENT = "privacy_consent"
RESERVED_FIELDS = (NAME, EMAIL, PHONE, MUNICIPALITY, CONSENT)

# The name of the action in the actions model, and of its factory and handler.
ACTION_TYPE = "famiguida.desk_forms.DeskRequest"
