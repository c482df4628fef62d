"""MP3 with ID3v2.3 chapters: one CHAP frame per chapter and a CTOC table of contents.

libmp3lame encodes (CBR, mono): in-process, in parallel chunks, at the PCM's own rate; through
ffmpeg, as one stream, at any other output rate (see encode.py). mutagen writes the tags,
because ffmpeg writes CHAP frames without the CTOC frame that many players need.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from earmark import __version__
from earmark.assemble.programme import Feed, Programme
from earmark.config.formats import FORMATS
from earmark.config.recipe import ExportSettings
from earmark.export.encode import Mp3Chunks, encode_stream
from earmark.model import PCM, Plan, Timeline
from earmark.speak.cache import Cache

if TYPE_CHECKING:
    from mutagen.id3 import ID3

NO_OFFSET = 0xFFFFFFFF


class Mp3Export:
    """MP3: chunks are encoded as soon as their segments are spoken, then joined."""

    def __init__(self, cache: Cache, settings: ExportSettings, workers: int, chunks: int) -> None:
        self.settings = settings
        # chunk joins are exact for MPEG-2 frames at the PCM's rate; other rates (ACX's
        # 44.1 kHz) are resampled by ffmpeg, in one stream
        self.chunks = Mp3Chunks(cache, settings, workers, chunks) \
            if settings.sample_rate == PCM.rate else None

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
        write_chapters(out, plan, timeline)

    def abandon(self) -> None:
        if self.chunks is not None:
            self.chunks.abandon()


def write_chapters(path: Path, plan: Plan, timeline: Timeline) -> None:
    from mutagen.id3 import ID3

    tags = ID3()
    add_chapter_frames(tags, plan, timeline)
    tags.save(str(path), v2_version=3)


def add_chapter_frames(tags: ID3, plan: Plan, timeline: Timeline) -> None:
    """Title, language, and one CHAP frame per chapter under a CTOC table of contents."""
    from mutagen.id3 import CHAP, CTOC, TIT2, TLAN, TSSE, CTOCFlags

    tags.add(TIT2(encoding=3, text=[plan.document.title]))
    tags.add(TLAN(encoding=3, text=[plan.document.language]))
    tags.add(TSSE(encoding=3, text=[f"earmark {__version__}"]))
    ids = [f"ch{c.index}" for c in plan.chapters]
    tags.add(
        CTOC(
            element_id="toc",
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids,
            sub_frames=[TIT2(encoding=3, text=["Chapters"])],
        )
    )
    for chapter_id, chapter, timing in zip(ids, plan.chapters, timeline.chapters, strict=True):
        tags.add(
            CHAP(
                element_id=chapter_id,
                start_time=timing.start_ms,
                end_time=timing.end_ms,
                start_offset=NO_OFFSET,
                end_offset=NO_OFFSET,
                sub_frames=[TIT2(encoding=3, text=[chapter.title])],
            )
        )
