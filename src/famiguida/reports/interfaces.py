"""Marker of the folder whose report covers every desk (``/Plone/sportelli``)."""

from zope.interface import Interface


class IDeskReportsArea(Interface):
    """The container of the desk inboxes: ``@@rendiconto`` covers them all."""
