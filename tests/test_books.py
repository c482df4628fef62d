"""Plain-text books as people have them: Project Gutenberg files (Latin-1, CRLF, licence),
chapter headings without Markdown, tables of contents, markup, page numbers, long texts
without headings. The fixtures in tests/data/books/ were written for these tests."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conftest import DATA, run_cli
from earmark.errors import InputError
from earmark.ingest import read_document
from earmark.planning.build import plan_file
from earmark.planning.schema import plan_to_dict
from earmark.text.coverage import coverage_problems

BOOKS = DATA / "books"
FIXTURES = sorted(BOOKS.glob("*.txt"))


def plan(path: Path, recipe, casting):
    return plan_file(path, recipe, casting)


def spoken(result) -> list[str]:
    return [s.text for s in result.segments]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_book_fixture_accounts_for_every_character(path: Path, recipe, casting) -> None:
    result = plan(path, recipe, casting)
    data = plan_to_dict(result)
    assert coverage_problems(result.document.text, [s["source_span"] for s in data["segments"]],
                             [d["span"] for d in data["dropped"]]) == []
    for text in spoken(result):
        assert "_" not in text and "*" not in text and "Gutenberg" not in text


def test_a_latin1_gutenberg_file_is_decoded_by_its_declaration(recipe, casting) -> None:
    result = plan(BOOKS / "harbour-latin1.txt", recipe, casting)
    assert "The café stood where the quay met the road" in " ".join(spoken(result))
    assert any("iso8859-1" in w and "Character set encoding" in w for w in result.warnings)


def test_gutenberg_header_and_licence_are_dropped_and_feed_the_metadata(recipe, casting) -> None:
    result = plan(BOOKS / "harbour-latin1.txt", recipe, casting)
    reasons = [d.reason for d in result.dropped]
    assert reasons[0] == "boilerplate: Project Gutenberg header"
    assert reasons[-1] == "boilerplate: Project Gutenberg licence"
    assert "boilerplate: Project Gutenberg credits" in reasons
    document = result.document
    assert document.title == "A Harbour Tale" and document.language == "en"
    assert document.metadata.author == "Mara Quill"
    assert document.metadata.date == "2004-05-03"
    licence = next(d for d in result.dropped if d.reason.endswith("licence"))
    assert document.text[licence.span[0]:].startswith("End of the Project Gutenberg EBook")


def test_chapters_are_the_headings_with_their_titles_not_the_contents(recipe, casting) -> None:
    result = plan(BOOKS / "harbour-latin1.txt", recipe, casting)
    assert [c.title for c in result.chapters] == [
        "A HARBOUR TALE",
        "CHAPTER I. The Café on the Quay",  # the title on the next line
        "CHAPTER II. Naïve Sailors",  # on the same line
        "CHAPTER III. The Long Night",  # after a blank line
    ]
    assert sum(d.reason == "table of contents" for d in result.dropped) == 2
    # spoken as a listener expects, not "chapter eye"
    assert spoken(result)[1] == "Chapter One. The Café on the Quay"  # one heading, one segment


def test_parts_above_chapters_and_numbered_chapters(recipe, casting) -> None:
    result = plan(BOOKS / "two-books.txt", recipe, casting)
    assert [c.title for c in result.chapters] == [
        "THE TWO TOWNS",
        "BOOK THE FIRST--The Upper Town, I. The Market",
        "II. The Bell",
        "BOOK THE SECOND--The Lower Town, I. The Harbour",
    ]
    levels = [b.level for b in result.document.blocks if b.kind == "heading"]
    assert levels == [1, 2, 2, 1, 2]
    assert "Book the First. The Upper Town" in spoken(result)


def test_repeated_chapter_titles_are_prefixed_with_their_part(tmp_path: Path, recipe,
                                                              casting) -> None:
    body = "It was a day like any other, and nothing at all happened in it.\n\n"
    path = tmp_path / "volumes.txt"
    path.write_text(f"VOLUME I\n\n\nCHAPTER I\n\n\n{body}CHAPTER II\n\n\n{body}"
                    f"VOLUME II\n\n\nCHAPTER I\n\n\n{body}", encoding="utf-8")
    assert [c.title for c in plan(path, recipe, casting).chapters] == [
        "VOLUME I, CHAPTER I", "VOLUME I, CHAPTER II", "VOLUME II, CHAPTER I"]


def test_staves_letters_and_numerals_alone(recipe, casting) -> None:
    result = plan(BOOKS / "stave-letters.txt", recipe, casting)
    assert [c.title for c in result.chapters] == [
        "STAVE ONE. MARLEY'S GHOST.", "STAVE TWO", "LETTER IV"]
    # "I." and "II." under a chapter heading are sections: read, but no chapter of their own
    headings = [s.text for s in result.segments if s.kind == "heading"]
    assert headings[-3:] == ["Letter Four.", "One.", "Two."]


def test_emphasis_markers_are_never_spoken_but_the_words_are(recipe, casting) -> None:
    result = plan(BOOKS / "stave-letters.txt", recipe, casting)
    text = " ".join(spoken(result))
    assert "the spirit came into the room" in text and "for a long while" in text
    captions = [" ".join(result.document.text[slice(*s.source_span)].split())
                for s in result.segments]
    assert any("_spirit_" in c for c in captions)  # the caption keeps what was written


def test_transcribers_notes_illustrations_and_page_numbers(recipe, casting) -> None:
    result = plan(BOOKS / "transcriber.txt", recipe, casting)
    reasons = {d.reason for d in result.dropped}
    assert {"transcriber's note", "markup: illustration", "page number"} <= reasons
    assert [c.title for c in result.chapters] == ["CHAPTER 1 The Road North"]
    assert "Illustration: The inn at the crossroads" in spoken(result)
    assert not any(ch in t for t in spoken(result) for ch in "{}[]")
    silent = replace(recipe, ingest=replace(recipe.ingest, image_prefix=""))
    assert "Illustration: The inn at the crossroads" not in spoken(plan(
        BOOKS / "transcriber.txt", silent, casting))


def test_an_illustration_without_caption_is_dropped(recipe, casting) -> None:
    result = plan(BOOKS / "harbour-latin1.txt", recipe, casting)
    assert "image: no caption" in [d.reason for d in result.dropped]


def test_hard_wrapped_prose_keeps_its_sentences_whole(recipe, casting) -> None:
    result = plan(BOOKS / "two-books.txt", recipe, casting)
    assert ("The market opened before dawn, and the traders called their prices across the "
            "square until the sun was high.") in spoken(result)


def test_a_thousand_paragraphs_without_headings_get_a_bounded_chapter_count(
        tmp_path: Path, recipe, casting) -> None:
    paragraph = ("The tide came in over the flats and went out again, as it had done on every "
                 "day of that long and quiet year. ")
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(f"{paragraph}Day {n}." for n in range(1000)), encoding="utf-8")
    chapters = plan(path, recipe, casting).chapters
    assert 2 <= len(chapters) <= recipe.chapters.max_chapters
    minutes = replace(recipe, chapters=replace(recipe.chapters, max_chapters=500,
                                               minutes_per_chapter=10.0))
    # ~27 words a paragraph at 175 words a minute: about 154 minutes, so about 15 chapters
    assert 12 <= len(plan(path, minutes, casting).chapters) <= 17


def test_a_short_statement_keeps_a_few_chapters(recipe, casting) -> None:
    from conftest import SAMPLE

    statement = DATA.parent.parent / "samples" / "harbour-ferry.md"
    assert len(plan(statement if statement.exists() else SAMPLE, recipe, casting).chapters) >= 2


def test_undeclared_latin1_is_detected_and_said(recipe, casting) -> None:
    result = plan(BOOKS / "latin1-nodecl.txt", recipe, casting)
    assert spoken(result)[0] == "Le café était très chaud."
    assert any("charset-normalizer" in w for w in result.warnings)


def test_encoding_can_be_forced_and_an_unknown_name_is_one_error(recipe) -> None:
    forced = replace(recipe.ingest, encoding="utf-8")
    with pytest.raises(InputError, match="not valid utf-8"):
        read_document(BOOKS / "latin1-nodecl.txt", forced)
    cp = read_document(BOOKS / "latin1-nodecl.txt", replace(recipe.ingest, encoding="cp1252"))
    assert "décoded" not in cp.text and "café" in cp.text
    assert any("--encoding" in w for w in cp.warnings)
    result = run_cli("plan", str(BOOKS / "latin1-nodecl.txt"), "--encoding", "klingon")
    assert result.returncode == 2
    assert result.stderr.strip() == ("earmark: unknown encoding 'klingon' (use a name such as "
                                     "utf-8, latin-1, cp1252, utf-16)")


def test_binary_data_is_still_refused(tmp_path: Path, recipe) -> None:
    path = tmp_path / "zip.txt"
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(InputError, match="looks like binary data"):
        read_document(path, recipe.ingest)


def test_gutenberg_footnotes_are_announced_or_dropped(recipe, casting) -> None:
    book = BOOKS / "footnotes.txt"
    said = spoken(plan(book, recipe, casting))
    at = said.index("Note 1. Or so he claimed.")
    assert said[at - 1] == "Then he left." and said[at + 1] == "It was not so. End of note."
    assert said[at + 2] == "The end came." and "[1]" not in " ".join(said)
    quiet = replace(recipe, ingest=replace(recipe.ingest, footnotes="none"))
    result = plan(book, quiet, casting)
    assert "Or so he claimed." not in " ".join(spoken(result))
    assert any(d.reason.startswith("footnote (recipe") for d in result.dropped)
