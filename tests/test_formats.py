"""Every format: chapters ffprobe can read, within 50 ms of the manifest; the set checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA, run_cli
from earmark.tools import probe

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("fmt", ["opus", "m4b", "mp3", "wav"])
def test_chapters_in_every_format(fmt: str, tmp_path: Path) -> None:
    source = DATA / "plans" / "headings.txt"
    done = run_cli("render", str(source), "-o", str(tmp_path), "--format", fmt, "--quiet")
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "headings"
    manifest = json.loads((folder / "headings.json").read_text(encoding="utf-8"))
    found = sorted(probe(str(folder / f"headings.{fmt}"), "-show_chapters")["chapters"],
                   key=lambda c: float(c["start_time"]))
    assert [c["tags"]["title"] for c in found] == [c["title"] for c in manifest["chapters"]]
    for chapter, entry in zip(found, manifest["chapters"], strict=True):
        assert abs(float(chapter["start_time"]) * 1000 - entry["start_ms"]) <= 50
        assert abs(float(chapter["end_time"]) * 1000 - entry["end_ms"]) <= 50
    assert run_cli("check", str(folder)).returncode == 0
