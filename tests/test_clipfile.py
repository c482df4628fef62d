"""Segment files read with one open: the same frames and voice as the wave module reads."""

from __future__ import annotations

import wave
from pathlib import Path

from earmark.model import PCM
from earmark.speak.clipfile import probe, samples
from earmark.speak.workers import VOICE_CHUNK, _append_voice, _read_voice


def segment_file(path: Path, frames: int, voice: str = "en-us+f3") -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(PCM.channels)
        out.setsampwidth(PCM.width)
        out.setframerate(PCM.rate)
        out.writeframes(bytes(range(256)) * (frames * PCM.frame_bytes // 256)
                        + b"\1" * (frames * PCM.frame_bytes % 256))
    _append_voice(path, voice)
    return path


def test_probe_reads_what_the_wave_module_reads(tmp_path: Path) -> None:
    for frames, voice in ((1, "x"), (22050, "en-us+f3"), (777, "gmw/en-gb-x-rp")):
        path = segment_file(tmp_path / f"{frames}.wav", frames, voice)
        with wave.open(str(path), "rb") as clip:
            expected = clip.readframes(clip.getnframes())
        assert probe(path, VOICE_CHUNK) == (frames, _read_voice(path, frames))
        assert samples(path, frames) == expected
        assert samples(path, frames + 100) == expected  # never the voice chunk's bytes


def test_probe_refuses_what_is_not_a_sound_segment_file(tmp_path: Path) -> None:
    path = segment_file(tmp_path / "a.wav", 1000)
    whole = path.read_bytes()
    path.write_bytes(whole[:-3])  # truncated voice chunk
    assert probe(path, VOICE_CHUNK) is None
    path.write_bytes(whole[:2000])  # truncated audio
    assert probe(path, VOICE_CHUNK) is None
    path.write_bytes(whole[:44] + whole[44:2044])  # no voice chunk
    assert probe(path, VOICE_CHUNK) is None
    path.write_bytes(b"RIFX" + whole[4:])
    assert probe(path, VOICE_CHUNK) is None
    assert probe(tmp_path / "missing.wav", VOICE_CHUNK) is None
