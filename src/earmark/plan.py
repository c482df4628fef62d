"""Document -> Plan: segmentation, quotes, chapters and casting, no audio."""

from __future__ import annotations

import re
from pathlib import Path

from earmark.casting import Casting
from earmark.chapters import build_chapters, chapter_of_blocks, dense_chapters
from earmark.errors import InputError
from earmark.ingest import read_document
from earmark.model import Document, Plan, Quote, Segment, Speaker
from earmark.recipe import Recipe
from earmark.segment import segment_document

_SPACE = re.compile(r"\s+")


def spoken_text(source: str) -> str:
    """The text handed to the engine for a piece of source text."""
    return _SPACE.sub(" ", source).strip()


def build_plan(document: Document, recipe: Recipe, casting: Casting) -> Plan:
    seg = segment_document(document, recipe.segment.abbreviations, recipe.quotes.enabled)
    piece_chapter = dense_chapters(seg.pieces, chapter_of_blocks(document, recipe.chapters))
    chapters = build_chapters(document, seg.pieces, piece_chapter, recipe.chapters)
    segments = []
    for index, piece in enumerate(seg.pieces):
        voice = casting.quote if piece.kind == "quote" else casting.narrator
        speaker = None if piece.kind == "quote" else "narrator"
        segments.append(
            Segment(
                index=index,
                chapter=piece_chapter[index],
                sentence=piece.sentence,
                paragraph=piece.block,
                kind=piece.kind,
                speaker=speaker,
                voice=voice,
                text=spoken_text(document.text[piece.span[0] : piece.span[1]]),
                source_span=piece.span,
            )
        )
    if not segments:
        raise InputError(f"{document.path}: nothing to read aloud (no words in the document)")
    speakers = [Speaker("narrator", casting.narrator)]
    return Plan(
        document=document,
        chapters=chapters,
        speakers=tuple(speakers),
        quotes=tuple(Quote(span) for span in seg.quotes),
        segments=tuple(segments),
        dropped=tuple(sorted(document.dropped + seg.dropped, key=lambda d: d.span)),
        warnings=seg.warnings,
    )


def plan_file(path: Path, recipe: Recipe, casting: Casting) -> Plan:
    return build_plan(read_document(path, recipe.ingest), recipe, casting)
