"""MP3 through libmp3lame itself (the library ffmpeg's encoder wraps), called in-process.

`benchmarks/encoder.py --minutes 10` (10 minutes of speech, 22.05 kHz mono, 64 kbps CBR, -q 7):
1.57 s of CPU here against 1.77 s for ffmpeg running the same library (its per-frame
conversions and buffers), and no process to start (0.1 s a chunk). The calls release the
GIL, so chunks encode in parallel threads. The file is exactly what the lame tool writes: an
Info frame with LAME's tag (encoder delay and padding, for gapless decoders), then the frames.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import shutil
import threading
from collections.abc import Iterable
from pathlib import Path

from earmark.errors import EarmarkError
from earmark.model import PCM

MONO = 3
VBR_OFF = 0
_library: ctypes.CDLL | None = None
_lock = threading.Lock()


def _lame() -> ctypes.CDLL:
    global _library
    with _lock:
        if _library is None:
            name = ctypes.util.find_library("mp3lame") or "libmp3lame.so.0"
            try:
                lib = ctypes.CDLL(name)
            except OSError:
                raise EarmarkError("libmp3lame is not installed; on Debian: "
                                   "apt-get install libmp3lame0") from None
            handle = ctypes.c_void_p
            lib.lame_init.restype = handle
            lib.lame_init.argtypes = []
            for setter in ("num_channels", "in_samplerate", "out_samplerate", "brate",
                           "quality", "mode", "VBR", "bWriteVbrTag"):
                function = getattr(lib, f"lame_set_{setter}")
                function.argtypes = [handle, ctypes.c_int]
                function.restype = ctypes.c_int
            lib.lame_set_scale.argtypes = [handle, ctypes.c_float]
            lib.lame_set_scale.restype = ctypes.c_int
            lib.lame_init_params.argtypes = [handle]
            lib.lame_init_params.restype = ctypes.c_int
            lib.lame_encode_buffer.argtypes = [handle, ctypes.c_char_p, ctypes.c_char_p,
                                               ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
            lib.lame_encode_buffer.restype = ctypes.c_int
            lib.lame_encode_flush.argtypes = [handle, ctypes.c_char_p, ctypes.c_int]
            lib.lame_encode_flush.restype = ctypes.c_int
            lib.lame_get_lametag_frame.argtypes = [handle, ctypes.c_char_p, ctypes.c_size_t]
            lib.lame_get_lametag_frame.restype = ctypes.c_size_t
            lib.lame_close.argtypes = [handle]
            lib.lame_close.restype = ctypes.c_int
            _library = lib
        return _library


def require() -> None:
    """Fail now, with the apt-get line, if libmp3lame cannot be loaded."""
    _lame()


def encode(pcm: Iterable[bytes], out: Path, sample_rate: int, kbps: int,
           quality: int = 7, scale: float = 1.0) -> None:
    """PCM (earmark.model.PCM's layout, any block sizes) at `sample_rate` -> a CBR MP3 file
    at that rate with LAME's Info tag. LAME multiplies the samples by `scale` as it reads
    them (a gain that costs nothing)."""
    lib = _lame()
    handle = lib.lame_init()
    if not handle:
        raise EarmarkError("libmp3lame could not start an encoder")
    try:
        for setter, value in (("num_channels", PCM.channels), ("in_samplerate", sample_rate),
                              ("out_samplerate", sample_rate), ("brate", kbps),
                              ("quality", quality), ("mode", MONO), ("VBR", VBR_OFF),
                              ("bWriteVbrTag", 1)):
            getattr(lib, f"lame_set_{setter}")(handle, value)
        lib.lame_set_scale(handle, scale)
        if lib.lame_init_params(handle) < 0:
            raise EarmarkError(f"libmp3lame refused {kbps} kbps at {sample_rate} Hz")
        buffer = ctypes.create_string_buffer(7200)
        with out.open("wb") as sink:
            for block in pcm:
                frames = len(block) // PCM.frame_bytes
                needed = frames + frames // 4 + 7200
                if len(buffer) < needed:
                    buffer = ctypes.create_string_buffer(needed)
                size = lib.lame_encode_buffer(handle, block, None, frames, buffer, len(buffer))
                if size < 0:
                    raise EarmarkError(f"libmp3lame failed to encode ({size})")
                sink.write(buffer.raw[:size])
            size = lib.lame_encode_flush(handle, buffer, len(buffer))
            if size < 0:
                raise EarmarkError(f"libmp3lame failed to finish ({size})")
            sink.write(buffer.raw[:size])
            tag = lib.lame_get_lametag_frame(handle, buffer, len(buffer))
            if 0 < tag <= len(buffer):  # the Info frame LAME left room for at the start
                sink.seek(0)
                sink.write(buffer.raw[:tag])
    finally:
        lib.lame_close(handle)


def frames(path: Path) -> int:
    """Audio frames in a file that `encode` wrote, from its Info tag (the tag frame itself
    is not counted)."""
    with path.open("rb") as source:
        head = source.read(64)
    at = max(head.find(b"Info"), head.find(b"Xing"))
    if at < 0 or not int.from_bytes(head[at + 4:at + 8], "big") & 1:
        raise EarmarkError(f"{path.name} has no Info tag with a frame count")
    return int.from_bytes(head[at + 8:at + 12], "big")


LAME_TAG = 120  # the LAME extension, counted from "Info"
_CRC_POLY = 0xA001  # CRC-16/ARC (reflected 0x8005), as LAME uses for its tag and music CRCs


def _crc16(data: bytes, crc: int = 0) -> int:
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ _CRC_POLY if crc & 1 else crc >> 1
    return crc


def _times(matrix: list[int], vector: int) -> int:
    out, row = 0, 0
    while vector:
        if vector & 1:
            out ^= matrix[row]
        vector >>= 1
        row += 1
    return out


def _crc16_combine(first: int, second: int, length: int) -> int:
    """CRC of A+B from CRC(A), CRC(B) and len(B), as zlib's crc32_combine: A's register is
    carried through len(B) zero bytes by squaring the one-zero-bit operator."""
    if length == 0:
        return first
    odd = [_CRC_POLY] + [1 << n for n in range(15)]  # one zero bit
    even = [_times(odd, column) for column in odd]  # two
    odd = [_times(even, column) for column in even]  # four
    while True:
        even = [_times(odd, column) for column in odd]  # square: 8, 32, 128, ... zero bits
        if length & 1:
            first = _times(even, first)
        length >>= 1
        if not length:
            break
        odd = [_times(even, column) for column in even]
        if length & 1:
            first = _times(odd, first)
        length >>= 1
        if not length:
            break
    return first ^ second


def _tag(path: Path) -> tuple[bytes, int, int, int]:
    """(Info frame, audio frames, end padding, music CRC) of a file `encode` wrote."""
    with path.open("rb") as source:
        head = source.read(2048)
    at = head.find(b"Info")
    lame_at = at + LAME_TAG
    if at < 0 or head[lame_at:lame_at + 4] != b"LAME":
        raise EarmarkError(f"{path.name} has no LAME Info tag")
    size = _frame_size(head)
    delays = int.from_bytes(head[lame_at + 21:lame_at + 24], "big")
    return (head[:size], int.from_bytes(head[at + 8:at + 12], "big"), delays & 0xFFF,
            int.from_bytes(head[lame_at + 32:lame_at + 34], "big"))


def _frame_size(head: bytes) -> int:
    """Bytes in the MPEG-2 layer III frame whose header starts `head`."""
    bitrates = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
    rates = (22050, 24000, 16000)
    header = int.from_bytes(head[:4], "big")
    kbps = bitrates[(header >> 12) & 0xF]
    rate = rates[(header >> 10) & 0x3]
    return 72 * kbps * 1000 // rate + ((header >> 9) & 1)


def join(parts: list[Path], out: Path) -> None:
    """Files that `encode` wrote -> one file: their frames in order under one Info tag (frame
    count, sizes, seek table, the first part's encoder delay and the last one's padding, and
    the music CRC combined from the parts'), as if LAME had written it in one go."""
    tags = [_tag(part) for part in parts]
    audio = [part.stat().st_size - len(tag[0]) for part, tag in zip(parts, tags, strict=True)]
    frame = bytearray(tags[0][0])
    at = frame.find(b"Info")
    lame_at = at + LAME_TAG
    frames, total = sum(t[1] for t in tags), len(frame) + sum(audio)
    music = 0
    for (_, _, _, crc), size in zip(tags, audio, strict=True):
        music = _crc16_combine(music, crc, size)
    frame[at + 8:at + 12] = frames.to_bytes(4, "big")
    frame[at + 12:at + 16] = total.to_bytes(4, "big")
    frame[at + 16:at + 116] = bytes(  # seek table: constant bit rate, so linear
        min(255, 256 * (len(frame) + sum(audio) * n // 100) // total) for n in range(100))
    delays = int.from_bytes(frame[lame_at + 21:lame_at + 24], "big")
    frame[lame_at + 21:lame_at + 24] = ((delays & 0xFFF000) | tags[-1][2]).to_bytes(3, "big")
    frame[lame_at + 28:lame_at + 32] = total.to_bytes(4, "big")
    frame[lame_at + 32:lame_at + 34] = music.to_bytes(2, "big")
    frame[lame_at + 34:lame_at + 36] = _crc16(bytes(frame[:lame_at + 34])).to_bytes(2, "big")
    with out.open("wb") as sink:
        sink.write(frame)
        for part, (tag, *_rest) in zip(parts, tags, strict=True):
            with part.open("rb") as source:
                source.seek(len(tag))
                shutil.copyfileobj(source, sink, 1 << 20)
