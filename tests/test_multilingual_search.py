"""Directory search in every script: Arabic, Urdu, Chinese, Punjabi, Ukrainian.

The translated starter services (content/items/60-translations-<code>.json)
are the data.  A query typed in the language's script on
``/Plone/<code>/guida/@@cerca`` finds the services whose texts hold it, and
nothing else; the same words find them through the catalog
(``SearchableText``).  What makes it work is famiguida.lexicon: combining
marks stay inside their word (Gurmukhi vowels, Arabic diacritics), Chinese
is cut in character pairs, and Arabic-script spelling variants and the
article al- are folded.  Expected ids were read off the JSON files by hand.
"""

from famiguida.directory_search import Criteria
from famiguida.directory_search import DirectorySearch
from famiguida.lexicon import Normalizer
from famiguida.lexicon import reindex_text_indexes
from famiguida.lexicon import Splitter
from famiguida.lexicon import use_famiguida_pipeline
from famiguida.setuphandlers.lexicon import upgrade_lexicon
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import logout
from plone.base.utils import munge_search_term
from plone.testing.zope import Browser

import pytest
import re
import transaction


# (language, query, ids of the services it must find, nothing more)
CASES = [
    # Arabic: with and without the article al- (and wa-l- "and the")
    (
        "ar",
        "السكن",
        {
            "sportello-mediazione-abitativa-crema",
            "sportello-informativo-stranieri-lodi",
            "iscrizione-ssn-cremona",
        },
    ),
    (
        "ar",
        "سكن",
        {
            "sportello-mediazione-abitativa-crema",
            "sportello-informativo-stranieri-lodi",
            "iscrizione-ssn-cremona",
        },
    ),
    ("ar", "مركز التوظيف", {"centro-impiego-lodi"}),
    ("ar", "التطعيمات", {"iscrizione-scuola-crema"}),
    ("ar", "تطعيمات", {"iscrizione-scuola-crema"}),
    # Arabic with diacritics typed (tanwin, shadda) finds the plain text
    ("ar", "تَطْعِيمَات", {"iscrizione-scuola-crema"}),
    # Urdu; typed with Arabic letters (kaf, yeh) it finds the Urdu spelling
    ("ur", "ثالثی", {"sportello-mediazione-abitativa-crema"}),
    ("ur", "روزگار مرکز", {"centro-impiego-lodi"}),
    ("ur", "روزگار مركز", {"centro-impiego-lodi"}),
    ("ur", "اسکول بس", {"iscrizione-scuola-crema"}),
    ("ur", "پنشن", {"patronato-permesso-soggiorno-cremona"}),
    ("ur", "دائیاں", {"consultorio-familiare-casalmaggiore"}),
    ("ur", "دائياں", {"consultorio-familiare-casalmaggiore"}),
    # Punjabi in Gurmukhi: vowel signs are part of the word
    ("pa", "ਸਕੂਲ ਬੱਸ", {"iscrizione-scuola-crema"}),
    ("pa", "ਰੁਜ਼ਗਾਰ", {"centro-impiego-lodi"}),
    # the same word typed with the precomposed letter za (U+0A5B)
    ("pa", "ਰੁ\u0a5bਗਾਰ", {"centro-impiego-lodi"}),
    ("pa", "ਟੀਕਿਆਂ", {"iscrizione-scuola-crema"}),
    ("pa", "ਦਾਈਆਂ", {"consultorio-familiare-casalmaggiore"}),
    ("pa", "ਪੈਨਸ਼ਨ", {"patronato-permesso-soggiorno-cremona"}),
    # Ukrainian (Cyrillic, as Plone always split it)
    ("uk", "щеплення", {"iscrizione-scuola-crema"}),
    ("uk", "центр зайнятості", {"centro-impiego-lodi"}),
    # Chinese: no spaces; two or three characters from inside a title
    ("zh", "就业", {"centro-impiego-lodi"}),
    ("zh", "业中", {"centro-impiego-lodi"}),
    ("zh", "成人意", {"corsi-italiano-cpia-cremona"}),
    ("zh", "住房调解", {"sportello-mediazione-abitativa-crema"}),
    ("zh", "校车", {"iscrizione-scuola-crema"}),
]


def ids_in_page(html, lang):
    """Ids of the services of ``lang`` a results page links to."""
    return set(re.findall(rf"/{lang}/guida/servizi/([a-z0-9-]+)", html))


@pytest.fixture
def browser(functional_portal):
    transaction.commit()
    browser = Browser(functional_portal.aq_parent)
    browser.handleErrors = False
    return browser


@pytest.mark.parametrize("lang,query,expected", CASES)
def test_search_page_finds_translations_by_words_of_the_script(
    browser, functional_portal, lang, query, expected
):
    browser.open(
        f"{functional_portal.absolute_url()}/{lang}/guida/@@cerca",
    )
    form = browser.getForm(id="famiguida-search")
    form.getControl(name="q").value = query
    form.submit()
    assert ids_in_page(browser.contents, lang) == expected


@pytest.mark.parametrize("lang,query,expected", CASES)
def test_catalog_finds_translations_by_words_of_the_script(
    portal, lang, query, expected
):
    logout()
    root = "/".join(portal[lang].getPhysicalPath())
    brains = api.content.find(
        portal_type="Service",
        path=root,
        SearchableText=munge_search_term(query),
    )
    assert {brain.getId for brain in brains} == expected
    engine = DirectorySearch(portal[lang], Criteria.from_form({"q": query})).run()
    assert {brain.getId for brain in engine.brains} == expected


@pytest.mark.parametrize("lang", ["ar", "ur", "zh", "pa", "uk"])
def test_starter_translations_are_linked(portal, lang):
    italian = portal.unrestrictedTraverse(
        "it/guida/servizi/sportello-mediazione-abitativa-crema"
    )
    translation = ITranslationManager(italian).get_translation(lang)
    assert translation.absolute_url_path().endswith(
        f"/{lang}/guida/servizi/sportello-mediazione-abitativa-crema"
    )
    assert api.content.get_state(translation) == "published"
    assert translation.need_categories == italian.need_categories
    assert translation.provider.to_object.absolute_url_path().endswith(
        f"/{lang}/guida/enti/circolo-acli-crema"
    )


def test_plone_lexicon_uses_the_famiguida_pipeline(portal):
    lexicon = api.portal.get_tool("portal_catalog").plone_lexicon
    assert tuple(lexicon._pipeline) == (Splitter(), Normalizer())


@pytest.mark.parametrize(
    "query,title",
    [
        ("mediazione abitativa", "Sportello casa: mediazione abitativa"),
        ("citta lodi", "Sportello informativo per cittadini stranieri (Città di Lodi)"),
        ("Città", "Sportello informativo per cittadini stranieri (Città di Lodi)"),
    ],
)
def test_italian_search_still_works(portal, query, title):
    logout()
    engine = DirectorySearch(portal["it"], Criteria.from_form({"q": query})).run()
    assert title in {brain.Title for brain in engine.brains}


def test_gurmukhi_words_keep_their_vowel_signs():
    from Products.CMFPlone.UnicodeSplitter.splitter import Splitter as PloneSplitter

    text = ["ਸਕੂਲ ਵਿੱਚ ਦਾਖਲਾ"]
    assert Splitter().process(text) == ["ਸਕੂਲ", "ਵਿੱਚ", "ਦਾਖਲਾ"]
    # Plone's own splitter cuts the words at every vowel sign
    assert PloneSplitter().process(text) != ["ਸਕੂਲ", "ਵਿੱਚ", "ਦਾਖਲਾ"]


def test_chinese_is_still_cut_in_pairs():
    assert Splitter().process(["住房中介"]) == ["住房", "房中", "中介", "介"]
    assert Splitter().processGlob(["房中*"]) == ["房中"]


@pytest.mark.parametrize(
    "word,normal",
    [
        ("الإسكان", "اسكان"),  # article and hamza seat
        ("مرحبًا", "مرحبا"),  # tanwin
        ("للعائلات", "عايلات"),  # li-l; the hamza seat goes too
        ("والسكن", "سكن"),  # wa-l
        ("السكن*", "سكن*"),  # a query's wildcard survives
        ("سكن", "سكن"),
        ("داخلہ", "داخله"),  # Urdu heh goal
        ("اسکول", "اسكول"),  # Urdu keheh
        ("Città", "citta"),  # Latin as Plone folds it
    ],
)
def test_normalizer(word, normal):
    assert Normalizer().process([word]) == [normal]


def test_applying_the_step_again_changes_nothing(portal):
    catalog = api.portal.get_tool("portal_catalog")
    assert use_famiguida_pipeline(catalog) is False


def test_a_site_with_plones_lexicon_is_fixed_and_reindexed(portal):
    """What the upgrade step does on a site made before it existed."""
    from Products.CMFPlone.UnicodeSplitter.splitter import I18NNormalizer
    from Products.CMFPlone.UnicodeSplitter.splitter import Splitter as PloneSplitter

    catalog = api.portal.get_tool("portal_catalog")
    lexicon = catalog.plone_lexicon
    lexicon._pipeline = (PloneSplitter(), I18NNormalizer())
    lexicon.clear()
    reindex_text_indexes(catalog)

    def found(query):
        brains = catalog(
            portal_type="Service",
            path="/".join(portal["ar"].getPhysicalPath()),
            SearchableText=munge_search_term(query),
        )
        return {brain.getId for brain in brains}

    # Plone alone: no article folding ("the building" is only written with
    # the article; the bare "سكن" now also appears in a form's link text)
    assert found("عمارة") == set()
    upgrade_lexicon(portal.portal_setup)
    assert "sportello-mediazione-abitativa-crema" in found("عمارة")
    assert tuple(lexicon._pipeline) == (Splitter(), Normalizer())
    assert found("سكن") == {
        "sportello-mediazione-abitativa-crema",
        "sportello-informativo-stranieri-lodi",
        "iscrizione-ssn-cremona",
    }
