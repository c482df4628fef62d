"""`--format epub` from an EPUB 3 input: the input's own package (documents, styles, images,
cover, navigation) with spans around the spoken segments, overlays and the MP3 added."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from conftest import run_cli
from earmark.export.smil import read_publication
from earmark.export.xhtml_source import parse
from epub_builder import epubcheck, styled_book

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict]:
    folder = tmp_path_factory.mktemp("from-epub")
    source = styled_book(folder / "harbour.epub")
    done = run_cli("render", str(source), "-o", str(folder / "out"), "--quiet", "--format",
                   "epub")
    assert done.returncode == 0, done.stderr
    out = folder / "out" / "harbour"
    manifest = json.loads((out / "harbour.json").read_text(encoding="utf-8"))
    return source, out / "harbour.epub", manifest


def _files(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as book:
        return {name: book.read(name) for name in book.namelist()}


def test_epubcheck_reports_no_error_and_no_warning(rendered: tuple[Path, Path, dict]) -> None:
    source, epub, _ = rendered
    assert epubcheck(source)[1] == []  # the fixture is clean as it is
    valid, messages = epubcheck(epub)
    assert messages == []
    assert valid


def _without_insertions(xhtml: str) -> str:
    """The document without any span tag, earmark's ids and stylesheet link, and with the
    inline elements a span split joined again."""
    text = re.sub(r"</?span\b[^>]*>", "", xhtml)
    text = re.sub(r' id="earmark-[^"]*"', "", text)
    text = re.sub(r'<link rel="stylesheet" type="text/css" href="\.\./earmark/[^"]*"/>\n', "",
                  text)
    previous = None
    while previous != text:
        previous, text = text, re.sub(r"</(\w+)>(\s*)<\1>", r"\2", text)
    return text


def test_the_inputs_own_files_are_kept(rendered: tuple[Path, Path, dict]) -> None:
    source, epub, _ = rendered
    before, after = _files(source), _files(epub)
    for name in ("OEBPS/css/book.css", "OEBPS/images/cover.png", "OEBPS/images/loft.png",
                 "OEBPS/text/cover.xhtml", "META-INF/container.xml"):
        assert after[name] == before[name], name
    chapters = sorted(n for n in before if n.startswith("OEBPS/text/chapter"))
    assert len(chapters) == 4
    for name in chapters:
        changed = after[name].decode()
        assert changed != before[name].decode()  # spans were added
        # the publisher's markup is all there, only earmark's spans and ids are added
        assert _without_insertions(changed) == _without_insertions(before[name].decode())
        assert 'href="../css/book.css"' in changed
        assert 'href="../earmark/readalong.css"' in changed
    opf = after["OEBPS/content.opf"].decode()
    assert 'properties="cover-image"' in opf and 'href="css/book.css"' in opf
    assert re.search(r'<item id="c1" href="text/chapter1.xhtml"[^>]*media-overlay="', opf)


def test_each_segment_has_its_own_span_and_the_overlays_are_the_manifest(
        rendered: tuple[Path, Path, dict]) -> None:
    _, epub, manifest = rendered
    book = read_publication(epub)
    segments = manifest["segments"]
    assert [c.id for c in book.clips] == [f"p-s{s['index']}" for s in segments]
    for clip, segment in zip(book.clips, segments, strict=True):
        assert abs(clip.begin_ms - segment["start_ms"]) <= 1
        assert abs(clip.end_ms - segment["end_ms"]) <= 1
        assert clip.fragment in book.ids[clip.document]
    files = _files(epub)
    own = 0
    for clip, segment in zip(book.clips, segments, strict=True):
        if clip.fragment != f"s{segment['index']}":
            continue
        own += 1
        source = parse(files[clip.document].decode())
        element = next(n for n, e in enumerate(source.elements) if e.ident == clip.fragment)
        unread = source.unread()  # the note marker
        inside = "".join(c for c, _start, _end, e in source.chars
                         if element in source.ancestors(e)
                         and not unread & set(source.ancestors(e)))
        # the span holds the segment's words as written (without "Image:", "Table:")
        said = re.sub(r"^(Image|Table): ", "", segment["caption"])
        assert _letters(inside) == _letters(said), (
            inside, segment["caption"])
    # all but the two table rows (read with their header names) are in spans of their own
    assert own == len(segments) - 2
    # the table rows point at the table
    rows = [c for c in book.clips if not c.fragment.startswith("s")]
    assert len(rows) == 2 and len({c.fragment for c in rows}) == 1
    assert re.search(rf'<table id="{rows[0].fragment}"',
                     files["OEBPS/text/chapter3.xhtml"].decode())


def _letters(text: str) -> str:
    return "".join(c.lower() for c in text if c.isalnum())


def test_structures_are_marked_and_pages_listed(rendered: tuple[Path, Path, dict]) -> None:
    _, epub, _ = rendered
    files = _files(epub)
    first = files["OEBPS/earmark/overlay-0001.smil"].decode()
    second = files["OEBPS/earmark/overlay-0002.smil"].decode()
    third = files["OEBPS/earmark/overlay-0003.smil"].decode()
    assert re.search(r'<par id="p-s\d+" epub:type="footnote"><text src="[^"]*#s\d+"/>', first)
    assert 'epub:type="list"' in second and 'epub:type="figure"' in second
    assert 'epub:type="table"' in third
    nav = files["OEBPS/nav.xhtml"].decode()
    pages = re.findall(r'<a href="text/(chapter\d)\.xhtml#([\w-]+)">(\d)</a>', nav)
    assert pages == [("chapter1", "page1", "1"), ("chapter2", "earmark-page-2", "2")]
    assert 'aria-label="2" id="earmark-page-2"' in files["OEBPS/text/chapter2.xhtml"].decode()


def test_accessibility_metadata_adds_the_narration_to_the_inputs(
        rendered: tuple[Path, Path, dict]) -> None:
    _, epub, manifest = rendered
    opf = _files(epub)["OEBPS/content.opf"].decode()
    for mode in ("visual", "textual", "auditory"):
        assert opf.count(f'<meta property="schema:accessMode">{mode}</meta>') == 1
    for feature in ("synchronizedAudioText", "tableOfContents", "readingOrder",
                    "pageBreakMarkers", "pageNavigation"):
        assert f'<meta property="schema:accessibilityFeature">{feature}</meta>' in opf
    assert '<meta property="schema:accessModeSufficient">auditory</meta>' in opf
    assert '<meta property="schema:accessibilityHazard">' in opf
    (summary,) = re.findall(r'property="schema:accessibilitySummary">([^<]*)<', opf)
    assert "synthetic voice" in summary
    assert summary.endswith("Images have text alternatives &amp; captions.")
    assert opf.count('property="dcterms:modified"') == 1
    assert "2026-01-01T00:00:00Z" not in opf
    assert 'property="role" scheme="marc:relators">nrt</meta>' in opf
    book = read_publication(epub)
    assert book.duration_ms == manifest["audio"]["duration_ms"]
    assert sum(ms for _, ms in book.overlays) == book.duration_ms


def test_check_accepts_the_render(rendered: tuple[Path, Path, dict]) -> None:
    _, epub, _ = rendered
    done = run_cli("check", str(epub.parent))
    assert done.returncode == 0, done.stdout + done.stderr
