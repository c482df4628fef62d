"""Document -> segments: sentences, cut further where a quote starts or ends.

Every character of a block lands in exactly one segment. A piece that would hold only
punctuation (the "." after a closing quote) joins its neighbour in the same sentence.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from earmark import sentences
from earmark.model import Block, Document, Dropped, Span
from earmark.quotes import find_quotes


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
    quotes: tuple[Span, ...]
    dropped: tuple[Dropped, ...]
    warnings: tuple[str, ...]


_SPOKEN = re.compile(r"\w")


def segment_document(
    document: Document, abbreviations: tuple[str, ...], quotes_on: bool
) -> Segmentation:
    text = document.text
    pieces: list[Piece] = []
    quote_spans: list[Span] = []
    warnings: list[str] = []
    dropped: list[Dropped] = []
    sentence_no = 0
    for block_no, block in enumerate(document.blocks):
        quotes: tuple[Span, ...] = ()
        if quotes_on and block.kind != "heading":
            scan = find_quotes(text, *block.span)
            quotes = scan.spans
            quote_spans.extend(quotes)
            warnings.extend(scan.warnings)
        for sentence in sentences.split(text, *block.span, abbreviations):
            if not _SPOKEN.search(text, *sentence):
                dropped.append(Dropped(sentence, "no words: punctuation only"))
                continue
            for kind, span in _cut(text, sentence, quotes, block):
                pieces.append(Piece(block_no, sentence_no, kind, span))
            sentence_no += 1
    return Segmentation(tuple(pieces), tuple(quote_spans), tuple(dropped), tuple(warnings))


def _cut(
    text: str, sentence: Span, quotes: tuple[Span, ...], block: Block
) -> list[tuple[str, Span]]:
    """Split a sentence into narration/quote runs, trimmed, punctuation-only runs merged."""
    base = "heading" if block.kind == "heading" else "narration"
    bounds = {sentence[0], sentence[1]}
    for q0, q1 in quotes:
        for b in (q0, q1):
            if sentence[0] < b < sentence[1]:
                bounds.add(b)
    edges = sorted(bounds)
    runs: list[tuple[str, Span]] = []
    for a, b in itertools.pairwise(edges):
        inside = any(q0 <= a and b <= q1 for q0, q1 in quotes)
        span = sentences._trim(text, a, b)
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
    return merged
