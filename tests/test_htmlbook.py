"""Book conventions in HTML: Project Gutenberg's boilerplate, contents, chapter titles, notes."""

from __future__ import annotations

from pathlib import Path

from earmark.planning.build import plan_file
from earmark.planning.schema import plan_to_dict
from earmark.text.coverage import coverage_problems

MODERN = """<!DOCTYPE html><html lang="en"><head><title>The Lamp | Project Gutenberg</title>
<meta name="dc.title" content="The Lamp">
<meta name="dc.creator" content="Hale, Edith, 1850-1920">
</head><body>
<section class="pg-boilerplate pgheader" id="pg-header" lang="en">
<h2>The Project Gutenberg eBook of The Lamp</h2>
<p>This ebook is for the use of anyone anywhere in the United States and most other parts of
the world at no cost and with almost no restrictions whatsoever.</p>
<div id="pg-start-separator">*** START OF THE PROJECT GUTENBERG EBOOK THE LAMP ***</div>
</section>
<h1>THE LAMP</h1>
<h2>CONTENTS</h2>
<table class="toc"><tr><td><a href="#c1">CHAPTER I.</a></td><td>The Wick</td></tr>
<tr><td><a href="#c2">CHAPTER II.</a></td><td>The Flame</td></tr></table>
<div class="chapter"><h2><a id="c1"></a>CHAPTER I.<br/>The Wick</h2>
<p>The lamp stood on the sill.<a id="r1" href="#f1" class="fnanchor">[1]</a> It was old.
<span class="pagenum"><a id="Page_2">[Pg 2]</a></span> Nobody lit it.</p>
<div class="footnote"><p><a id="f1" href="#r1"><span class="label">[1]</span></a>
A brass lamp.</p></div>
<p>Night came.</p></div>
<div class="chapter"><h2 id="c2">CHAPTER II.</h2><h3>The Flame</h3><p>She lit it at last.</p>
</div>
<section class="pg-boilerplate pgheader" id="pg-footer" lang="en">
<div id="pg-end-separator">*** END OF THE PROJECT GUTENBERG EBOOK THE LAMP ***</div>
<h2>THE FULL PROJECT GUTENBERG LICENSE</h2><p>Section 1. General Terms of Use.</p>
</section></body></html>"""

OLDER = """<html><head><title>The Old Lamp, by Edith Hale</title></head><body>
<pre>
The Project Gutenberg EBook of The Old Lamp, by Edith Hale

Title: The Old Lamp

Author: Edith Hale

*** START OF THIS PROJECT GUTENBERG EBOOK THE OLD LAMP ***

Produced by A. Volunteer
</pre>
<h2>Contents</h2>
<p class="toc"><a href="#ch1">I. The Wick</a></p>
<p class="toc"><a href="#ch2">II. The Flame</a></p>
<h2 id="ch1">I.</h2><p>THE WICK</p><p>It was a dark night.</p>
<pre>
  The lamp is lit,
  the night is long;

  and here ends
  the lamp's song.
</pre>
<h2 id="ch2">CHAPTER II.</h2><p>It was a dark night again.</p>
<pre>
End of the Project Gutenberg EBook of The Old Lamp, by Edith Hale

*** END OF THIS PROJECT GUTENBERG EBOOK THE OLD LAMP ***
This file should be named lamp.htm. Updated editions will replace the previous one.
</pre></body></html>"""


def _plan(tmp_path: Path, html: str, recipe, casting):  # type: ignore[no-untyped-def]
    path = tmp_path / "book.html"
    path.write_text(html, encoding="utf-8")
    plan = plan_file(path, recipe, casting)
    data = plan_to_dict(plan)
    assert coverage_problems(plan.document.text, [s["source_span"] for s in data["segments"]],
                             [d["span"] for d in data["dropped"]]) == []
    captions = [" ".join(plan.document.text[slice(*s.source_span)].split())
                for s in plan.segments]
    return plan, captions


def test_modern_gutenberg_html(tmp_path: Path, recipe, casting) -> None:
    plan, captions = _plan(tmp_path, MODERN, recipe, casting)
    assert plan.document.title == "The Lamp"
    assert plan.document.metadata.author == "Edith Hale"
    assert [c.title for c in plan.chapters] == ["THE LAMP", "CHAPTER I. The Wick",
                                                "CHAPTER II. The Flame"]
    said = " ".join(captions).lower()
    for word in ("gutenberg", "license", "contents", "[1]", "pg 2", "ebook"):
        assert word not in said
    # the footnote is read right after its paragraph, not where the source has it
    assert captions[captions.index("Nobody lit it.") + 1] == "A brass lamp."
    reasons = {d.reason for d in plan.dropped}
    assert {"boilerplate: Project Gutenberg header", "boilerplate: Project Gutenberg licence",
            "table of contents", "page number", "note reference"} <= reasons


def test_older_gutenberg_html_with_pre_header_and_title_lines(tmp_path: Path, recipe, casting
                                                              ) -> None:
    plan, captions = _plan(tmp_path, OLDER, recipe, casting)
    assert plan.document.title == "The Old Lamp"
    assert plan.document.metadata.author == "Edith Hale"
    assert [c.title for c in plan.chapters] == ["I. THE WICK", "CHAPTER II."]
    said = " ".join(captions).lower()
    assert "gutenberg" not in said and "produced by" not in said and "contents" not in said
    assert "It was a dark night." in captions  # a first sentence is no title
    assert "The lamp is lit, the night is long;" in captions  # verse in <pre> is read


def test_footnotes_none_drops_them(tmp_path: Path, recipe, casting) -> None:
    from dataclasses import replace

    quiet = replace(recipe, ingest=replace(recipe.ingest, footnotes="none"))
    plan, captions = _plan(tmp_path, MODERN, quiet, casting)
    assert "A brass lamp." not in captions
    assert any(d.reason.startswith("footnote") for d in plan.dropped)


def test_a_footnote_is_announced_where_it_is_read(tmp_path: Path, recipe, casting) -> None:
    """A listener hears where a note starts and ends; the captions keep the note's words."""
    plan, captions = _plan(tmp_path, MODERN, recipe, casting)
    at = captions.index("A brass lamp.")
    assert plan.segments[at].text == "Note 1. A brass lamp. End of note."
    assert plan.segments[at - 1].text == "Nobody lit it."
