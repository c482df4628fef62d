"""Ogg Opus with chapters: CHAPTERnnn / CHAPTERnnnNAME comments, written with mutagen.

ffmpeg 5.1 writes wrong chapter times into Opus (2.500 s became 3.500 s), so ffmpeg only
encodes and mutagen writes the chapters, to the millisecond of the timeline.
"""

from __future__ import annotations

from pathlib import Path

from earmark import __version__
from earmark.export.encode import StreamExport
from earmark.export.webvtt import timestamp
from earmark.model import Plan, Timeline


class OpusExport(StreamExport):
    """One Opus stream of the whole programme (Ogg pages cannot be joined like MP3 frames)."""

    format = "opus"


def write_chapters(path: Path, plan: Plan, timeline: Timeline) -> None:
    """Title, language and CHAPTERnnn comments into an Ogg Opus file."""
    from mutagen.oggopus import OggOpus

    audio = OggOpus(str(path))
    tags = audio.tags
    tags["TITLE"] = plan.document.title
    tags["LANGUAGE"] = plan.document.language
    tags["ENCODER"] = f"earmark {__version__}"
    for number, (chapter, timing) in enumerate(zip(plan.chapters, timeline.chapters,
                                                   strict=True), 1):
        tags[f"CHAPTER{number:03d}"] = timestamp(timing.start_ms)
        tags[f"CHAPTER{number:03d}NAME"] = chapter.title
    audio.save()
