"""Clips + pauses -> one WAV programme and its timeline, in linear time and flat memory.

Each clip is read with pydub and its raw samples are appended to a streaming WAV writer;
nothing holds the whole programme in memory. Times are counted in frames and rounded to
milliseconds once, so they never drift.
"""

from __future__ import annotations

import wave
from collections.abc import Sequence
from pathlib import Path

from pydub import AudioSegment

from earmark.engine import SAMPLE_RATE, Spoken
from earmark.model import Chapter, Segment, Timeline, Timing
from earmark.recipe import PauseSettings


def pause_before(previous: Segment, current: Segment, pauses: PauseSettings) -> int:
    """Milliseconds of silence between two consecutive segments: the longest that applies."""
    candidates = [0]
    if current.chapter != previous.chapter:
        candidates.append(pauses.chapter_ms)
    if current.paragraph != previous.paragraph:
        candidates.append(pauses.paragraph_ms)
    elif current.sentence != previous.sentence:
        candidates.append(pauses.sentence_ms)
    if current.voice != previous.voice:
        candidates.append(pauses.voice_change_ms)
    return max(candidates)


def _ms(frames: int) -> int:
    return round(frames * 1000 / SAMPLE_RATE)


def _silence(ms: int) -> bytes:
    return b"\0\0" * (ms * SAMPLE_RATE // 1000)


def assemble(
    segments: Sequence[Segment],
    clips: Sequence[Spoken],
    chapters: Sequence[Chapter],
    pauses: PauseSettings,
    out: Path,
) -> Timeline:
    timings: list[Timing] = []
    position = 0
    with wave.open(str(out), "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(SAMPLE_RATE)

        def write(data: bytes) -> None:
            nonlocal position
            writer.writeframesraw(data)
            position += len(data) // 2

        write(_silence(pauses.head_ms))
        for i, (segment, clip) in enumerate(zip(segments, clips, strict=True)):
            if i:
                write(_silence(pause_before(segments[i - 1], segment, pauses)))
            audio = AudioSegment.from_wav(clip.path)
            start = position
            write(audio.raw_data)
            timings.append(Timing(_ms(start), _ms(position)))
        write(_silence(pauses.tail_ms))
    duration = _ms(position)
    chapter_times = []
    for n, chapter in enumerate(chapters):
        start = 0 if n == 0 else timings[chapter.first_segment].start_ms
        end = (
            duration if n == len(chapters) - 1 else timings[chapters[n + 1].first_segment].start_ms
        )
        chapter_times.append(Timing(start, end))
    return Timeline(
        tuple(timings), tuple(chapter_times), duration, tuple(c.engine_voice for c in clips)
    )
