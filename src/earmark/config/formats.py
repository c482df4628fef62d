"""The one table of output formats: it drives `--help`, validation and export."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    extension: str
    mime: str
    description: str


FORMATS: dict[str, Format] = {
    "mp3": Format("mp3", "mp3", "audio/mpeg", "MP3 with ID3v2 chapters (CHAP + CTOC)"),
    "m4b": Format("m4b", "m4b", "audio/mp4", "AAC audiobook with MP4 chapters"),
    "opus": Format("opus", "opus", "audio/ogg", "Ogg Opus with chapter comments"),
    "wav": Format("wav", "wav", "audio/wav", "16-bit PCM with ID3 chapters"),
}


def describe() -> str:
    return "; ".join(f"{f.name}: {f.description}" for f in FORMATS.values())
