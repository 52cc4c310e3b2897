"""1001 -> 1002 through portal_setup: the lexicon for every script and the
translation stamps reach a site made by 1001."""

from famiguida.lexicon import Normalizer
from famiguida.lexicon import reindex_text_indexes
from famiguida.lexicon import Splitter
from plone import api
from plone.base.utils import munge_search_term
from Products.CMFPlone.UnicodeSplitter.splitter import I18NNormalizer
from Products.CMFPlone.UnicodeSplitter.splitter import Splitter as PloneSplitter


PROFILE = "famiguida:default"


def arabic_hits(portal, catalog, word):
    brains = catalog(
        portal_type="Service",
        path="/".join(portal["ar"].getPhysicalPath()),
        SearchableText=munge_search_term(word),
    )
    return {brain.getId for brain in brains}


def test_upgrade_to_1002(portal):
    catalog = api.portal.get_tool("portal_catalog")
    # a site as 1001 made it: Plone's lexicon, no stamp column
    lexicon = catalog.plone_lexicon
    lexicon._pipeline = (PloneSplitter(), I18NNormalizer())
    lexicon.clear()
    reindex_text_indexes(catalog)
    catalog.delColumn("translation_stamp")
    setup = portal.portal_setup
    setup.setLastVersionForProfile(PROFILE, "1001")
    # "the building" is written with the article: Plone's lexicon keeps it
    # attached, so the bare word finds nothing
    assert arabic_hits(portal, catalog, "عمارة") == set()

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == ("1004",)
    assert setup.listUpgrades(PROFILE) == []
    assert tuple(lexicon._pipeline) == (Splitter(), Normalizer())
    hits = arabic_hits(portal, catalog, "عمارة")
    assert "sportello-mediazione-abitativa-crema" in hits
    assert "sportello-mediazione-abitativa-crema" in arabic_hits(portal, catalog, "سكن")
    assert "translation_stamp" in catalog.schema()
    brain = catalog(portal_type="Service", path="/plone/ar/guida/servizi")[0]
    assert brain.translation_stamp
