"""Markdown footnotes follow the recipe's `ingest.footnotes`; a note read is announced."""

from __future__ import annotations

from earmark.ingest.markdown import NOTE_NONE, NOTE_REFERENCE, NOTE_UNUSED
from markdown_fixtures import MARKDOWN, document, planned, said, spoken

SOURCE = """First paragraph.[^a] It goes on.

Second paragraph.[^b]

Third refers again.[^a]

[^a]: The first note.
[^b]: The second note,
    over two lines.

    And a second paragraph.
[^unused]: Nobody refers to this.
"""


def test_paragraph_policy_reads_a_note_after_its_paragraph(recipe, casting) -> None:
    doc = document(SOURCE)
    assert spoken(doc) == [
        "First paragraph. It goes on.",
        "Note 1. The first note. End of note.",
        "Second paragraph.",
        "Note 2. The second note, over two lines.",
        "And a second paragraph. End of note.",
        "Third refers again.",
    ]
    references = [t for k, t in said(doc) if k == "dropped: " + NOTE_REFERENCE]
    assert references == ["[^a]", "[^b]", "[^a]"]
    assert ("dropped: " + NOTE_UNUSED, "[^unused]: Nobody refers to this.") in said(doc)
    plan = planned(doc, recipe, casting)
    texts = [s.text for s in plan.segments]
    assert texts[:3] == ["First paragraph.", "It goes on.", "Note 1. The first note. End of note."]
    # captions keep what was written: the note's own words
    caption = plan.document.text[slice(*plan.segments[2].source_span)]
    assert caption == "The first note."
    assert all("[^" not in t for t in texts)


def test_place_policy_reads_the_notes_where_a_page_shows_them(recipe, casting) -> None:
    doc = document(SOURCE, footnotes="place")
    assert spoken(doc) == [
        "First paragraph. It goes on.",
        "Second paragraph.",
        "Third refers again.",
        "Note 1. The first note. End of note.",
        "Note 2. The second note, over two lines.",
        "And a second paragraph. End of note.",
    ]
    planned(doc, recipe, casting)


def test_none_policy_reads_no_note(recipe, casting) -> None:
    doc = document(SOURCE, footnotes="none")
    assert spoken(doc) == ["First paragraph. It goes on.", "Second paragraph.",
                           "Third refers again."]
    notes = [t for k, t in said(doc) if k == "dropped: " + NOTE_NONE]
    assert notes == ["The first note.", "The second note, over two lines.",
                     "And a second paragraph."]
    planned(doc, recipe, casting)


def test_named_labels_are_numbered_as_a_page_numbers_them() -> None:
    doc = document("A claim.[^source]\n\n[^source]: The *annual* report, p. 4.\n")
    assert spoken(doc) == ["A claim.", "Note 1. The annual report, p. 4. End of note."]


def test_a_note_in_a_note_follows_it() -> None:
    doc = document("Text.[^1]\n\n[^1]: Outer.[^2]\n[^2]: Inner.\n")
    assert spoken(doc) == ["Text.", "Note 1. Outer. End of note.",
                           "Note 2. Inner. End of note."]


def test_a_note_definition_inside_a_quote_or_a_list_of_another_note() -> None:
    # found by the property test: the inner note's tokens start inside the outer's quote or
    # list, and reading them ended in "internal error" (pop from an empty stack)
    for text in ("[^x]: > [^1]: note\n", "[^x]: - [^1]: note\n"):
        doc = document(text, footnotes="paragraph")
        assert doc.text == text.strip()


def test_a_note_in_a_list_item_or_heading() -> None:
    doc = document("## Costs[^1]\n\n- an item[^2]\n\n[^1]: About costs.\n[^2]: About items.\n")
    assert spoken(doc) == ["Costs", "Note 1. About costs. End of note.", "an item",
                           "Note 2. About items. End of note."]


def test_the_fixture_notes(recipe, casting) -> None:
    doc = document(MARKDOWN / "blog-post.md")
    assert "Note 1. The vote was seven to two. End of note." in spoken(doc)
    assert "Note 2. Figures from the finance office. End of note." in spoken(doc)
    assert not any("[^" in t for t in spoken(doc))
