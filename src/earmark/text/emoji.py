"""Emoji: read by name ("grinning face", from unicodedata) or left out (reported as dropped,
reason "emoji"), as the recipe's `[segment] emoji` says. Captions keep what was written.

An emoji is one sequence as a reader sees it: a pictograph with its presentation selector and
skin tone, several joined by zero-width joiners ("family: man, woman, girl"), a flag (two
regional indicators), or a keycap ("1️⃣").
"""

from __future__ import annotations

import re
import unicodedata

from earmark.model import Span
from earmark.text import regexes as rx

MODES = ("name", "drop")

_PICTO = ("\U0001F000-\U0001F1E5\U0001F200-\U0001FAFF\u2600-\u27bf\u2b00-\u2bff\u231a\u231b"
          "\u23e9-\u23fa\u3030\u303d\u3297\u3299")
_MODIFIER = "\ufe0f\U0001F3FB-\U0001F3FF"
EMOJI = rx.compile(
    rf"[\U0001F1E6-\U0001F1FF]{{2}}"
    rf"|[#*0-9]\ufe0f?\u20e3"
    rf"|[{_PICTO}][{_MODIFIER}]*(?:\u200d[{_PICTO}][{_MODIFIER}]*)*"
)

EMOJI_CHARS = f"\u20e3\U0001F1E6-\U0001F1FF{_PICTO}"
"""The characters of which every emoji has one (a pictograph, a regional indicator or the
keycap mark), for a character class."""
_EMOJI_CHAR = rx.compile(f"[{EMOJI_CHARS}]")


def spans(text: str, start: int, end: int) -> list[Span]:
    return [(m.start(), m.end()) for m in EMOJI.finditer(text, start, end)]


def name(sequence: str) -> str:
    """What an emoji is called: "grinning face", "flag U S", "keycap 1", "man woman girl"."""
    if "\u20e3" in sequence:
        return f"keycap {sequence[0]}"
    if "\U0001F1E6" <= sequence[0] <= "\U0001F1FF":
        return "flag " + " ".join(chr(ord(c) - 0x1F1E6 + ord("A")) for c in sequence)
    parts = [unicodedata.name(c, "").lower() for c in sequence
             if c not in "\u200d\ufe0f" and not "\U0001F3FB" <= c <= "\U0001F3FF"]
    return " ".join(p for p in parts if p) or "emoji"


def with_names(text: str) -> str:
    """Every emoji in text replaced by its name, as a word of its own."""
    if text.isascii() or not _EMOJI_CHAR.search(text):
        return text

    def named(match: re.Match[str]) -> str:
        # no space between the name and a full stop or comma after it ("it party popper.")
        after = "" if match.string[match.end():match.end() + 1] in ".,;:!?" else " "
        return f" {name(match.group())}{after}"

    return EMOJI.sub(named, text)
