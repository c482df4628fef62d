"""Chapter headings of books in plain text, without Markdown: the forms real books use.

    CHAPTER I / Chapter 1 / CHAPTER XII. THE TITLE / Chapter the First / LETTER IV / STAVE ONE
    BOOK THE FIRST / PART ONE / VOLUME II / Book the First--Recalled to Life   (parts: level 1)
    I. The Period                  a numeral and a title (a chapter)
    IV.                            a numeral alone (a chapter, or a section under chapters)
    PREFACE / INTRODUCTION / EPILOGUE ...   alone on their line

English words are kept here, apart from the reader's algorithm (txt.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from earmark.text import regexes as rx
from earmark.text.numbers import NUMBER_WORD as _NUMBER_WORD

PART_WORDS = ("book", "part", "volume")
"""Divisions above chapters: heading level 1."""
CHAPTER_WORDS = ("chapter", "letter", "stave", "adventure", "canto", "fit", "lecture", "essay",
                 "story", "tale", "act", "appendix")
"""Chapter-level divisions: heading level 2."""
ALONE_WORDS = ("preface", "introduction", "prologue", "epilogue", "foreword", "afterword",
               "conclusion", "postscript", "appendix", "prelude", "envoi")
"""Unnumbered chapter-level headings, recognised when alone on their line."""
CONTENTS_WORDS = rx.compile(r"(?:table of )?contents|list of illustrations|illustrations",
                            re.IGNORECASE)

_ROMAN = r"(?=[IVXLCDM])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_NUMBER = (rf"(?:{_ROMAN}|(?i:{_ROMAN})|\d{{1,4}}|(?i:(?:the[ \t]+)?{_NUMBER_WORD}))")
_WORDS = "|".join(PART_WORDS + CHAPTER_WORDS)
_SEPARATOR = r"(?:[ \t]*(?:[.:;—–]|--?)[ \t]*|[ \t]+)"
_KEYWORD = rx.compile(
    rf"(?P<word>(?i:{_WORDS}))\.?[ \t]+(?P<number>{_NUMBER})\b\.?"
    rf"(?:{_SEPARATOR}(?P<title>\S.*?))?[ \t]*\.?")
_NUMERAL_TITLE = rx.compile(rf"(?P<number>{_ROMAN})\.[ \t]+(?P<title>[\"'“‘_(]?[A-Z0-9].*?)")
_NUMERAL = rx.compile(r"(?P<number>(?=[IVXLC])C?(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))\.?")
_ALONE = rx.compile(rf"(?P<word>(?i:{'|'.join(ALONE_WORDS)}))\.?(?:{_SEPARATOR}(?P<title>\S.*))?")


_FIRST_WORD = rx.compile(r"[^\s.:;—–-]+")
_STARTS = frozenset(PART_WORDS + CHAPTER_WORDS + ALONE_WORDS)
_ROMAN_CHARS = rx.compile(r"[IVXLCDM]+")


@dataclass(frozen=True, slots=True)
class Heading:
    form: str
    """"part", "chapter" (a keyword and a number, or a word alone), "numbered" ("I. Title") or
    "numeral" (a numeral alone)."""
    has_title: bool
    """Whether the line carries a title after the label."""


def classify(line: str) -> Heading | None:
    """The heading form of one stripped line, or None when it is no heading."""
    if not line or len(line) > 90 or not (line[0].isupper() or line[0].isdigit()):
        return None
    first = _FIRST_WORD.match(line)
    if first is None or (first.group().lower() not in _STARTS
                         and not _ROMAN_CHARS.fullmatch(first.group())):
        return None  # the cheap test first: most paragraphs start with another word
    match = _KEYWORD.fullmatch(line)
    if match and _cased(match.group("word")) and _cased_number(match.group("number")):
        title = match.group("title")
        if title and not _title_like(title):
            return None
        form = "part" if match.group("word").lower() in PART_WORDS else "chapter"
        return Heading(form, bool(title))
    match = _NUMERAL.fullmatch(line)
    if match:
        return Heading("numeral", False)
    match = _NUMERAL_TITLE.fullmatch(line)
    if match and _title_like(match.group("title")):
        return Heading("numbered", True)
    match = _ALONE.fullmatch(line)
    if match and _cased(match.group("word")) and (not match.group("title")
                                                    or _title_like(match.group("title"))):
        return Heading("chapter", bool(match.group("title")))
    return None


def is_title_line(line: str) -> bool:
    """A short line that can be a heading's title ("Down the Rabbit-Hole", "THE PERIOD")."""
    return bool(line) and len(line) <= 80 and _title_like(line) and classify(line) is None


def _cased(word: str) -> bool:
    """"CHAPTER" or "Chapter", not "chapter" (a wrapped line of prose)."""
    return word.isupper() or (word[0].isupper() and word[1:].islower())


def _cased_number(number: str) -> bool:
    """"ONE", "One", "the First", "IV", "iv", "12"; not "one" ("Part one of ...")."""
    last = number.split()[-1]
    return not last.isalpha() or last[0].isupper() or bool(re.fullmatch(r"[ivxlc]+", last))


_SENTENCE_INSIDE = rx.compile(r"[a-z]{3}[.!?][”\"’']?\s+\S")  # not after "Mrs."


def _title_like(title: str) -> bool:
    """A title, not a line of prose: at most 14 words, no sentence ending inside it, and not
    ending in a comma or a lower-case word cut by the line's end unless it is short."""
    words = title.split()
    if not words or len(words) > 14 or _SENTENCE_INSIDE.search(title):
        return False
    last = title.rstrip()[-1]
    cut_off = len(words) > 7 and words[-1][:1].islower() and last.isalpha() and (
        not title.isupper())  # (ending in "road?" or "end." the title is whole)
    return last not in ",;" and not cut_off
