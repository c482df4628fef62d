"""`earmark feed`: the renders under OUT as a podcast feed that a feed library reads back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import run_cli

pytestmark = pytest.mark.e2e


def test_the_feed_lists_every_render_with_enclosure_chapters_and_transcript(
        sample_render: Path, tmp_path: Path) -> None:
    import feedparser

    out = tmp_path / "site"
    shutil.copytree(sample_render, out / "library-vote")
    done = run_cli("feed", str(out), "--base-url", "https://example.org/audio/",
                   "--title", "Riverside news")
    assert done.returncode == 0, done.stderr
    parsed = feedparser.parse((out / "feed.xml").read_text(encoding="utf-8"))
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.title == "Riverside news" and len(parsed.entries) == 1
    entry = parsed.entries[0]
    manifest = json.loads((out / "library-vote" / "library-vote.json").read_text())
    assert entry.title == manifest["title"]
    enclosure = entry.enclosures[0]
    assert enclosure.href == "https://example.org/audio/library-vote/library-vote.mp3"
    assert int(enclosure.length) == (out / "library-vote" / "library-vote.mp3").stat().st_size
    assert enclosure.type == "audio/mpeg" and "synthetic voice" in entry.summary
    xml = (out / "feed.xml").read_text(encoding="utf-8")
    assert 'url="https://example.org/audio/library-vote/library-vote.chapters.json"' in xml
    assert 'type="application/json+chapters"' in xml and 'type="text/vtt"' in xml
    chapters = json.loads((out / "library-vote" / "library-vote.chapters.json").read_text())
    starts = [c["startTime"] for c in chapters["chapters"]]
    assert starts == sorted(starts) == [c["start_ms"] / 1000 for c in manifest["chapters"]]
    assert [c["title"] for c in chapters["chapters"]] == [c["title"] for c in manifest["chapters"]]


def test_a_folder_without_renders_is_one_line(tmp_path: Path) -> None:
    done = run_cli("feed", str(tmp_path), "--base-url", "https://example.org/")
    assert done.returncode == 2 and "no rendered documents" in done.stderr
    assert done.stderr.count("\n") == 1 and not (tmp_path / "feed.xml").exists()
