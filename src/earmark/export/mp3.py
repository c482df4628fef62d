"""MP3 with ID3v2.3 chapters: one CHAP frame per chapter and a CTOC table of contents.

ffmpeg encodes (libmp3lame, CBR, mono); mutagen writes the tags, because ffmpeg writes CHAP
frames without the CTOC frame that many players need to show chapters.
"""

from __future__ import annotations

from pathlib import Path

from mutagen.id3 import CHAP, CTOC, ID3, TIT2, TLAN, TSSE, CTOCFlags

from earmark import __version__
from earmark.export.ffmpeg import FFMPEG, codec_args, run
from earmark.model import Plan, Timeline
from earmark.recipe import ExportSettings

NO_OFFSET = 0xFFFFFFFF


def export(wav: Path, plan: Plan, timeline: Timeline, settings: ExportSettings, out: Path) -> None:
    args = ["-i", str(wav), "-map_metadata", "-1", *codec_args("mp3", settings), str(out)]
    run([*FFMPEG, *args])
    write_chapters(out, plan, timeline)


def write_chapters(path: Path, plan: Plan, timeline: Timeline) -> None:
    tags = ID3()
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
    tags.save(str(path), v2_version=3)
