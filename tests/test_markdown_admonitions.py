"""Admonitions are the narrator's; a block quote of someone's words stays a quotation."""

from __future__ import annotations

import pytest

from markdown_fixtures import MARKDOWN, document, planned, said


@pytest.mark.parametrize("source, text", [
    ("> **Note:** The figures are provisional.\n", "Note: The figures are provisional."),
    ("> **Note**: The figures are provisional.\n", "Note: The figures are provisional."),
    ("> Warning: wet paint.\n", "Warning: wet paint."),
    ("> ⚠️ **Important:** bring ID.\n", "⚠️ Important: bring ID."),
    ("> *Editor's note:* corrected on May 2.\n", "Editor's note: corrected on May 2."),
    ("> [!NOTE]\n> Useful information.\n", "Note: Useful information."),
    ("> [!caution]\n> Hot.\n", "Caution: Hot."),
])
def test_labelled_block_quotes_are_narration(source: str, text: str) -> None:
    assert said(document(source)) == [("paragraph", text)]


def test_mkdocs_admonitions() -> None:
    doc = document('!!! warning "Check the date"\n    The form closes Friday.\n\n'
                   '!!! note\n    Plain.\n\n??? tip ""\n    Collapsed.\n')
    assert said(doc) == [("paragraph", "Warning: Check the date"),
                         ("paragraph", "The form closes Friday."),
                         ("paragraph", "Note"), ("paragraph", "Plain."),
                         ("paragraph", "Collapsed.")]  # an empty title shows none


def test_a_quotation_stays_a_quotation(recipe, casting) -> None:
    doc = document("> Note that we never agreed to this.\n\n> The whole second quote.\n")
    assert [k for k, _ in said(doc)] == ["blockquote", "blockquote"]
    doc = document("> **Note:** read this.\n>\n> > \"A quoted line,\" she said.\n")
    assert [k for k, _ in said(doc)] == ["paragraph", "blockquote"]


def test_the_fixture_admonitions_are_the_narrators(recipe, casting) -> None:
    plan = planned(document(MARKDOWN / "blog-post.md"), recipe, casting)
    by_text = {s.text: s for s in plan.segments}
    for text in ("Note: The figures are provisional until the audit in May.",
                 "Warning: The online form closes on Friday.",
                 "Tip: Watch the meeting", "A recording is on the council's website."):
        assert by_text[text].kind == "narration" and by_text[text].voice == "narrator"
    assert any(s.kind == "quote" for s in plan.segments)
