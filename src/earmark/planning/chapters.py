"""Chapters: each heading up to a level starts one; without headings, groups of paragraphs of
about a length of speech.

In plain text, headings that follow each other with nothing between them ("BOOK THE FIRST"
then "CHAPTER I") start one chapter, titled with both. When chapter titles repeat (numbering
that starts again in each book or volume), each chapter is prefixed with the part it is in:
"VOLUME II, CHAPTER I".
"""

from __future__ import annotations

import re
from collections import Counter

from earmark.config.recipe import ChapterSettings
from earmark.model import Block, Chapter, Document
from earmark.text.segment import Piece
from earmark.text.speech import EMPHASIS_MARKERS

WORDS_PER_MINUTE = 175
"""espeak-ng's default rate, when the narrator's is not known."""

_WORD = re.compile(r"\w+")


def chapter_of_blocks(document: Document, settings: ChapterSettings,
                      words_per_minute: int = WORDS_PER_MINUTE) -> list[int]:
    """The chapter number of every block."""
    starts = [_starts(b, settings) for b in document.blocks]
    if not any(starts):
        return _by_length(document, settings, words_per_minute)
    chapters: list[int] = []
    current = -1
    blocks = document.blocks
    # plain text: a part's heading straight before its first chapter's makes one chapter (the
    # part has no words of its own). HTML and EPUB say their structure (headings, the table of
    # contents): every entry there stays a chapter of its own.
    merge_parts = document.format == "txt"
    for index, starts_here in enumerate(starts):
        under_part = (merge_parts and index > 0 and starts[index - 1] and starts_here
                      and blocks[index - 1].level < blocks[index].level)
        if (starts_here and not under_part) or current < 0:
            current += 1
        chapters.append(current)
    return chapters


def _starts(block: Block, settings: ChapterSettings) -> bool:
    return block.kind == "heading" and block.level <= settings.heading_max_level


def _by_length(document: Document, settings: ChapterSettings,
               words_per_minute: int) -> list[int]:
    """Whole paragraphs, a chapter closing once it has `paragraphs_per_chapter` paragraphs and
    `minutes_per_chapter` minutes of speech; chapters are lengthened so that there are at most
    `max_chapters`."""
    text = document.text
    minutes = [len(_WORD.findall(text, *b.span)) / max(words_per_minute, 1)
               for b in document.blocks]
    target = max(settings.minutes_per_chapter, sum(minutes) / max(settings.max_chapters, 1))
    chapters: list[int] = []
    current, length, count = 0, 0.0, 0
    for block_minutes in minutes:
        if count >= settings.paragraphs_per_chapter and length >= target - 1e-9:
            current, length, count = current + 1, 0.0, 0
        chapters.append(current)
        length += block_minutes
        count += 1
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
    """One Chapter per chapter number, titled by its heading(s) or its first sentence."""
    text = document.text
    firsts: dict[int, int] = {}
    lasts: dict[int, int] = {}
    for index, chapter in enumerate(piece_chapter):
        firsts.setdefault(chapter, index)
        lasts[chapter] = index
    titles: list[str] = []
    own: list[str] = []  # the chapter's own heading, without its part's
    parts: list[str | None] = []  # the level-1 heading each chapter is in
    part: str | None = None
    for chapter in sorted(firsts):
        first = pieces[firsts[chapter]]
        if first.kind == "heading":
            blocks: list[int] = []  # the headings the chapter starts with
            for piece in pieces[firsts[chapter]:lasts[chapter] + 1]:
                if piece.kind != "heading":
                    break
                if piece.block not in blocks:
                    blocks.append(piece.block)
            heads = [document.blocks[b] for b in blocks
                     if document.blocks[b].level <= settings.heading_max_level] or [
                document.blocks[blocks[0]]]
            if heads[0].level == 1 and len(heads) > 1:
                part = heading_title(text, heads[0], label_only=True)
            elif heads[0].level == 1:
                part = None
            titles.append(", ".join(heading_title(text, b) for b in heads))
            own.append(heading_title(text, heads[-1]))
            parts.append(None if heads[0].level == 1 else part)
        else:
            sentence_end = max(
                p.span[1]
                for p in pieces[firsts[chapter] : lasts[chapter] + 1]
                if p.sentence == first.sentence
            )
            titles.append(_words(text[first.span[0] : sentence_end], settings.untitled_words))
            own.append(titles[-1])
            parts.append(None)
    prefixed = any(n > 1 for n in Counter(own).values())
    return tuple(
        Chapter(chapter, f"{parts[i]}, {titles[i]}" if prefixed and parts[i] else titles[i],
                firsts[chapter], lasts[chapter])
        for i, chapter in enumerate(sorted(firsts))
    )


def heading_title(text: str, block: Block, label_only: bool = False) -> str:
    """A heading as written, whitespace folded and emphasis markers ("_SOWING_") left out;
    `label_only`: its first line ("BOOK THE FIRST" of "BOOK THE FIRST\\nSOWING")."""
    written = text[block.span[0]:block.span[1]]
    if label_only:
        written = written.strip().splitlines()[0]
    return " ".join(EMPHASIS_MARKERS.sub("", written).split())


def _words(text: str, count: int) -> str:
    """The first words of a sentence; an opening quote that does not close in them is left out."""
    words = text.split()
    title = " ".join(words[:count]) + ("…" if len(words) > count else "")
    closing = _CLOSING.get(title[0])
    if closing and not re.search(rf"{closing}(?!\w)", title[1:]):
        title = title[1:]  # an apostrophe ("We’re") does not close the quotation
    return title


_CLOSING = {"“": "”", '"': '"', "‘": "’", "«": "»", "„": "“"}
"""An opening quotation mark and the mark that closes it."""
