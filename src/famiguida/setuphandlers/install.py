"""Profile-level registrations of the famiguida add-on.

Uninstalling removes the browser layer; groups, language roots and guarded
areas hold people's memberships and content, so they stay, as Plone leaves
the content of uninstalled add-ons in place.
"""

from plone.base.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    """Keep the uninstall profile out of the add-on and site-creation lists."""

    def getNonInstallableProfiles(self):
        return ["famiguida:uninstall"]
