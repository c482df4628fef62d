"""The plan as JSON (schema "earmark.plan/1"; see ../shared/DESIGN.md); the manifest, which adds
the timings, is planning/manifest.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from earmark.model import Plan

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
        "segments": [
            {
                "index": s.index,
                "chapter": s.chapter,
                "sentence": s.sentence,
                "paragraph": s.paragraph,
                "kind": s.kind,
                "speaker": s.speaker,
                "voice": s.voice,
                "text": s.text,
                "caption": " ".join(doc.text[s.source_span[0] : s.source_span[1]].split()),
                "source_span": list(s.source_span),
                **({"language": s.language} if s.language else {}),
            }
            for s in plan.segments
        ],
        "dropped": [{"span": list(d.span), "reason": d.reason} for d in plan.dropped],
        "warnings": list(plan.warnings),
    }


def dumps(data: dict[str, Any]) -> str:
    """Indented for reading; compact (and three times faster) for book-length plans."""
    if len(data.get("segments", ())) > 2000:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
