"""The clip limiter: peaks under the ceiling, nothing moved or lost, quiet audio untouched."""

from __future__ import annotations

import audioop
import math
import random
import struct

from hypothesis import given, settings
from hypothesis import strategies as st

from earmark.assemble.limiter import BLOCK, RELEASE_BLOCKS, level


def tone(frames: int, amplitude: int, seed: int = 1) -> bytes:
    """A voiced-speech-like signal: a few harmonics with noise, bursts of varying loudness."""
    rng = random.Random(seed)
    out = []
    for n in range(frames):
        envelope = 0.55 + 0.45 * math.sin(n / 900)
        value = envelope * (math.sin(n / 11) + 0.5 * math.sin(n / 5.3) + 0.2 * rng.uniform(-1, 1))
        out.append(max(-32768, min(32767, int(amplitude * value / 1.7))))
    return struct.pack(f"<{frames}h", *out)


def test_peaks_stay_under_the_ceiling_and_length_is_kept() -> None:
    raw = tone(22050, 30000)
    out = level(raw, 1.6, 20000)
    assert len(out) == len(raw)
    assert audioop.max(out, 2) <= 20000
    # where the signal was quiet enough, it is only the plain gain (within rounding)
    reach = BLOCK * (RELEASE_BLOCKS + 1)  # a loud block lowers the gain this far after it
    quiet = [i for i in range(0, 22050 - BLOCK, BLOCK)
             if audioop.max(raw[2 * max(0, i - reach):2 * (i + 2 * BLOCK)], 2) * 1.6 < 20000]
    assert len(quiet) > 10
    for i in quiet:
        block = raw[2 * i:2 * (i + BLOCK)]
        assert out[2 * i:2 * (i + BLOCK)] == audioop.mul(block, 2, 1.6)


def test_loud_passages_are_turned_down_not_clipped() -> None:
    raw = tone(22050, 12000)
    out = level(raw, 2.0, 16000)
    assert audioop.max(raw, 2) * 2.0 > 20000  # the gain alone would pass the ceiling
    # a clipper would pile samples up at the ceiling; the limiter leaves few there
    at_ceiling = sum(1 for (v,) in struct.iter_unpack("<h", out) if abs(v) >= 15900)
    assert at_ceiling < 0.01 * 22050
    # and the loudness still rises with the gain (the limiter only takes the peaks)
    assert audioop.rms(out, 2) > audioop.rms(raw, 2)


def test_no_ceiling_or_nothing_loud_is_the_plain_gain() -> None:
    raw = tone(5000, 8000)
    assert level(raw, 1.0, None) is raw
    assert level(raw, 0.5, None) == audioop.mul(raw, 2, 0.5)
    assert level(raw, 1.2, 30000) == audioop.mul(raw, 2, 1.2)


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=0, max_size=6000).map(lambda b: b[: len(b) // 2 * 2]),
       st.floats(min_value=0.1, max_value=4.0), st.integers(min_value=1000, max_value=32000))
def test_any_audio_any_gain(raw: bytes, gain: float, ceiling: int) -> None:
    out = level(raw, gain, ceiling)
    assert len(out) == len(raw)
    if raw:
        assert audioop.max(out, 2) <= ceiling
