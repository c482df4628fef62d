"""EPUB 2 and 3 input: chapters from the table of contents, metadata, what is not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from earmark.ingest import read_document
from earmark.planning.build import plan_file
from earmark.planning.schema import plan_to_dict
from earmark.text.coverage import coverage_problems
from epub_builder import epub2_book, epub3_book


def _texts(document, kind=None):  # type: ignore[no-untyped-def]
    return [" ".join(document.text[b.span[0]:b.span[1]].split()) for b in document.blocks
            if kind is None or b.kind == kind]


def _dropped(document):  # type: ignore[no-untyped-def]
    return [(" ".join(document.text[d.span[0]:d.span[1]].split()), d.reason)
            for d in document.dropped]


@pytest.fixture()
def book3(tmp_path: Path) -> Path:
    return epub3_book(tmp_path / "ferry.epub")


def test_epub3_chapters_come_from_the_nav_with_fragments_and_nesting(book3: Path, recipe
                                                                    ) -> None:
    document = read_document(book3, recipe.ingest)
    headings = [(" ".join(document.text[b.span[0]:b.span[1]].split()), b.level)
                for b in document.blocks if b.kind == "heading"]
    # entries replace the content's own heading; "Later chapters" (no link) adds no level;
    # "A scene break" is no entry: read, but at level 6, so it starts no chapter
    assert headings == [("Part One: The River", 1), ("The Ferry", 2), ("The Far Bank", 2),
                        ("A scene break", 6), ("The Return", 1)]


def test_epub3_plan_chapters_and_metadata(book3: Path, recipe, casting) -> None:
    plan = plan_file(book3, recipe, casting)
    assert [c.title for c in plan.chapters] == ["Part One: The River", "The Ferry",
                                                "The Far Bank", "The Return"]
    document = plan.document
    assert document.title == "The Ferry Book" and document.language == "en-GB"
    assert document.metadata.author == "Ada Writer"  # the illustrator is not the author
    assert document.metadata.publisher == "Earmark Test Press"
    assert document.metadata.date == "2026-01-02"
    assert document.metadata.cover_mime == "image/png"
    assert document.metadata.cover.startswith(b"\x89PNG")
    data = plan_to_dict(plan)
    assert coverage_problems(document.text, [s["source_span"] for s in data["segments"]],
                             [d["span"] for d in data["dropped"]]) == []


def test_epub3_toc_pages_notes_and_copyright_are_not_read(book3: Path, recipe, casting
                                                           ) -> None:
    plan = plan_file(book3, recipe, casting)
    spoken = [" ".join(plan.document.text[slice(*s.source_span)].split())
              for s in plan.segments]
    said = " ".join(spoken)
    assert "Contents" not in said and "Copyright" not in said and "Cover" not in said
    assert "Mara waited at the ferry with her brother." in spoken  # the marker "1" is not read
    # the footnote is read after the paragraph that refers to it, not where it sits
    assert spoken.index("The ferry ran until 1931.") == spoken.index(
        "Mara waited at the ferry with her brother.") + 1
    reasons = dict(_dropped(plan.document))
    assert reasons["1"] in ("note reference", "page number")
    assert ("2", "page number") in _dropped(plan.document)
    assert any(r.startswith("copyright-page: not read") for r in reasons.values())
    assert any(r.startswith("table of contents") for r in reasons.values())


def test_epub3_element_languages(book3: Path, recipe) -> None:
    document = read_document(book3, recipe.ingest)
    languages = {t: b.language for t, b in zip(_texts(document), document.blocks, strict=True)}
    assert languages["Guten Morgen, sagte der Fährmann."] == "de"
    assert languages["They landed at noon."] is None  # the document's own language


def test_epub2_chapters_from_the_ncx_and_guide(tmp_path: Path, recipe, casting) -> None:
    plan = plan_file(epub2_book(tmp_path / "old.epub"), recipe, casting)
    assert [c.title for c in plan.chapters] == ["Book the First", "Chapter I. The Letter",
                                                "Chapter II. The Reply"]
    document = plan.document
    assert document.title == "Old Book" and document.metadata.author == "Tom Miller"
    assert document.metadata.date == "1851" and document.metadata.cover_mime == "image/jpeg"
    assert "miller, 1, 2" not in " ".join(s.text for s in plan.segments)  # the index
    assert any(r.startswith("index: not read") for _, r in _dropped(document))


def test_drop_matter_is_a_recipe_setting(book3: Path, recipe) -> None:
    from dataclasses import replace

    settings = replace(recipe.ingest, drop_matter=())
    assert "Copyright 2026 Nobody. All rights reserved." in _texts(
        read_document(book3, settings))


def test_plan_cli_reads_an_epub(book3: Path) -> None:
    done = run_cli("plan", str(book3))
    assert done.returncode == 0, done.stderr
    assert "The Ferry Book" in done.stdout


def test_an_epubs_plan_json_follows_the_schema(book3: Path, recipe, casting) -> None:
    import json

    import jsonschema

    from earmark.planning.schema import SCHEMA_FILE, plan_to_dict

    data = plan_to_dict(plan_file(book3, recipe, casting))
    assert data["source"]["format"] == "epub"
    jsonschema.validate(data, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
