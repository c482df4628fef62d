"""earmark batch on Dask: a local cluster, and a scheduler and worker started separately."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SAMPLE, run_cli

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    docs = tmp_path_factory.mktemp("docs")
    for n in range(20):
        (docs / f"note-{n:02d}.md").write_text(
            f"# Note {n}\n\nThis is note number {n}. \"It is short,\" said Ana Lima.\n",
            encoding="utf-8")
    (docs / "long.md").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (docs / "nested").mkdir()
    (docs / "nested" / "note-00.md").write_text("# Same name\n\nAnother folder.\n",
                                                 encoding="utf-8")
    (docs / "broken.txt").write_bytes(b"PK\x03\x04\x00\x00 binary\n")  # refused: NUL bytes
    return docs


def test_local_cluster_renders_reports_and_skips_on_rerun(folder: Path, tmp_path: Path) -> None:
    out, report = tmp_path / "out", tmp_path / "report.json"
    # --split-kb 0: the sample (over 1 KB) is spoken by both workers in shards, then rendered
    first = run_cli("batch", str(folder), "-o", str(out), "--report", str(report), "--split-kb",
                    "0")
    assert first.returncode == 1  # one document is broken
    assert "failed: " in first.stdout and "broken.txt: looks like binary data" in first.stdout
    summary = json.loads(report.read_text())
    assert (summary["documents"], summary["rendered"], summary["failed"]) == (23, 22, 1)
    long = next(r for r in summary["results"] if r["slug"] == "long")
    assert long["status"] == "rendered" and long["synthesised"] == 0  # the shards spoke it
    folders = sorted(p.name for p in out.iterdir())
    assert "note-00" in folders and "note-00-2" in folders and "long" in folders
    for rendered in out.iterdir():
        assert run_cli("check", str(rendered)).returncode == 0, rendered
    again = run_cli("batch", str(folder), "-o", str(out), "--report", str(report))
    assert again.returncode == 1
    summary = json.loads(report.read_text())
    assert (summary["rendered"], summary["skipped"], summary["failed"]) == (0, 22, 1)


def test_a_separate_scheduler_and_worker_give_the_same_outputs(folder: Path,
                                                               tmp_path: Path) -> None:
    dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    worker = [sys.executable, "-m", "distributed.cli.dask_worker"]
    info = tmp_path / "scheduler.json"
    env = {**os.environ}
    scheduler = subprocess.Popen([*dask, "--host", "127.0.0.1", "--port", "0",
                                  "--scheduler-file", str(info), "--no-dashboard"],
                                 env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers = None
    try:
        deadline = time.monotonic() + 60
        while not info.exists():
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.2)
        workers = subprocess.Popen([*worker, "--scheduler-file", str(info), "--nthreads", "1",
                                    "--nworkers", "2", "--no-dashboard"],
                                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        address = json.loads(info.read_text())["address"]
        assert address.startswith("tcp://127.0.0.1:")
        local, remote = tmp_path / "local", tmp_path / "remote"
        assert run_cli("batch", str(folder), "-o", str(local)).returncode == 1
        done = run_cli("batch", str(folder), "-o", str(remote), "--scheduler", address)
        assert done.returncode == 1, done.stderr
        assert sorted(p.name for p in remote.iterdir()) == sorted(p.name for p in local.iterdir())
        for rendered in local.iterdir():
            twin = remote / rendered.name
            ours = json.loads((rendered / f"{rendered.name}.json").read_text())
            theirs = json.loads((twin / f"{rendered.name}.json").read_text())
            for data in (ours, theirs):
                data["source"].pop("path")
            assert ours == theirs  # same cache: same segments, same times
            assert (rendered / f"{rendered.name}.mp3").read_bytes() == \
                (twin / f"{rendered.name}.mp3").read_bytes()
    finally:
        for process in (workers, scheduler):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)


def test_the_fingerprint_follows_the_lexicons_of_the_voices_file(tmp_path: Path) -> None:
    """A document is rendered again after a lexicon its voices file lists has changed."""
    from earmark.batch import fingerprint

    doc = tmp_path / "doc.md"
    doc.write_text("# Title\n\nThe Tuesday vote.\n", encoding="utf-8")
    voices = tmp_path / "cast.toml"
    voices.write_text("lexicons = ['names.toml']\n[voices.narrator]\n[voices.quote]\n",
                      encoding="utf-8")
    lexicon = tmp_path / "names.toml"
    lexicon.write_text("[alias]\nTuesday = 'Chewsday'\n", encoding="utf-8")
    before = fingerprint(doc, "article", str(voices))
    assert fingerprint(doc, "article", str(voices)) == before
    lexicon.write_text("[alias]\nTuesday = 'Tyoosday'\n", encoding="utf-8")
    assert fingerprint(doc, "article", str(voices)) != before
