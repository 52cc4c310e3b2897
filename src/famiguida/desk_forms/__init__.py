"""The desk forms: collective.easyform forms whose submissions become desk requests."""
