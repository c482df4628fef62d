"""Helpers of the Markdown tests: a fixture read into (kind, text) pairs, and its plan with the
coverage invariant checked."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from conftest import DATA
from earmark.config.recipe import IngestSettings
from earmark.ingest.markdown import read
from earmark.model import Document, Plan
from earmark.planning.build import build_plan
from earmark.text.coverage import coverage_problems

MARKDOWN = DATA / "markdown"


def document(source: str | Path, **settings: object) -> Document:
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    name = source.name if isinstance(source, Path) else "post.md"
    return read(text, name, replace(IngestSettings(), **settings))


def said(doc: Document) -> list[tuple[str, str]]:
    """Everything in reading order: (block kind, text), or ("dropped: REASON", text); a
    footnote's block kind says its label ("paragraph, note 1")."""
    items = [(b.span, b.kind + (f", note {b.note}" if b.note is not None else ""))
             for b in doc.blocks] + \
        [(d.span, f"dropped: {d.reason}") for d in doc.dropped]
    return [(kind, doc.text[s:e]) for (s, e), kind in sorted(items)]


def spoken(doc: Document) -> list[str]:
    """The blocks' texts, a footnote's as it is announced ("Note 1. … End of note.")."""
    out: list[str] = []
    previous = None
    blocks = [b for b in doc.blocks]
    for number, block in enumerate(blocks):
        text = doc.text[slice(*block.span)]
        if block.note is not None:
            following = blocks[number + 1] if number + 1 < len(blocks) else None
            if previous is None or previous.note != block.note:
                text = f"Note {block.note}. {text}" if block.note else f"Note. {text}"
            if following is None or following.note != block.note:
                text = f"{text} End of note."
        out.append(text)
        previous = block
    return out


def planned(doc: Document, recipe, casting) -> Plan:
    plan = build_plan(doc, recipe, casting)
    problems = coverage_problems(doc.text, [s.source_span for s in plan.segments],
                                 [d.span for d in plan.dropped])
    assert problems == []
    return plan
