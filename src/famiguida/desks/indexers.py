"""Catalog values of desk requests, read by the inbox filters."""

from famiguida.desks.content import IDeskRequest
from plone.indexer import indexer


@indexer(IDeskRequest)
def desk_form(obj):
    return obj.form_id


@indexer(IDeskRequest)
def desk_language(obj):
    return obj.submission_language


@indexer(IDeskRequest)
def desk_municipality(obj):
    return obj.municipality or ""
