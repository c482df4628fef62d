"""Opus chunks encoded in-process: libopus itself, fed 48 kHz by libsoxr, both called
through ctypes (the libraries Debian's ffmpeg links: libopus0, and libsoxr0 through
libswresample), so no ffmpeg is started per chunk.

The settings are those of config.formats.OPUS_OPTIONS (application "audio", complexity 5,
constrained VBR, 60 ms packets) and the recipe's bitrate. As ffmpeg's libopus encoder does,
the input is followed by silence until the encoder's delay (its lookahead, the pre-skip) has
come out, in whole packets: N samples give ceil((N + pre-skip) / 2880) packets. libsoxr
resamples without delay (its output starts at the input's first sample and holds exactly
48000/22050 as many), and applies the gain (`scale`) as it does so, in floating point.
When either library cannot be loaded, `available()` is false and the chunks go through ffmpeg
as before (export.framed).
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterable
from pathlib import Path

from earmark.errors import EarmarkError
from earmark.export import oggopus
from earmark.model import PCM

APPLICATION_AUDIO = 2049
SET_BITRATE, SET_VBR, SET_COMPLEXITY, SET_VBR_CONSTRAINT = 4002, 4006, 4010, 4020
SET_LSB_DEPTH = 4036
"""The input's significant bits: 16 (earmark.model.PCM), as libopus assumes for 16-bit input
(what ffmpeg feeds it); float input would otherwise be taken for 24 bits."""
GET_LOOKAHEAD = 4027
COMPLEXITY = 5
"""As config.formats.OPUS_OPTIONS."""
SOXR_INT16_I, SOXR_FLOAT32_I, SOXR_HQ = 3, 0, 4
MAX_PACKET = 4000
"""Bytes: more than a 60 ms packet at libopus's highest bitrate (510 kbit/s: 3825)."""

_libraries: tuple[ctypes.CDLL, ctypes.CDLL] | None = None
_failed = False
_lock = threading.Lock()


class _IoSpec(ctypes.Structure):
    _fields_ = [("itype", ctypes.c_int), ("otype", ctypes.c_int), ("scale", ctypes.c_double),
                ("e", ctypes.c_void_p), ("flags", ctypes.c_ulong)]


class _QualitySpec(ctypes.Structure):
    _fields_ = [("precision", ctypes.c_double), ("phase_response", ctypes.c_double),
                ("passband_end", ctypes.c_double), ("stopband_begin", ctypes.c_double),
                ("e", ctypes.c_void_p), ("flags", ctypes.c_ulong)]


def _load() -> tuple[ctypes.CDLL, ctypes.CDLL] | None:
    global _libraries, _failed
    with _lock:
        if _libraries is None and not _failed:
            try:
                opus, soxr = ctypes.CDLL("libopus.so.0"), ctypes.CDLL("libsoxr.so.0")
            except OSError:
                _failed = True
                return None
            handle, size = ctypes.c_void_p, ctypes.c_size_t
            opus.opus_encoder_create.restype = handle
            opus.opus_encoder_create.argtypes = [ctypes.c_int32, ctypes.c_int, ctypes.c_int,
                                                 ctypes.POINTER(ctypes.c_int)]
            opus.opus_encode_float.restype = ctypes.c_int32
            opus.opus_encode_float.argtypes = [handle, ctypes.c_char_p, ctypes.c_int,
                                               ctypes.c_char_p, ctypes.c_int32]
            opus.opus_encoder_destroy.argtypes = [handle]
            opus.opus_encoder_destroy.restype = None
            soxr.soxr_quality_spec.restype = _QualitySpec
            soxr.soxr_quality_spec.argtypes = [ctypes.c_ulong, ctypes.c_ulong]
            soxr.soxr_create.restype = handle
            soxr.soxr_create.argtypes = [ctypes.c_double, ctypes.c_double, ctypes.c_uint,
                                         ctypes.POINTER(ctypes.c_char_p),
                                         ctypes.POINTER(_IoSpec),
                                         ctypes.POINTER(_QualitySpec), handle]
            soxr.soxr_process.restype = ctypes.c_char_p
            soxr.soxr_process.argtypes = [handle, ctypes.c_void_p, size,
                                          ctypes.POINTER(size), ctypes.c_void_p, size,
                                          ctypes.POINTER(size)]
            soxr.soxr_delete.argtypes = [handle]
            soxr.soxr_delete.restype = None
            _libraries = (opus, soxr)
        return _libraries


def available() -> bool:
    """True when libopus and libsoxr can be loaded."""
    return _load() is not None


def _ctl(opus: ctypes.CDLL, encoder: int, request: int, value: int) -> None:
    if opus.opus_encoder_ctl(ctypes.c_void_p(encoder), ctypes.c_int(request),
                             ctypes.c_int(value)) != 0:
        raise EarmarkError(f"libopus refused setting {request} to {value}")


def _lookahead(opus: ctypes.CDLL, encoder: int) -> int:
    value = ctypes.c_int32()
    if opus.opus_encoder_ctl(ctypes.c_void_p(encoder), ctypes.c_int(GET_LOOKAHEAD),
                             ctypes.byref(value)) != 0:
        raise EarmarkError("libopus did not give its lookahead")
    return value.value


def head(pre_skip: int) -> bytes:
    """The OpusHead packet of a mono stream (RFC 7845 5.1), its input rate 48 kHz."""
    return (b"OpusHead" + bytes([1, PCM.channels]) + pre_skip.to_bytes(2, "little")
            + oggopus.GRANULE_RATE.to_bytes(4, "little") + bytes(3))


def tags() -> bytes:
    """An OpusTags packet with earmark as its vendor and no comments (the render's tags are
    written into the joined file: export.opus.write_tags)."""
    vendor = b"earmark"
    return b"OpusTags" + len(vendor).to_bytes(4, "little") + vendor + bytes(4)


def encode(pcm: Iterable[bytes], out: Path, kbps: int, scale: float = 1.0) -> None:
    """PCM (earmark.model.PCM) -> an Ogg Opus file of 60 ms packets."""
    libraries = _load()
    if libraries is None:
        raise EarmarkError("libopus or libsoxr is not installed")
    opus, soxr = libraries
    error = ctypes.c_int()
    encoder = opus.opus_encoder_create(oggopus.GRANULE_RATE, PCM.channels, APPLICATION_AUDIO,
                                       ctypes.byref(error))
    if not encoder or error.value:
        raise EarmarkError(f"libopus could not start an encoder ({error.value})")
    resampler = None
    try:
        for request, value in ((SET_BITRATE, kbps * 1000), (SET_VBR, 1),
                               (SET_VBR_CONSTRAINT, 1), (SET_COMPLEXITY, COMPLEXITY),
                               (SET_LSB_DEPTH, 8 * PCM.width)):
            _ctl(opus, encoder, request, value)
        pre_skip = _lookahead(opus, encoder)
        problem = ctypes.c_char_p()
        spec = _IoSpec(SOXR_INT16_I, SOXR_FLOAT32_I, scale, None, 0)
        quality = soxr.soxr_quality_spec(SOXR_HQ, 0)
        resampler = soxr.soxr_create(PCM.rate, oggopus.GRANULE_RATE, PCM.channels,
                                     ctypes.byref(problem), ctypes.byref(spec),
                                     ctypes.byref(quality), None)
        if not resampler or problem.value:
            raise EarmarkError(f"libsoxr could not start: {problem.value!r}")
        packets = _packets(opus, soxr, encoder, resampler, pcm, pre_skip)
        oggopus.write(out, head(pre_skip), tags(), packets)
    finally:
        if resampler:
            soxr.soxr_delete(resampler)
        opus.opus_encoder_destroy(encoder)


def _packets(opus: ctypes.CDLL, soxr: ctypes.CDLL, encoder: int, resampler: int,
             pcm: Iterable[bytes], pre_skip: int) -> list[bytes]:
    frame = oggopus.PACKET
    width = ctypes.sizeof(ctypes.c_float) * PCM.channels
    room = 1 << 16
    resampled = ctypes.create_string_buffer(room * width)
    done, used = ctypes.c_size_t(), ctypes.c_size_t()
    packet = ctypes.create_string_buffer(MAX_PACKET)
    pending = bytearray()
    packets: list[bytes] = []
    samples = 0

    def encode_pending(final: bool) -> None:
        whole = len(pending) // (frame * width)
        for n in range(whole):
            block = bytes(pending[n * frame * width:(n + 1) * frame * width])
            size = opus.opus_encode_float(encoder, block, frame, packet, MAX_PACKET)
            if size < 0:
                raise EarmarkError(f"libopus failed to encode ({size})")
            packets.append(ctypes.string_at(packet, size))
        del pending[:whole * frame * width]
        if final and pending:
            raise EarmarkError("libopus was left part of a packet")

    def resample(block: bytes | None) -> None:
        nonlocal samples
        given = 0 if block is None else len(block) // PCM.frame_bytes
        offset = 0
        while True:
            source = None if block is None else ctypes.c_char_p(block[offset * PCM.frame_bytes:])
            problem = soxr.soxr_process(resampler, source, given - offset, ctypes.byref(used),
                                        resampled, room, ctypes.byref(done))
            if problem:
                raise EarmarkError(f"libsoxr failed: {problem!r}")
            pending.extend(memoryview(resampled)[:done.value * width])
            samples += done.value
            offset += used.value if block is not None else 0
            if block is None and not done.value:
                return
            if block is not None and offset >= given and done.value < room:
                return

    for block in pcm:
        if block:
            resample(block)
            encode_pending(False)
    resample(None)  # the resampler's last samples
    total = samples + pre_skip  # then silence until the delayed end is out, in packets
    pending.extend(bytes((-total % frame + pre_skip) * width))
    encode_pending(True)
    return packets
