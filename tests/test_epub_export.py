"""`--format epub`: a read-along EPUB 3 (Media Overlays) from the same synthesis and timeline,
valid under EPUBCheck, its overlays equal to the manifest."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import jsonschema
import pytest

from conftest import DATA, SAMPLE, run_cli
from earmark.config.formats import FORMATS, audio_formats, exporters_for
from earmark.export.smil import clock, parse_clock, read_publication, seconds
from earmark.finished.check import check, decoded
from earmark.model import PCM
from earmark.planning.schema import SCHEMA_FILE
from epub_builder import epubcheck

pytestmark = pytest.mark.e2e

GUIDE = DATA / "markdown" / "readalong.md"


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample as an EPUB only; the Markdown guide (headings, lists, a block quote) as MP3
    and EPUB."""
    out = tmp_path_factory.mktemp("epub")
    done = run_cli("render", str(SAMPLE), "-o", str(out), "--format", "epub")
    assert done.returncode == 0, done.stderr
    assert [line.split()[0].rsplit("/", 1)[-1] for line in done.stdout.splitlines()] == [
        "library-vote.mp3", "library-vote.epub"]
    done = run_cli("render", str(GUIDE), "-o", str(out), "--quiet", "--format", "mp3",
                   "--format", "epub")
    assert done.returncode == 0, done.stderr
    return {"sample": out / "library-vote", "guide": out / "readalong"}


def _manifest(folder: Path) -> dict:
    return json.loads((folder / f"{folder.name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["sample", "guide"])
def test_epubcheck_reports_no_error_and_no_warning(renders: dict[str, Path], name: str) -> None:
    valid, messages = epubcheck(renders[name] / f"{renders[name].name}.epub")
    assert valid
    assert messages == []


@pytest.mark.parametrize("name", ["sample", "guide"])
def test_the_overlays_are_the_manifest(renders: dict[str, Path], name: str,
                                      tmp_path: Path) -> None:
    folder = renders[name]
    manifest = _manifest(folder)
    book = read_publication(folder / f"{folder.name}.epub")
    segments = manifest["segments"]
    # one <par> per spoken segment, in order, at the manifest's time
    assert [c.fragment for c in book.clips] == [f"s{s['index']}" for s in segments]
    for clip, segment in zip(book.clips, segments, strict=True):
        assert abs(clip.begin_ms - segment["start_ms"]) <= 1
        assert abs(clip.end_ms - segment["end_ms"]) <= 1
        assert clip.fragment in book.ids[clip.document]
        assert clip.audio == "OEBPS/audio.mp3"
    # each chapter's overlay points into its own content document
    documents = sorted({c.document for c in book.clips})
    assert len(documents) == len(manifest["chapters"]) == len(book.overlays)
    for chapter, document in zip(manifest["chapters"], documents, strict=True):
        inside = [c for c in book.clips if c.document == document]
        assert inside[0].fragment == f"s{chapter['first_segment']}"
        assert inside[-1].fragment == f"s{chapter['last_segment']}"
    # media:duration: the book's is the audio's length, the overlays' add up to it
    duration = manifest["audio"]["duration_ms"]
    assert book.duration_ms == duration
    assert sum(ms for _, ms in book.overlays) == duration
    assert [ms for _, ms in book.overlays] == [
        c["end_ms"] - c["start_ms"] for c in manifest["chapters"]]
    with zipfile.ZipFile(folder / f"{folder.name}.epub") as epub:
        inner = epub.read("OEBPS/audio.mp3")
    played = len(decoded(_written(tmp_path / "inner.mp3", inner))) / PCM.frame_bytes
    assert abs(played * 1000 / PCM.rate - duration) <= 50


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_the_book_carries_the_renders_mp3_and_the_manifest_lists_both(
        renders: dict[str, Path]) -> None:
    folder = renders["guide"]
    manifest = _manifest(folder)
    jsonschema.validate(manifest, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    assert [f["file"] for f in manifest["audio_files"]] == ["readalong.mp3"]
    assert manifest["publications"] == [
        {"file": "readalong.epub", "format": "epub", "mime": "application/epub+zip"}]
    with zipfile.ZipFile(folder / "readalong.epub") as epub:
        first = epub.infolist()[0]
        assert (first.filename, first.compress_type, first.extra) == (
            "mimetype", zipfile.ZIP_STORED, b"")
        assert epub.read("mimetype") == b"application/epub+zip"
        # one encoder: the MP3 in the book is the render's MP3, byte for byte
        assert epub.read("OEBPS/audio.mp3") == (folder / "readalong.mp3").read_bytes()


def test_content_documents_keep_the_structure(renders: dict[str, Path]) -> None:
    with zipfile.ZipFile(renders["guide"] / "readalong.epub") as epub:
        names = sorted(n for n in epub.namelist() if n.startswith("OEBPS/chapter-"))
        assert names == [f"OEBPS/chapter-000{n}.{ext}" for n in (1, 2, 3, 4)
                         for ext in ("smil", "xhtml")]
        second = epub.read("OEBPS/chapter-0002.xhtml").decode()
        nav = epub.read("OEBPS/nav.xhtml").decode()
        smil = epub.read("OEBPS/chapter-0002.smil").decode()
    assert '<h2><span id="s3">What you will find</span></h2>' in second
    assert second.count("<li>") == 3 and '<ul epub:type="list">' in second
    assert "<blockquote>" in second
    assert 'epub:type="toc"' in nav and nav.count("<li>") == 4
    assert "What you will find" in nav and "How to get there" in nav
    with zipfile.ZipFile(renders["guide"] / "readalong.epub") as epub:
        hours = epub.read("OEBPS/chapter-0003.xhtml").decode()
    assert "Table: Opening hours" in hours and "Day: Weekdays, opens: 9 am" in hours
    assert '<div class="table" epub:type="table">' in hours
    with zipfile.ZipFile(renders["guide"] / "readalong.epub") as epub:
        route = epub.read("OEBPS/chapter-0004.xhtml").decode()
        route_smil = epub.read("OEBPS/chapter-0004.smil").decode()
    assert '<ol epub:type="list">' in route and route.count("<li>") == 2
    assert '<aside epub:type="footnote" role="doc-footnote">' in route
    assert 'epub:type="list"' in route_smil and 'epub:type="footnote"' in route_smil
    assert smil.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<smil '
                           'xmlns="http://www.w3.org/ns/SMIL" '
                           'xmlns:epub="http://www.idpf.org/2007/ops" version="3.0">')


def test_package_metadata_names_the_synthetic_narrator_and_accessibility(
        renders: dict[str, Path]) -> None:
    with zipfile.ZipFile(renders["guide"] / "readalong.epub") as epub:
        opf = epub.read("OEBPS/package.opf").decode()
    for expected in (
        "<dc:title>A Guide to the Reading Garden</dc:title>",
        "<dc:language>en</dc:language>",
        '<dc:creator id="author">Mira Okafor</dc:creator>',
        "<dc:date>2026-11-04</dc:date>",
        '<dc:contributor id="narrator">Synthetic voice (espeak-ng, by earmark)</dc:contributor>',
        '<meta refines="#narrator" property="role" scheme="marc:relators">nrt</meta>',
        '<meta property="media:active-class">-epub-media-overlay-active</meta>',
        '<meta property="schema:accessMode">textual</meta>',
        '<meta property="schema:accessMode">auditory</meta>',
        '<meta property="schema:accessModeSufficient">textual</meta>',
        '<meta property="schema:accessibilityFeature">synchronizedAudioText</meta>',
        '<meta property="schema:accessibilityFeature">structuralNavigation</meta>',
        '<meta property="schema:accessibilityHazard">none</meta>',
        'property="schema:accessibilitySummary">',
        'property="dcterms:modified">',
    ):
        assert expected in opf


def test_check_accepts_the_epub_render_and_finds_a_shifted_overlay(
        renders: dict[str, Path], tmp_path: Path) -> None:
    assert check(renders["sample"]) == []
    broken = tmp_path / "library-vote"
    shutil.copytree(renders["sample"], broken)
    epub = broken / "library-vote.epub"
    with zipfile.ZipFile(epub) as old:
        entries = [(info, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(epub, "w") as new:
        for info, data in entries:
            if info.filename == "OEBPS/chapter-0002.smil":
                text = data.decode()
                start = text.index('clipBegin="') + len('clipBegin="')
                end = text.index("s", start)
                shifted = seconds(parse_clock(text[start:end + 1]) + 300)
                data = (text[:start] + shifted + text[end + 1:]).encode()
            if info.filename == "OEBPS/chapter-0003.xhtml":
                data = data.replace(b'id="s20"', b'id="x20"')
            new.writestr(info, data)
    problems = check(broken)
    assert any("segment 6 is clipped at" in p for p in problems), problems
    assert any("has no element #s20" in p for p in problems), problems


def test_a_publication_is_made_by_its_own_exporter_over_the_audio_it_carries() -> None:
    assert FORMATS["epub"].carries == "mp3" and FORMATS["epub"].audio is FORMATS["mp3"]
    assert audio_formats(("epub",)) == ("mp3",)
    assert audio_formats(("wav", "epub", "mp3")) == ("wav", "mp3")
    assert exporters_for(("mp3", "epub")) == ("epub",)
    assert exporters_for(("wav", "epub")) == ("wav", "epub")
    assert clock(3_723_045) == "1:02:03.045" and seconds(62_345) == "62.345s"
    assert parse_clock("1:02:03.045") == 3_723_045 and parse_clock("62.345s") == 62_345
    assert parse_clock("1500ms") == 1500 and parse_clock("02:03.5") == 123_500
