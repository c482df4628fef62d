"""Read-along EPUBs checked by EPUBCheck without synthesis where the audio does not matter
(a book-length text, page breaks, a cover: the package is real, the timeline made up), and
the statement rendered for real."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from earmark.export.epub import write_epub
from earmark.model import Plan, Timeline, Timing
from earmark.planning.build import plan_file
from epub_builder import PNG, epubcheck

STATEMENT = ROOT.parent / "shared" / "samples" / "statement.txt"


def _timeline(plan: Plan) -> Timeline:
    """One second per segment, the chapters where their segments are."""
    segments = tuple(Timing(i * 1000, i * 1000 + 900) for i in range(len(plan.segments)))
    total = len(plan.segments) * 1000
    chapters = tuple(Timing(0 if n == 0 else c.first_segment * 1000,
                            total if n == len(plan.chapters) - 1
                            else plan.chapters[n + 1].first_segment * 1000)
                     for n, c in enumerate(plan.chapters))
    return Timeline(segments, chapters, total, ("en-us",) * len(plan.segments))


def _silence(tmp_path: Path) -> Path:
    import subprocess

    audio = tmp_path / "silence.mp3"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i",
                    "anullsrc=r=22050:cl=mono", "-t", "1", "-b:a", "32k", str(audio)],
                   check=True)
    return audio


def _epubcheck(path: Path) -> list[str]:
    valid, messages = epubcheck(path)
    assert valid
    return messages


def test_a_book_length_text_is_valid(tmp_path: Path, recipe, casting) -> None:
    chapters = []
    for number in range(1, 41):
        paragraphs = "\n\n".join(
            f"On day {number} the ferry crossed the river for the {n}th time. Passengers "
            f"talked about the weather, the harvest and the price of bread."
            for n in range(1, 16))
        chapters.append(f"# Chapter {number}\n\n{paragraphs}")
    source = tmp_path / "long-book.md"
    source.write_text("\n\n".join(chapters), encoding="utf-8")
    plan = plan_file(source, recipe, casting)
    assert len(plan.chapters) == 40 and len(plan.segments) > 1200
    out = tmp_path / "long-book.epub"
    write_epub(out, plan, _timeline(plan), _silence(tmp_path))
    assert _epubcheck(out) == []
    with zipfile.ZipFile(out) as book:
        assert sum(n.endswith(".smil") for n in book.namelist()) == 40


PAGES_HTML = """<!DOCTYPE html><html lang="en"><head><title>The Keeper</title></head>
<body><main><h1>The Keeper</h1><p>The keeper climbed the stairs at dusk.</p>
<span epub:type="pagebreak" id="pg1" title="1"></span>
<h2>The Lamp</h2><p>She trimmed the wick.<span role="doc-pagebreak" aria-label="2"></span>
The light turned all night.</p>
<figure><img src="lamp.png" alt="A brass lamp"/><figcaption>The lamp in 1902.</figcaption>
</figure></main></body></html>"""


def test_html_page_breaks_make_a_page_list_and_a_cover_is_carried(
        tmp_path: Path, recipe, casting) -> None:
    import dataclasses

    source = tmp_path / "keeper.html"
    source.write_text(PAGES_HTML, encoding="utf-8")
    plan = plan_file(source, recipe, casting)
    assert [p.label for p in plan.document.pages] == ["1", "2"]
    meta = dataclasses.replace(plan.document.metadata, cover=PNG, cover_mime="image/png")
    plan = dataclasses.replace(plan, document=dataclasses.replace(plan.document, metadata=meta))
    out = tmp_path / "keeper.epub"
    write_epub(out, plan, _timeline(plan), _silence(tmp_path))
    assert _epubcheck(out) == []
    with zipfile.ZipFile(out) as book:
        nav = book.read("OEBPS/nav.xhtml").decode()
        opf = book.read("OEBPS/package.opf").decode()
        lamp = book.read("OEBPS/chapter-0002.xhtml").decode()
        assert book.read("OEBPS/cover.png") == PNG
    assert re.findall(r'<a href="(chapter-\d+\.xhtml#page-\d)">(\d)</a>', nav) == [
        ("chapter-0002.xhtml#page-1", "1"), ("chapter-0002.xhtml#page-2", "2")]
    assert '<item id="cover" href="cover.png" media-type="image/png" ' \
           'properties="cover-image"/>' in opf
    assert '<meta property="schema:accessibilityFeature">pageNavigation</meta>' in opf
    # the second page starts inside the paragraph, between its sentences
    assert re.search(r'wick\.</span><span epub:type="pagebreak" role="doc-pagebreak" '
                     r'id="page-2" aria-label="2"></span> <span id="s\d+">The light', lamp)
    assert '<figure epub:type="figure"><figcaption><span id="s' in lamp


@pytest.mark.e2e
@pytest.mark.skipif(not STATEMENT.is_file(), reason="the statement is not beside the checkout")
def test_the_statement_is_valid(tmp_path: Path) -> None:
    done = run_cli("render", str(STATEMENT), "-o", str(tmp_path), "--quiet", "--format", "epub")
    assert done.returncode == 0, done.stderr
    (epub,) = tmp_path.glob("*/*.epub")
    assert _epubcheck(epub) == []
