"""M4B (AAC in MP4) marked as an audiobook, with its tags and MP4 chapters.

The AAC is encoded in chunks on every core while synthesis runs (export.framed) and joined
into one ADTS stream; ffmpeg copies it into MP4 with the priming frame in an edit list (so a
player starts at the programme's first sample) and writes the chapters and text tags from an
ffmetadata file (a QuickTime
chapter track and a Nero `chpl` list; `media_type=2` is the `stik` atom that makes Apple Books
and Audiobookshelf file it as an audiobook). The `chpl` list holds at most 255 chapters (its
count is one byte; ffmpeg cuts it there), so a longer chapter list is grouped to fit
(export.tags.fit_chapters). mutagen adds the encoder, comment and cover afterwards
(finish_tags).
"""

from __future__ import annotations

from pathlib import Path

from earmark.assemble.programme import Programme
from earmark.config.formats import FORMATS
from earmark.export import adts
from earmark.export.framed import Codec, FramedExport
from earmark.export.tags import Tags, fit_chapters, tags_for
from earmark.model import Plan, Timeline
from earmark.tools import FFMPEG, run

AAC = Codec("m4b", ".aac", ("-f", "adts"), 1024, adts.frames, drop_first=True,
            delay=adts.PRIMING)


def _escape(value: str) -> str:
    """ffmetadata escaping: '=', ';', '#', '\\' and newlines take a backslash."""
    out = []
    for ch in value:
        if ch in "=;#\\\n":
            out.append("\\")
        out.append(ch)
    return "".join(out)


def ffmetadata(plan: Plan, timeline: Timeline, tags: Tags) -> str:
    """The ffmetadata file of a render: global tags, then one [CHAPTER] section each."""
    fields = {"title": tags.title, "album": tags.title, "artist": tags.author,
              "album_artist": tags.author, "composer": tags.narrator, "genre": tags.genre,
              "date": tags.year, "publisher": tags.publisher, "media_type": "2"}
    lines = [";FFMETADATA1"]
    lines += [f"{key}={_escape(value)}" for key, value in fields.items() if value]
    lines.append("")
    for title, timing in fit_chapters(plan.chapters, timeline.chapters,
                                       FORMATS["m4b"].chapter_limit):
        lines += [
            "[CHAPTER]",
            "TIMEBASE=1/1000",
            f"START={timing.start_ms}",
            f"END={timing.end_ms}",
            f"title={_escape(title)}",
            "",
        ]
    return "\n".join(lines)


class M4bExport(FramedExport):
    """M4B: AAC chunks encoded while synthesis runs, joined, then muxed with its chapters."""

    format = "m4b"
    codec = AAC

    def finish(self, programme: Programme, plan: Plan, timeline: Timeline, out: Path) -> None:
        parts = self.chunks.finish()
        tags = tags_for(plan, self.settings)
        meta = out.with_name(out.name + ".ffmeta")
        joined = out.with_name(out.name + ".aac")
        meta.write_text(ffmetadata(plan, timeline, tags), encoding="utf-8")
        rate = FORMATS["m4b"].sample_rate(self.settings)
        try:
            adts.join((part.frames(AAC) for part in parts), joined)
            # the stream starts with the priming frame: starting it that much before zero
            # makes ffmpeg write the MP4 edit list that skips it
            run([*FFMPEG, "-itsoffset", f"-{adts.PRIMING / rate:.9f}", "-f", "aac",
                 "-i", str(joined), "-i", str(meta), "-map", "0:a", "-c", "copy",
                 "-map_metadata", "1", "-map_chapters", "1",
                 "-metadata:s:a:0", f"language={tags.language_iso}",
                 *FORMATS["m4b"].muxer, str(out)])
        finally:
            meta.unlink(missing_ok=True)
            joined.unlink(missing_ok=True)
        finish_tags(out, tags)

    def abandon(self) -> None:
        self.chunks.abandon()


def finish_tags(path: Path, tags: Tags) -> None:
    """What ffmpeg's muxer does not keep: the encoder (`©too`: ffmpeg puts its own library's
    name there, "Lavf59.27.100", whatever the metadata file says), the comment saying whose words
    the synthetic voices read (`©cmt`) and the front cover (`covr`)."""
    from mutagen.mp4 import MP4, MP4Cover

    audio = MP4(str(path))
    audio["\xa9too"] = [tags.encoder]
    audio["\xa9cmt"] = [tags.comment]
    if tags.cover and tags.cover_mime:
        kind = MP4Cover.FORMAT_PNG if tags.cover_mime == "image/png" else MP4Cover.FORMAT_JPEG
        audio["covr"] = [MP4Cover(tags.cover, imageformat=kind)]
    audio.save()
