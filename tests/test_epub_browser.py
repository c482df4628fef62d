"""The read-along EPUB's content documents in Chromium: every fragment an overlay points at is
an element of the loaded document, and the active class has its CSS rule."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from browser import CHROMIUM, CHROMIUM_ARGS
from conftest import DATA, run_cli
from earmark.export.smil import read_publication

pytestmark = pytest.mark.e2e

TYPES = {".xhtml": "application/xhtml+xml", ".css": "text/css", ".mp3": "audio/mpeg",
         ".smil": "application/smil+xml"}


def test_chromium_finds_every_overlay_fragment_and_the_active_class_rule(
        tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    done = run_cli("render", str(DATA / "markdown" / "readalong.md"), "-o", str(tmp_path),
                   "--quiet", "--format", "epub")
    assert done.returncode == 0, done.stderr
    epub = tmp_path / "readalong" / "readalong.epub"
    book = read_publication(epub)
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(epub) as package:
        package.extractall(unpacked)
    documents = sorted({clip.document for clip in book.clips})
    assert documents
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = chromium.new_page()
            # served from the package as a reading system would (XHTML parsed as XML; one
            # origin, so the stylesheet's rules can be read)
            page.route("http://book.test/**", lambda route: route.fulfill(
                status=200, body=(unpacked / route.request.url.removeprefix(
                    "http://book.test/")).read_bytes(),
                content_type=TYPES[Path(route.request.url).suffix]))
            for document in documents:
                page.goto(f"http://book.test/{document}")
                wanted = [c.fragment for c in book.clips if c.document == document]
                found = page.evaluate(
                    "ids => ids.filter(id => { const e = document.getElementById(id);"
                    " return e !== null && e.textContent.trim() !== ''; })", wanted)
                assert found == wanted
                rules = page.evaluate(
                    "() => [...document.styleSheets].flatMap(s => [...s.cssRules])"
                    ".map(r => r.selectorText || '')")
                assert f".{book.active_class}" in rules
                # the reading system's highlight is visible: a class on a span changes it
                changed = page.evaluate(
                    "([id, cls]) => { const e = document.getElementById(id);"
                    " const before = getComputedStyle(e).backgroundColor;"
                    " e.classList.add(cls);"
                    " return [before, getComputedStyle(e).backgroundColor]; }",
                    [wanted[0], book.active_class])
                assert changed[0] != changed[1]
        finally:
            chromium.close()
