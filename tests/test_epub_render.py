"""End to end: a small built EPUB rendered with the real engine passes `earmark check`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from epub_builder import epub3_book

pytestmark = pytest.mark.e2e


def test_a_built_epub_renders_and_passes_check(tmp_path: Path) -> None:
    source = epub3_book(tmp_path / "ferry.epub")
    out = tmp_path / "out"
    done = run_cli("render", str(source), "-o", str(out), "--quiet", "--jobs", "2")
    assert done.returncode == 0, done.stderr
    (folder,) = out.iterdir()
    check = run_cli("check", str(folder))
    assert check.returncode == 0, check.stdout + check.stderr
    manifest = json.loads((folder / f"{folder.name}.json").read_text(encoding="utf-8"))
    assert [c["title"] for c in manifest["chapters"]] == [
        "Part One: The River", "The Ferry", "The Far Bank", "The Return"]
    assert manifest["source"]["format"] == "epub"
