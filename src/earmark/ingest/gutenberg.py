"""Project Gutenberg's conventions: the header and licence around the book, and what the header
says about the book (title, author, release date, language).

The book is what lies between the `*** START OF THE PROJECT GUTENBERG EBOOK … ***` line (or an
older form: "*** START OF THIS PROJECT GUTENBERG EBOOK", "*END*THE SMALL PRINT! …*END*") and the
first end line after it ("*** END OF THE/THIS PROJECT GUTENBERG EBOOK", "End of the Project
Gutenberg EBook of …", "End of Project Gutenberg's …"). Everything outside is dropped, reported.
Works on any text (plain text, or the text an HTML reader extracted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from earmark.model import Dropped, Span
from earmark.text import regexes as rx

_START = rx.compile(
    r"^[ \t]*(?:\*{3}[ \t]*START OF (?:THE|THIS) PROJECT GUTENBERG E-?(?:BOOK|TEXT)\b[^\n]*"
    r"|\*+[ \t]*END[ \t*]*THE SMALL PRINT[^\n]*)[ \t]*\r?$",
    re.IGNORECASE | re.MULTILINE)
_END = rx.compile(
    r"^[ \t]*(?:\*{3}[ \t]*END OF (?:THE|THIS) PROJECT GUTENBERG E-?(?:BOOK|TEXT)\b"
    r"|End of (?:the |this )?Project Gutenberg(?:'s|’s)?(?: E-?(?:Book|text)| Etext)?\b)",
    re.IGNORECASE | re.MULTILINE)
_FIELD = rx.compile(r"^[ \t]*(Title|Author|Release Date|Posting Date|Language|Editor|Translator)"
                    r":[ \t]*(\S[^\n]*?)[ \t]*\r?$", re.MULTILINE)
_FIRST_LINE = rx.compile(r"(?:The )?Project Gutenberg(?:'s|’s| EBook of| Etext of)\s+(.+?)"
                         r"(?:,\s+by\s+(.+))?$", re.IGNORECASE)
_CREDITS = rx.compile(r"(?:Produced by|E-?text prepared by|This e-?(?:book|text) (?:was )?"
                      r"(?:produced|prepared) by|Transcribed (?:from|by)|Updated editions? "
                      r"(?:will|by))\b", re.IGNORECASE)
CREDITS_REASON = "boilerplate: Project Gutenberg credits"

LANGUAGES = {
    "english": "en", "french": "fr", "german": "de", "spanish": "es", "italian": "it",
    "portuguese": "pt", "dutch": "nl", "finnish": "fi", "swedish": "sv", "danish": "da",
    "norwegian": "no", "latin": "la", "greek": "el", "russian": "ru", "polish": "pl",
    "hungarian": "hu", "czech": "cs", "esperanto": "eo", "catalan": "ca", "welsh": "cy",
    "chinese": "zh", "japanese": "ja", "tagalog": "tl",
}
"""Gutenberg's language names -> BCP 47 (the header says "Language: English")."""

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november "
    "december".split(), 1)}


@dataclass(frozen=True, slots=True)
class Gutenberg:
    body: Span
    """The book itself, between the header and the footer."""
    dropped: tuple[Dropped, ...]
    title: str | None = None
    author: str | None = None
    date: str | None = None
    language: str | None = None


def find(text: str) -> Gutenberg | None:
    """The book inside a Project Gutenberg file, or None when the text has no START line."""
    starts = [m for m in _START.finditer(text) if m.start() < len(text) * 0.6 + 20000]
    if not starts:
        return None
    start = starts[-1].end()  # a file may carry both the small print and a START line
    end_match = _END.search(text, start)
    end = end_match.start() if end_match else len(text)
    header = text[: starts[-1].start()]
    fields: dict[str, str] = {}
    for match in _FIELD.finditer(header):
        name = match.group(1).lower()
        value = match.group(2)
        # a value continues on indented lines ("Title: Alice's Adventures\n       in Wonderland")
        tail = re.match(r"(?:\r?\n[ \t]{2,}\S[^\n]*)+", header[match.end():])
        if tail:
            value += " " + " ".join(tail.group().split())
        fields.setdefault(name, " ".join(value.split()))
    first = _FIRST_LINE.match(header.lstrip("\ufeff \t\r\n").split("\n", 1)[0].strip())
    title = fields.get("title") or (first.group(1).strip() if first else None)
    author = fields.get("author") or (first.group(2).strip().rstrip(".") if first and
                                      first.group(2) else None)
    dropped = [Dropped((0, start), "boilerplate: Project Gutenberg header")]
    if end < len(text):
        dropped.append(Dropped((end, len(text)), "boilerplate: Project Gutenberg licence"))
    language = fields.get("language", "").split(",")[0].split(" and ")[0].strip().lower()
    return Gutenberg(
        body=(start, end),
        dropped=tuple(dropped),
        title=title,
        author=author,
        date=_date(fields.get("release date") or fields.get("posting date")),
        language=LANGUAGES.get(language),
    )


def is_credits(paragraph: str) -> bool:
    """A production note at the top of the book ("Produced by …")."""
    return bool(_CREDITS.match(paragraph.lstrip()))


def _date(value: str | None) -> str | None:
    """"June 25, 2008 [EBook #11]" -> "2008-06-25"; "March, 1994" -> "1994-03"."""
    if not value:
        return None
    value = re.sub(r"\s*\[.*?\]\s*", " ", value).strip()
    match = re.fullmatch(r"([A-Za-z]+)\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})", value.replace(",", ", "))
    if not match:
        match = re.fullmatch(r"([A-Za-z]+),?\s+(?:(\d{1,2}),?\s+)?(\d{4})", value)
    if match and match.group(1).lower() in _MONTHS:
        month = _MONTHS[match.group(1).lower()]
        day = f"-{int(match.group(2)):02d}" if match.group(2) else ""
        return f"{match.group(3)}-{month:02d}{day}"
    year = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", value)
    return year.group(1) if year else value
