"""Encoding: MP3 in chunks (libmp3lame, in threads) while synthesis runs; other formats as
one stream of PCM into ffmpeg.

MP3 chunks are joined without re-encoding (their frames copied under one Info tag). The programme
leaves exactly the room LAME's delay and padding take between chunks (see programme.py), and
each chunk's frame count is checked, so the joined file plays every sample where the timeline
says. Chunks are cached by content: after an edit only the changed chunk is encoded again.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from earmark.assemble.programme import FRAME, GAP, Feed, Piece, Programme, describe, end_of, stream
from earmark.config.recipe import ExportSettings
from earmark.errors import EarmarkError, ToolError
from earmark.export import lame
from earmark.speak.cache import Cache, key_of
from earmark.tools import FFMPEG, binary, codec_args

RAW_INPUT = ["-f", "s16le", "-ar", "22050", "-ac", "1", "-i", "-"]
QUALITY = 7  # LAME's -q 7 ("fast"): measured as fast as -q 9 here, without its artefacts


def feed_ffmpeg(argv: list[str], pcm: Iterator[bytes]) -> None:
    """Run ffmpeg with PCM streamed to its standard input."""
    argv = [binary(argv[0]), *argv[1:]]
    process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    errors: list[bytes] = []
    reader = threading.Thread(target=lambda: errors.append(process.stderr.read()), daemon=True)
    reader.start()
    try:
        assert process.stdin is not None
        for block in pcm:
            process.stdin.write(block)
        process.stdin.close()
    except BrokenPipeError:
        pass
    except BaseException:
        process.kill()
        raise
    finally:
        returncode = process.wait()
        reader.join()
    if returncode != 0:
        raise ToolError(argv, returncode, b"".join(errors).decode("utf-8", "replace"))


class Mp3Chunks:
    """Encodes MP3 chunks (in threads, one ffmpeg each) from the moment synthesis starts:
    each chunk is fed its pieces as they are spoken, in order. Then the chunks are joined."""

    def __init__(self, cache: Cache, settings: ExportSettings, workers: int, count: int) -> None:
        self.cache = cache
        self.settings = settings
        self.codec = ["libmp3lame", settings.sample_rate, kbps(settings.mp3_bitrate), QUALITY]
        self.pool = ThreadPoolExecutor(max(1, workers))
        self.results: list[Future[Path] | None] = [None] * count

    def begin(self, feed: Feed) -> None:
        """Start encoding every chunk (chunks run in order, as many at once as workers)."""
        for number in range(len(self.results)):
            self.results[number] = self.pool.submit(self._encode, feed, number)

    def _key(self, pieces: Sequence[Piece], length: int, last: bool, scale: float) -> str:
        return key_of("mp3-chunk/3", self.codec, f"{scale:.6f}", last,
                      describe(pieces, 0, length))

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
                        kbps(self.settings.mp3_bitrate), QUALITY, feed.scale)
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


def encode_stream(programme: Programme, fmt: str, out: Path, settings: ExportSettings,
                  extra_inputs: list[str], extra_args: list[str]) -> None:
    """One encoder for the whole programme (formats whose streams cannot be joined)."""
    feed_ffmpeg([*FFMPEG, *RAW_INPUT, *extra_inputs, *extra_args, *codec_args(fmt, settings),
                 str(out)], programme.pcm())


def kbps(bitrate: str) -> int:
    """ "64k" -> 64."""
    return int(bitrate.lower().removesuffix("k"))


class StreamExport:
    """A format encoded as one stream of the whole programme once synthesis is done (its
    streams cannot be joined without re-encoding). Subclasses write `finish`."""

    def __init__(self, cache: Cache, settings: ExportSettings, workers: int, chunks: int) -> None:
        self.settings = settings

    def begin(self, feed: Feed) -> None:
        pass

    def abandon(self) -> None:
        pass
