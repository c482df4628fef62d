"""Runs of another script inside a document ("He said مرحبا بكم and left"): found from the
script of their letters (unicodedata), each to be read by an espeak-ng voice of its language.

A run is a stretch of words in one script other than the ones the text's language is written
in, with what lies between them (spaces, punctuation, digits); the language a script is read in
is a guess from the script alone ("ru" for Cyrillic, "ar" for Arabic), refined by letters that
only one language of the script uses (Ukrainian "ї", Persian "پ", Urdu "ے"). A single letter of
an alphabet ("the α particle") stays with the text around it; one CJK character is a word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from earmark.model import Span
from earmark.text import regexes as rx

SCRIPT_LANGUAGE = {
    "LATIN": "en", "ARABIC": "ar", "HEBREW": "he", "GREEK": "el", "CYRILLIC": "ru",
    "DEVANAGARI": "hi", "CJK": "cmn", "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko",
    "THAI": "th", "GEORGIAN": "ka", "ARMENIAN": "hy", "BENGALI": "bn", "TAMIL": "ta",
    "TELUGU": "te", "GUJARATI": "gu", "GURMUKHI": "pa", "KANNADA": "kn", "MALAYALAM": "ml",
    "SINHALA": "si", "ETHIOPIC": "am", "MYANMAR": "my", "ORIYA": "or",
}
"""The language a run of each script is read in (espeak-ng has a voice for each: "cmn" is
its Mandarin)."""

_REFINED = (
    ("CYRILLIC", "іїєґІЇЄҐ", "uk"), ("ARABIC", "ٹڈڑںےھ", "ur"), ("ARABIC", "پچژگ", "fa"),
)
"""Letters that tell one language of a script from the others (checked in this order)."""

_IDEOGRAPHIC = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL"})
_JAPANESE = frozenset({"HIRAGANA", "KATAKANA"})

_LANGUAGE_SCRIPTS = {
    **{tag: {"CYRILLIC"} for tag in "ru uk bg mk be kk ky tg mn".split()},
    "sr": {"CYRILLIC", "LATIN"},
    **{tag: {"ARABIC"} for tag in "ar fa ur ps ug sd ku".split()},
    **{tag: {"HEBREW"} for tag in "he yi".split()},
    **{tag: {"DEVANAGARI"} for tag in "hi mr ne sa kok".split()},
    **{tag: {"CJK"} for tag in "zh cmn yue".split()},
    "ja": {"CJK", "HIRAGANA", "KATAKANA"}, "ko": {"HANGUL", "CJK"},
    "el": {"GREEK"}, "th": {"THAI"}, "ka": {"GEORGIAN"}, "hy": {"ARMENIAN"}, "bn": {"BENGALI"},
    "ta": {"TAMIL"}, "te": {"TELUGU"}, "gu": {"GUJARATI"}, "pa": {"GURMUKHI"},
    "kn": {"KANNADA"}, "ml": {"MALAYALAM"}, "si": {"SINHALA"}, "am": {"ETHIOPIC"},
    "my": {"MYANMAR"}, "or": {"ORIYA"},
}

_BEYOND_LATIN = rx.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u2bff\ufe00-\ufe0f]")
_WORD = rx.compile(r"[^\W\d_]+")


@lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    """The script of a letter, by its Unicode name ("ARABIC LETTER ALEF" -> "ARABIC")."""
    name = unicodedata.name(char, "")
    if not name:
        return ""
    script = name.split(" ", 1)[0]
    if script == "FULLWIDTH" or script == "HALFWIDTH":
        return "KATAKANA" if "KATAKANA" in name else "LATIN" if "LATIN" in name else ""
    return script


def home_scripts(language: str) -> set[str]:
    """The scripts a language is written in (Latin unless the table says otherwise)."""
    return _LANGUAGE_SCRIPTS.get(language.lower().split("-")[0], {"LATIN"})


def _word_script(word: str) -> str:
    if word.isascii():
        return "LATIN"
    scripts = {script_of(c) for c in word if c.isalpha()}
    if scripts & _JAPANESE:
        return "HIRAGANA"
    return min(scripts - {"LATIN"}, default="LATIN")


def latin_only(text: str) -> bool:
    """Whether text has nothing but Latin letters, symbols and marks (then every part of it is
    one run for a language written in Latin script)."""
    return text.isascii() or not _BEYOND_LATIN.search(text)


def runs(text: str, span: Span, language: str) -> list[tuple[Span, str | None]]:
    """text[span] cut where the script changes: (span, None) for the text's own scripts,
    (span, language) for a run of another script. One piece, (span, None), when there is none;
    the cut pieces are trimmed of whitespace."""
    start, end = span
    home = home_scripts(language)
    if home == {"LATIN"} and not _BEYOND_LATIN.search(text, start, end):
        return [(span, None)]  # the fast path: nothing but Latin letters, symbols and marks
    words: list[tuple[int, int, str | None]] = []
    for match in _WORD.finditer(text, start, end):
        script = _word_script(match.group())
        words.append((match.start(), match.end(), None if script in home else script))
    groups: list[list[tuple[int, int, str | None]]] = []
    for word in words:
        if groups and groups[-1][-1][2] == word[2]:
            groups[-1].append(word)
        else:
            groups.append([word])
    foreign = [g for g in groups if g[0][2] is not None and _long_enough(text, g)]
    if not foreign:
        return [(span, None)]
    pieces: list[tuple[Span, str | None]] = []
    cursor = start
    for group in foreign:
        run_start, run_end = group[0][0], group[-1][1]
        while run_end < end and not text[run_end].isspace() and not text[run_end].isalnum():
            run_end += 1  # its own punctuation: "Привіт, світе!"
        if run_start > cursor:
            pieces.append(((cursor, run_start), None))
        pieces.append(((run_start, run_end), _language(text, run_start, run_end, group[0][2])))
        cursor = run_end
    if cursor < end:
        pieces.append(((cursor, end), None))
    return _tidy(text, pieces)


def _long_enough(text: str, group: list[tuple[int, int, str | None]]) -> bool:
    script = group[0][2]
    letters = sum(b - a for a, b, _ in group)
    return letters >= 2 or script in _IDEOGRAPHIC


def _language(text: str, start: int, end: int, script: str | None) -> str:
    run = text[start:end]
    if script == "CJK" and any(script_of(c) == "HANGUL" for c in run if c.isalpha()):
        return "ko"
    for name, letters, tag in _REFINED:
        if script == name and any(c in letters for c in run):
            return tag
    return SCRIPT_LANGUAGE.get(script or "", "en")


def _tidy(text: str, pieces: list[tuple[Span, str | None]]) -> list[tuple[Span, str | None]]:
    """Trim the pieces; a piece with no letter or digit (the "," after a run) joins the piece
    before it (or, first, the one after)."""
    out: list[tuple[Span, str | None]] = []
    for (a, b), language in pieces:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a >= b:
            continue
        if not re.search(r"[^\W_]", text[a:b]):
            if out:
                out[-1] = ((out[-1][0][0], b), out[-1][1])
            else:
                out.append(((a, b), "merge"))
            continue
        if out and out[-1][1] == "merge":
            out[-1] = ((out[-1][0][0], b), language)
        else:
            out.append(((a, b), language))
    return [(s, None if lang == "merge" else lang) for s, lang in out]
