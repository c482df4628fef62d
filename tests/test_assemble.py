"""Assembly with stand-in clips of known length (no engine): pauses and the timeline."""

from __future__ import annotations

import wave
from pathlib import Path

from earmark.assemble import assemble, pause_before
from earmark.engine import SAMPLE_RATE, Spoken
from earmark.model import Chapter, Segment
from earmark.recipe import PauseSettings

PAUSES = PauseSettings(
    sentence_ms=200, paragraph_ms=600, voice_change_ms=100, chapter_ms=1000, head_ms=50, tail_ms=300
)


def seg(
    index: int, chapter: int, paragraph: int, sentence: int, voice: str = "narrator"
) -> Segment:
    kind = "narration" if voice == "narrator" else "quote"
    return Segment(index, chapter, sentence, paragraph, kind, None, voice, "x", (index, index + 1))


def clip(path: Path, ms: int, voice: str = "gmw/en-us") -> Spoken:
    frames = ms * SAMPLE_RATE // 1000
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(b"\x10\x00" * frames)
    return Spoken(str(path), frames, voice)


def test_the_longest_applicable_pause_wins() -> None:
    a = seg(0, 0, 0, 0)
    assert pause_before(a, seg(1, 0, 0, 0, "quote"), PAUSES) == 100  # voice change only
    assert pause_before(a, seg(1, 0, 0, 1), PAUSES) == 200  # next sentence
    assert pause_before(a, seg(1, 0, 1, 1, "quote"), PAUSES) == 600  # next paragraph
    assert pause_before(a, seg(1, 1, 1, 1), PAUSES) == 1000  # next chapter


def test_timeline_places_segments_and_chapters(tmp_path: Path) -> None:
    segments = [seg(0, 0, 0, 0), seg(1, 0, 0, 0, "quote"), seg(2, 0, 0, 1), seg(3, 1, 1, 2)]
    clips = [clip(tmp_path / f"{i}.wav", ms) for i, ms in enumerate((1000, 500, 400, 2000))]
    chapters = [Chapter(0, "One", 0, 2), Chapter(1, "Two", 3, 3)]
    out = tmp_path / "programme.wav"
    timeline = assemble(segments, clips, chapters, PAUSES, out)
    # head 50, clip 1000, voice change 100, clip 500, sentence 200, clip 400, chapter 1000 ...
    starts = [50, 1050 + 100, 1650 + 200, 2250 + 1000]
    assert [(t.start_ms, t.end_ms) for t in timeline.segments] == [
        (starts[0], 1050),
        (starts[1], 1650),
        (starts[2], 2250),
        (starts[3], 5250),
    ]
    assert timeline.duration_ms == 5250 + 300
    assert [(c.start_ms, c.end_ms) for c in timeline.chapters] == [(0, 3250), (3250, 5550)]
    with wave.open(str(out)) as wav:
        assert round(wav.getnframes() * 1000 / SAMPLE_RATE) == timeline.duration_ms
        wav.setpos(starts[1] * SAMPLE_RATE // 1000 - 10)
        assert wav.readframes(1) == b"\0\0"  # silence just before a clip, audio inside it
        wav.setpos(starts[1] * SAMPLE_RATE // 1000 + 10)
        assert wav.readframes(1) == b"\x10\x00"
