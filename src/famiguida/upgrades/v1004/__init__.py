"""1003 -> 1004: the desk forms (their settings, the translatable EasyForm,
the mail queue), privacy retention and the funders' reports."""

from famiguida.desk_forms.settings import IDeskFormSettings
from famiguida.privacy.settings import IPrivacySettings
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


def add_settings(context):
    """Register only the new records: re-importing the registry would reset
    the language and navigation settings an administrator may have changed."""
    registry = getUtility(IRegistry)
    registry.registerInterface(IDeskFormSettings, prefix="famiguida.desk_forms")
    registry.registerInterface(IPrivacySettings, prefix="famiguida.privacy")
