"""Page chrome: paragraphs such as media-player notices are dropped, with the reason."""

from __future__ import annotations

import re
from dataclasses import replace

from earmark.model import Document, Dropped
from earmark.text import regexes as rx

# Headings that belong to a page's controls, never chapters of the article (web pages only)
CHROME_HEADING = rx.compile(
    r"\W*(full ?screen|skip (ad|ads|this ad)|buy (photo|this photo)|"
    r"share( this( story| article)?)?|advertisement|\d+ comments?|comments \(\d+\)|"
    r"leave a (comment|reply)|related( (stories|articles|posts|content|links))?|"
    r"recommended( for you)?|most (popular|read|shared|viewed)|trending( now)?|"
    r"more (from|on|in|stories|news)\b.*|you (may|might) also like|other people are reading|"
    r"read (more|next)|sign up.*|subscribe.*|newsletter|follow us.*|top stories|"
    r"latest news|editor'?s picks|"
    r"sponsored( content| links)?|from (our|the) (partners?|web)|around the web|playback rate|"
    r"skip to (main )?content|kudos)\W*",
    re.IGNORECASE)


def is_chrome_heading(text: str) -> bool:
    return bool(CHROME_HEADING.fullmatch(" ".join(text.split())))


def drop_chrome(document: Document, patterns: dict[str, str]) -> Document:
    if not patterns:
        return document
    compiled = [(name, rx.compile(p, re.IGNORECASE)) for name, p in patterns.items()]
    any_of = _any_of(list(patterns.values()))
    kept = []
    dropped = list(document.dropped)
    for block in document.blocks:
        if block.kind == "image":  # earmark's own "Image: ..." line, never page chrome
            kept.append(block)
            continue
        text = document.text[block.span[0] : block.span[1]].strip()
        if any_of is not None and not any_of.fullmatch(text):
            name = None  # most paragraphs: one search says that none of the patterns matches
        else:
            name = next((n for n, rx in compiled if rx.fullmatch(text)), None)
        if name is None:
            kept.append(block)
        else:
            dropped.append(Dropped(block.span, f"boilerplate: {name}"))
    dropped.sort(key=lambda d: d.span)
    return replace(document, blocks=tuple(kept), dropped=tuple(dropped))


_NUMBERED = rx.compile(r"\\\d|\(\?P=|\(\?\(")
"""A back reference (by number or name) or a conditional group: it would mean something else
inside a joined pattern."""


def _any_of(patterns: list[str]) -> re.Pattern[str] | None:
    """One pattern that matches where any of them matches, to reject most paragraphs in one
    call (which of them matched is then found one by one); None when they cannot be joined."""
    if len(patterns) < 2 or any(_NUMBERED.search(p) for p in patterns):
        return None
    try:
        return rx.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error:  # e.g. the same group name in two of them
        return None
