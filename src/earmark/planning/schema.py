"""The plan as JSON (schema "earmark.plan/1"; see ../shared/DESIGN.md); the manifest, which adds
the timings, is planning/manifest.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from earmark.model import Plan, Segment

SCHEMA = "earmark.plan/1"
SCHEMA_FILE = Path(__file__).with_name("plan.schema.json")


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan as the JSON object of schema earmark.plan/1 (`earmark plan --json`)."""
    doc = plan.document
    spoken_by: dict[str | None, list[int]] = {}
    for segment in plan.segments:
        spoken_by.setdefault(segment.speaker, []).append(segment.index)
    return {
        "schema": SCHEMA,
        "source": {"path": doc.path, "format": doc.format, "chars": len(doc.text)},
        "title": doc.title,
        "language": doc.language,
        "chapters": [
            {
                "index": c.index,
                "title": c.title,
                "first_segment": c.first_segment,
                "last_segment": c.last_segment,
            }
            for c in plan.chapters
        ],
        "speakers": [
            {
                "name": s.name,
                "aliases": list(s.aliases),
                "gender": s.gender,
                "voice": s.voice,
                "segments": spoken_by.get(s.name, []),
            }
            for s in plan.speakers
        ],
        "quotes": [
            {
                "span": list(q.span),
                "speaker": q.speaker,
                "aliases": list(q.aliases),
                "cue": list(q.cue) if q.cue else None,
            }
            for q in plan.quotes
        ],
        "segments": [_segment(s, doc.text) for s in plan.segments],
        "dropped": [{"span": list(d.span), "reason": d.reason} for d in plan.dropped],
        "warnings": list(plan.warnings),
    }


def _segment(segment: Segment, text: str) -> dict[str, Any]:
    start, end = segment.source_span
    entry: dict[str, Any] = {
        "index": segment.index,
        "chapter": segment.chapter,
        "sentence": segment.sentence,
        "paragraph": segment.paragraph,
        "kind": segment.kind,
        "speaker": segment.speaker,
        "voice": segment.voice,
        "text": segment.text,
        "caption": " ".join(text[start:end].split()),
        "source_span": [start, end],
    }
    if segment.language:
        entry["language"] = segment.language
    return entry


def dumps(data: dict[str, Any]) -> str:
    """Indented for reading; compact (and three times faster) for book-length plans."""
    if len(data.get("segments", ())) > 2000:
        # (no check for circular references: a plan's data has none)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                          check_circular=False) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
