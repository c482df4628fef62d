"""Page chrome: paragraphs such as media-player notices are dropped, with the reason."""

from __future__ import annotations

import re
from dataclasses import replace

from earmark.model import Document, Dropped


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
