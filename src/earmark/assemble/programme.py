"""The programme: clips and pauses laid end to end in chunks, as sample positions.

The programme is cut into chunks (at chapter starts, and inside long chapters at paragraph
starts). Each chunk's audio depends only on its own segments: it starts with the pause before
its first segment (shortened by GAP) and is padded with silence to a length L with
(L + GAP) a whole number of the render's grid (`grid`: MP3 frames, and when they fit, AAC's
and Opus's); GAP samples of silence separate chunks. That is exactly
the room LAME's delay and padding take when the chunks are encoded separately and joined, so
the joined MP3 plays every sample where the timeline says, and other formats, encoded from the
same stream, agree with it. An edit changes only its own chunk's audio: the others are found
in the cache. Nothing holds the whole programme in memory: `pcm` streams any range, reading
each clip (earmark.speak.clipfile) when it is reached.
"""

from __future__ import annotations

import math
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from earmark.assemble.limiter import Levelling, level
from earmark.assemble.pauses import pause_before
from earmark.config.recipe import PauseSettings
from earmark.model import PCM, Chapter, Segment, Timeline, Timing
from earmark.speak.clipfile import samples
from earmark.speak.engine import Spoken

FRAME = 576  # samples per MPEG-2 layer III frame at 22.05 kHz
LAME_DELAY = 1105
LAME_MARGIN = 288  # room left for LAME's own end padding, so it never adds a frame
GAP = LAME_DELAY + LAME_MARGIN
ALIGN = math.lcm(FRAME, 1024)
"""The largest chunk grid (`grid`): 9216 samples (0.42 s), MP3's frame and AAC's (1024) at
22.05 kHz, so no chunk is padded by more than 0.42 s; also the grid of the functions below
when none is given."""


def grid(units: Sequence[tuple[int, bool]], cap: int = ALIGN) -> int:
    """The chunk grid of a render, from its encoders' (unit, required) pairs: every chunk's
    (L + GAP) is a multiple of it, so every chunk starts on each unit's grid wherever earlier
    chunks end. A required unit (MP3's frame: its join needs it) is always in it; any other
    (AAC's 1024, Opus's 60 ms: an edit that moves a chunk then leaves its encoded chunk as
    cached) is taken, first ones first, while the grid stays within `cap`. A format whose
    unit is left out is still exact, but re-encodes the chunks after an edit."""
    ordered = sorted(units, key=lambda pair: not pair[1])
    out = 1
    for unit, required in ordered:
        joined = math.lcm(out, unit)
        if required or joined <= cap:
            out = joined
    return out
BLOCK = 1 << 16  # samples of silence yielded at a time


@dataclass(frozen=True, slots=True)
class Stretch:
    """A stretch of the programme's samples: one spoken clip (with its gain and ceiling) or
    silence. (The text stage's segment.Piece is a stretch of text; this is one of audio.)"""

    start: int
    """First sample of the piece (in the programme, or in its chunk)."""
    frames: int
    path: str | None
    """The clip's WAV file, or None for silence."""
    key: str | None = None
    """The clip's cache key (what identifies its audio in a chunk's key)."""
    gain: float = 1.0
    """Linear gain applied to the clip (its voice's level)."""
    ceiling: int | None = None
    """The limiter's ceiling for the clip (None: no limiter)."""


@dataclass(frozen=True, slots=True)
class Chunk:
    first: int
    last: int
    """Segment indexes, inclusive."""
    start: int = 0
    length: int = 0
    """Where the chunk's samples are in the programme."""

    @property
    def indexes(self) -> range:
        return range(self.first, self.last + 1)


def _ms(frames: int) -> int:
    return round(frames * 1000 / PCM.rate)


def plan_chunks(segments: Sequence[Segment], chapters: Sequence[Chapter], seconds: int,
                chars_per_second: float = 15.0, at_least: int = 1) -> list[Chunk]:
    """Segment ranges of the chunks: chapters (merged while short, split while long), and at
    least `at_least` of them (one per encoder) where paragraphs allow, so that even a short
    text is encoded on every core."""
    starts: list[int] = []
    since = 0.0
    for chapter in chapters:
        span = segments[chapter.first_segment:chapter.last_segment + 1]
        length = sum(len(s.text) for s in span) / chars_per_second
        if not starts or since >= seconds / 2:
            starts.append(chapter.first_segment)
            since = 0.0
        if length > 1.5 * seconds:  # split at paragraph starts inside the chapter
            for index in _splits(span, round(length / seconds)):
                if chapter.first_segment + index > starts[-1]:
                    starts.append(chapter.first_segment + index)
            since = 0.0
        since += length
    while len(starts) < at_least and _split_longest(starts, segments, chars_per_second):
        pass
    ends = [*(s - 1 for s in starts[1:]), len(segments) - 1]
    return [Chunk(a, b) for a, b in zip(starts, ends, strict=True)]


def _splits(span: Sequence[Segment], pieces: int) -> list[int]:
    """Where a long chapter is cut into `pieces`: for each target (an equal share of its
    characters) the paragraph start nearest it, as indexes into `span`. Counted in
    characters, so an edit moves a cut only when it moves a target past the midpoint between
    two paragraph starts (counted in segments, an edit that adds or removes a sentence
    before a cut moved it to the next paragraph about every other time, and the chunk after
    it was encoded again)."""
    at, offsets, paragraphs = 0, [], []
    for index, segment in enumerate(span):
        if index and segment.paragraph != span[index - 1].paragraph:
            paragraphs.append(index)
            offsets.append(at)
        at += len(segment.text)
    cuts: list[int] = []
    for n in range(1, pieces):
        if not paragraphs:
            break
        target = n * at / pieces
        nearest = min(range(len(paragraphs)), key=lambda k: abs(offsets[k] - target))
        if not cuts or paragraphs[nearest] > cuts[-1]:
            cuts.append(paragraphs[nearest])
    return cuts


MIN_SPLIT_SECONDS = 20.0


def _split_longest(starts: list[int], segments: Sequence[Segment],
                   chars_per_second: float) -> bool:
    """Split the longest chunk at the paragraph start nearest its middle (False: none can)."""
    bounds = [*starts, len(segments)]
    spans = sorted(((sum(len(s.text) for s in segments[a:b]) / chars_per_second, a, b)
                    for a, b in pairwise(bounds)), reverse=True)
    for length, a, b in spans:
        if length < 2 * MIN_SPLIT_SECONDS:
            return False
        cuts = [i for i in range(a + 1, b) if segments[i].paragraph != segments[i - 1].paragraph]
        if cuts:
            middle = a + (b - a) / 2
            starts.append(min(cuts, key=lambda i: abs(i - middle)))
            starts.sort()
            return True
    return False


def chunk_pieces(chunk: Chunk, segments: Sequence[Segment], clips: Sequence[Spoken | None],
                 keys: Sequence[str], pauses: PauseSettings, last: bool,
                 levelling: Levelling | None = None,
                 align: int = ALIGN) -> tuple[list[Stretch], int]:
    """The chunk's own pieces (positions from its start) and its length."""

    def clip_at(index: int) -> Spoken:
        clip = clips[index]
        assert clip is not None, f"segment {index} has no audio"
        return clip

    pieces = list(walk_chunk(chunk, segments, clip_at, keys, pauses, last, levelling, align))
    return pieces, end_of(pieces)


def end_of(pieces: Sequence[Stretch]) -> int:
    """Where the last piece ends (the length of a chunk's pieces)."""
    return pieces[-1].start + pieces[-1].frames if pieces else 0


def walk_chunk(chunk: Chunk, segments: Sequence[Segment], clip_at: Callable[[int], Spoken],
               keys: Sequence[str], pauses: PauseSettings, last: bool,
               levelling: Levelling | None = None, align: int = ALIGN) -> Iterator[Stretch]:
    """The chunk's pieces in order, asking `clip_at` for each clip only when it is reached
    (so an encoder can take a chunk's start while its end is still being spoken); a chunk
    but the last is padded to (L + GAP) a multiple of `align` (see `grid`)."""
    position = 0
    levels = levelling or Levelling()

    def silence(frames: int) -> Iterator[Stretch]:
        nonlocal position
        if frames > 0:
            yield Stretch(position, frames, None)
            position += frames

    if chunk.first == 0:
        yield from silence(pauses.head_ms * PCM.rate // 1000)
    else:
        lead = pause_before(segments[chunk.first - 1], segments[chunk.first], pauses)
        yield from silence(lead * PCM.rate // 1000 - GAP)
    for index in range(chunk.first, chunk.last + 1):
        if index > chunk.first:
            pause = pause_before(segments[index - 1], segments[index], pauses)
            yield from silence(pause * PCM.rate // 1000)
        clip = clip_at(index)
        yield Stretch(position, clip.frames, clip.path, keys[index],
                    levels.gain(segments[index].voice), levels.ceiling)
        position += clip.frames
    if last:
        yield from silence(pauses.tail_ms * PCM.rate // 1000)
    else:
        yield from silence(-(position + GAP) % align)


class Abandoned(Exception):
    """The render stopped before this segment's audio arrived."""


class Feed:
    """Segment audio as synthesis delivers it. Encoders walk a chunk's pieces in order and
    wait for each clip, so a chunk is encoded while its later segments are still spoken."""

    def __init__(self, segments: Sequence[Segment], chunks: Sequence[Chunk],
                 keys: Sequence[str], pauses: PauseSettings,
                 levelling: Levelling | None = None,
                 on_encoded: Callable[[int], None] | None = None, align: int = ALIGN) -> None:
        self.segments, self.chunks, self.keys = segments, list(chunks), keys
        self.align = align
        """The chunk grid (`grid`)."""
        self.encoded = on_encoded or (lambda frames: None)
        """Encoders report here the samples they have taken (for the progress display)."""
        self.pauses, self.levelling = pauses, levelling
        spoken: dict[str, int] = {}
        for segment in segments:
            spoken[segment.voice] = spoken.get(segment.voice, 0) + len(segment.text)
        main = max(spoken, key=spoken.__getitem__) if spoken else ""
        self.scale = (levelling or Levelling()).gain(main)
        """The gain of the voice heard most (an encoder can apply it for free)."""
        self._clips: list[Spoken | None] = [None] * len(segments)
        self._ready = threading.Condition()
        self._abandoned = False
        self._lengths: dict[int, int] = {}

    def put(self, index: int, spoken: Spoken) -> None:
        with self._ready:
            self._clips[index] = spoken
            self._ready.notify_all()

    def abandon(self) -> None:
        with self._ready:
            self._abandoned = True
            self._ready.notify_all()

    def _wait(self, index: int) -> Spoken:
        with self._ready:
            while self._clips[index] is None and not self._abandoned:
                self._ready.wait()
            clip = self._clips[index]
            if clip is None:
                raise Abandoned(f"segment {index} never arrived")
            return clip

    def is_last(self, number: int) -> bool:
        return number == len(self.chunks) - 1

    def complete(self, number: int) -> bool:
        chunk = self.chunks[number]
        with self._ready:
            return all(c is not None for c in self._clips[chunk.first:chunk.last + 1])

    def walk(self, number: int) -> Iterator[Stretch]:
        """The chunk's pieces, each clip waited for."""
        return walk_chunk(self.chunks[number], self.segments, self._wait, self.keys,
                          self.pauses, self.is_last(number), self.levelling, self.align)

    def length(self, number: int) -> int:
        """The chunk's length in samples, once all its clips have arrived (waits for them)."""
        with self._ready:
            known = self._lengths.get(number)
        if known is None:
            known = end_of(list(self.walk(number)))
            with self._ready:
                self._lengths[number] = known
        return known

    def start(self, number: int) -> int:
        """Where the chunk starts in the programme (waits for every earlier chunk's clips)."""
        return sum(self.length(n) + GAP for n in range(number))

    def lead(self, number: int) -> int:
        """The silence a chunk starts with (its first pause, less the GAP before it)."""
        if number == 0:
            return self.pauses.head_ms * PCM.rate // 1000
        first = self.chunks[number].first
        pause = pause_before(self.segments[first - 1], self.segments[first], self.pauses)
        return max(0, pause * PCM.rate // 1000 - GAP)


@dataclass(frozen=True, slots=True)
class Programme:
    pieces: tuple[Stretch, ...]
    total: int
    """Length in samples."""
    chunks: tuple[Chunk, ...]
    on_pcm: Callable[[int], None] | None = None
    """Told how many samples each block `pcm` yields (the progress display)."""

    def pcm(self, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        """The samples [start, end) as PCM (earmark.model.PCM), in pieces."""
        blocks = stream(self.pieces, start, self.total if end is None else min(end, self.total))
        if self.on_pcm is None:
            return blocks
        return self._counted(blocks, self.on_pcm)

    @staticmethod
    def _counted(blocks: Iterator[bytes], tell: Callable[[int], None]) -> Iterator[bytes]:
        for block in blocks:
            yield block
            tell(len(block) // PCM.frame_bytes)

    def layout_of(self, start: int, end: int) -> list[tuple[int, int, str | None]]:
        """What [start, end) is made of: (offset, frames, clip key): a chunk's identity."""
        return contents(self.pieces, start, end)


def stream(pieces: Sequence[Stretch], start: int, end: int, scale: float = 1.0) -> Iterator[bytes]:
    """The samples [start, end) of the pieces, levelled; divided by `scale` for an encoder
    that multiplies by it (clips of a voice whose gain is `scale` then pass untouched)."""
    starts = [p.start for p in pieces]
    index = max(0, bisect_right(starts, start) - 1)
    position = start
    while position < end and index < len(pieces):
        piece = pieces[index]
        a, b = max(position, piece.start), min(end, piece.start + piece.frames)
        if b > a:
            if piece.path is None:
                for offset in range(a, b, BLOCK):
                    yield PCM.silence(min(b, offset + BLOCK) - offset)
            else:
                raw = samples(piece.path, piece.frames)  # earmark's own 16-bit mono WAV
                size = piece.frames * PCM.frame_bytes
                if len(raw) != size:  # never shift the timeline
                    raw = raw[:size].ljust(size, b"\0")
                ceiling = None if piece.ceiling is None else int(piece.ceiling / scale)
                raw = level(raw, piece.gain / scale, ceiling)
                step = PCM.frame_bytes
                yield raw[(a - piece.start) * step : (b - piece.start) * step]
            position = b
        index += 1


def contents(pieces: Sequence[Stretch], start: int,
             end: int) -> list[tuple[int, int, str | None]]:
    """What samples start..end hold, stretch by stretch (offset, length, clip key with its gain
    and ceiling, or None for silence): the identity of a chunk's audio, for its cache key."""
    out = []
    for piece in pieces:
        a, b = max(start, piece.start), min(end, piece.start + piece.frames)
        if b > a:
            out.append((a - start, b - a,
                        f"{piece.key}@{piece.gain:.6f}/{piece.ceiling}" if piece.path else None))
    return out


def layout(segments: Sequence[Segment], clips: Sequence[Spoken], keys: Sequence[str],
           chapters: Sequence[Chapter], pauses: PauseSettings,
           chunks: Sequence[Chunk] | None = None,
           levelling: Levelling | None = None,
           align: int = ALIGN) -> tuple[Programme, Timeline]:
    """The whole programme and its timeline (one chunk when none are given), its chunks
    padded to the grid `align` (see `grid`)."""
    chunks = list(chunks or [Chunk(0, len(segments) - 1)])
    pieces: list[Stretch] = []
    placed: list[Chunk] = []
    clip_start: dict[int, int] = {}
    position = 0
    for number, chunk in enumerate(chunks):
        if number:
            pieces.append(Stretch(position, GAP, None))
            position += GAP
        local, length = chunk_pieces(chunk, segments, clips, keys, pauses,
                                     number == len(chunks) - 1, levelling, align)
        index = chunk.first
        for piece in local:
            pieces.append(Stretch(position + piece.start, piece.frames, piece.path, piece.key,
                                piece.gain, piece.ceiling))
            if piece.path is not None:
                clip_start[index] = position + piece.start
                index += 1
        placed.append(Chunk(chunk.first, chunk.last, position, length))
        position += length
    timings = tuple(Timing(_ms(clip_start[i]), _ms(clip_start[i] + clips[i].frames))
                    for i in range(len(segments)))
    duration = _ms(position)
    chapter_times = []
    for n, chapter in enumerate(chapters):
        start = 0 if n == 0 else timings[chapter.first_segment].start_ms
        last = n == len(chapters) - 1
        end = duration if last else timings[chapters[n + 1].first_segment].start_ms
        chapter_times.append(Timing(start, end))
    timeline = Timeline(timings, tuple(chapter_times), duration,
                        tuple(c.engine_voice for c in clips))
    return Programme(tuple(pieces), position, tuple(placed)), timeline
