"""WAV (16-bit PCM, mono) with its tags and chapters in an ID3 chunk: the MP3's frames (tags,
CHAP under CTOC; mutagen writes them; ffprobe and many players read them)."""

from __future__ import annotations

from pathlib import Path

from earmark.config.recipe import ExportSettings
from earmark.export.encode import StreamExport
from earmark.model import Plan, Timeline


class WavExport(StreamExport):
    """The programme as one PCM stream (with the loudness chain applied)."""

    format = "wav"


def write_tags(path: Path, plan: Plan, timeline: Timeline, settings: ExportSettings) -> None:
    """An ID3 chunk with the MP3's frames (export.id3) into a WAV file."""
    from mutagen.wave import WAVE

    from earmark.export.id3 import add_chapter_frames, add_tags, add_wave_tags
    from earmark.export.tags import tags_for

    audio = WAVE(str(path))
    add_wave_tags(audio)
    add_tags(audio.tags, tags_for(plan, settings))
    add_chapter_frames(audio.tags, plan, timeline)
    audio.save(v2_version=3)
