"""Parallel MP3 chunks joined without re-encoding: every sample stays where the timeline says.

Uses real ffmpeg/LAME on generated tones (no engine).
"""

from __future__ import annotations

import random
import subprocess
import threading
import time
from pathlib import Path

import pytest
from mutagen.mp3 import MP3
from pydub.generators import Sine, WhiteNoise

from clip_finding import found_at
from earmark.assemble.programme import Abandoned, Chunk, Feed, layout, plan_chunks
from earmark.config.recipe import ExportSettings, PauseSettings
from earmark.export import lame
from earmark.export.encode import Mp3Chunks
from earmark.model import PCM, Chapter, Segment
from earmark.speak.cache import Cache
from earmark.speak.engine import Spoken

pytestmark = pytest.mark.e2e
PAUSES = PauseSettings(sentence_ms=300, paragraph_ms=700, chapter_ms=1200, head_ms=0,
                       tail_ms=400)
CHUNKS = [Chunk(0, 3), Chunk(4, 7), Chunk(8, 11)]


def tone(path: Path, hz: int, ms: int) -> Spoken:
    """A tone with noise on it: not periodic, so each clip can be found in the output. The
    noise is seeded by the tone, so a clip made again is the same audio (as its key says)."""
    random.seed(hz * 100_000 + ms)
    audio = Sine(hz, sample_rate=PCM.rate).to_audio_segment(ms, volume=-14).overlay(
        WhiteNoise(sample_rate=PCM.rate).to_audio_segment(ms, volume=-20))
    audio.set_channels(1).set_sample_width(2).export(str(path), format="wav")
    return Spoken(str(path), len(audio.raw_data) // 2, "test")


def material(tmp_path: Path, freqs: list[int]):  # type: ignore[no-untyped-def]
    segments = [Segment(i, i // 4, i, i, "narration", "narrator", "narrator", "x", (i, i + 1))
                for i in range(len(freqs))]
    clips = [tone(tmp_path / f"t{i}-{hz}.wav", hz, 900 + 37 * i) for i, hz in enumerate(freqs)]
    chapters = [Chapter(n, f"c{n}", n * 4, n * 4 + 3) for n in range(len(freqs) // 4)]
    keys = [f"k{i}-{hz}" for i, hz in enumerate(freqs)]
    return segments, clips, chapters, keys


def encode(tmp_path: Path, freqs: list[int], cache: Cache, out: Path):  # type: ignore[no-untyped-def]
    segments, clips, chapters, keys = material(tmp_path, freqs)
    chunks = Mp3Chunks(cache, ExportSettings(), 2, len(CHUNKS))
    feed = Feed(segments, CHUNKS, keys, PAUSES)
    chunks.begin(feed)  # the encoders start before any audio exists and wait for it

    def speak() -> None:  # clips arrive late and out of order, as from synthesis
        for index in [*range(8, 12), *range(0, 8)]:
            time.sleep(0.01)
            feed.put(index, clips[index])

    speaker = threading.Thread(target=speak)
    speaker.start()
    chunks.finish(out)
    speaker.join()
    return layout(segments, clips, keys, chapters, PAUSES, CHUNKS)


def decode(path: Path) -> bytes:
    return subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-f", "s16le", "-"],
                          capture_output=True, check=True).stdout


def test_chunks_join_exactly(tmp_path: Path) -> None:
    out = tmp_path / "joined.mp3"
    programme, timeline = encode(tmp_path, [220 + 40 * i for i in range(12)],
                                 Cache(tmp_path / "cache"), out)
    pcm = decode(out)
    assert len(pcm) // 2 == programme.total  # the encoder's delay and padding are trimmed
    assert round(MP3(str(out)).info.length * PCM.rate) == programme.total  # mutagen agrees
    data = out.read_bytes()
    info = data.find(b"Info")
    tag_crc_at = info + lame.LAME_TAG + 34
    assert int.from_bytes(data[tag_crc_at:tag_crc_at + 2], "big") == lame._crc16(data[:tag_crc_at])
    first = lame._frame_size(data)
    music_crc = int.from_bytes(data[tag_crc_at - 2:tag_crc_at], "big")
    assert music_crc == lame._crc16(data[first:])  # the joined audio's CRC, as LAME writes it
    clips = [p for p in programme.pieces if p.path]
    for piece, timing in zip(clips, timeline.segments, strict=True):
        assert timing.start_ms == round(piece.start * 1000 / PCM.rate)
        found = found_at(programme, piece, pcm)
        assert abs(found - piece.start) <= PCM.rate // 1000, (timing, found - piece.start)


def test_an_edit_reencodes_only_its_chunk(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    freqs = [300 + 30 * i for i in range(12)]
    encode(tmp_path, freqs, cache, tmp_path / "a.mp3")
    assert cache.info()["chunks"][0] == 3
    edited = list(freqs)
    edited[5] = 1000  # one "paragraph" of the middle chunk changes (its length too)
    encode(tmp_path, edited, cache, tmp_path / "b.mp3")
    assert cache.info()["chunks"][0] == 4


def test_chunk_plan_follows_chapters_and_splits_long_ones() -> None:
    segments = [Segment(i, 0 if i < 40 else 1, i, i // 2, "narration", "narrator", "narrator",
                        "w" * 150, (i, i + 1)) for i in range(60)]
    chapters = [Chapter(0, "a", 0, 39), Chapter(1, "b", 40, 59)]
    # 10 s a segment: chapter a is 400 s, b is 200 s; chunks of about 120 s
    chunks = plan_chunks(segments, chapters, 120)
    firsts = [c.first for c in chunks]
    assert firsts[0] == 0 and 40 in firsts
    assert all(segments[c.first].paragraph != segments[c.first - 1].paragraph
               for c in chunks[1:])
    assert chunks[-1].last == 59 and len(chunks) >= 4
    assert plan_chunks(segments, chapters, 10_000) == [Chunk(0, 59)]


def test_an_abandoned_render_stops_its_waiting_encoders(tmp_path: Path) -> None:
    segments, clips, _, keys = material(tmp_path, [300 + 30 * i for i in range(12)])
    cache = Cache(tmp_path / "cache")
    chunks = Mp3Chunks(cache, ExportSettings(), 2, len(CHUNKS))
    feed = Feed(segments, CHUNKS, keys, PAUSES)
    chunks.begin(feed)
    for index in range(6):  # synthesis fails after six segments
        feed.put(index, clips[index])
    feed.abandon()
    with pytest.raises(Abandoned):
        chunks.finish(tmp_path / "never.mp3")
    assert not (tmp_path / "never.mp3").exists()
    assert cache.info()["chunks"][0] == 1  # only the complete first chunk was kept
    assert not list((tmp_path / "cache").rglob("*.partial"))


def test_an_edit_before_a_split_leaves_the_split_at_its_paragraph() -> None:
    """Removing one sentence from the first paragraph of a long chapter (the benchmark's
    edit joins two) keeps every later cut at the same paragraph start, so only the edited
    chunk changes: for chapters of any length."""
    def book(first_paragraph: int, paragraphs: int) -> list[Segment]:
        sizes = [first_paragraph] + [3] * paragraphs  # 3 sentences, 90 characters each
        out: list[Segment] = []
        for paragraph, count in enumerate(sizes):
            for _ in range(count):
                out.append(Segment(len(out), 0, len(out), paragraph, "narration", "narrator",
                                   "narrator", "w" * (90 // count), (0, 1)))
        return out

    def cuts(segments: list[Segment]) -> list[int]:
        chunks = plan_chunks(segments, [Chapter(0, "a", 0, len(segments) - 1)], 60)
        return [segments[c.first].paragraph for c in chunks]

    for paragraphs in range(30, 60):
        before, after = cuts(book(3, paragraphs)), cuts(book(2, paragraphs))
        assert len(before) > 2 and after == before, paragraphs
