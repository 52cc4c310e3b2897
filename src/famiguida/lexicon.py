"""Words of every script for the catalog's full-text indexes (``plone_lexicon``).

Plone's "Unicode Whitespace splitter" cuts Chinese and Japanese into
overlapping pairs of characters (so a query of two or three characters from
the middle of a title finds it), but it takes a word to be a run of ``\\w``
characters, and Python's ``\\w`` leaves out the combining marks (Unicode
categories Mn, Mc).  Gurmukhi writes most vowels as such marks: "ਸਕੂਲ"
(school) came out as the fragments "ਸਕ" and "ਲ", and a query matched any
text with those fragments.  Arabic diacritics (tanwin in "مرحبًا") cut words
the same way.  Nothing in the pipeline knew the Arabic article either: "سكن"
(housing) did not find "السكن" (the housing).

This module defines two pipeline elements, and the profile's
``famiguida-lexicon`` step puts them in ``plone_lexicon`` (the lexicon of
``SearchableText``, ``Title`` and ``Description``) and rebuilds those indexes:

``famiguida Unicode splitter`` (group "Word Splitter")
    Plone's splitter, with the combining marks kept inside their word.
    Chinese, Japanese, Korean and Thai are still cut in pairs as before.

``famiguida Arabic-script normalizer`` (group "Case Normalizer")
    Plone's accent- and case-folding of Latin words, and for words in Arabic
    script (Arabic, Urdu): drops diacritics and tatweel; writes the letter
    variants one way (alef with hamza or madda and alef wasla as alef; alef
    maqsura and Farsi yeh as yeh; keheh as kaf; teh marbuta, heh goal and
    ae as heh; the hamza above yeh, waw and heh dropped); strips the article
    al- and its prefixed forms (wa-l, bi-l, ka-l, fa-l, li-l) when two
    letters or more remain.
    The same steps run on the indexed text and on the query, so "السكن",
    "سكن" and "الإسكان"/"اسكان" meet.

Both elements compare equal to another instance of their class: applying the
profile again changes nothing when the lexicon has them already (and a
``catalog.xml`` naming them would not clear the lexicon needlessly).  They
are also registered with ZCTextIndex's element factory, under the names
above, for the ZMI and for ``catalog.xml``.
"""

from Products.CMFPlone.UnicodeSplitter.config import pattern
from Products.CMFPlone.UnicodeSplitter.config import pattern_g
from Products.CMFPlone.UnicodeSplitter.config import rx_all
from Products.CMFPlone.UnicodeSplitter.splitter import bigram
from Products.CMFPlone.UnicodeSplitter.splitter import I18NNormalizer
from Products.CMFPlone.UnicodeSplitter.splitter import process_str_post
from Products.ZCTextIndex.interfaces import ISplitter
from Products.ZCTextIndex.PipelineFactory import element_factory
from zope.interface import implementer

import contextlib
import re
import unicodedata


SPLITTER_NAME = "famiguida Unicode splitter"
NORMALIZER_NAME = "famiguida Arabic-script normalizer"
LEXICON_ID = "plone_lexicon"


# Above U+1FFFF only the variation selectors supplement holds marks.
MARK_SCAN_END = 0x20000
VARIATION_SELECTORS_SUPPLEMENT = (0xE0100, 0xE01EF)


def _mark_ranges():
    """A regular-expression class body with every combining mark (M*)."""
    ranges = []
    start = previous = None
    for code in range(MARK_SCAN_END):
        if unicodedata.category(chr(code)).startswith("M"):
            if start is None:
                start = code
            elif code != previous + 1:
                ranges.append((start, previous))
                start = code
            previous = code
    if start is not None:
        ranges.append((start, previous))
    ranges.append(VARIATION_SELECTORS_SUPPLEMENT)
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


MARKS = _mark_ranges()
# A word: letters, digits and the marks that belong to them.  The glob form
# (queries) also keeps ZCTextIndex's wildcards * and ? after the first char.
WORD = re.compile(rf"[\w{MARKS}]+")
WORD_GLOB = re.compile(rf"[\w{MARKS}]+[\w{MARKS}*?]*")


def split_words(text):
    """Words of ``text`` for indexing; CJK and Thai runs as character pairs."""
    normalized = unicodedata.normalize("NFKC", text)
    for word in WORD.findall(normalized):
        for part in (match.group() for match in pattern.finditer(word)):
            if rx_all.match(part[0]):
                yield from bigram(part, 0)
            else:
                yield part


def split_glob_words(text):
    """Words of a query, keeping wildcards (Plone's glob rules for CJK)."""
    normalized = unicodedata.normalize("NFKC", text)
    for word in WORD_GLOB.findall(normalized):
        parts = [m.group() for m in pattern_g.finditer(word) if m.group() not in "*?"]
        for i, part in enumerate(parts):
            if not rx_all.match(part[0]):
                yield part
            elif len(part) == 1:
                yield part + "*"
            else:
                yield from bigram(part, 1 if i == len(parts) - 1 else 0)


class _SameClassIsEqual:
    """Pipeline elements without state: equal when of the same class."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash(type(self).__name__)


@implementer(ISplitter)
class Splitter(_SameClassIsEqual):
    """Plone's Unicode splitter, keeping combining marks inside words."""

    def process(self, lst):
        return [word for text in lst for word in split_words(_text(text))]

    def processGlob(self, lst):
        return [word for text in lst for word in split_glob_words(_text(text))]

    def process_post_glob(self, lst):
        return [_text(process_str_post(text)) for text in lst]


def _text(value):
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
# Diacritics (harakat, tanwin, shadda, sukun, hamza above/below, madda,
# superscript alef, Quranic marks) and tatweel.
ARABIC_DROP = re.compile("[\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed]")
ARABIC_LETTERS = str.maketrans(
    {
        "\u0623": "\u0627",  # alef with hamza above -> alef
        "\u0625": "\u0627",  # alef with hamza below -> alef
        "\u0622": "\u0627",  # alef with madda -> alef
        "\u0671": "\u0627",  # alef wasla -> alef
        "\u0649": "\u064a",  # alef maqsura -> yeh
        "\u06cc": "\u064a",  # Farsi yeh (Urdu) -> yeh
        "\u06a9": "\u0643",  # keheh (Urdu kaf) -> kaf
        "\u0629": "\u0647",  # teh marbuta -> heh
        "\u06c3": "\u0647",  # teh marbuta goal -> heh
        "\u06c1": "\u0647",  # heh goal (Urdu) -> heh
        "\u06d5": "\u0647",  # ae -> heh
    }
)
ARTICLES = ("وال", "بال", "كال", "فال", "ال", "لل")
WILDCARDS = "*?"


def normalize_arabic(word):
    """One spelling for an Arabic-script word (see the module docstring)."""
    stem = word.rstrip(WILDCARDS)
    tail = word[len(stem) :]
    # NFKD splits the hamza and madda off their seats (alef with hamza: alef + hamza);
    # the marks go, the letters are composed again.
    stem = unicodedata.normalize("NFKD", stem)
    stem = unicodedata.normalize("NFC", ARABIC_DROP.sub("", stem))
    stem = stem.translate(ARABIC_LETTERS)
    for article in ARTICLES:
        if stem.startswith(article) and len(stem) - len(article) >= 2:
            stem = stem[len(article) :]
            break
    return stem + tail if stem else word


class Normalizer(_SameClassIsEqual):
    """Plone's accent and case folding, then one spelling for Arabic script."""

    _latin = I18NNormalizer()

    def process(self, lst):
        words = self._latin.process([_text(word) for word in lst if word])
        return [
            normalize_arabic(word) if ARABIC_SCRIPT.search(word) else word
            for word in words
        ]


def _register(group, name, factory):
    with contextlib.suppress(ValueError):  # registered already (reloaded)
        element_factory.registerFactory(group, name, factory)


_register("Word Splitter", SPLITTER_NAME, Splitter)
_register("Case Normalizer", NORMALIZER_NAME, Normalizer)


def text_indexes_of(catalog, lexicon_id=LEXICON_ID):
    """Ids of the ZCTextIndexes that use ``lexicon_id``."""
    return [
        index.getId()
        for index in catalog.getIndexObjects()
        if getattr(index, "meta_type", "") == "ZCTextIndex"
        and getattr(index, "lexicon_id", None) == lexicon_id
    ]


def reindex_text_indexes(catalog, lexicon_id=LEXICON_ID):
    """Rebuild the full-text indexes on ``lexicon_id`` (after it changed).

    A ZCTextIndex keeps word ids of its lexicon: once the lexicon is cleared
    or its pipeline replaced, those ids mean nothing, so each index is
    cleared and filled again from the objects.
    """
    ids = text_indexes_of(catalog, lexicon_id)
    for index_id in ids:
        catalog._catalog.getIndex(index_id).clear()
    if ids:
        catalog.manage_reindexIndex(ids=ids)
    return ids


def use_famiguida_pipeline(catalog, lexicon_id=LEXICON_ID):
    """Give ``lexicon_id`` our splitter and normalizer; reindex if changed.

    Returns whether anything changed (nothing when the lexicon has them).
    """
    lexicon = catalog[lexicon_id]
    pipeline = (Splitter(), Normalizer())
    if tuple(lexicon._pipeline) == pipeline:
        return False
    lexicon._pipeline = pipeline
    lexicon.clear()
    reindex_text_indexes(catalog, lexicon_id)
    return True
