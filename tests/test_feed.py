"""`earmark feed`: the renders under OUT as a podcast feed that a feed library reads back."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
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


PODCAST = "{https://podcastindex.org/namespace/1.0}"
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


def feed_xml(out: Path):  # type: ignore[no-untyped-def]
    from xml.etree.ElementTree import fromstring

    return fromstring((out / "feed.xml").read_bytes())


def quote_times(manifest: dict, number: int) -> tuple[float, float]:
    """Start and length in seconds of quote `number` (from 1), from the manifest's segments."""
    start, end = manifest["quotes"][number - 1]["span"]
    inside = [s for s in manifest["segments"] if s["kind"] == "quote"
              and start <= s["source_span"][0] and s["source_span"][1] <= end]
    return inside[0]["start_ms"] / 1000, (inside[-1]["end_ms"] - inside[0]["start_ms"]) / 1000


def test_clips_are_soundbites_of_their_documents_item(sample_render: Path,
                                                      tmp_path: Path) -> None:
    import feedparser

    out = tmp_path / "site"
    shutil.copytree(sample_render, out / "library-vote")
    folder = out / "library-vote"
    for how in (["--quote", "2"], ["--chapter", "2"]):
        assert run_cli("clip", str(folder), *how).returncode == 0
    done = run_cli("feed", str(out), "--base-url", "https://example.org/audio")
    assert done.returncode == 0, done.stderr
    parsed = feedparser.parse((out / "feed.xml").read_text(encoding="utf-8"))
    assert not parsed.bozo, parsed.bozo_exception
    manifest = json.loads((folder / "library-vote.json").read_text(encoding="utf-8"))
    [item] = feed_xml(out).iter("item")
    bites = [(float(b.get("startTime")), float(b.get("duration")), b.text)
             for b in item.iter(f"{PODCAST}soundbite")]
    chapter = manifest["chapters"][1]
    start, length = quote_times(manifest, 2)
    speaker = manifest["quotes"][1]["speaker"]
    assert bites == [
        (chapter["start_ms"] / 1000, (chapter["end_ms"] - chapter["start_ms"]) / 1000,
         f"Chapter 2: {chapter['title']}"),
        (start, pytest.approx(length, abs=0.001),
         f"The words of {speaker}, read by a synthetic voice"),
    ]
    # the clip's own audio is as long as its soundbite says
    clip = folder / "clips" / "quote-2-marcus-webb.mp3"
    assert MP3(str(clip)).info.length == pytest.approx(length, abs=0.08)


def MP3(path: str):  # type: ignore[no-untyped-def]
    from mutagen.mp3 import MP3 as Reader

    return Reader(path)


@pytest.fixture(scope="module")
def authored(tmp_path_factory) -> Path:
    """A document with an author in its front matter and a cover, rendered."""
    out = tmp_path_factory.mktemp("authored")
    source = out / "notice.md"
    source.write_text("---\ntitle: Ferry timetable\nauthor: Dana Reyes\ndate: 2026-11-02\n---\n\n"
                      "The winter timetable starts on Monday.\n\n"
                      "“Boats leave every twenty minutes,” said Sam Okafor.\n", encoding="utf-8")
    cover = out / "cover.png"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=teal:s=48x48",
                    "-frames:v", "1", str(cover)], check=True)
    site = out / "site"
    done = run_cli("render", str(source), "-o", str(site), "--cover", str(cover), "--quiet")
    assert done.returncode == 0, done.stderr
    return site


def test_the_feeds_author_and_image_come_from_the_documents(authored: Path) -> None:
    import feedparser

    done = run_cli("feed", str(authored), "--base-url", "https://example.org/ferry/")
    assert done.returncode == 0, done.stderr
    parsed = feedparser.parse((authored / "feed.xml").read_text(encoding="utf-8"))
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.author == "Dana Reyes"
    assert parsed.feed.image.href == "https://example.org/ferry/feed-image.png"
    assert parsed.entries[0].author == "Dana Reyes"
    # the document's own date (front matter), not the time of the render
    assert tuple(parsed.entries[0].published_parsed[:3]) == (2026, 11, 2)
    manifest = json.loads((authored / "notice" / "notice.json").read_text(encoding="utf-8"))
    assert manifest["document"] == {"author": "Dana Reyes", "date": "2026-11-02"}
    cover = authored.parent / "cover.png"
    assert (authored / "feed-image.png").read_bytes() == cover.read_bytes()
    root = feed_xml(authored)
    guid = root.findtext("channel/" + PODCAST + "guid")
    assert guid and len(guid) == 36  # a UUID, from the feed's URL


def test_options_override_the_documents_author_and_image(authored: Path) -> None:
    import feedparser

    done = run_cli("feed", str(authored), "--base-url", "https://example.org/ferry",
                   "--author", "Harbour Desk", "--image", "https://cdn.example.org/show.jpg")
    assert done.returncode == 0, done.stderr
    parsed = feedparser.parse((authored / "feed.xml").read_text(encoding="utf-8"))
    assert parsed.feed.author == "Harbour Desk"
    assert parsed.feed.image.href == "https://cdn.example.org/show.jpg"
    assert not (authored / "feed-image.png").exists()  # no stale copy of the cover
    bad = run_cli("feed", str(authored), "--base-url", "https://example.org/ferry",
                  "--image", str(authored / "notice" / "notice.json"))
    assert bad.returncode == 2 and "is not a JPEG or PNG image" in bad.stderr


def test_rerunning_keeps_dates_and_guids_and_updates_the_items(sample_render: Path,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "site"
    shutil.copytree(sample_render, out / "library-vote")
    base = ["--base-url", "https://example.org/audio"]
    assert run_cli("feed", str(out), *base).returncode == 0
    first = (out / "feed.xml").read_bytes()
    assert run_cli("feed", str(out), *base).returncode == 0
    assert (out / "feed.xml").read_bytes() == first  # nothing changed: the same feed

    def item() -> tuple[str, str, int]:
        [found] = feed_xml(out).iter("item")
        return (found.findtext("guid") or "", found.findtext("pubDate") or "",
                len(list(found.iter(f"{PODCAST}soundbite"))))

    guid, date, bites = item()
    assert bites == 0
    # the document is rendered again later (a new manifest) and a clip is cut from it
    manifest = out / "library-vote" / "library-vote.json"
    later = manifest.stat().st_mtime + 3600
    os.utime(manifest, (later, later))
    assert run_cli("clip", str(out / "library-vote"), "--quote", "1").returncode == 0
    assert run_cli("feed", str(out), *base).returncode == 0
    assert item() == (guid, date, 1)  # the same episode, updated: not a new one
    assert feed_xml(out).findtext("channel/lastBuildDate") != (
        build_date(first))
    # a second document appears as its own item; the first keeps its GUID and date
    shutil.copytree(sample_render, out / "library-vote-2")
    (out / "library-vote-2" / "library-vote.json").rename(
        out / "library-vote-2" / "library-vote-2.json")
    assert run_cli("feed", str(out), *base).returncode == 0
    guids = {i.findtext("guid"): i.findtext("pubDate") for i in feed_xml(out).iter("item")}
    assert guids[guid] == date and "https://example.org/audio/library-vote-2/" in guids


def build_date(xml: bytes) -> str | None:
    from xml.etree.ElementTree import fromstring

    return fromstring(xml).findtext("channel/lastBuildDate")
