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

from earmark.model import Document, Dropped, Span, quick_init
from earmark.text import emoji, scripts, sentences
from earmark.text import regexes as rx


@quick_init
@dataclass(frozen=True, slots=True)
class Piece:
    """A segment before casting: where it is and what kind of speech it is."""

    block: int
    sentence: int
    kind: str
    span: Span
    language: str | None = None
    """The language of a run of another script ("ar" for an Arabic phrase in English text)."""


@dataclass(frozen=True, slots=True)
class Segmentation:
    pieces: tuple[Piece, ...]
    dropped: tuple[Dropped, ...]
    block_ends: tuple[tuple[int, int, int], ...] = ()
    """For each block, where its pieces and its dropped parts end in the tuples above, and the
    number of the sentence after its last: what `segment_document(..., reuse=)` copies."""


_SPOKEN = rx.compile(r"[^\W_]")  # a letter or digit; "_" alone is markup
_SPOKEN_OR_EMOJI = rx.compile(rf"[^\W_]|{emoji.EMOJI.pattern}")  # emoji read by name


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
    document: Document, block_sentences: list[list[Span]], speech: list[Span],
    emoji_mode: str = "name", reuse: tuple[Segmentation, set[int]] | None = None,
) -> Segmentation:
    """Cut sentences at the edges of the (sorted, non-overlapping) speech spans, and where a
    run of another script starts or ends (a segment is one voice). Emoji are spoken by name
    (`emoji_mode` "name") or dropped ("drop", reported with reason "emoji").

    `reuse`: an earlier segmentation of the same document, with the blocks whose speech spans
    it had otherwise: every other block's pieces are copied from it (a block's pieces depend
    on the speech spans inside it only)."""
    text = document.text
    drop_emoji = emoji_mode == "drop"
    spoken = _SPOKEN if drop_emoji else _SPOKEN_OR_EMOJI
    ends = [q1 for _, q1 in speech]
    markers = _Markers(text)
    latin_text = scripts.latin_only(text)
    pieces: list[Piece] = []
    dropped: list[Dropped] = []
    sentence_no = 0
    block_ends: list[tuple[int, int, int]] = []
    for block_no, block in enumerate(document.blocks):
        if reuse is not None and block_no not in reuse[1]:
            earlier = reuse[0].block_ends
            piece_from, dropped_from, _ = earlier[block_no - 1] if block_no else (0, 0, 0)
            piece_to, dropped_to, sentence_no = earlier[block_no]
            pieces.extend(reuse[0].pieces[piece_from:piece_to])
            dropped.extend(reuse[0].dropped[dropped_from:dropped_to])
            block_ends.append((len(pieces), len(dropped), sentence_no))
            continue
        base = "heading" if block.kind == "heading" else "narration"
        language_of_block = block.language or document.language
        # nothing but Latin letters in a text read in Latin script: one run per piece
        one_run = latin_text and scripts.home_scripts(language_of_block) == {"LATIN"}
        for sentence in block_sentences[block_no]:
            if not spoken.search(text, *sentence):
                reason = ("emoji" if drop_emoji and _SPOKEN_OR_EMOJI.search(text, *sentence)
                          else "no words: punctuation only")
                dropped.append(Dropped(sentence, reason))
                continue
            inside = [] if base == "heading" else _overlapping(speech, ends, sentence)
            for kind, span in _cut(text, sentence, inside, base):
                if markers.near(*span) or drop_emoji:
                    parts = _without_markers(text, span, drop_emoji, spoken)
                else:  # the piece as it is (it is trimmed); punctuation alone is dropped
                    parts = [(span, None if span == sentence or spoken.search(text, *span)
                              else "no words: punctuation only")]
                for part, reason in parts:
                    if reason:
                        dropped.append(Dropped(part, reason))
                    elif one_run:
                        pieces.append(Piece(block_no, sentence_no, kind, part))
                    else:
                        for run, language in scripts.runs(text, part, language_of_block):
                            pieces.append(Piece(block_no, sentence_no, kind, run, language))
            sentence_no += 1
        block_ends.append((len(pieces), len(dropped), sentence_no))
    return Segmentation(tuple(pieces), tuple(dropped), tuple(block_ends))


_MARKER = rx.compile(r"\[(?:\d{1,3}|[a-z]|note \d+|citation needed)\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+"
                     r"|(?P<page>\{(?:\d{1,4}|[ivxlc]{1,8})\}|\[(?:p|pg|page)\.?\s*(?:\d{1,4}|"
                     r"[ivxlc]{1,8})\])", re.IGNORECASE)
"""Footnote markers ("[3]", "¹") and page numbers of printed editions ("{12}", "[Pg 12]",
"[p. 12]")."""
_MARKER_FIRST = "[{¹²³⁴⁵⁶⁷⁸⁹⁰"
"""The characters a match of _MARKER starts with."""
_MARKER_START = rx.compile(f"[{re.escape(_MARKER_FIRST)}]")


class _Markers:
    """Where the footnote markers and page numbers of a text are, found in one pass: a piece
    that none of them touches is not searched again."""

    def __init__(self, text: str) -> None:
        found: list[Span] = []
        if not any(first in text for first in _MARKER_FIRST):
            self.starts, self.ends = [], []  # most texts: no "[", "{" or superscript digit
            return
        for candidate in _MARKER_START.finditer(text):  # as _MARKER.finditer(text), faster
            if found and candidate.start() < found[-1][1]:
                continue
            match = _MARKER.match(text, candidate.start())
            if match:
                found.append(match.span())
        self.starts = [a for a, _ in found]
        self.ends = [b for _, b in found]

    def near(self, start: int, end: int) -> bool:
        """Whether a marker of the whole text overlaps text[start:end]. When none does, none
        is found in it either (the pattern has no anchors or lookarounds)."""
        index = bisect_right(self.ends, start)
        return index < len(self.starts) and self.starts[index] < end


def _without_markers(text: str, span: Span, drop_emoji: bool = False,
                     spoken: re.Pattern[str] = _SPOKEN) -> list[tuple[Span, str | None]]:
    """A piece cut around footnote markers ("[3]", "¹"), page numbers and (when they are not
    read) emoji: those, and any bit left with no words, are reported as dropped; the rest is
    spoken."""
    out: list[tuple[Span, str | None]] = []
    start = span[0]
    cuts = [((m.start(), m.end()), "page number" if m.group("page") else "footnote marker")
            for m in _MARKER.finditer(text, span[0], span[1])]
    if drop_emoji and not text.isascii():
        cuts = sorted(cuts + [(s, "emoji") for s in emoji.spans(text, *span)])
    for (a, b), reason in cuts:
        if a < start:
            continue
        _keep(text, start, a, out, spoken)
        out.append(((a, b), reason))
        start = b
    _keep(text, start, span[1], out, spoken)
    return out


def _keep(text: str, start: int, end: int, out: list[tuple[Span, str | None]],
          spoken: re.Pattern[str] = _SPOKEN) -> None:
    part = sentences.trim(text, start, end)
    if part is not None:
        out.append((part, None if spoken.search(text, *part) else "no words: punctuation only"))


def _overlapping(speech: list[Span], ends: list[int], span: Span) -> list[Span]:
    found = []
    for index in range(bisect_right(ends, span[0]), len(speech)):
        if speech[index][0] >= span[1]:
            break
        found.append(speech[index])
    return found


def _cut(text: str, sentence: Span, quotes: list[Span], base: str) -> list[tuple[str, Span]]:
    """Split a sentence into narration/quote runs, trimmed, punctuation-only runs merged;
    then at clauses and at the length limit."""
    if not quotes:  # most sentences: one run
        whole = sentences.trim(text, *sentence)
        return [] if whole is None else _clauses_bounded(text, base, whole)
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
    return [cut for kind, span in merged for cut in _clauses_bounded(text, kind, span)]


def _clauses_bounded(text: str, kind: str, span: Span) -> list[tuple[str, Span]]:
    """A trimmed run cut at clauses (_clauses), and each clause at the length limit."""
    if span[1] - span[0] <= MAX_CHARS and not _may_pause(text, *span):
        return [(kind, span)]  # most runs: as they are
    return [(kind, bounded) for piece in _clauses(text, span)
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


_CLAUSE = rx.compile(r"(?:…|\.{3}|\.(?: \.){2}|\s[—–]|\s-)(?=\s+\S)")
_DASH_OR_ELLIPSIS = rx.compile(r"[…—–-]")


def _may_pause(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] has what _CLAUSE looks for, a dash or an ellipsis (found
    faster this way than by _CLAUSE, which tries each of its forms at every character)."""
    return bool(_DASH_OR_ELLIPSIS.search(text, start, end) or text.find("..", start, end) >= 0
                or text.find(". .", start, end) >= 0)


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
