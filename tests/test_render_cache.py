"""Rendering with the cache: edits re-synthesise only what changed; workers agree."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE, run_cli
from earmark.rendering import render

pytestmark = pytest.mark.e2e


def test_rerender_after_an_edit_synthesises_only_the_changed_segments(tmp_path: Path, recipe,
                                                                     casting) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    source = tmp_path / "article.md"
    source.write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    first = render(source, tmp_path / "out", recipe, casting, ("mp3",), 2, cache_root=cache)
    assert first.synthesised == first.segments  # every sentence of the sample is different
    again = render(source, tmp_path / "out", recipe, casting, ("mp3",), 2, cache_root=cache)
    assert again.synthesised == 0
    source.write_text(text.replace("Most were in favour.", "Most of them were in favour."),
                      encoding="utf-8")
    edited = render(source, tmp_path / "out", recipe, casting, ("mp3",), 2, cache_root=cache)
    assert edited.synthesised == 1


def test_no_cache_leaves_the_cache_untouched(tmp_path: Path, recipe, casting) -> None:
    cache = tmp_path / "cache"
    render(SAMPLE, tmp_path / "out", recipe, casting, ("mp3",), 2, cache_root=cache,
           use_cache=False)
    assert not cache.exists()
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["library-vote"]


def test_one_worker_and_many_give_the_same_audio(tmp_path: Path) -> None:
    """espeak-ng's output depends on what its process said before; each chunk is spoken from a
    freshly loaded engine, so one process and a pool of workers give the same file."""
    source = long_document(tmp_path)
    results = []
    for jobs in ("1", "2"):  # in this process / in a pool of two workers (>= 48 segments)
        out = tmp_path / f"out-{jobs}"
        env = {"EARMARK_CACHE_DIR": str(tmp_path / f"cache-{jobs}")}
        done = run_cli_env(env, "render", str(source), "-o", str(out), "--jobs", jobs, "--quiet")
        assert done.returncode == 0, done.stderr
        manifest = json.loads((out / "long" / "long.json").read_text())
        assert len(manifest["segments"]) >= 48 and len(manifest["chapters"]) >= 2
        results.append((manifest, (out / "long" / "long.mp3").read_bytes()))
    (one, one_mp3), (many, many_mp3) = results
    assert [(s["start_ms"], s["end_ms"]) for s in one["segments"]] == [
        (s["start_ms"], s["end_ms"]) for s in many["segments"]]
    assert one["chapters"] == many["chapters"]
    assert one_mp3 == many_mp3
    # warm: another worker count reads the same cache and gives the same file again
    env = {"EARMARK_CACHE_DIR": str(tmp_path / "cache-1")}
    run_cli_env(env, "render", str(source), "-o", str(tmp_path / "warm"), "--jobs", "3", "--quiet")
    assert (tmp_path / "warm" / "long" / "long.mp3").read_bytes() == one_mp3


def long_document(folder: Path) -> Path:
    """96 sentences in 4 parts: long enough for a pool of workers and a few seconds' work."""
    source = folder / "long.md"
    words = ["harbour", "council", "library", "river", "station", "market", "garden", "bridge"]
    paragraphs = [f"# Part {n}" if n % 6 == 0 else " ".join(
        f"The {words[(n + i) % 8]} near the {words[(n * 3 + i) % 8]} was closed on day {n + i}."
        for i in range(4)) for n in range(24)]
    source.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return source


def run_cli_env(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([sys.executable, "-m", "earmark", *args], capture_output=True,
                          text=True, env={**os.environ, **env}, timeout=300, check=False)


HEAVY = ("pydub", "pyttsx3", "mutagen", "rich.progress", "earmark.speak.engine",
         "earmark.speak.workers", "bs4")


def test_help_and_plan_do_not_import_audio_or_engine_modules() -> None:
    for name in HEAVY:  # a renamed module would make the check below pass for nothing
        assert importlib.util.find_spec(name) is not None, name
    code = (
        "import sys; from earmark.cli import app\n"
        "for args in (['--help'], ['plan', sys.argv[1], '--json']):\n"
        "    try:\n"
        "        app(args, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(SAMPLE)], capture_output=True,
                          text=True, check=True)
    assert "HEAVY []" in done.stderr


def test_progress_is_silent_when_not_a_terminal(tmp_path: Path) -> None:
    done = run_cli("render", str(SAMPLE), "-o", str(tmp_path))
    assert done.returncode == 0 and done.stderr == ""


def test_progress_on_a_terminal_shows_synthesis_and_encoding(tmp_path: Path) -> None:
    """On a terminal (a pseudo-terminal here): both bars, with segments and minutes. (rich
    redraws ten times a second, so a document that takes a few seconds is used.)"""
    import os
    import pty
    import re

    env = {**os.environ, "EARMARK_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "120"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: earmark with the pseudo-terminal as its stderr
        os.execvpe(sys.executable, [sys.executable, "-m", "earmark", "render",
                                    str(long_document(tmp_path)), "-o", str(tmp_path / "out"),
                                    "--format", "mp3", "--format", "wav"], env)
    shown = b""
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        shown += data
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, shown[-2000:]
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.decode("utf-8", "replace"))
    assert re.search(r"Synthesising .* \d+/\d+ segments, \d+\.\d min", text)
    assert re.search(r"Encoding .* \d+\.\d min of audio", text)
    assert re.search(r"Encoding (mp3|wav) .* \d+\.\d min of audio", text, re.IGNORECASE)
    assert "long.mp3" in text and "long.wav" in text  # the summary lines at the end


def test_a_document_in_another_language_is_read_by_that_languages_voices(tmp_path: Path) -> None:
    source = tmp_path / "bonjour.txt"
    source.write_text("Bonjour à tous. Le conseil a voté mardi soir.\n", encoding="utf-8")
    done = run_cli("render", str(source), "-o", str(tmp_path), "--language", "fr", "--quiet")
    assert done.returncode == 0, done.stderr
    manifest = json.loads((tmp_path / "bonjour" / "bonjour.json").read_text(encoding="utf-8"))
    assert manifest["language"] == "fr"
    assert {s["engine_voice"] for s in manifest["segments"]} == {"roa/fr"}
    missing = run_cli("render", str(source), "-o", str(tmp_path), "--language", "tlh", "--quiet")
    assert missing.returncode == 0
    manifest = json.loads((tmp_path / "bonjour" / "bonjour.json").read_text(encoding="utf-8"))
    assert manifest["warnings"] == [
        "espeak-ng has no voice for language 'tlh': read with the casting's voices"]


def test_a_passage_marked_in_another_language_gets_that_languages_voice(tmp_path: Path) -> None:
    page = tmp_path / "mixed.html"
    page.write_text('<html lang="en"><body><main><h1>Two languages</h1>'
                    "<p>The mayor spoke first.</p><p lang=\"fr-FR\">Bonjour à tous, et merci."
                    "</p><p>Then she went on.</p></main></body></html>", encoding="utf-8")
    done = run_cli("render", str(page), "-o", str(tmp_path), "--quiet")
    assert done.returncode == 0, done.stderr
    manifest = json.loads((tmp_path / "mixed" / "mixed.json").read_text(encoding="utf-8"))
    voices = [(s["text"], s.get("language"), s["engine_voice"]) for s in manifest["segments"]]
    assert voices == [("Two languages", None, "gmw/en-us"),
                      ("The mayor spoke first.", None, "gmw/en-us"),
                      ("Bonjour à tous, et merci.", "fr-FR", "roa/fr"),
                      ("Then she went on.", None, "gmw/en-us")]
