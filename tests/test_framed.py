"""AAC (M4B) and Opus encoded in parallel chunks and joined without re-encoding: every clip
plays at its manifest time (to the millisecond) in the decoded file.

Uses real ffmpeg on generated tones (no engine).
"""

from __future__ import annotations

import audioop
import itertools
import math
import subprocess
import threading
import time
from pathlib import Path

import pytest

from clip_finding import found_at
from earmark.assemble.limiter import Levelling
from earmark.assemble.programme import Feed, grid, layout
from earmark.config.recipe import ExportSettings
from earmark.export.m4b import M4bExport
from earmark.export.opus import OpusExport
from earmark.model import PCM, Document, Metadata, Plan
from earmark.speak.cache import Cache
from test_encode import CHUNKS, PAUSES, material, tone

pytestmark = pytest.mark.e2e
EXPORTS = {"m4b": M4bExport, "opus": OpusExport}


def plan_of(segments, chapters) -> Plan:  # type: ignore[no-untyped-def]
    document = Document("tones.txt", "txt", "x" * 20, "Tones", "en", (), metadata=Metadata())
    return Plan(document, tuple(chapters), (), (), tuple(segments), ())


def encode(tmp_path: Path, fmt: str, freqs: list[int], cache: Cache, out: Path,
           order: list[int] | None = None, longer: int | None = None,
           align: int | None = None,
           levelling: Levelling | None = None):  # type: ignore[no-untyped-def]
    segments, clips, chapters, keys = material(tmp_path, freqs)
    if longer is not None:  # that clip lasts 1.3 s longer (the programme after it moves)
        clips[longer] = tone(tmp_path / f"long{longer}.wav", freqs[longer], 2200)
        keys[longer] += "-long"
    exporter = EXPORTS[fmt](cache, ExportSettings(), 2, len(CHUNKS))
    align = align or grid(exporter.units)
    feed = Feed(segments, CHUNKS, keys, PAUSES, levelling, align=align)
    exporter.begin(feed)

    def speak() -> None:  # clips arrive late and out of order, as from synthesis
        for index in order or [*range(8, 12), *range(0, 8)]:
            time.sleep(0.01)
            feed.put(index, clips[index])

    speaker = threading.Thread(target=speak)
    speaker.start()
    programme, timeline = layout(segments, clips, keys, chapters, PAUSES, CHUNKS, levelling,
                                 align=align)
    speaker.join()
    exporter.finish(programme, plan_of(segments, chapters), timeline, out)
    return programme, timeline


def decode(path: Path) -> bytes:
    return subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-ac", "1", "-ar",
                           str(PCM.rate), "-f", "s16le", "-"],
                          capture_output=True, check=True).stdout


@pytest.mark.parametrize("fmt", ["m4b", "opus"])
def test_chunks_join_exactly(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"joined.{fmt}"
    programme, timeline = encode(tmp_path, fmt, [220 + 40 * i for i in range(12)],
                                 Cache(tmp_path / "cache"), out)
    pcm = decode(out)
    # Opus: the stream ends within half a 48 kHz sample of the programme's end; decoded
    # back to 22.05 kHz, its length can round up by one sample
    frame = 1024 if fmt == "m4b" else 2
    assert 0 <= len(pcm) // 2 - programme.total < frame  # the priming is trimmed
    clips = [p for p in programme.pieces if p.path]
    assert len(clips) == 12
    for piece, timing in zip(clips, timeline.segments, strict=True):
        found = found_at(programme, piece, pcm)
        assert abs(found - piece.start) <= PCM.rate // 1000, (timing, found - piece.start)
    margin = PCM.rate // 10  # as the MP3 test: codecs ring for a few frames after a clip
    for before, after in itertools.pairwise(clips):  # silence left out of the
        pause = pcm[(before.start + before.frames + margin) * 2:(after.start - margin) * 2]
        assert audioop.rms(pause, 2) < 30  # encoder and copied back in is still silence


@pytest.mark.parametrize("fmt", ["m4b", "opus"])
def test_an_edit_reencodes_only_the_chunks_it_moves(tmp_path: Path, fmt: str) -> None:
    cache = Cache(tmp_path / "cache")
    freqs = [300 + 30 * i for i in range(12)]
    encode(tmp_path, fmt, freqs, cache, tmp_path / f"a.{fmt}")
    assert cache.info()["chunks"][0] == 3
    encode(tmp_path, fmt, freqs, cache, tmp_path / f"b.{fmt}")
    assert cache.info()["chunks"][0] == 3  # nothing changed: every chunk from the cache
    edited = list(freqs)
    edited[5] = 1000  # the middle chunk's audio changes, not its length
    encode(tmp_path, fmt, edited, cache, tmp_path / f"c.{fmt}")
    assert cache.info()["chunks"][0] == 4


@pytest.mark.parametrize("fmt", ["m4b", "opus"])
def test_an_edit_that_moves_later_chunks_leaves_them_cached(tmp_path: Path, fmt: str) -> None:
    """On the format's own grid, the chunk after an edit that lengthens a clip starts on the
    same frame boundary as before, so only the edited chunk is encoded again."""
    cache = Cache(tmp_path / "cache")
    freqs = [300 + 30 * i for i in range(12)]
    encode(tmp_path, fmt, freqs, cache, tmp_path / f"a.{fmt}")
    assert cache.info()["chunks"][0] == 3
    programme, _ = encode(tmp_path, fmt, freqs, cache, tmp_path / f"b.{fmt}", longer=5)
    assert cache.info()["chunks"][0] == 4  # the last chunk moved and was found as cached
    pcm = decode(tmp_path / f"b.{fmt}")
    for piece in (p for p in programme.pieces if p.path):
        assert abs(found_at(programme, piece, pcm) - piece.start) <= PCM.rate // 1000


def test_the_grid_is_that_of_the_formats_made() -> None:
    mp3, aac, opus = (576, True), (1024, False), (1323, False)
    assert grid([mp3]) == 576
    assert grid([opus]) == 1323  # Opus alone: 60 ms
    assert grid([aac, mp3]) == 9216  # MP3 and AAC, as before
    assert grid([opus, mp3]) == 576  # 3.84 s would be too long a pause: Opus left out
    assert grid([aac, opus]) == 1024
    assert grid([]) == 1  # WAV: no padding


@pytest.mark.parametrize("fmt", ["m4b", "opus"])
def test_the_main_voice_gain_applied_by_ffmpeg_is_the_programmes(tmp_path: Path,
                                                                  fmt: str) -> None:
    """The gain of the voice heard most is applied on the way into the encoder (by ffmpeg;
    for Opus in-process by libsoxr),
    the limiter's ceiling divided by it first: the decoded clips are as loud as the
    programme's (within 0.5 dB) and where it puts them."""
    levelling = Levelling({"narrator": 1.6}, ceiling=20000)
    out = tmp_path / f"loud.{fmt}"
    programme, _ = encode(tmp_path, fmt, [250 + 35 * i for i in range(12)],
                          Cache(tmp_path / "cache"), out, levelling=levelling)
    pcm = decode(out)
    for piece in (p for p in programme.pieces if p.path):
        assert abs(found_at(programme, piece, pcm) - piece.start) <= PCM.rate // 1000
        middle = piece.start + piece.frames // 2
        ours = b"".join(programme.pcm(middle - 4000, middle + 4000))
        theirs = pcm[(middle - 4000) * 2:(middle + 4000) * 2]
        assert abs(20 * math.log10(audioop.rms(theirs, 2) / audioop.rms(ours, 2))) < 0.5
        assert audioop.max(theirs, 2) < 20000 * 1.12  # the codec's own overshoot only


def test_opus_chunks_are_encoded_in_process(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """libopus and libsoxr (which Debian's ffmpeg brings) encode the Opus chunks with no
    ffmpeg started; the stream is exact and as large as the bitrate says."""
    from earmark.export import framed, libopus

    assert libopus.available()

    def no_ffmpeg(*args: object, **kwargs: object) -> None:
        raise AssertionError("ffmpeg was started for an Opus chunk")

    monkeypatch.setattr(framed, "run_streaming", no_ffmpeg)
    out = tmp_path / "in-process.opus"
    programme, _ = encode(tmp_path, "opus", [240 + 45 * i for i in range(12)],
                          Cache(tmp_path / "cache"), out)
    head = out.read_bytes()[28:47]
    assert head[:8] == b"OpusHead" and int.from_bytes(head[10:12], "little") == 312
    pcm = decode(out)
    for piece in (p for p in programme.pieces if p.path):
        assert abs(found_at(programme, piece, pcm) - piece.start) <= PCM.rate // 1000
    seconds = programme.total / PCM.rate
    assert 0.5 * 32000 / 8 < out.stat().st_size / seconds < 1.3 * 32000 / 8


def test_opus_falls_back_to_ffmpeg_without_libopus(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Where libopus or libsoxr cannot be loaded, ffmpeg encodes the chunks, as exactly."""
    from earmark.export import framed, libopus

    started = []
    real = framed.run_streaming

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(libopus, "available", lambda: False)
    monkeypatch.setattr(framed, "run_streaming", counted)
    out = tmp_path / "ffmpeg.opus"
    programme, _ = encode(tmp_path, "opus", [260 + 40 * i for i in range(12)],
                          Cache(tmp_path / "cache"), out)
    assert len(started) == 3 and all("libopus" in argv for argv in started)
    pcm = decode(out)
    for piece in (p for p in programme.pieces if p.path):
        assert abs(found_at(programme, piece, pcm) - piece.start) <= PCM.rate // 1000
