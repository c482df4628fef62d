"""Gain and a look-ahead peak limiter for one clip of PCM (earmark.model.PCM: 16-bit mono).

Each clip is limited on its own when it is laid out (clips are separated by pauses longer
than the release, so this is what a limiter over the whole programme would do), before any
encoder: every format gets the same samples, and timing is untouched (no delay at all).

The clip is cut into blocks of BLOCK samples. A block whose peak, after the gain, would pass
the ceiling needs the gain ceiling/peak; the gain at each block edge is at most what both
neighbouring blocks need (so it is already down when a peak arrives: about 6 ms of look-ahead)
and rises by at most 1/RELEASE_BLOCKS per block after it (about 60 ms to recover). Inside a
block the gain moves linearly from edge to edge in steps of STEP samples. Both edges of a block
are at most what the block needs, so no sample passes the ceiling. Finding the loud blocks
starts from large blocks, so quiet stretches cost one audioop call each.
"""

from __future__ import annotations

import audioop
from dataclasses import dataclass, field

from earmark.model import PCM

BLOCK = 128
STEP = 32
RELEASE_BLOCKS = 10
_SCAN = (8192, 2048, 512, BLOCK)
W = PCM.width  # bytes per sample (the clip is mono: one sample a frame)


@dataclass(frozen=True, slots=True)
class Levelling:
    """What a render applies to each clip: its voice's gain, then the limiter."""

    gains: dict[str, float] = field(default_factory=dict)
    """Linear gain per voice name (1.0 for a voice not listed)."""
    ceiling: int | None = None
    """Highest sample value allowed (None: no limiter)."""

    def gain(self, voice: str) -> float:
        return self.gains.get(voice, 1.0)


def level(raw: bytes, gain: float, ceiling: int | None) -> bytes:
    """`raw` times `gain`, with peaks held at or under `ceiling` (None: no limiter)."""
    if ceiling is None:
        return _times(raw, gain)
    blocks = (len(raw) // W + BLOCK - 1) // BLOCK
    need = _needs(memoryview(raw), gain, ceiling, blocks)
    if not need:
        return _times(raw, gain)
    edges = _edges(need, blocks)
    touched = sorted({k for e in edges for k in (e - 1, e) if 0 <= k < blocks})
    out: list[bytes] = []
    done = 0  # blocks written
    for block in touched:
        if block > done:  # untouched stretch: the plain gain
            out.append(_times(raw[W * done * BLOCK:W * block * BLOCK], gain))
        a, b = edges.get(block, 1.0), edges.get(block + 1, 1.0)
        start = W * block * BLOCK
        if a == b:
            out.append(audioop.mul(raw[start:start + W * BLOCK], W, gain * a))
        else:  # each step at the lower end of its part of the ramp
            for step in range(0, BLOCK, STEP):
                g = a + (b - a) * ((step + STEP) if b < a else step) / BLOCK
                out.append(audioop.mul(raw[start + W * step:start + W * (step + STEP)], W,
                                       gain * g))
        done = block + 1
    out.append(_times(raw[W * done * BLOCK:], gain))
    return b"".join(out)


def _times(raw: bytes, gain: float) -> bytes:
    return raw if gain == 1.0 else audioop.mul(raw, W, gain)


def _needs(raw: memoryview, gain: float, ceiling: int, blocks: int) -> dict[int, float]:
    """Gain each loud block needs (blocks not listed need none), found coarse to fine."""
    need: dict[int, float] = {}
    spans = [(0, blocks)]  # in blocks
    for size in _SCAN:
        per = size // BLOCK
        loud = []
        for first, last in spans:
            for a in range(first, last, per):
                peak = audioop.max(raw[W * a * BLOCK:W * min(last, a + per) * BLOCK], W) * gain
                if peak > ceiling:
                    loud.append((a, min(last, a + per)))
                    if per == 1:
                        need[a] = (ceiling - 1) / peak  # audioop.mul rounds
        spans = loud
    return need


def _edges(need: dict[int, float], blocks: int) -> dict[int, float]:
    """The gain at each block edge that is below 1 (edge k starts block k)."""
    rise = 1.0 / RELEASE_BLOCKS
    edges: dict[int, float] = {}
    reach = RELEASE_BLOCKS + 1  # by then the gain is back at 1
    candidates = sorted({e for b in need for e in range(b, min(blocks, b + reach) + 1)})
    for edge in candidates:
        g = min(need.get(edge - 1, 1.0), need.get(edge, 1.0), edges.get(edge - 1, 1.0) + rise)
        if g < 1.0 - 1e-9:
            edges[edge] = g
    return edges
