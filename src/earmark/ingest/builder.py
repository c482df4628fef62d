"""Builds the extracted text of a structured document (Markdown, HTML) block by block.

Blocks are joined with a blank line; whitespace inside a block is folded to single spaces
so that spans stay meaningful. Spans index the text this builder returns.
"""

from __future__ import annotations

from earmark.model import Block, Dropped, Page
from earmark.text import regexes as rx

_SPACE = rx.compile(r"\s+")


class TextBuilder:
    def __init__(self) -> None:
        self.note: str | None = None
        """The label of the footnote being read (None: body text)."""
        self.container: str | None = None
        """The structure the blocks being added are in ("ol", "table", "figure") or None."""
        self.pages: list[Page] = []
        self._parts: list[str] = []
        self._length = 0
        self.blocks: list[Block] = []
        self.dropped: list[Dropped] = []

    def _append(self, text: str) -> tuple[int, int] | None:
        if not text:
            return None
        if self._parts:
            self._parts.append("\n\n")
            self._length += 2
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        return (start, self._length)

    def add(self, kind: str, text: str, level: int = 0, language: str | None = None,
            container: str | None = None) -> None:
        """A block of text; while `note` is set (a footnote's label), the block is the note's."""
        span = self._append(_SPACE.sub(" ", text).strip())
        if span:
            self.blocks.append(Block(kind, span, level, language, self.note,
                                     container or self.container))

    def page(self, label: str, pending: str = "") -> None:
        """A page break of the print edition, where the next block starts (or, inside a
        block, after the `pending` text of it read so far)."""
        label = " ".join(label.split())
        if label:
            folded = _SPACE.sub(" ", pending).lstrip()
            offset = self._length + (2 if self._parts else 0) + len(folded) if folded \
                else self._length + (2 if self._parts else 0)
            self.pages.append(Page(offset, label))

    def add_dropped(self, text: str, reason: str) -> None:
        """Text that is part of the document but deliberately not read (e.g. code)."""
        span = self._append(text.strip("\n").rstrip())
        if span:
            self.dropped.append(Dropped(span, reason))

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def first_heading(self) -> str | None:
        text = self.text
        return next((text[b.span[0] : b.span[1]] for b in self.blocks if b.kind == "heading"), None)
