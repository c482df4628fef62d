"""`earmark clip` on real renders: what a clip keeps of the render, and quotes without words."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE, run_cli

pytestmark = pytest.mark.e2e


def stream(path: Path) -> tuple[str, str]:
    found = json.loads(subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "stream=sample_rate,bit_rate", "-of", "json",
         str(path)], capture_output=True, check=True, text=True).stdout)["streams"][0]
    return found["sample_rate"], found["bit_rate"]


def test_clips_of_an_acx_render_keep_its_sample_rate_and_bitrate(tmp_path: Path) -> None:
    recipe = tmp_path / "acx.toml"
    text = (ROOT / "pipeline" / "article.toml").read_text(encoding="utf-8")
    recipe.write_text(text.replace('profile = "web"', 'profile = "acx"'), encoding="utf-8")
    done = run_cli("render", str(SAMPLE), "-o", str(tmp_path), "--pipeline", str(recipe),
                   "--quiet")
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "library-vote"
    assert stream(folder / "library-vote.mp3") == ("44100", "192000")
    for how in (["--quote", "2"], ["--chapter", "2"], ["--from", "1", "--to", "4.5"]):
        clip = run_cli("clip", str(folder), *how)
        assert clip.returncode == 0, clip.stderr
        audio = Path(clip.stdout.splitlines()[0])
        assert stream(audio) == ("44100", "192000"), how


def test_clips_of_a_default_render_keep_its_settings(tmp_path: Path) -> None:
    done = run_cli("render", str(SAMPLE), "-o", str(tmp_path), "--quiet")
    assert done.returncode == 0, done.stderr
    clip = run_cli("clip", str(tmp_path / "library-vote"), "--quote", "1")
    assert clip.returncode == 0, clip.stderr
    assert stream(Path(clip.stdout.splitlines()[0])) == ("22050", "64000")


@pytest.fixture(scope="module")
def wordless(tmp_path_factory) -> Path:
    """A document whose first quotation ("?") has no words of its own: the narrator reads it."""
    out = tmp_path_factory.mktemp("out")
    source = out / "asked.md"
    source.write_text("# Asked\n\nThe clerk looked up. “?” he asked.\n\n"
                      "“We open at nine,” said Dana Reyes.\n", encoding="utf-8")
    done = run_cli("render", str(source), "-o", str(out), "--quiet")
    assert done.returncode == 0, done.stderr
    folder = out / "asked"
    assert len(json.loads((folder / "asked.json").read_text(encoding="utf-8"))["quotes"]) == 2
    return folder


def test_a_quote_without_words_is_a_clear_usage_error(wordless: Path) -> None:
    done = run_cli("clip", str(wordless), "--quote", "1")
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "internal error" not in done.stderr
    assert "quote 1 has no words of its own to speak" in done.stderr
    assert not (wordless / "clips").exists() or not any((wordless / "clips").iterdir())


def test_all_quotes_clips_the_quotes_that_have_words(wordless: Path) -> None:
    done = run_cli("clip", str(wordless), "--all-quotes")
    assert done.returncode == 0, done.stderr
    assert [Path(line).name for line in done.stdout.splitlines()] == [
        "quote-2-dana-reyes.mp3", "quote-2-dana-reyes.captions.vtt", "quote-2-dana-reyes.html"]
