"""WAV (16-bit PCM, mono) with its tags and chapters in an ID3 chunk: CHAP frames under a CTOC,
the same frames as the MP3 (mutagen writes them; ffprobe and many players read them)."""

from __future__ import annotations

from pathlib import Path

from earmark.assemble.programme import Programme
from earmark.export.encode import StreamExport, encode_stream
from earmark.model import Plan, Timeline


class WavExport(StreamExport):
    """The programme as one PCM stream (with the loudness chain applied)."""

    def finish(self, programme: Programme, plan: Plan, timeline: Timeline, out: Path) -> None:
        from mutagen.wave import WAVE

        from earmark.export.id3 import add_chapter_frames, add_tags
        from earmark.export.tags import tags_for

        encode_stream(programme, "wav", out, self.settings, [], ["-map_metadata", "-1"])
        audio = WAVE(str(out))
        audio.add_tags()
        add_tags(audio.tags, tags_for(plan, self.settings))
        add_chapter_frames(audio.tags, plan, timeline)
        audio.save(v2_version=3)

