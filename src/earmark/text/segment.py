"""Document -> segments: sentences, cut further where a quotation of speech starts or ends.

Every character of a block lands in exactly one segment, or in `dropped` when a sentence has
no words at all. A piece that would hold only punctuation (the "." after a closing quote)
joins its neighbour in the same sentence.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass

from earmark.model import Document, Dropped, Span
from earmark.text import sentences


@dataclass(frozen=True, slots=True)
class Piece:
    """A segment before casting: where it is and what kind of speech it is."""

    block: int
    sentence: int
    kind: str
    span: Span


@dataclass(frozen=True, slots=True)
class Segmentation:
    pieces: tuple[Piece, ...]
    dropped: tuple[Dropped, ...]


_SPOKEN = re.compile(r"[^\W_]")  # a letter or digit; "_" alone is markup


def sentence_spans(document: Document, abbreviations: tuple[str, ...]) -> list[list[Span]]:
    """The sentences of every block, in order. A heading is one sentence ("CHAPTER II. The
    Pool of Tears" is one title), unless it is long enough to be prose."""
    return [
        [span] if b.kind == "heading" and (span := sentences.trim(document.text, *b.span))
        and span[1] - span[0] <= _HEADING_SENTENCE else
        sentences.split(document.text, *b.span, abbreviations)
        for b in document.blocks
    ]


_HEADING_SENTENCE = 200  # characters: a longer heading is split into sentences as prose


def segment_document(
    document: Document, block_sentences: list[list[Span]], speech: list[Span]
) -> Segmentation:
    """Cut sentences at the edges of the (sorted, non-overlapping) speech spans."""
    text = document.text
    ends = [q1 for _, q1 in speech]
    pieces: list[Piece] = []
    dropped: list[Dropped] = []
    sentence_no = 0
    for block_no, block in enumerate(document.blocks):
        base = "heading" if block.kind == "heading" else "narration"
        for sentence in block_sentences[block_no]:
            if not _SPOKEN.search(text, *sentence):
                dropped.append(Dropped(sentence, "no words: punctuation only"))
                continue
            inside = [] if base == "heading" else _overlapping(speech, ends, sentence)
            for kind, span in _cut(text, sentence, inside, base):
                for part, reason in _without_markers(text, span):
                    if reason:
                        dropped.append(Dropped(part, reason))
                    else:
                        pieces.append(Piece(block_no, sentence_no, kind, part))
            sentence_no += 1
    return Segmentation(tuple(pieces), tuple(dropped))


_MARKER = re.compile(r"\[(?:\d{1,3}|[a-z]|note \d+|citation needed)\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+"
                     r"|(?P<page>\{(?:\d{1,4}|[ivxlc]{1,8})\}|\[(?:p|pg|page)\.?\s*(?:\d{1,4}|"
                     r"[ivxlc]{1,8})\])", re.IGNORECASE)
"""Footnote markers ("[3]", "¹") and page numbers of printed editions ("{12}", "[Pg 12]",
"[p. 12]")."""


def _without_markers(text: str, span: Span) -> list[tuple[Span, str | None]]:
    """A piece cut around footnote markers ("[3]", "¹") and page numbers: the markers, and any
    bit left with no words, are reported as dropped; the rest is spoken."""
    out: list[tuple[Span, str | None]] = []
    start = span[0]
    for match in _MARKER.finditer(text, span[0], span[1]):
        _keep(text, start, match.start(), out)
        out.append(((match.start(), match.end()),
                    "page number" if match.group("page") else "footnote marker"))
        start = match.end()
    _keep(text, start, span[1], out)
    return out


def _keep(text: str, start: int, end: int, out: list[tuple[Span, str | None]]) -> None:
    part = sentences.trim(text, start, end)
    if part is not None:
        out.append((part, None if _SPOKEN.search(text, *part) else "no words: punctuation only"))


def _overlapping(speech: list[Span], ends: list[int], span: Span) -> list[Span]:
    found = []
    for index in range(bisect_right(ends, span[0]), len(speech)):
        if speech[index][0] >= span[1]:
            break
        found.append(speech[index])
    return found


def _cut(text: str, sentence: Span, quotes: list[Span], base: str) -> list[tuple[str, Span]]:
    """Split a sentence into narration/quote runs, trimmed, punctuation-only runs merged."""
    edges = sorted(
        {sentence[0], sentence[1]} | {b for q in quotes for b in q if sentence[0] < b < sentence[1]}
    )
    runs: list[tuple[str, Span]] = []
    for a, b in itertools.pairwise(edges):
        inside = any(q0 <= a and b <= q1 for q0, q1 in quotes)
        span = sentences.trim(text, a, b)
        if span is not None:
            runs.append(("quote" if inside else base, span))
    merged: list[tuple[str, Span]] = []
    for kind, span in runs:
        if merged and (not _SPOKEN.search(text, *span) or merged[-1][0] == kind):
            merged[-1] = (merged[-1][0], (merged[-1][1][0], span[1]))
        elif merged and not _SPOKEN.search(text, *merged[-1][1]):
            merged[-1] = (kind, (merged[-1][1][0], span[1]))
        else:
            merged.append((kind, span))
    return [(kind, bounded) for kind, span in merged for piece in _clauses(text, span)
            for bounded in _bounded(text, piece)]


MAX_CHARS = 400
"""A segment longer than this (a run-on paragraph with no full stop) is cut at the last
comma, semicolon or colon before it, else at the last space, else where it reaches it."""


def _bounded(text: str, span: Span) -> list[Span]:
    pieces: list[Span] = []
    start, end = span
    while end - start > MAX_CHARS:
        window = text[start:start + MAX_CHARS]
        cut = max(window.rfind(mark) for mark in (", ", "; ", ": "))
        cut = cut + 1 if cut > MAX_CHARS // 4 else window.rfind(" ")
        if cut <= MAX_CHARS // 4:
            cut = MAX_CHARS
        piece = sentences.trim(text, start, start + cut)
        if piece is not None:
            pieces.append(piece)
        start += cut
    last = sentences.trim(text, start, end)
    if last is not None:
        pieces.append(last)
    return pieces


_CLAUSE = re.compile(r"(?:…|\.{3}|\.(?: \.){2}|\s[—–]|\s-)(?=\s+\S)")


def _clauses(text: str, span: Span) -> list[Span]:
    """Cut after an ellipsis or a spaced dash inside a sentence, where a short pause goes."""
    pieces: list[Span] = []
    start = span[0]
    for match in _CLAUSE.finditer(text, span[0], span[1]):
        if _SPOKEN.search(text, start, match.start()) and _SPOKEN.search(text, match.end(),
                                                                          span[1]):
            piece = sentences.trim(text, start, match.end())
            if piece is not None:
                pieces.append(piece)
                start = match.end()
    last = sentences.trim(text, start, span[1])
    if last is not None:
        pieces.append(last)
    return pieces
