"""1001 -> 1002: search in every script and the translation dashboard.

- plone_lexicon gets famiguida's splitter and normalizer (Gurmukhi and
  Arabic marks stay in their words, Arabic-script spelling folded), and the
  texts are indexed again;
- the ``translation_stamp`` metadata column, filled for existing items.
"""
