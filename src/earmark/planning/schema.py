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
    return _plan_dict(plan, with_segments=True)


def _plan_dict(plan: Plan, with_segments: bool) -> dict[str, Any]:
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
        "segments": [_segment(s, doc.text) for s in plan.segments] if with_segments else [],
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


_COMPACT_ABOVE = 2000
"""Plans with more segments than this are written compact (book-length ones)."""


def dumps(data: dict[str, Any]) -> str:
    """Indented for reading; compact (and three times faster) for book-length plans."""
    if len(data.get("segments", ())) > _COMPACT_ABOVE:
        # (no check for circular references: a plan's data has none)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                          check_circular=False) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def plan_json(plan: Plan) -> str:
    """`dumps(plan_to_dict(plan))`, the text of `earmark plan --json`. A book-length plan's
    segments, most of it, are written from a template rather than made into dicts for json."""
    if len(plan.segments) <= _COMPACT_ABOVE:
        return dumps(plan_to_dict(plan))
    data = _plan_dict(plan, with_segments=False)
    keys = list(data)
    at = keys.index("segments")
    head = _compact({key: data[key] for key in keys[:at]})
    tail = _compact({key: data[key] for key in keys[at + 1:]})
    text = plan.document.text
    segments = ",".join(_segment_json(segment, text) for segment in plan.segments)
    return f'{head[:-1]},"segments":[{segments}],{tail[1:]}\n'


def _compact(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), check_circular=False)


_string = json.encoder.encode_basestring  # a JSON string as json.dumps writes it, not ASCII-only


def _segment_json(segment: Segment, text: str) -> str:
    """_segment(segment, text) as compact JSON."""
    start, end = segment.source_span
    speaker = "null" if segment.speaker is None else _string(segment.speaker)
    language = f',"language":{_string(segment.language)}' if segment.language else ""
    caption = _string(" ".join(text[start:end].split()))
    return (f'{{"index":{segment.index},"chapter":{segment.chapter},'
            f'"sentence":{segment.sentence},"paragraph":{segment.paragraph},'
            f'"kind":{_string(segment.kind)},"speaker":{speaker},"voice":{_string(segment.voice)},'
            f'"text":{_string(segment.text)},"caption":{caption},"source_span":[{start},{end}]'
            f'{language}}}')
