"""AAC (M4B) and Opus in chunks: one encoder per chunk (AAC: an ffmpeg; Opus: libopus
in-process, export.libopus, else an ffmpeg), as many at once as cores, each fed its
PCM while synthesis still runs; the chunks are joined without re-encoding, exactly.

Both codecs code fixed frames (AAC 1024 samples, Opus 20 ms) and delay their input: AAC puts
one priming frame first, Opus decodes `pre-skip` (312) samples early and needs one packet more
for the last ones. A chunk is cut at a frame boundary of the whole programme inside the silence
before a programme chunk (earmark.assemble.programme), so its samples are the programme's
[cut_i, cut_i+1), a whole number of frames; then

- AAC: chunk 0 keeps every frame, later chunks drop their priming frame: the frame after a
  join decodes from the previous chunk's last frame (both encode silence there), so chunk i's
  first sample plays at cut_i and the joined stream has one priming frame, as one encode would;
- Opus: every chunk but the last drops its last packet (which holds only the delayed tail of
  its silence): the next chunk's first packet decodes, `pre-skip` samples early, exactly where
  the dropped one did.

The gain of the voice heard most is applied by ffmpeg or libsoxr (in floating point, into the
encoder),
not in Python, as LAME's scale does for MP3 (`_gain`). Each chunk's frame count is checked
before the join. A chunk's samples depend on where its
cut falls in the frame grid, so its cache key holds its exact layout from its cut: chunks
before an edit are found in the cache, and so are those after it when the edit keeps the
grid (their cut lands the same way); others are encoded again, in parallel.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from earmark.assemble.programme import Feed, Stretch, contents, stream
from earmark.config.formats import FORMATS
from earmark.config.recipe import ExportSettings
from earmark.errors import EarmarkError
from earmark.model import PCM
from earmark.speak.cache import Cache, key_of
from earmark.tools import FFMPEG, run_streaming


@dataclass(frozen=True, slots=True)
class Codec:
    """How a framed codec is cut and joined."""

    format: str
    """Its record in earmark.config.formats.FORMATS."""
    suffix: str
    """The chunk file's extension (a stream ffmpeg writes frame by frame: ADTS, Ogg)."""
    container: tuple[str, ...]
    """ffmpeg's output arguments for a chunk file."""
    frame: int
    """Samples per frame at the encoded rate."""
    frames: Callable[[Path], list[bytes]]
    """A chunk file's codec frames (packets), in order, without headers."""
    drop_first: bool
    """True: every chunk but the first drops its first frame (AAC's priming frame); False:
    every chunk but the last drops its last frame (Opus's delayed tail)."""
    delay: int
    """Samples (encoded rate) the encoder delays its input by: the last chunk's frame count
    covers them (AAC: one priming frame; Opus: pre-skip)."""
    encoder: Callable[[Iterable[bytes], Path, ExportSettings, float], None] | None = None
    """An in-process encoder of a chunk (PCM, file, settings, gain) that writes what ffmpeg
    would (the same frames per sample), used when `ready()` says it can be loaded."""
    ready: Callable[[], bool] | None = None


@dataclass(frozen=True, slots=True)
class Encoded:
    """A chunk's file, the silent frames it was encoded without and the frames the join
    keeps."""

    path: Path
    keep: slice
    inserts: tuple[tuple[int, int], ...] = ()
    """(frame index, copies): where the silence left out of the encoder goes back in, as
    copies of the silent frame found there."""

    def frames(self, codec: Codec) -> list[bytes]:
        """The chunk's frames as the joined stream takes them."""
        encoded = codec.frames(self.path)
        out: list[bytes] = []
        done = 0
        for index, copies in self.inserts:
            out += encoded[done:index]
            out += [encoded[index]] * copies
            done = index
        out += encoded[done:]
        return out[self.keep]


MARGIN_FRAMES = 3
"""Frames of silence kept on each side of a stretch left out of the encoder: the frames next
to a cut then code silence alone, so a copy of one decodes to silence and leaves the decoder
as it found it."""


def elisions(pieces: Sequence[Stretch], begin: int, end: int, unit: int) -> list[tuple[int, int]]:
    """The stretches [a, b) of a chunk's samples (from `begin`) that its pauses can lose in
    the encoder: whole units inside each pause, MARGIN_FRAMES units from its edges."""
    margin = MARGIN_FRAMES * unit
    out = []
    for piece in pieces:
        if piece.path is not None:
            continue
        a = max(piece.start, begin) - begin + margin
        b = min(piece.start + piece.frames, end) - begin - margin
        a += -a % unit
        b -= b % unit
        if b - a >= unit:
            out.append((a, b))
    return out


def unit(codec: Codec, rate: int) -> int:
    """The smallest number of programme samples that is a whole number of codec frames at
    `rate` (AAC at 22.05 kHz: 1024; Opus's 60 ms at 48 kHz: 1323, which is 2880 there)."""
    span = PCM.rate * codec.frame
    return span // math.gcd(span, rate)


class FramedChunks:
    """Encodes a framed codec's chunks (threads, each running one ffmpeg) from the moment
    synthesis starts, then lists the frames to join. Chunk i starts once every earlier
    chunk's segments are spoken (its cut depends on where they end) and takes its own
    segments as they come."""

    def __init__(self, codec: Codec, cache: Cache, settings: ExportSettings, workers: int,
                 count: int) -> None:
        self.codec, self.cache, self.settings = codec, cache, settings
        self.format = FORMATS[codec.format]
        self.rate = self.format.sample_rate(settings)
        self.unit = unit(codec, self.rate)
        self.units = ((self.unit, False),)
        """What the chunk grid takes from this codec (earmark.assemble.programme.grid): its
        unit, wanted (the cache then holds its chunks after an edit), not required."""
        self.args = [*self.format.codec_args(settings), *codec.container]
        self.direct = codec.encoder is not None and codec.ready is not None and codec.ready()
        """True: chunks are encoded in-process (codec.encoder), not by ffmpeg."""
        self.pool = ThreadPoolExecutor(max(1, workers))
        self.results: list[Future[Encoded] | None] = [None] * count

    def begin(self, feed: Feed) -> None:
        for number in range(len(self.results)):
            self.results[number] = self.pool.submit(self._encode, feed, number)

    def cut(self, feed: Feed, number: int, start: int) -> int:
        """Where chunk `number` (starting at `start` in the programme) begins for this codec:
        a whole number of units into the programme, halfway into its opening silence (which
        also covers the GAP before `start`)."""
        if number == 0:
            return 0
        target = start + feed.lead(number) // 2
        return target - target % self.unit

    def _encode(self, feed: Feed, number: int) -> Encoded:
        start = feed.start(number)  # waits for the earlier chunks' segments
        begin = self.cut(feed, number, start) - start  # in the chunk's own samples
        last = feed.is_last(number)
        pieces: list[Stretch] = []
        if feed.complete(number):  # all its audio was cached: so may the chunk be
            pieces = list(feed.walk(number))
            end = self._end(feed, number, start, pieces, last)
            key = self._key(pieces, begin, end, number, last, feed.scale)
            hit = self.cache.get("chunks", key, self.codec.suffix)
            if hit is not None:
                return self._checked(hit, pieces, begin, end, number, last)
            pieces = []
        ends: list[int] = []
        skipped: list[tuple[int, int]] = []

        def pcm() -> Iterator[bytes]:
            if begin < 0:
                yield PCM.silence(-begin)
            for piece in feed.walk(number):
                pieces.append(piece)
                if piece.start + piece.frames <= begin:
                    continue
                if piece.path is not None:
                    yield from stream((piece,), max(begin, piece.start),
                                      piece.start + piece.frames, feed.scale)
                    continue
                position = max(begin, piece.start) - begin
                for a, b in elisions((piece,), begin, 1 << 62, self.unit):
                    yield from _silence(a - position)
                    skipped.append((a, b))
                    position = b
                yield from _silence(piece.start + piece.frames - begin - position)
            ends.append(self._end(feed, number, start, pieces, last))
            yield from _silence(ends[0] - max(begin, _length(pieces)))

        scratch = self.cache.scratch("chunks", "00streaming", self.codec.suffix)
        try:
            if self.direct and self.codec.encoder is not None:
                self.codec.encoder(pcm(), scratch, self.settings, feed.scale)
            else:
                run_streaming([*FFMPEG, *PCM.ffmpeg_input(), *_gain(feed.scale), *self.args,
                               str(scratch)], pcm())
            assert skipped == self._elided(pieces, begin, ends[0])
            self._checked(scratch, pieces, begin, ends[0], number, last)
            key = self._key(pieces, begin, ends[0], number, last, feed.scale)
            return self._checked(self.cache.put("chunks", key, self.codec.suffix, scratch),
                                 pieces, begin, ends[0], number, last, count=False)
        finally:
            scratch.unlink(missing_ok=True)

    def _end(self, feed: Feed, number: int, start: int, pieces: Sequence[Stretch],
             last: bool) -> int:
        """Where the chunk's samples end, in its own samples: the next chunk's cut."""
        from earmark.assemble.programme import GAP

        length = _length(pieces)
        if last:
            return length
        following = start + length + GAP
        return self.cut(feed, number + 1, following) - start

    def _key(self, pieces: Sequence[Stretch], begin: int, end: int, number: int,
             last: bool, scale: float) -> str:
        engine = ["in-process"] if self.direct else []
        return key_of(f"{self.codec.format}-chunk/2", *engine, self.args, _gain(scale),
                      number == 0,
                      last,
                      end - begin, contents(pieces, begin, end))

    def _keep(self, number: int, last: bool) -> slice:
        if self.codec.drop_first:
            return slice(1 if number else 0, None)
        return slice(0, None if last else -1)

    def _elided(self, pieces: Sequence[Stretch], begin: int, end: int) -> list[tuple[int, int]]:
        """What the encoder of these pieces leaves out (the tail beyond `end` never is)."""
        return [(a, b) for a, b in elisions(pieces, begin, 1 << 62, self.unit) if b <= end]

    def _checked(self, path: Path, pieces: Sequence[Stretch], begin: int, end: int,
                 number: int, last: bool, count: bool = True) -> Encoded:
        """The chunk with its inserts, its frame count checked against its samples."""
        codec, ratio = self.codec, self.rate / PCM.rate
        inserts, removed = [], 0
        for a, b in self._elided(pieces, begin, end):
            at = round((a - removed) * ratio)  # where the cut is in what was encoded
            inserts.append(((at + codec.delay) // codec.frame,
                            round((b - a) * ratio) // codec.frame))
            removed += b - a
        if count:
            encoded = round((end - begin - removed) * ratio)
            frames = len(codec.frames(path))
            planned = (-(-(encoded + codec.delay) // codec.frame) if last
                       else encoded // codec.frame + 1)
            if frames != planned:
                raise EarmarkError(f"{codec.format.upper()} chunk {number} has {frames} frames "
                                   f"where {planned} were planned: the join would be off")
        return Encoded(path, self._keep(number, last), tuple(inserts))

    def finish(self) -> list[Encoded]:
        """Wait for every chunk: their files and the frames of each to join, in order."""
        try:
            done = [future.result() for future in self.results if future is not None]
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)
        if len(done) != len(self.results):
            raise EarmarkError(f"some {self.codec.format.upper()} chunks were never encoded")
        return done

    def abandon(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _gain(scale: float) -> list[str]:
    """ffmpeg's filter that multiplies by the gain of the voice heard most (Feed.scale), in
    floating point on its way into the encoder (which codes floats): those clips then reach
    ffmpeg as they were spoken, and no gain is applied to them in Python (audioop.mul, about
    17 ms of CPU a minute of audio), as LAME's own scale does for MP3."""
    return [] if scale == 1.0 else ["-af", f"volume={scale:.6f}:precision=float"]


def _silence(frames: int) -> Iterator[bytes]:
    for offset in range(0, frames, 1 << 16):
        yield PCM.silence(min(frames - offset, 1 << 16))


def _length(pieces: Sequence[Stretch]) -> int:
    return pieces[-1].start + pieces[-1].frames if pieces else 0


class FramedExport:
    """What the M4B and Opus exporters share: their chunks encoded while synthesis runs (the
    subclass names its codec and joins the chunks in `finish`)."""

    format: str
    codec: Codec

    def __init__(self, cache: Cache, settings: ExportSettings, workers: int, chunks: int) -> None:
        self.settings = settings
        self.chunks = FramedChunks(self.codec, cache, settings, workers, chunks)

    @property
    def units(self) -> tuple[tuple[int, bool], ...]:
        return self.chunks.units

    def begin(self, feed: Feed) -> None:
        self.chunks.begin(feed)
