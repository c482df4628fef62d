"""Encoding: MP3 in chunks (libmp3lame in-process, in threads) while synthesis runs; other
formats (and MP3 at an output rate other than the PCM's) as one stream of PCM into ffmpeg.

MP3 chunks are joined without re-encoding (their frames copied under one Info tag). The programme
leaves exactly the room LAME's delay and padding take between chunks (see programme.py), and
each chunk's frame count is checked, so the joined file plays every sample where the timeline
says. Chunks are cached by content: after an edit only the changed chunk is encoded again.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from earmark.assemble.programme import (
    FRAME,
    GAP,
    Feed,
    Programme,
    Stretch,
    contents,
    end_of,
    stream,
)
from earmark.config.formats import FORMATS, MP3_QUALITY, Format
from earmark.config.recipe import ExportSettings
from earmark.errors import EarmarkError
from earmark.export import lame
from earmark.model import PCM, Plan, Timeline
from earmark.speak.cache import Cache, key_of
from earmark.tools import FFMPEG, run_streaming


class Mp3Chunks:
    """Encodes MP3 chunks (in threads, libmp3lame in-process) from the moment synthesis starts:
    each chunk is fed its pieces as they are spoken, in order. Then the chunks are joined."""

    def __init__(self, cache: Cache, settings: ExportSettings, workers: int, count: int) -> None:
        self.cache = cache
        self.settings = settings
        self.codec = ["libmp3lame", settings.sample_rate, kbps(settings.mp3_bitrate),
                      MP3_QUALITY]
        self.pool = ThreadPoolExecutor(max(1, workers))
        self.results: list[Future[Path] | None] = [None] * count

    def begin(self, feed: Feed) -> None:
        """Start encoding every chunk (chunks run in order, as many at once as workers)."""
        for number in range(len(self.results)):
            self.results[number] = self.pool.submit(self._encode, feed, number)

    def _key(self, pieces: Sequence[Stretch], length: int, last: bool, scale: float) -> str:
        return key_of("mp3-chunk/3", self.codec, f"{scale:.6f}", last,
                      contents(pieces, 0, length))

    def _encode(self, feed: Feed, number: int) -> Path:
        last = feed.is_last(number)
        if feed.complete(number):  # all its audio was cached: so may the chunk be
            pieces = list(feed.walk(number))
            key = self._key(pieces, end_of(pieces), last, feed.scale)
            hit = self.cache.get("chunks", key, ".mp3")
            if hit is not None:
                feed.encoded(end_of(pieces))
                return hit
        scratch = self.cache.scratch("chunks", "00streaming", ".mp3")
        pieces = []

        def pcm() -> Iterator[bytes]:
            for piece in feed.walk(number):
                pieces.append(piece)
                yield from stream((piece,), piece.start, piece.start + piece.frames, feed.scale)
                feed.encoded(piece.frames)

        try:
            lame.encode(pcm(), scratch, self.settings.sample_rate,
                        kbps(self.settings.mp3_bitrate), MP3_QUALITY, feed.scale)
            length = end_of(pieces)
            if not last:
                _check_frames(scratch, length + GAP)
            key = self._key(pieces, length, last, feed.scale)
            return self.cache.put("chunks", key, ".mp3", scratch)
        finally:
            scratch.unlink(missing_ok=True)

    def finish(self, out: Path) -> None:
        """Wait for every chunk and join them into `out`."""
        try:
            chunks = [future.result() for future in self.results if future is not None]
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)
        if len(chunks) != len(self.results):
            raise EarmarkError("some MP3 chunks were never encoded")
        if len(chunks) == 1:
            shutil.copyfile(chunks[0], out)
        else:
            lame.join(chunks, out)

    def abandon(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _check_frames(path: Path, samples: int) -> None:
    frames = lame.frames(path)
    if frames * FRAME != samples:
        raise EarmarkError(f"MP3 chunk {path.name} has {frames} frames where "
                           f"{samples // FRAME} were planned: the join would be off")


def encode_stream(programme: Programme, fmt: Format, out: Path, settings: ExportSettings,
                  extra_inputs: list[str], extra_args: list[str]) -> None:
    """One ffmpeg encoder for the whole programme, fed its PCM as it is streamed (formats
    whose streams cannot be joined, and MP3 at an output rate other than the PCM's)."""
    run_streaming([*FFMPEG, *PCM.ffmpeg_input(), *extra_inputs, *extra_args,
                   *fmt.encoder_args(settings), str(out)], programme.pcm())


def kbps(bitrate: str) -> int:
    """ "64k" -> 64."""
    return int(bitrate.lower().removesuffix("k"))


class StreamExport:
    """A format encoded as one stream of the whole programme once synthesis is done (its
    streams cannot be joined without re-encoding), then given its tags and chapters by the
    writer its record names. Subclasses set `format`; M4B overrides `finish`."""

    format = ""
    """The name of its record in earmark.config.formats.FORMATS."""

    units: tuple[tuple[int, bool], ...] = ()
    """One stream: no chunk grid needed (earmark.assemble.programme.grid)."""

    def __init__(self, cache: Cache, settings: ExportSettings, workers: int, chunks: int) -> None:
        self.settings = settings

    def begin(self, feed: Feed) -> None:
        pass

    def finish(self, programme: Programme, plan: Plan, timeline: Timeline, out: Path) -> None:
        fmt = FORMATS[self.format]
        encode_stream(programme, fmt, out, self.settings, [], ["-map_metadata", "-1"])
        fmt.load(fmt.tags)(out, plan, timeline, self.settings)

    def abandon(self) -> None:
        pass
