"""Word lists per language, apart from the rules that use them (as pySBD keeps its languages).

LANGUAGES maps a language tag to the module that holds its WORDS; each is imported when first
asked for. A language without a table falls back to English (the rules are English-shaped).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache

LANGUAGES: dict[str, str] = {"en": "earmark.quotes.english"}


@dataclass(frozen=True, slots=True)
class WordLists:
    """The words of one language that attribution and speaker rules look for (lower case)."""

    speech_verbs: frozenset[str]
    """Verbs of speaking in every form ("say says said saying ...")."""
    speech_phrases: tuple[str, ...]
    """Verbs that are speech only in a phrase ("went on", "pointed out")."""
    titles: frozenset[str]
    """Words before a name that are not part of it ("Secretary", "Dr", "Captain")."""
    organisation_words: frozenset[str]
    """Words that make a name an organisation's ("ministry", "council")."""
    male_words: frozenset[str]
    """Titles and kinship words that say a person is male ("mr", "father")."""
    female_words: frozenset[str]
    """Titles and kinship words that say a person is female ("mrs", "mother")."""
    leading_stopwords: frozenset[str]
    """Sentence-opening words that are never the start of a name ("the", "meanwhile")."""
    female_names: frozenset[str] = frozenset()
    """Given names borne mostly by women ("mary")."""
    male_names: frozenset[str] = frozenset()
    """Given names borne mostly by men ("john")."""
    not_names: frozenset[str] = frozenset()
    """Capitalised words that never start a person's name: headings ("chapter"), function
    words that open a sentence or a question ("do", "once", "to")."""
    trailing_not_names: frozenset[str] = frozenset()
    """Capitalised words that end a name phrase without being part of it ("Monday", "July")."""
    place_words: frozenset[str] = frozenset()
    """Words that make a name a place's or a thing's ("street", "carolina", "act")."""
    not_speakers: frozenset[str] = frozenset()
    """Last words of a description that name no one who can speak: adjectives whose noun the
    cue lost ("a high [voice]") and things ("the following", "his face", "the dress")."""
    calendar_words: frozenset[str] = frozenset()
    """Days and months ("Monday", "March"): alone, or before a given name ("On Sunday Anne
    ..."), no part of a person's name."""
    peoples: frozenset[str] = frozenset()
    """Words of a nation, a people, a faith or a party, as adjectives and as plurals
    ("Mexican", "Latinos", "Democratic"): alone, no person's name ("the Mexican" and "one
    Democrat" are descriptions)."""


def word_set(words: str) -> frozenset[str]:
    """A word list written as whitespace-separated words."""
    return frozenset(words.split())


@cache
def word_lists(tag: str) -> WordLists:
    """The word lists of a language (BCP 47 tag; "en-GB" uses "en"), English when none."""
    module = LANGUAGES.get(tag.split("-")[0].lower(), LANGUAGES["en"])
    words: WordLists = importlib.import_module(module).WORDS
    return words
