"""Where a clip of the programme sits in decoded audio (for the exactness tests of every
encoder): the tests assert it is at its manifest time within a millisecond."""

from __future__ import annotations

import audioop


def found_at(programme, piece, pcm: bytes) -> int:
    """The sample at which `piece` starts in `pcm` (16-bit mono), found by fitting two
    thousand of its samples within a window around where the timeline puts it."""
    reference = b"".join(programme.pcm(piece.start + 2000, piece.start + 4000))
    window_start = max(0, piece.start - 1000)
    window = pcm[window_start * 2:(piece.start + 5000) * 2]
    offset, _ = audioop.findfit(window, reference)
    return window_start + offset - 2000
