"""What a finished render's audio says about its document: the author and the cover that the
render took from the document's metadata (front matter, an EPUB's package, --cover) and wrote
into the tags (export.tags). The manifest does not carry them; the audio file, which is what
gets published, does. Read with mutagen; a file it cannot read gives nothing.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class AudioMeta:
    author: str | None = None
    """The document's author (ID3 TPE1, MP4 ©ART, Vorbis ARTIST)."""
    cover: bytes | None = None
    """The front cover image (ID3 APIC, MP4 covr, Vorbis METADATA_BLOCK_PICTURE)."""
    cover_mime: str | None = None
    """"image/jpeg" or "image/png"."""


def _first(values: object) -> str | None:
    if isinstance(values, list) and values:
        text = str(values[0]).strip()
        return text or None
    return None


def read_meta(path: Path, fmt: str) -> AudioMeta:
    """Author and cover of one rendered audio file of format `fmt` (mp3, wav, m4b, opus)."""
    from mutagen import MutagenError

    try:
        if fmt in ("mp3", "wav"):
            return _id3(path, fmt)
        if fmt == "m4b":
            return _mp4(path)
        if fmt == "opus":
            return _vorbis(path)
    except (MutagenError, OSError, ValueError):
        pass
    return AudioMeta()


def _id3(path: Path, fmt: str) -> AudioMeta:
    if fmt == "mp3":
        from mutagen.id3 import ID3

        tags = ID3(str(path))
    else:
        from mutagen.wave import WAVE

        tags = WAVE(str(path)).tags
    if tags is None:
        return AudioMeta()
    author = _first(tags["TPE1"].text) if "TPE1" in tags else None
    pictures = [p for p in tags.getall("APIC") if p.type == 3] or tags.getall("APIC")
    if pictures:
        return AudioMeta(author, pictures[0].data, pictures[0].mime)
    return AudioMeta(author)


def _mp4(path: Path) -> AudioMeta:
    from mutagen.mp4 import MP4, MP4Cover

    tags = MP4(str(path)).tags or {}
    author = _first(tags.get("\xa9ART"))
    covers = tags.get("covr") or []
    if covers:
        mime = "image/png" if covers[0].imageformat == MP4Cover.FORMAT_PNG else "image/jpeg"
        return AudioMeta(author, bytes(covers[0]), mime)
    return AudioMeta(author)


def _vorbis(path: Path) -> AudioMeta:
    from mutagen.flac import Picture
    from mutagen.oggopus import OggOpus

    tags = OggOpus(str(path)).tags
    if tags is None:
        return AudioMeta()
    author = _first(tags.get("ARTIST"))
    pictures = tags.get("METADATA_BLOCK_PICTURE") or []
    if pictures:
        picture = Picture(base64.b64decode(pictures[0]))
        return AudioMeta(author, picture.data, picture.mime)
    return AudioMeta(author)
