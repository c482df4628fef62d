"""Web pages: the article and only the article, its parts read so a listener can follow."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import DATA
from earmark.ingest import chrome, webparts
from earmark.planning.build import plan_file
from earmark.planning.schema import plan_to_dict
from earmark.text.coverage import coverage_problems

WEB = DATA / "web"


def _plan(path: Path, recipe, casting):  # type: ignore[no-untyped-def]
    plan = plan_file(path, recipe, casting)
    data = plan_to_dict(plan)
    assert coverage_problems(plan.document.text, [s["source_span"] for s in data["segments"]],
                             [d["span"] for d in data["dropped"]]) == []
    spoken = [s["text"] for s in data["segments"]]
    dropped = [(" ".join(plan.document.text[slice(*d["span"])].split()), d["reason"])
               for d in data["dropped"]]
    return data, spoken, dropped


def test_the_story_not_the_teaser_article_before_it(recipe, casting) -> None:
    _, spoken, _ = _plan(WEB / "teaser.html", recipe, casting)
    assert spoken[0] == "Harbour ferry returns after winter"  # the headline, outside <article>
    assert spoken[1].startswith("The harbour ferry made its first crossing")
    assert any(s.startswith("Timetables for the summer") for s in spoken)
    words = " ".join(spoken)
    for chrome_words in ("Council budget", "News", "Sport", "Mary wrote", "Reply",
                         "Lighthouse", "Coastal Post", "Full Screen", "Skip Ad", "Buy Photo",
                         "0226", "Play"):
        assert chrome_words not in words


def test_chrome_inside_the_article_is_reported_and_its_headings_are_no_chapters(
        recipe, casting) -> None:
    data, _, dropped = _plan(WEB / "teaser.html", recipe, casting)
    assert [c["title"] for c in data["chapters"]] == ["Harbour ferry returns after winter"]
    reasons = dict((text.split()[0], reason) for text, reason in dropped)
    assert reasons["Full"] == "page chrome: heading"
    assert reasons["Buy"] == "page chrome: heading"
    assert reasons["0226-SUB-ferry-swipe-02"] == "image: alt text is a file name, not read"
    assert reasons["3"] == "page chrome: reader comments"
    assert reasons["More"] == "page chrome: other stories"


def test_math_prose_pre_code_and_tables(recipe, casting) -> None:
    _, spoken, dropped = _plan(WEB / "parts.html", recipe, casting)
    assert "The area of a circle is pi r squared and its sum is a formula for all n." in spoken
    assert not any("\\" in s or "displaystyle" in s for s in spoken)
    assert ("{\\displaystyle \\pi r^{2}}", 'math: read as "pi r squared"') in dropped
    assert any(r == 'math: read as "a formula"' for _, r in dropped)
    assert any(s.startswith("The protocol described in this memo") for s in spoken)  # prose
    assert any(s.startswith("Status of This Memo") for s in spoken)
    assert ("def area(r): return math.pi * r ** 2", "code block: not read aloud") in dropped
    at = spoken.index("Table: Council votes.")
    assert spoken[at + 1: at + 3] == ["Member: Ada Lin, vote: Yes.",
                                      "Member: Omar Reyes, vote: No."]
    assert "A layout table holds this sentence in one cell." in spoken
    assert "And this one in the next cell." in spoken
    assert not any("|" in s for s in spoken)


@pytest.mark.parametrize(("alt", "is_file"), [
    ("0226-SUB-london-hotel-swipe-tmz-02", True), ("IMG_2041.jpg", True),
    ("https://example.org/a.png", True), ("photos/bridge", True), ("DSC_0042_final", True),
    ("A bridge at dusk", False), ("Logo", False), ("COVID-19 ward", False), ("", False),
])
def test_alt_text_that_is_a_file_name_or_url(alt: str, is_file: bool) -> None:
    assert webparts.alt_is_file_name(alt) is is_file


@pytest.mark.parametrize(("tex", "spoken"), [
    ("{\\displaystyle x}", "x"), ("x^2", "x squared"), ("E=mc^{2}", "E equals mc squared"),
    ("\\alpha + \\beta", "alpha plus beta"), ("\\frac{a}{b}", "a over b"),
    ("{\\displaystyle \\langle w,Av\\rangle =\\langle Aw,v\\rangle ,}", "a formula"),
])
def test_tex_is_spoken_short_or_as_a_formula(tex: str, spoken: str) -> None:
    assert webparts.speak_tex(tex) == spoken


@pytest.mark.parametrize(("text", "prose"), [
    ("   The protocol described here lets two hosts agree on the time\n"
     "   of day without a central server, for small networks.\n", True),
    ("for (i = 0; i < n; i++) {\n    total += a[i];\n}\n", False),
    ("$ make install\n$ ./run --port=8080\n", False),
])
def test_pre_that_holds_prose(text: str, prose: bool) -> None:
    assert webparts.is_prose(text) is prose


@pytest.mark.parametrize(("html", "data"), [
    ("<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>", True),
    ("<table role=presentation><tr><th>A</th></tr></table>", False),
    ("<table><tr><td>one</td><td>two</td></tr></table>", False),
    ("<table><caption>C</caption><tr><td>x</td></tr></table>", True),
])
def test_data_or_layout_table(html: str, data: bool) -> None:
    table = BeautifulSoup(html, "html.parser").table
    assert webparts.is_data_table(table) is data


@pytest.mark.parametrize(("heading", "is_chrome"), [
    ("Full Screen", True), ("Skip Ad", True), ("Buy Photo", True), ("12 Comments", True),
    ("More from The Coastal Post", True), ("Related stories", True),
    ("Comments", False), ("The vote", False), ("Reaction", False),
])
def test_chrome_headings(heading: str, is_chrome: bool) -> None:
    assert chrome.is_chrome_heading(heading) is is_chrome


def test_a_short_page_is_read_whole(tmp_path: Path, recipe, casting) -> None:
    page = tmp_path / "short.html"
    page.write_text("<body><h1>Note</h1><p>Back at five.</p></body>", encoding="utf-8")
    _, spoken, _ = _plan(page, recipe, casting)
    assert spoken == ["Note", "Back at five."]


def test_structure_is_kept_in_the_article(tmp_path: Path) -> None:
    from earmark.config.recipe import IngestSettings
    from earmark.ingest import read_document

    long = ("The committee met on Thursday, heard from residents, and agreed that the plan "
            "needs another round of consultation before any vote is taken.")
    page = tmp_path / "page.html"
    page.write_text(f"""<html lang="en"><head><title>Plan delayed | Daily</title></head><body>
    <nav><a href="/">Home</a></nav><div class="post-body">
    <h2>What was said</h2><p>{long}</p><p>{long}</p>
    <blockquote><p>We need more time, and we will take it.</p></blockquote>
    <ul><li>Residents spoke first.</li><li>The vote moved to May.</li></ul>
    <p lang="fr">Le plan est reporté, a dit le maire.</p><p>{long}</p></div>
    <div class="sidebar"><h3>Most popular</h3><a href="/x">Elsewhere</a></div></body></html>""",
                    encoding="utf-8")
    doc = read_document(page, IngestSettings())
    got = [(b.kind, b.level, b.language, doc.text[b.span[0]:b.span[1]][:22]) for b in doc.blocks]
    assert got[0] == ("heading", 1, None, "Plan delayed")
    assert ("heading", 2, None, "What was said") in got
    assert ("blockquote", 0, None, "We need more time, and") in got
    assert ("item", 0, None, "The vote moved to May.") in got
    assert ("paragraph", 0, "fr", "Le plan est reporté, a") in got
    assert not any("popular" in text or "Home" in text for *_, text in got)
