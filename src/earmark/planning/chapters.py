"""Chapters: each heading up to a level starts one; without headings, groups of paragraphs."""

from __future__ import annotations

from earmark.config.recipe import ChapterSettings
from earmark.model import Chapter, Document
from earmark.text.segment import Piece


def chapter_of_blocks(document: Document, settings: ChapterSettings) -> list[int]:
    """The chapter number of every block."""
    starts = [
        b.kind == "heading" and b.level <= settings.heading_max_level for b in document.blocks
    ]
    if not any(starts):
        return [i // settings.paragraphs_per_chapter for i in range(len(document.blocks))]
    chapters: list[int] = []
    current = -1
    for starts_here in starts:
        if starts_here or current < 0:
            current += 1
        chapters.append(current)
    return chapters


def dense_chapters(pieces: tuple[Piece, ...], block_chapter: list[int]) -> list[int]:
    """The chapter of every piece, numbered 0, 1, 2 ... over chapters that have any piece."""
    numbers: dict[int, int] = {}
    return [numbers.setdefault(block_chapter[p.block], len(numbers)) for p in pieces]


def build_chapters(
    document: Document,
    pieces: tuple[Piece, ...],
    piece_chapter: list[int],
    settings: ChapterSettings,
) -> tuple[Chapter, ...]:
    """One Chapter per chapter number, titled by its heading or its first sentence."""
    text = document.text
    firsts: dict[int, int] = {}
    lasts: dict[int, int] = {}
    for index, chapter in enumerate(piece_chapter):
        firsts.setdefault(chapter, index)
        lasts[chapter] = index
    chapters = []
    for chapter in sorted(firsts):
        first = pieces[firsts[chapter]]
        if first.kind == "heading":
            title = " ".join(text[first.span[0] : first.span[1]].split())
        else:
            sentence_end = max(
                p.span[1]
                for p in pieces[firsts[chapter] : lasts[chapter] + 1]
                if p.sentence == first.sentence
            )
            title = _words(text[first.span[0] : sentence_end], settings.untitled_words)
        chapters.append(Chapter(chapter, title, firsts[chapter], lasts[chapter]))
    return tuple(chapters)


def _words(text: str, count: int) -> str:
    """The first words of a sentence; an opening quote that does not close in them is left out."""
    words = text.split()
    title = " ".join(words[:count]) + ("…" if len(words) > count else "")
    if title[0] in '“"‘«' and not any(mark in title[1:] for mark in '”"’»'):
        title = title[1:]
    return title
