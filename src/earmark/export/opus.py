"""Ogg Opus with its tags and chapters as Vorbis comments, written with mutagen.

The Opus is encoded in chunks on every core while synthesis runs (export.framed) and its
packets joined into one Ogg stream (export.oggopus). ffmpeg 5.1 writes wrong chapter times
into Opus (2.500 s became 3.500 s), so ffmpeg only
encodes and mutagen writes the chapters (CHAPTERnnn / CHAPTERnnnNAME, to the millisecond of the
timeline; three digits, so at most 999 chapters: a longer list is grouped to fit), the tags
(PERFORMER is the Vorbis comment for the narrator) and the cover (METADATA_BLOCK_PICTURE).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from earmark.assemble.programme import Programme
from earmark.config.formats import FORMATS
from earmark.config.recipe import ExportSettings
from earmark.export import libopus, oggopus
from earmark.export.encode import kbps
from earmark.export.framed import Codec, FramedExport
from earmark.export.tags import fit_chapters, tags_for
from earmark.export.webvtt import timestamp
from earmark.model import PCM, Plan, Timeline


def _in_process(pcm: Iterable[bytes], out: Path, settings: ExportSettings, scale: float) -> None:
    libopus.encode(pcm, out, kbps(settings.opus_bitrate), scale)


OPUS = Codec("opus", ".opus", ("-f", "ogg"), oggopus.PACKET, oggopus.frames, drop_first=False,
             delay=oggopus.PRE_SKIP, encoder=_in_process,
             ready=lambda: libopus.available())


class OpusExport(FramedExport):
    """Opus chunks encoded while synthesis runs, their packets joined into one Ogg stream."""

    format = "opus"
    codec = OPUS

    def finish(self, programme: Programme, plan: Plan, timeline: Timeline, out: Path) -> None:
        parts = self.chunks.finish()
        rate = FORMATS["opus"].sample_rate(self.settings)
        oggopus.join((part.frames(OPUS) for part in parts), out, parts[0].path,
                     round(programme.total * rate / PCM.rate))
        write_tags(out, plan, timeline, self.settings)

    def abandon(self) -> None:
        self.chunks.abandon()


def write_tags(path: Path, plan: Plan, timeline: Timeline, settings: ExportSettings) -> None:
    """Tags, cover and chapters as Vorbis comments."""
    import base64

    from mutagen.flac import Picture
    from mutagen.oggopus import OggOpus

    values = tags_for(plan, settings)
    audio = OggOpus(str(path))
    tags = audio.tags
    fields = {"TITLE": values.title, "ALBUM": values.title, "ARTIST": values.author,
              "ALBUMARTIST": values.author, "PERFORMER": values.narrator,
              "COMPOSER": values.narrator, "GENRE": values.genre, "DATE": values.year,
              "LANGUAGE": values.language, "ORGANIZATION": values.publisher,
              "ENCODER": values.encoder, "COMMENT": values.comment}
    for key, value in fields.items():
        if value:
            tags[key] = value
    if values.cover and values.cover_mime:
        picture = Picture()
        picture.type, picture.mime, picture.data = 3, values.cover_mime, values.cover
        tags["METADATA_BLOCK_PICTURE"] = base64.b64encode(picture.write()).decode("ascii")
    chapters = fit_chapters(plan.chapters, timeline.chapters, FORMATS["opus"].chapter_limit)
    for number, (title, timing) in enumerate(chapters, 1):
        tags[f"CHAPTER{number:03d}"] = timestamp(timing.start_ms)
        tags[f"CHAPTER{number:03d}NAME"] = title
    audio.save()
