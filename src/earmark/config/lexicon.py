"""Pronunciation lexicons: respellings and espeak-ng phonemes, whole words, case-aware.

Two forms, listed in the voices file (`lexicons = ["names.toml", "places.pls"]`, paths from the
voices file's folder):

    # TOML                                   <!-- W3C PLS, alphabet="x-espeak" -->
    [alias]                                  <lexeme><grapheme>WHO</grapheme>
    "Nguyen" = "Win"                           <alias>World Health Organization</alias>
    [phoneme]                                </lexeme>
    "Blinken" = "bl'INk@n"                   <lexeme><grapheme>Blinken</grapheme>
                                               <phoneme>bl'INk@n</phoneme></lexeme>

A word written with capitals matches only with those capitals ("US" is not "us"); an
all-lower-case word matches in any case. Phonemes are handed to espeak-ng as [[...]]. PLS is
parsed with defusedxml: a document with a DTD or entity declarations is refused, never expanded.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from earmark.errors import ConfigError

PLS_NS = "{http://www.w3.org/2005/01/pronunciation-lexicon}"


@dataclass(frozen=True)
class Lexicon:
    entries: dict[str, str] = field(default_factory=dict)
    """Word -> what to say instead (a respelling, or [[phonemes]])."""

    def __post_init__(self) -> None:
        if self.entries:
            words = sorted(self.entries, key=len, reverse=True)
            exact = [re.escape(w) for w in words if w != w.lower()]
            loose = [re.escape(w) for w in words if w == w.lower()]
            parts = []
            if exact:
                parts.append(rf"(?-i:{'|'.join(exact)})")
            if loose:
                parts.append("|".join(loose))
            pattern = re.compile(rf"(?<![\w\[])(?i:{'|'.join(parts)})(?![\w\]])")
            object.__setattr__(self, "_pattern", pattern)
            object.__setattr__(self, "_lookup", {w.lower(): w for w in loose})

    def apply(self, text: str) -> str:
        """The text with every lexicon word replaced by its pronunciation."""
        pattern = getattr(self, "_pattern", None)
        if pattern is None:
            return text
        lookup: dict[str, str] = getattr(self, "_lookup", {})

        def replace(match: re.Match[str]) -> str:
            word = match.group()
            key = word if word in self.entries else lookup.get(word.lower(), word)
            return self.entries.get(key, word)

        return pattern.sub(replace, text)


def load_lexicons(paths: list[Path]) -> Lexicon:
    """The pronunciation lexicons a voices file names (TOML or PLS), in order."""
    entries: dict[str, str] = {}
    for path in paths:
        entries.update(_load_pls(path) if path.suffix.lower() in (".pls", ".xml")
                       else _load_toml(path))
    return Lexicon(entries)


def _load_toml(path: Path) -> dict[str, str]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read lexicon: {exc}") from None
    unknown = set(data) - {"alias", "phoneme"}
    if unknown:
        raise ConfigError(f"{path}: unknown table [{sorted(unknown)[0]}] (use [alias], [phoneme])")
    entries = {}
    for word, say in data.get("alias", {}).items():
        entries[_word(word, path)] = str(say)
    for word, phonemes in data.get("phoneme", {}).items():
        entries[_word(word, path)] = f"[[{phonemes}]]"
    return entries


def _load_pls(path: Path) -> dict[str, str]:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(path.read_bytes(), forbid_dtd=True, forbid_entities=True)
    except DefusedXmlException as exc:
        raise ConfigError(f"{path}: refused: {type(exc).__name__} (DTDs and entities are not "
                          "allowed in lexicons)") from None
    except (OSError, SyntaxError) as exc:
        raise ConfigError(f"{path}: not a PLS lexicon: {exc}") from None
    alphabet = root.get("alphabet", "x-espeak")
    entries = {}
    for lexeme in root.iter(f"{PLS_NS}lexeme"):
        graphemes = [g.text.strip() for g in lexeme.iter(f"{PLS_NS}grapheme") if g.text]
        alias = next((a.text for a in lexeme.iter(f"{PLS_NS}alias") if a.text), None)
        phoneme = next((p for p in lexeme.iter(f"{PLS_NS}phoneme") if p.text), None)
        if alias is not None:
            say = alias.strip()
        elif phoneme is not None:
            if phoneme.get("alphabet", alphabet) not in ("x-espeak", "espeak"):
                raise ConfigError(f"{path}: phonemes must use alphabet=\"x-espeak\" (espeak-ng "
                                  f"notation), not {phoneme.get('alphabet', alphabet)!r}")
            say = f"[[{phoneme.text.strip()}]]"
        else:
            continue
        for grapheme in graphemes:
            entries[_word(grapheme, path)] = say
    return entries


def _word(word: str, path: Path) -> str:
    if not word.strip() or "[[" in word:
        raise ConfigError(f"{path}: {word!r} is not a word to look up")
    return word.strip()
