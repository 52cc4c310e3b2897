"""Editors' import and export of the directory (Service, Organization, Location).

``columns`` says which spreadsheet column holds which field and how a cell is
written; ``export`` turns the items of a folder into CSV or XLSX bytes;
``importer`` reads such a file back, validates every row exactly as the edit
form would (plone.restapi's deserializer) and creates or updates the items all
at once, or not at all.
"""
