"""Audiobook tags as players read them back (ffprobe and mutagen), and chapter lists longer
than a format's table holds."""

from __future__ import annotations

import itertools
import subprocess
from pathlib import Path

import pytest

from conftest import SAMPLE, run_cli
from earmark.config.recipe import ExportSettings
from earmark.export.id3 import add_chapter_frames
from earmark.export.m4b import ffmetadata
from earmark.export.tags import NARRATOR, fit_chapters, tags_for
from earmark.model import Block, Chapter, Document, Metadata, Plan, Timeline, Timing


def book_plan(chapters: int, metadata: Metadata | None = None) -> tuple[Plan, Timeline]:
    document = Document("book.txt", "txt", "text", "A Long Book", "de-AT",
                        (Block("paragraph", (0, 4)),), metadata=metadata or Metadata())
    plan = Plan(document, tuple(Chapter(i, f"Part {i + 1}", i, i) for i in range(chapters)),
                (), (), (), ())
    timings = tuple(Timing(i * 1000, (i + 1) * 1000) for i in range(chapters))
    return plan, Timeline((), timings, chapters * 1000, ())


def test_tags_come_from_the_documents_metadata_and_the_recipe() -> None:
    plan, _ = book_plan(1, Metadata(author="Ada Lin", publisher="Harbour Press",
                                    date="1899-04-01", genre=None))
    tags = tags_for(plan, ExportSettings(genre="Audiobook"))
    assert (tags.title, tags.author, tags.year, tags.genre, tags.publisher) == (
        "A Long Book", "Ada Lin", "1899", "Audiobook", "Harbour Press")
    assert tags.language_iso == "ger" and "Synthetic voice" in tags.narrator


def test_chapters_beyond_a_formats_limit_are_grouped_to_fit_and_cover_the_whole() -> None:
    plan, timeline = book_plan(1000)
    fitted = fit_chapters(plan.chapters, timeline.chapters, 255)
    assert len(fitted) == 255
    assert fitted[0] == ("Part 1", Timing(0, 4000))  # 1000 = 255 * 3 + 235: runs of 4, then 3
    assert fitted[-1][1].end_ms == 1_000_000
    assert all(a[1].end_ms == b[1].start_ms for a, b in itertools.pairwise(fitted))
    assert fit_chapters(plan.chapters[:10], timeline.chapters[:10], 255)[9][0] == "Part 10"
    assert ffmetadata(plan, timeline, tags_for(plan, ExportSettings())).count("[CHAPTER]") == 255


def test_mp3_with_600_chapters_nests_its_tables_of_contents(tmp_path: Path) -> None:
    """A CTOC frame lists at most 255 children: 600 chapters are three child tables under the
    top-level one, and every chapter is still there for a player (ffprobe lists all 600)."""
    from mutagen.id3 import ID3, CTOCFlags

    audio = tmp_path / "long.mp3"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "anullsrc=r=22050:cl=mono",
                    "-t", "600", "-c:a", "libmp3lame", "-b:a", "32k", str(audio)], check=True)
    plan, timeline = book_plan(600)
    tags = ID3()
    add_chapter_frames(tags, plan, timeline)
    tags.save(str(audio), v2_version=3)
    read = ID3(str(audio))
    top = read["CTOC:toc"]
    assert top.flags & CTOCFlags.TOP_LEVEL and top.child_element_ids == ["toc0", "toc1", "toc2"]
    children = [read[f"CTOC:{c}"].child_element_ids for c in top.child_element_ids]
    assert [len(c) for c in children] == [255, 255, 90]
    assert [i for c in children for i in c] == [f"ch{i}" for i in range(600)]
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "csv",
                            str(audio)], capture_output=True, text=True, check=True)
    assert probe.stdout.count("chapter,") == 600


@pytest.mark.e2e
def test_every_format_carries_title_narrator_language_genre_and_the_cover(tmp_path: Path) -> None:
    from mutagen import File
    from mutagen.id3 import ID3

    cover = tmp_path / "cover.png"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=blue:s=32x32",
                    "-frames:v", "1", str(cover)], check=True)
    done = run_cli("render", str(SAMPLE), "-o", str(tmp_path / "out"), "--format", "mp3",
                   "--format", "m4b", "--format", "opus", "--format", "wav", "--cover",
                   str(cover), "--quiet")
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "out" / "library-vote"
    title = "Riverside Council Approves New Library Wing"
    image = cover.read_bytes()
    mp3 = ID3(str(folder / "library-vote.mp3"))
    assert mp3["TIT2"].text == [title] and mp3["TALB"].text == [title]
    assert mp3["TCOM"].text == [NARRATOR] and mp3["TLAN"].text == ["eng"]
    assert mp3["TCON"].text == ["Speech"] and mp3.getall("APIC")[0].data == image
    m4b = File(str(folder / "library-vote.m4b"))
    assert m4b["©nam"] == [title] and m4b["©wrt"] == [NARRATOR] and m4b["stik"] == [2]
    assert bytes(m4b["covr"][0]) == image and len(m4b.chapters) == 3
    opus = File(str(folder / "library-vote.opus"))
    assert opus["TITLE"] == [title] and opus["PERFORMER"] == [NARRATOR]
    assert opus["LANGUAGE"] == ["en"] and "METADATA_BLOCK_PICTURE" in opus
    wav = File(str(folder / "library-vote.wav"))
    assert wav.tags["TIT2"].text == [title] and wav.tags.getall("APIC")[0].data == image
    for name in ("library-vote.m4b", "library-vote.opus"):
        probe = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "stream=codec_type",
                                "-of", "csv", str(folder / name)], capture_output=True,
                               text=True, check=True)
        assert "video" in probe.stdout  # the cover, as players show it
    assert run_cli("check", str(folder)).returncode == 0


def probed_tags(path: Path) -> dict[str, str]:
    """The format's and first stream's tags as ffprobe reports them (keys lower-cased)."""
    import json

    probe = json.loads(subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format_tags:stream_tags", "-of", "json",
         str(path)], capture_output=True, text=True, check=True).stdout)
    found = {k.lower(): v for k, v in probe["format"].get("tags", {}).items()}
    for key, value in probe["streams"][0].get("tags", {}).items():
        found.setdefault(key.lower(), value)
    return found


@pytest.mark.e2e
def test_every_format_says_earmark_made_it_and_whose_words_the_synthetic_voices_read(
        tmp_path: Path) -> None:
    done = run_cli("render", str(SAMPLE), "-o", str(tmp_path), "--format", "m4b", "--format",
                   "mp3", "--format", "opus", "--format", "wav", "--quiet")
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "library-vote"
    for name in ("library-vote.m4b", "library-vote.mp3", "library-vote.opus",
                 "library-vote.wav"):
        tags = probed_tags(folder / name)
        # ffmpeg's muxer writes its own library ("Lavf59.27.100") unless told otherwise
        assert tags["encoder"].startswith("earmark ") and "Lavf" not in tags["encoder"], name
        assert "synthetic narration" in tags["encoder"], name
        assert "synthetic voices reading the words of Elena Ruiz, Marcus Webb" in (
            tags["comment"]), name
        assert "not recordings" in tags["comment"], name
    from mutagen.mp4 import MP4

    m4b = MP4(str(folder / "library-vote.m4b"))
    assert m4b["\xa9too"][0].startswith("earmark ") and len(m4b.chapters) == 3
    assert probed_tags(folder / "library-vote.m4b")["language"] == "eng"  # not "und"


@pytest.mark.parametrize(("data", "message"), [
    (b"GIF89a....", "is not a JPEG or PNG image"),
    (None, "no such file"),
])
def test_a_bad_cover_is_one_line_before_any_work(tmp_path: Path, data: bytes | None,
                                                 message: str) -> None:
    cover = tmp_path / "cover.gif"
    if data is not None:
        cover.write_bytes(data)
    done = run_cli("render", str(SAMPLE), "-o", str(tmp_path / "out"), "--cover", str(cover))
    assert done.returncode == 2 and message in done.stderr
    assert done.stderr.count("\n") == 1 and not (tmp_path / "out").exists()
