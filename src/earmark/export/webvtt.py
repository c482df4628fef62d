"""WebVTT, written and read: captions (one cue per segment, <v Speaker> on quotes) and chapters.

All text is escaped (&, <, >), so a "-->" or a "<script>" in the source is shown as written and
never ends a cue or opens a tag. Times are the manifest's, to the millisecond. `read` parses the
files `render` writes (and plain WebVTT cues), for `earmark check`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from earmark.planning.manifest import ChapterEntry, SegmentEntry


@dataclass(frozen=True, slots=True)
class VttCue:
    """One WebVTT cue: a caption or a chapter title over a span of the audio."""

    identifier: str
    """The cue's id line ("s12", "chapter-2"); empty if the file gave none."""
    start_ms: int
    """Where it starts in the audio."""
    end_ms: int
    """Where it ends."""
    text: str
    """Its text, unescaped, without voice tags."""
    voice: str | None = None
    """The speaker of a <v Speaker> cue."""


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def timestamp(ms: int) -> str:
    hours, rest = divmod(max(0, ms), 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def render(cues: Iterable[VttCue]) -> str:
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


def caption_cues(segments: Sequence[SegmentEntry], shift_ms: int = 0,
                 limit_ms: int | None = None) -> list[VttCue]:
    """Captions from manifest segments; `shift_ms`/`limit_ms` cut them to a clip."""
    cues = []
    for segment in segments:
        start = segment.start_ms - shift_ms
        end = segment.end_ms - shift_ms
        if limit_ms is not None:
            if end <= 0 or start >= limit_ms:
                continue
            start, end = max(0, start), min(limit_ms, end)
        voice = segment.speaker if segment.kind == "quote" else None
        if segment.kind == "quote" and voice is None:
            voice = "Unidentified speaker"
        cues.append(VttCue(f"s{segment.index}", start, end, segment.caption, voice))
    return cues


def chapter_cues(chapters: Sequence[ChapterEntry]) -> list[VttCue]:
    return [VttCue(f"chapter-{c.index + 1}", c.start_ms, c.end_ms, c.title) for c in chapters]


_TIMING = re.compile(r"(\d+):(\d{2}):(\d{2})\.(\d{3}) --> (\d+):(\d{2}):(\d{2})\.(\d{3})")
_VOICE = re.compile(r"<v(?:\.[^ >]*)? ([^>]*)>")


def read(path: Path) -> list[VttCue]:
    """The cues of a WebVTT file; ValueError naming the file if it is not WebVTT."""
    blocks = path.read_text(encoding="utf-8").strip().split("\n\n")
    if not blocks or not blocks[0].startswith("WEBVTT"):
        raise ValueError(f"{path.name} is not WebVTT")
    cues = []
    for block in blocks[1:]:
        lines = block.splitlines()
        index = next((i for i, line in enumerate(lines) if "-->" in line), None)
        match = _TIMING.match(lines[index]) if index is not None else None
        if index is None or match is None:
            raise ValueError(f"{path.name}: a cue without timing: {block[:40]!r}")
        h1, m1, s1, ms1, h2, m2, s2, ms2 = (int(g) for g in match.groups())
        start = ((h1 * 60 + m1) * 60 + s1) * 1000 + ms1
        end = ((h2 * 60 + m2) * 60 + s2) * 1000 + ms2
        body = "\n".join(lines[index + 1:])
        voice = _VOICE.search(body)
        text = html.unescape(re.sub(r"<[^>]+>", "", body))
        cues.append(VttCue(lines[index - 1] if index else "", start, end, text,
                           html.unescape(voice.group(1)) if voice else None))
    return cues
