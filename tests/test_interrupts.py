"""Killed renders leave no partial output; rerunning finishes and reuses the cache; concurrent
renders sharing a cache and an output root agree with renders made alone."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SAMPLE, run_cli

pytestmark = pytest.mark.e2e


def earmark(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "earmark", *args], env={**os.environ, **env},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def test_sigkill_midway_leaves_nothing_partial_and_a_rerun_reuses_the_cache(tmp_path: Path
                                                                           ) -> None:
    source = long_story(tmp_path)
    out, cache = tmp_path / "out", tmp_path / "cache"
    env = {"EARMARK_CACHE_DIR": str(cache)}
    process = earmark("render", str(source), "-o", str(out), "--jobs", "2", env=env)
    deadline = time.monotonic() + 120
    while len(list(cache.rglob("*.wav"))) < 60:
        assert process.poll() is None, "the render ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert not (out / "long").exists()  # no output folder, so no partial file in it
    assert not [p for p in cache.rglob("*") if p.is_file() and p.suffix in (".wav", ".mp3")
                and p.stat().st_size == 0]
    rerun = run_cli_env(env, "render", str(source), "-o", str(out))
    assert rerun.returncode == 0, rerun.stderr
    from_cache = int(rerun.stdout.split("(")[1].split(" from cache")[0])
    assert from_cache >= 50
    assert run_cli("check", str(out / "long")).returncode == 0
    assert [p.name for p in out.iterdir()] == ["long"]  # the killed render's staging is gone


def long_story(folder: Path) -> Path:
    source = folder / "long.txt"
    sentences = [f"Sentence number {n} tells part {n % 7} of a long story about bridges."
                 for n in range(400)]
    source.write_text("\n\n".join(" ".join(sentences[i:i + 4]) for i in range(0, 400, 4)),
                      encoding="utf-8")
    return source


@pytest.mark.parametrize("jobs", ["1", "2"])  # spoken in this process / in worker processes
def test_ctrl_c_midway_stops_with_one_line_and_nothing_written(tmp_path: Path, jobs: str
                                                               ) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    process = earmark("render", str(long_story(tmp_path)), "-o", str(out), "--jobs", jobs,
                      env={"EARMARK_CACHE_DIR": str(cache)})
    deadline = time.monotonic() + 120
    while len(list(cache.rglob("*.wav"))) < 20:
        assert process.poll() is None, "the render ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert_stops_cleanly_on_ctrl_c(process, out)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers in /proc")
def test_ctrl_c_while_a_worker_starts_stops_every_worker_without_a_traceback(tmp_path: Path
                                                                            ) -> None:
    # the moment of the bug: a worker still importing when Ctrl-C reached the process group
    # died with a traceback; the pool, broken, failed on the futures the render had cancelled
    # (InvalidStateError in its manager thread) and left the other worker waiting for work,
    # and the render, at exit, waited for that worker for ever
    out, cache = tmp_path / "out", tmp_path / "cache"
    process = earmark("render", str(long_story(tmp_path)), "-o", str(out), "--jobs", "2",
                      env={"EARMARK_CACHE_DIR": str(cache)})
    deadline = time.monotonic() + 120
    while not worker_processes(process.pid):  # polled: first seen while still importing
        assert process.poll() is None, "the render ended before its workers started"
        assert time.monotonic() < deadline
        time.sleep(0.002)
    assert_stops_cleanly_on_ctrl_c(process, out)


def assert_stops_cleanly_on_ctrl_c(process: subprocess.Popen, out: Path) -> None:
    """Ctrl-C to the render's process group: it stops within 30 s, exit 130, the one line
    "earmark: interrupted" (no traceback from the engine or the workers), nothing written."""
    os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C sends
    try:
        _, errors = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("the render went on after Ctrl-C")
    assert process.returncode == 130
    assert errors == "earmark: interrupted\n"
    assert not out.exists() or not any(out.iterdir())


def worker_processes(parent: int) -> list[int]:
    """The worker processes (multiprocessing's spawned interpreters) the parent has started."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            command = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        if ppid == parent and b"multiprocessing.spawn" in command:
            found.append(int(stat.parent.name))
    return found


def run_cli_env(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "earmark", *args], capture_output=True,
                          text=True, env={**os.environ, **env}, timeout=300, check=False)


def test_concurrent_renders_share_cache_and_output_root(tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    other.write_text("# Other\n\nA second document, rendered at the same time.\n\n"
                     "\"It works,\" said Ana Lima.\n", encoding="utf-8")
    alone = {}
    for source in (SAMPLE, other):
        done = run_cli_env({"EARMARK_CACHE_DIR": str(tmp_path / f"alone-{source.stem}")},
                           "render", str(source), "-o", str(tmp_path / "alone"), "--quiet")
        assert done.returncode == 0, done.stderr
        manifest = tmp_path / "alone" / source.stem / f"{source.stem}.json"
        alone[source.stem] = json.loads(manifest.read_text())["segments"]
    for attempt in range(10):
        out = tmp_path / f"together-{attempt}"
        env = {"EARMARK_CACHE_DIR": str(tmp_path / "shared-cache")}
        runs = [earmark("render", str(s), "-o", str(out), "--quiet", env=env)
                for s in (SAMPLE, other)]
        for run in runs:
            _, errors = run.communicate(timeout=300)
            assert run.returncode == 0, errors
        for stem, segments in alone.items():
            together = json.loads((out / stem / f"{stem}.json").read_text())["segments"]
            assert [s["text"] for s in together] == [s["text"] for s in segments]
            for a, b in zip(together, segments, strict=True):
                assert abs((a["end_ms"] - a["start_ms"]) - (b["end_ms"] - b["start_ms"])) <= 15
            assert run_cli("check", str(out / stem)).returncode == 0
