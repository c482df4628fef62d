"""The content-addressed cache: keys, atomic entries, corrupt entries, info and clear."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import run_cli
from earmark.config.casting import VoiceSettings
from earmark.speak.cache import Cache, key_of
from earmark.speak.workers import Job, _append_voice, cached, segment_key


def test_keys_change_with_everything_the_audio_depends_on() -> None:
    base = segment_key("espeak-ng 1.51", VoiceSettings(), "Hello there.")
    assert base == segment_key("espeak-ng 1.51", VoiceSettings(), "Hello there.")
    assert base != segment_key("espeak-ng 1.52", VoiceSettings(), "Hello there.")
    assert base != segment_key("espeak-ng 1.51", VoiceSettings(rate=176), "Hello there.")
    assert base != segment_key("espeak-ng 1.51", VoiceSettings(engine_voice="en-gb-x-rp"),
                               "Hello there.")
    assert base != segment_key("espeak-ng 1.51", VoiceSettings(), "Hello there!")
    assert key_of(1, "a") != key_of("1", "a")


def test_entries_appear_whole_or_not_at_all(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    scratch = cache.scratch("chunks", "ab12", ".mp3")
    scratch.write_bytes(b"data")
    assert cache.get("chunks", "ab12", ".mp3") is None  # still a scratch file
    path = cache.put("chunks", "ab12", ".mp3", scratch)
    assert cache.get("chunks", "ab12", ".mp3") == path and path.read_bytes() == b"data"
    assert not scratch.exists()
    assert cache.info()["chunks"] == (1, 4)
    assert cache.clear() == 4 and cache.get("chunks", "ab12", ".mp3") is None
    assert Cache(tmp_path, enabled=False).get("chunks", "ab12", ".mp3") is None


def test_scratch_files_are_fresh_and_survive_a_cleared_cache(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    first, second = (cache.scratch("segments", "cd34", ".wav") for _ in range(2))
    assert first != second and first.parent == second.parent
    assert first.read_bytes() == b"" and second.read_bytes() == b""
    assert (first.stat().st_mode & 0o777) == 0o600  # private until moved into place
    cache.clear()  # the folders are gone: the next entry makes them again
    third = cache.scratch("segments", "cd34", ".wav")
    third.write_bytes(b"x")
    assert cache.put("segments", "cd34", ".wav", third).read_bytes() == b"x"
    shutil.rmtree(tmp_path / "segments")  # by another process (`earmark cache clear`)
    assert cache.scratch("segments", "cd34", ".wav").exists()


def test_a_corrupt_segment_is_not_used(tmp_path: Path) -> None:
    import wave

    cache = Cache(tmp_path)
    job = Job(0, "A sentence of some length to speak.", VoiceSettings(), "c0ffee")
    wav_path = cache.path("segments", job.key, ".wav")
    wav_path.parent.mkdir(parents=True)
    with wave.open(str(wav_path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(22050)
        wav.writeframes(b"\1\0" * 22050 * 2)
    assert cached(cache, job) is None  # no record of the voice that spoke it
    _append_voice(wav_path, "gmw/en-us")
    hit = cached(cache, job)
    assert hit is not None and hit.engine_voice == "gmw/en-us" and hit.frames == 22050 * 2
    with wave.open(str(wav_path), "rb") as wav:  # still a well-formed WAV
        assert wav.getnframes() == 22050 * 2
    with wav_path.open("r+b") as handle:  # truncated, as by a crash of another writer
        handle.truncate(os.path.getsize(wav_path) // 2)
    assert cached(cache, job) is None
    wav_path.write_bytes(b"RIFF garbage")
    assert cached(cache, job) is None


def test_cache_commands(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EARMARK_CACHE_DIR", str(tmp_path))
    Cache(tmp_path).put("segments", "ffee", ".wav", _file(tmp_path / "x", 1000))
    info = run_cli("cache", "info")
    assert info.returncode == 0 and str(tmp_path) in info.stdout
    assert "segments        1 files" in info.stdout
    cleared = run_cli("cache", "clear")
    assert cleared.returncode == 0 and "freed 0.0 MB" in cleared.stdout
    assert "segments        0 files" in run_cli("cache", "info").stdout


def _file(path: Path, size: int) -> Path:
    path.write_bytes(b"x" * size)
    return path
