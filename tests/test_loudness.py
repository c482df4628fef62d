"""Loudness profiles measured on real renders with ffmpeg's ebur128 filter."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE, run_cli
from earmark.assemble.loudness import PROFILES, measure

pytestmark = pytest.mark.e2e


def render_with(profile: str, tmp_path: Path) -> Path:
    recipe = tmp_path / f"{profile}.toml"
    text = (ROOT / "pipeline" / "article.toml").read_text(encoding="utf-8")
    recipe.write_text(text.replace('profile = "web"', f'profile = "{profile}"'), encoding="utf-8")
    done = run_cli("render", str(SAMPLE), "-o", str(tmp_path / profile), "--pipeline",
                   str(recipe), "--quiet")
    assert done.returncode == 0, done.stderr
    return tmp_path / profile / "library-vote"


def decoded(path: Path) -> bytes:
    return subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-f", "s16le", "-"],
                          capture_output=True, check=True).stdout


@pytest.mark.parametrize("name", ["web", "podcast"])
def test_profile_targets_are_met(name: str, tmp_path: Path) -> None:
    folder = render_with(name, tmp_path)
    profile = PROFILES[name]
    integrated, peak = measure(decoded(folder / "library-vote.mp3"))
    assert abs(integrated - profile.integrated_lufs) <= 1.0
    assert peak <= profile.true_peak_db
    manifest = json.loads((folder / "library-vote.json").read_text(encoding="utf-8"))
    assert manifest["loudness"]["profile"] == name
    assert run_cli("check", str(folder)).returncode == 0  # limiting moved nothing in time


def test_every_voice_is_level_with_the_narrator(tmp_path: Path) -> None:
    folder = render_with("web", tmp_path)
    manifest = json.loads((folder / "library-vote.json").read_text(encoding="utf-8"))
    pcm = decoded(folder / "library-vote.mp3")
    speech: dict[str, list[bytes]] = {}
    for segment in manifest["segments"]:
        start, end = round(segment["start_ms"] * 22.05), round(segment["end_ms"] * 22.05)
        speech.setdefault(segment["speaker"], []).append(pcm[start * 2:end * 2])
    levels = {speaker: measure(b"".join(parts))[0] for speaker, parts in speech.items()}
    assert len(levels) >= 4
    for speaker, level in levels.items():
        assert abs(level - levels["narrator"]) <= 1.5, (speaker, levels)


def test_profile_none_keeps_the_engine_levels(tmp_path: Path) -> None:
    folder = render_with("none", tmp_path)
    manifest = json.loads((folder / "library-vote.json").read_text(encoding="utf-8"))
    assert manifest["loudness"] == {"profile": "none"}
    integrated, _ = measure(decoded(folder / "library-vote.mp3"))
    assert integrated < -20  # espeak-ng speaks at about -21 LUFS


def test_acx_profile_meets_audible_requirements(tmp_path: Path) -> None:
    folder = render_with("acx", tmp_path)
    audio = folder / "library-vote.mp3"
    stream = json.loads(subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "stream=sample_rate,bit_rate", "-of", "json",
         str(audio)], capture_output=True, check=True, text=True).stdout)["streams"][0]
    assert (stream["sample_rate"], stream["bit_rate"]) == ("44100", "192000")
    rms, peak = measure(decoded(audio), by="rms")
    assert -23 <= rms <= -18 and peak <= -3.0
    manifest = json.loads((folder / "library-vote.json").read_text(encoding="utf-8"))
    head = manifest["segments"][0]["start_ms"]
    tail = manifest["audio"]["duration_ms"] - manifest["segments"][-1]["end_ms"]
    assert 500 <= head <= 1000 and 1000 <= tail <= 5000
    assert manifest["loudness"]["target_unit"] == "dB RMS"
    assert run_cli("check", str(folder)).returncode == 0
