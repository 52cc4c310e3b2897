"""Marker interfaces of the famiguida add-on."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IFamiguidaLayer(IDefaultBrowserLayer):
    """Browser layer: active on sites where famiguida is installed."""
