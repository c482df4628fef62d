"""WebVTT sidecars: captions (one cue per segment, <v Speaker> on quotes) and chapters.

All text is escaped (&, <, >), so a "-->" or a "<script>" in the source is shown as written and
never ends a cue or opens a tag. Times are the manifest's, to the millisecond.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cue:
    identifier: str
    start_ms: int
    end_ms: int
    text: str
    voice: str | None = None


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def timestamp(ms: int) -> str:
    hours, rest = divmod(max(0, ms), 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def render(cues: Iterable[Cue]) -> str:
    lines = ["WEBVTT", ""]
    for cue in cues:
        text = " ".join(cue.text.split())
        body = escape(text)
        if cue.voice:
            body = f"<v {escape(' '.join(cue.voice.split()))}>{body}</v>"
        lines += [
            cue.identifier,
            f"{timestamp(cue.start_ms)} --> {timestamp(cue.end_ms)}",
            body,
            "",
        ]
    return "\n".join(lines)


def caption_cues(segments: list[dict], shift_ms: int = 0, limit_ms: int | None = None) -> list[Cue]:
    """Captions from manifest segments; `shift_ms`/`limit_ms` cut them to a clip."""
    cues = []
    for segment in segments:
        start = segment["start_ms"] - shift_ms
        end = segment["end_ms"] - shift_ms
        if limit_ms is not None:
            if end <= 0 or start >= limit_ms:
                continue
            start, end = max(0, start), min(limit_ms, end)
        voice = segment["speaker"] if segment["kind"] == "quote" else None
        if segment["kind"] == "quote" and voice is None:
            voice = "Unidentified speaker"
        cues.append(Cue(f"s{segment['index']}", start, end, segment["caption"], voice))
    return cues


def chapter_cues(chapters: list[dict]) -> list[Cue]:
    return [
        Cue(f"chapter-{c['index'] + 1}", c["start_ms"], c["end_ms"], c["title"]) for c in chapters
    ]
