"""Document -> Plan: sentences, quotations and speakers, chapters and casting; no audio."""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from earmark.config.casting import Casting
from earmark.config.lexicon import Lexicon
from earmark.config.recipe import Recipe
from earmark.errors import InputError
from earmark.ingest import read_document
from earmark.model import Document, Plan, Quote, Segment, Span, Speaker
from earmark.planning import ahead
from earmark.planning.chapters import (
    WORDS_PER_MINUTE,
    build_chapters,
    chapter_of_blocks,
    dense_chapters,
)
from earmark.planning.voices import assign_voices
from earmark.quotes.attribution import Attributed, attribute
from earmark.quotes.marks import find_quotes
from earmark.text.emoji import EMOJI_CHARS, with_names
from earmark.text.segment import Piece, Segmentation, segment_document, sentence_spans
from earmark.text.speech import for_speech, heading_for_speech, without_markup

# control characters (but whitespace) and zero-width/format characters: not for the engine
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # the ASCII part of _INVISIBLE
_INVISIBLE_OR_EMOJI = re.compile(
    rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2060\ufeff\u00ad{EMOJI_CHARS}]")


def spoken_text(source: str, lexicon: Lexicon | None = None, heading: bool = False) -> str:
    """The text handed to the engine for a piece of source text: whitespace folded, "[["
    defused (espeak-ng would read it as phonemes), emphasis markers left out, a heading's
    label in words ("Chapter One."), lexicon pronunciations applied."""
    if not source.isascii():  # emoji by name (dropped ones are not here); invisible marks
        if _INVISIBLE_OR_EMOJI.search(source):
            source = with_names(_INVISIBLE.sub("", source))
    elif _CONTROL.search(source):
        source = _INVISIBLE.sub("", source)
    text = " ".join(source.split())  # whitespace folded (str.isspace is what \s matches)
    if "[[" in text or "]]" in text:
        text = text.replace("[[", "[ [").replace("]]", "] ]")
    text = without_markup(text)
    if heading:
        text = heading_for_speech(text)
    text = for_speech(text)
    return lexicon.apply(text) if lexicon else text


@contextmanager
def _without_collector() -> Iterator[None]:
    """The cyclic garbage collector paused: the planning stage makes a million small objects
    (spans, pieces, segments) and no cycles to collect, and the collector's passes over them
    were 3% of its instructions (benchmarks/plan.py's text). Unreachable cycles, if any, are
    collected when it resumes. (It also keeps those passes from touching, and so copying,
    every page shared with planning.ahead's forked process.)"""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_plan(document: Document, recipe: Recipe, casting: Casting) -> Plan:
    """The planning stage: sentences, quotations attributed and cast, segments and chapters of
    a document; raises InputError when nothing in it can be read aloud."""
    with _without_collector():
        return _build_plan(document, recipe, casting)


def _build_plan(document: Document, recipe: Recipe, casting: Casting) -> Plan:
    warnings: list[str] = list(document.warnings)
    speech: list[Attributed] = []
    voices: dict[str, str] = {}
    speakers = []
    text, blocks, lexicon = document.text, document.blocks, casting.lexicon

    def spoken_of(piece: Piece) -> str:
        return spoken_text(text[piece.span[0] : piece.span[1]], lexicon,
                           heading=piece.kind == "heading")

    early: tuple[Segmentation, list[str]] | None = None
    known: dict[tuple[Span, bool], str] = {}
    reuse: tuple[Segmentation, set[int]] | None = None
    guess = None
    if recipe.quotes.enabled:
        guess = ahead.start(document, recipe.segment.abbreviations, recipe.segment.emoji,
                            spoken_of)
    try:
        sentences = sentence_spans(document, recipe.segment.abbreviations)
        scan = find_quotes(document) if recipe.quotes.enabled else None
        if scan is not None:
            warnings.extend(scan.warnings)
            if guess is not None:
                guess.speech = [q.span for q in scan.quotes]
            attributed, speakers = attribute(document, scan.quotes, sentences, recipe.quotes,
                                             guess.prepared if guess is not None else None)
    except BaseException:
        if guess is not None:
            ahead.cancel(guess)
        raise
    if scan is not None:
        speech = [a for a in attributed if a.speech]
        early = ahead.finish(guess) if guess is not None else None
        spans = [a.quote.span for a in speech]
        if early is not None and guess is not None and guess.speech != spans:
            # some quotation is no speech: the blocks it is in are segmented again; the other
            # blocks' pieces, and the spoken text of every piece that came out the same, stay
            changed = ahead.changed_blocks(document, guess.speech, spans)
            if changed is not None:
                reuse = (early[0], changed)
                known = {(p.span, p.kind == "heading"): said
                         for p, said in zip(early[0].pieces, early[1], strict=True)}
            early = None
        lines: dict[str, int] = {}
        for said in speech:
            if said.speaker is not None:
                lines[said.speaker.canonical] = lines.get(said.speaker.canonical, 0) + 1
        voices, cast_warnings = assign_voices(speakers, casting, lines)
        warnings.extend(cast_warnings)
    if early is not None:
        seg, spoken_texts = early[0], early[1]
    else:
        seg = segment_document(document, sentences, [a.quote.span for a in speech],
                               recipe.segment.emoji, reuse)
        spoken_texts = [known.get((p.span, p.kind == "heading")) or spoken_of(p)
                        for p in seg.pieces]
    narrator = casting.voices.get(casting.narrator)
    rate = narrator.rate if narrator else WORDS_PER_MINUTE
    piece_chapter = dense_chapters(seg.pieces, chapter_of_blocks(document, recipe.chapters, rate))
    chapters = build_chapters(document, seg.pieces, piece_chapter, recipe.chapters)
    starts = [a.quote.span[0] for a in speech]
    first_of, last_of = _note_ends(document, seg.pieces)
    other_language: dict[str | None, str | None] = {}  # a piece's language -> the segment's
    segments = []
    for index, piece in enumerate(seg.pieces):
        speaker: str | None = "narrator"
        voice = casting.narrator
        if piece.kind == "quote":
            at = bisect_right(starts, piece.span[0]) - 1
            if at < 0 or speech[at].quote.span[1] <= piece.span[0]:
                # the piece starts with what its quotation does not hold: a character with
                # nothing to speak before the mark ("\u202a“Sorry ...”", pasted text)
                at = bisect_right(starts, piece.span[1] - 1) - 1
            said = speech[at]
            speaker = said.speaker.canonical if said.speaker else None
            voice = voices[said.speaker.canonical] if said.speaker else casting.quote
        block = blocks[piece.block]
        spoken = spoken_texts[index]
        if block.note is not None:
            spoken = _announced(spoken, block.note, index in first_of, index in last_of)
        language = piece.language or block.language
        if language not in other_language:
            other_language[language] = _other_language(language, document.language)
        segments.append(
            Segment(
                index=index,
                chapter=piece_chapter[index],
                sentence=piece.sentence,
                paragraph=piece.block,
                kind=piece.kind,
                speaker=speaker,
                voice=voice,
                text=spoken,
                source_span=piece.span,
                language=other_language[language],
                item=block.kind == "item",
            )
        )
    if not segments:
        raise InputError(f"{document.path}: nothing to read aloud (no words in the document)")
    return Plan(
        document=document,
        chapters=chapters,
        speakers=(
            Speaker("narrator", casting.narrator),
            *(Speaker(s.canonical, voices[s.canonical], tuple(s.aliases), s.gender)
              for s in speakers),
        ),
        quotes=tuple(
            Quote(
                a.quote.span,
                a.speaker.canonical if a.speaker else None,
                _quote_aliases(a),
                a.cue,
            )
            for a in speech
        ),
        segments=tuple(segments),
        dropped=tuple(sorted(document.dropped + seg.dropped, key=lambda d: d.span)),
        warnings=tuple(warnings),
    )


def _note_ends(document: Document, pieces: tuple[Piece, ...]) -> tuple[set[int], set[int]]:
    """The indexes of the first and the last piece of every footnote."""
    first: set[int] = set()
    last: set[int] = set()
    for index, piece in enumerate(pieces):
        if document.blocks[piece.block].note is None:
            continue
        if index == 0 or not _same_note(document, pieces[index - 1], piece):
            first.add(index)
        if index + 1 == len(pieces) or not _same_note(document, piece, pieces[index + 1]):
            last.add(index)
    return first, last


def _same_note(document: Document, a: Piece, b: Piece) -> bool:
    """Whether two neighbouring pieces are of one footnote: one block, or blocks (paragraphs
    of one note) with the same label."""
    one, two = document.blocks[a.block].note, document.blocks[b.block].note
    return one is not None and two is not None and (a.block == b.block or one == two)


def _announced(text: str, note: str | None, first: bool, last: bool) -> str:
    """A footnote's text as it is read: "Note 3. …" at its start, "… End of note." at its end."""
    if note is None:
        return text
    if first:
        text = f"Note {note}. {text}" if note and note not in "*†‡§" else f"Note. {text}"
    return f"{text} End of note." if last else text


def _other_language(block: str | None, document: str) -> str | None:
    if not block or block.split("-")[0].lower() == document.split("-")[0].lower():
        return None
    return block


def _quote_aliases(attributed: Attributed) -> tuple[str, ...]:
    """The words naming a quotation's speaker at that quotation: its cue's ("he"), and for a
    pronoun the mention it refers back to ("the retired neurosurgeon")."""
    surface, antecedent = attributed.surface, attributed.antecedent
    if not surface:
        return ()
    canonical = attributed.speaker.canonical if attributed.speaker else None
    if antecedent and antecedent not in (surface, canonical):
        return (surface, antecedent)
    return (surface,)


def plan_file(path: Path, recipe: Recipe, casting: Casting) -> Plan:
    """Read a file (the ingest stage) and plan it: what `earmark plan` shows."""
    with _without_collector():
        return build_plan(read_document(path, recipe.ingest), recipe, casting)


def summary(plan: Plan) -> str:
    """One line about a plan: title, chapters, segments, quoted segments, dropped passages."""
    quotes = sum(1 for s in plan.segments if s.kind == "quote")
    return (f"{plan.document.title}: {len(plan.chapters)} chapters, {len(plan.segments)} segments "
            f"({quotes} quoted), {len(plan.dropped)} dropped")
