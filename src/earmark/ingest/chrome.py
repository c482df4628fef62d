"""Page chrome: paragraphs such as media-player notices are dropped, with the reason."""

from __future__ import annotations

import re
from dataclasses import replace

from earmark.model import Document, Dropped

# Headings that belong to a page's controls, never chapters of the article (web pages only)
CHROME_HEADING = re.compile(
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
    compiled = [(name, re.compile(p, re.IGNORECASE)) for name, p in patterns.items()]
    kept = []
    dropped = list(document.dropped)
    for block in document.blocks:
        if block.kind == "image":  # earmark's own "Image: ..." line, never page chrome
            kept.append(block)
            continue
        text = document.text[block.span[0] : block.span[1]].strip()
        name = next((n for n, rx in compiled if rx.fullmatch(text)), None)
        if name is None:
            kept.append(block)
        else:
            dropped.append(Dropped(block.span, f"boilerplate: {name}"))
    dropped.sort(key=lambda d: d.span)
    return replace(document, blocks=tuple(kept), dropped=tuple(dropped))
