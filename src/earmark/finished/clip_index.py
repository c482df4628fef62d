"""OUTDIR/clips/clips.json: what `earmark clip` has cut from a render, for what reads it later
(`earmark feed` lists each clip as a `podcast:soundbite` of its document).

One entry per clip name (cutting the same clip again replaces its entry), in time order:
    {"schema": "earmark.clips/1",
     "clips": [{"name": "quote-2-marcus-webb", "kind": "quote", "label": "Marcus Webb",
                "start_ms": 41230, "end_ms": 47310, "audio": "quote-2-marcus-webb.mp3",
                "captions": "quote-2-marcus-webb.captions.vtt",
                "snippet": "quote-2-marcus-webb.html"}]}
Times are in the render's audio. A re-render replaces the folder whole, clips included, so the
index never outlives the audio it points into.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

SCHEMA = "earmark.clips/1"
INDEX = "clips.json"


@dataclass(frozen=True, slots=True)
class ClipRecord:
    name: str
    """The clip's file stem."""
    kind: str
    """"chapter", "quote" or "range"."""
    label: str
    """What it is ("Marcus Webb", "Chapter 2: What residents said"): the soundbite's title."""
    start_ms: int
    """Where it starts in the render's audio."""
    end_ms: int
    """Where it ends in the render's audio."""
    audio: str
    """Its audio file, in clips/."""
    captions: str
    """Its WebVTT captions, in clips/."""
    snippet: str
    """Its HTML snippet, in clips/."""

    @classmethod
    def from_dict(cls, data: Any) -> ClipRecord | None:
        """A record, or None for an entry that is not one (an edited or foreign file)."""
        try:
            record = cls(**{f.name: data[f.name] for f in fields(cls)})
        except (KeyError, TypeError):
            return None
        times_ok = isinstance(record.start_ms, int) and isinstance(record.end_ms, int)
        names_ok = all(isinstance(v, str) for v in (record.name, record.kind, record.label,
                                                    record.audio, record.captions,
                                                    record.snippet))
        return record if times_ok and names_ok and record.start_ms < record.end_ms else None


def recorded_clips(clips: Path) -> list[ClipRecord]:
    """The clips recorded in a clips/ folder whose audio is still there, in time order; none
    when there is no readable index."""
    try:
        data = json.loads((clips / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        return []
    entries = data.get("clips")
    records = [ClipRecord.from_dict(e) for e in entries] if isinstance(entries, list) else []
    found = [r for r in records if r is not None and (clips / r.audio).is_file()]
    return sorted(found, key=lambda r: (r.start_ms, r.end_ms, r.name))


def record_clip(clips: Path, record: ClipRecord) -> Path:
    """Add (or replace, by name) one clip in the index; the file is replaced at once."""
    kept = [r for r in recorded_clips(clips) if r.name != record.name]
    records = sorted([*kept, record], key=lambda r: (r.start_ms, r.end_ms, r.name))
    text = json.dumps({"schema": SCHEMA, "clips": [asdict(r) for r in records]},
                      ensure_ascii=False, indent=2) + "\n"
    target = clips / INDEX
    partial = clips / f".{INDEX}.{os.getpid()}.partial"
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)
    return target
