"""1000 -> 1001: the "Guida ai servizi" settings (editors' e-mail, months
before a service page is to be verified again) and their control panel."""

from famiguida.controlpanels.directory import IDirectorySettings
from famiguida.controlpanels.directory import PREFIX
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


def add_directory_settings(context):
    """Register only the new records: re-importing registry.xml would reset
    the language and navigation settings an administrator may have changed."""
    getUtility(IRegistry).registerInterface(IDirectorySettings, prefix=PREFIX)
    context.runImportStepFromProfile(
        "profile-famiguida:default", "controlpanel", run_dependencies=False
    )
