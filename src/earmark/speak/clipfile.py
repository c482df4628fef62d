"""A segment's WAV file read with one open and no parsing beyond its fixed header.

Every segment file is written by the engine (the wave module: a 44-byte header, RIFF, `fmt `
of 16 bytes, then `data`) with earmark's voice chunk after the audio (speak.workers). Reading
such a file this way costs a third of what the wave module's chunk walk does, which counts
on a book of thousands of segments (each is probed in the cache, then read by every encoder).
A file of any other layout is not one of ours: `probe` says None and `samples` falls back
to the wave module.
"""

from __future__ import annotations

import struct
import wave
from pathlib import Path

from earmark.model import PCM

HEADER = 44
_FMT = struct.Struct("<4sI4s4sIHHIIHH4sI")


def _frames(header: bytes) -> int | None:
    """Frames in the data chunk of a 44-byte header in earmark's PCM layout, else None."""
    if len(header) != HEADER:
        return None
    (riff, _size, wave_id, fmt, fmt_size, tag, channels, rate, _rate_bytes, _align, bits,
     data, data_size) = _FMT.unpack(header)
    if (riff, wave_id, fmt, fmt_size, tag, data) != (b"RIFF", b"WAVE", b"fmt ", 16, 1, b"data"):
        return None
    if (rate, channels, bits) != (PCM.rate, PCM.channels, 8 * PCM.width):
        return None
    return data_size // PCM.frame_bytes


def probe(path: Path | str, chunk: bytes) -> tuple[int, str] | None:
    """(frames, the text of the RIFF chunk `chunk` that ends the file) of one of earmark's
    segment files; None if it is not one (another layout, no such chunk, truncated)."""
    try:
        with open(path, "rb") as source:
            frames = _frames(source.read(HEADER))
            if frames is None:
                return None
            source.seek(HEADER + frames * PCM.frame_bytes)
            tail = source.read(4096)
    except OSError:
        return None
    if len(tail) < 8 or tail[:4] != chunk:
        return None
    size = int.from_bytes(tail[4:8], "little")
    if len(tail) != 8 + size + size % 2:
        return None
    return frames, tail[8:8 + size].decode("utf-8", "replace")


def samples(path: Path | str, frames: int) -> bytes:
    """The first `frames` frames of a segment file's audio (fewer if it holds fewer)."""
    with open(path, "rb") as source:
        held = _frames(source.read(HEADER))
        if held is not None:  # (never into the voice chunk after the audio)
            return source.read(min(frames, held) * PCM.frame_bytes)
    with wave.open(str(path), "rb") as clip:  # not laid out as ours: walk its chunks
        return clip.readframes(frames)
