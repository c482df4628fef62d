"""MP3 with ID3v2.3 tags and chapters (CHAP frames under a CTOC table of contents, export.id3).

libmp3lame encodes (CBR, mono): in-process, in parallel chunks, at the PCM's own rate; through
ffmpeg, as one stream, at any other output rate (see encode.py). mutagen writes the tags,
because ffmpeg writes CHAP frames without the CTOC frame that many players need.
"""

from __future__ import annotations

from pathlib import Path

from earmark.assemble.programme import FRAME, Feed, Programme
from earmark.config.formats import FORMATS
from earmark.config.recipe import ExportSettings
from earmark.export.encode import Mp3Chunks, encode_stream
from earmark.model import PCM, Plan, Timeline
from earmark.speak.cache import Cache


class Mp3Export:
    """MP3: chunks are encoded as soon as their segments are spoken, then joined."""

    def __init__(self, cache: Cache, settings: ExportSettings, workers: int, chunks: int) -> None:
        self.settings = settings
        # chunk joins are exact for MPEG-2 frames at the PCM's rate; other rates (ACX's
        # 44.1 kHz) are resampled by ffmpeg, in one stream
        self.chunks = Mp3Chunks(cache, settings, workers, chunks) \
            if settings.sample_rate == PCM.rate else None

    @property
    def units(self) -> tuple[tuple[int, bool], ...]:
        """What the chunk grid takes from MP3 (earmark.assemble.programme.grid): its frame,
        required by the chunks' join (none when it is encoded as one stream)."""
        return ((FRAME, True),) if self.chunks is not None else ()

    def begin(self, feed: Feed) -> None:
        if self.chunks is not None:
            self.chunks.begin(feed)

    def finish(self, programme: Programme, plan: Plan, timeline: Timeline, out: Path) -> None:
        import mutagen.id3  # noqa: F401 - loaded while the encoders still run, not after
        if self.chunks is not None:
            self.chunks.finish(out)
        else:
            encode_stream(programme, FORMATS["mp3"], out, self.settings, [],
                          ["-map_metadata", "-1"])
        write_tags(out, plan, timeline, self.settings)

    def abandon(self) -> None:
        if self.chunks is not None:
            self.chunks.abandon()


def write_tags(path: Path, plan: Plan, timeline: Timeline, settings: ExportSettings) -> None:
    """The render's tags and chapters, as ID3v2.3 (export.id3)."""
    from earmark.export.id3 import add_chapter_frames, add_tags, new_tags
    from earmark.export.tags import tags_for

    tags = new_tags()
    add_tags(tags, tags_for(plan, settings))
    add_chapter_frames(tags, plan, timeline)
    tags.save(str(path), v2_version=3)
