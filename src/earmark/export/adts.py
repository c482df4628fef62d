"""AAC frames in ADTS (the raw stream ffmpeg writes chunk by chunk): split and join."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from earmark.errors import EarmarkError

PRIMING = 1024
"""Samples of encoder delay ffmpeg's AAC encoder puts first (one frame)."""


def split(data: bytes) -> list[bytes]:
    """ADTS frames, each with its 7-byte (or 9 with CRC) header."""
    frames, at = [], 0
    while at < len(data):
        if len(data) - at < 7 or data[at] != 0xFF or data[at + 1] & 0xF6 != 0xF0:
            raise EarmarkError(f"not an ADTS frame at byte {at}")
        length = ((data[at + 3] & 3) << 11) | (data[at + 4] << 3) | (data[at + 5] >> 5)
        if length < 7 or at + length > len(data):
            raise EarmarkError(f"a cut ADTS frame at byte {at}")
        frames.append(data[at:at + length])
        at += length
    return frames


def frames(path: Path) -> list[bytes]:
    return split(path.read_bytes())


def join(parts: Iterable[list[bytes]], out: Path) -> None:
    """The frames of each part, in order, as one ADTS stream."""
    with out.open("wb") as sink:
        for kept in parts:
            sink.write(b"".join(kept))
