"""WAV (16-bit PCM, mono) with its chapters in an ID3 chunk: CHAP frames under a CTOC, the
same frames as the MP3 (mutagen writes them; ffprobe and many players read them)."""

from __future__ import annotations

from pathlib import Path

from earmark.export.encode import StreamExport
from earmark.export.mp3 import add_chapter_frames
from earmark.model import Plan, Timeline


class WavExport(StreamExport):
    """The programme as one PCM stream (with the loudness chain applied)."""

    format = "wav"


def write_chapters(path: Path, plan: Plan, timeline: Timeline) -> None:
    """An ID3 chunk with the MP3's frames (title, language, CHAP under CTOC) into a WAV file."""
    from mutagen.wave import WAVE

    audio = WAVE(str(path))
    audio.add_tags()
    add_chapter_frames(audio.tags, plan, timeline)
    audio.save(v2_version=3)
