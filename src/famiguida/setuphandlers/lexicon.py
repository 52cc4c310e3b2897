"""Import step: words of every script in the catalog (see famiguida.lexicon).

Runs for a profile holding ``famiguida_lexicon.txt``: gives Plone's
``plone_lexicon`` the famiguida splitter and normalizer, and rebuilds the
full-text indexes that use it.  Nothing happens when the lexicon has them
already, so applying the profile again costs nothing.
"""

from famiguida.lexicon import use_famiguida_pipeline
from plone import api

import logging


logger = logging.getLogger("famiguida.setup")

MARKER = "famiguida_lexicon.txt"


def import_lexicon(context):
    """GenericSetup handler of the ``famiguida-lexicon`` step."""
    if context.readDataFile(MARKER) is None:
        return
    catalog = api.portal.get_tool("portal_catalog")
    if use_famiguida_pipeline(catalog):
        logger.info("plone_lexicon: famiguida splitter and normalizer; reindexed")


def upgrade_lexicon(setup_tool):
    """Upgrade step for sites made before the step existed: the same change."""
    catalog = api.portal.get_tool("portal_catalog")
    if use_famiguida_pipeline(catalog):
        logger.info("plone_lexicon: famiguida splitter and normalizer; reindexed")
