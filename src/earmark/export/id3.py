"""ID3v2.3 tags for MP3 and WAV: the render's tags (export.tags) and its chapters, one CHAP
frame per chapter under CTOC tables of contents.

A CTOC frame lists at most 255 children (its entry count is one byte): up to 255 chapters hang
from one top-level table; more are split into child tables of at most 255 chapters each, under
the top-level one (ID3v2 Chapter Frame Addendum, section 3.2: nested tables of contents).
mutagen writes frames sorted by size, not in the order they were added, which scrambles the
CHAP frames (ffprobe, eyeD3 and ffmpeg's remuxes keep the stored order): the tag classes here
(`ID3InOrder`, `WaveID3InOrder`) write frames in the order they were added, pictures last, and
the chapters are added in time order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from earmark.export.tags import Tags
from earmark.model import Plan, Timeline

if TYPE_CHECKING:
    from mutagen.id3 import ID3

NO_OFFSET = 0xFFFFFFFF
CTOC_LIMIT = 255
"""Children a CTOC frame can list."""


class _InOrder:
    """Frames written in insertion order (APIC last, as mutagen does), not sorted by size.

    Overrides mutagen's ID3Tags._write (mutagen 1.47-1.48: it sorts by priority and size)."""

    def _write(self, config):  # type: ignore[no-untyped-def]
        from mutagen.id3._tags import save_frame

        frames = sorted(self.values(), key=lambda frame: frame.FrameID == "APIC")  # stable
        data = [save_frame(frame, config=config) for frame in frames]
        if self._unknown_v2_version == config.v2_version:  # type: ignore[attr-defined]
            data.extend(d for d in self.unknown_frames if len(d) > 10)  # type: ignore[attr-defined]
        return bytearray().join(data)


def new_tags() -> ID3:
    """An empty ID3 tag for an MP3 that writes its frames in the order they were added."""
    from mutagen.id3 import ID3

    class ID3InOrder(_InOrder, ID3):
        pass

    return ID3InOrder()


def add_wave_tags(audio) -> None:  # type: ignore[no-untyped-def]
    """Give a mutagen WAVE file an empty ID3 chunk that keeps the order frames were added."""
    from mutagen.wave import _WaveID3

    class WaveID3InOrder(_InOrder, _WaveID3):
        pass

    audio.tags = WaveID3InOrder()


def add_tags(tags: ID3, values: Tags) -> None:
    """Title, album, author (artist and album artist), narrator (composer and a NARRATOR
    text frame), year, genre, language, publisher, encoder, a comment saying whose words the
    synthetic voices read, and the front cover."""
    from mutagen.id3 import (
        APIC,
        COMM,
        TALB,
        TCOM,
        TCON,
        TDRC,
        TIT2,
        TLAN,
        TPE1,
        TPE2,
        TPUB,
        TSSE,
        TXXX,
    )

    tags.add(TIT2(encoding=3, text=[values.title]))
    tags.add(TALB(encoding=3, text=[values.title]))
    if values.author:
        tags.add(TPE1(encoding=3, text=[values.author]))
        tags.add(TPE2(encoding=3, text=[values.author]))
    tags.add(TCOM(encoding=3, text=[values.narrator]))
    tags.add(TXXX(encoding=3, desc="NARRATOR", text=[values.narrator]))
    tags.add(TCON(encoding=3, text=[values.genre]))
    if values.year:
        tags.add(TDRC(encoding=3, text=[values.year]))  # written as TYER in ID3v2.3
    tags.add(TLAN(encoding=3, text=[values.language_iso]))
    if values.publisher:
        tags.add(TPUB(encoding=3, text=[values.publisher]))
    tags.add(TSSE(encoding=3, text=[values.encoder]))
    tags.add(COMM(encoding=3, lang=values.language_iso, desc="", text=[values.comment]))
    if values.cover and values.cover_mime:
        tags.add(APIC(encoding=3, mime=values.cover_mime, type=3, desc="Cover",
                      data=values.cover))


def add_chapter_frames(tags: ID3, plan: Plan, timeline: Timeline) -> None:
    """One CHAP frame per chapter, under one CTOC table (nested tables beyond 255)."""
    from mutagen.id3 import CHAP, CTOC, TIT2, CTOCFlags

    ids = [f"ch{c.index}" for c in plan.chapters]
    groups = [ids[i : i + CTOC_LIMIT] for i in range(0, len(ids), CTOC_LIMIT)]
    top = ids if len(groups) == 1 else [f"toc{n}" for n in range(len(groups))]
    tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                  child_element_ids=top, sub_frames=[TIT2(encoding=3, text=["Chapters"])]))
    if len(groups) > 1:
        for number, group in enumerate(groups):
            first = plan.chapters[number * CTOC_LIMIT]
            tags.add(CTOC(element_id=f"toc{number}", flags=CTOCFlags.ORDERED,
                          child_element_ids=group,
                          sub_frames=[TIT2(encoding=3, text=[first.title])]))
    for chapter_id, chapter, timing in zip(ids, plan.chapters, timeline.chapters, strict=True):
        tags.add(CHAP(element_id=chapter_id, start_time=timing.start_ms,
                      end_time=timing.end_ms, start_offset=NO_OFFSET, end_offset=NO_OFFSET,
                      sub_frames=[TIT2(encoding=3, text=[chapter.title])]))
