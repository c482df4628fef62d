"""GFM tables are read so a listener can follow them (earmark.text.tables)."""

from __future__ import annotations

from earmark.text.tables import row_text, spoken_table
from markdown_fixtures import MARKDOWN, document, planned, spoken

TABLE = "| Member | Vote |\n|---|:-:|\n| Ada Lin | Yes |\n| Tom Avery | No |\n"


def test_spoken_form() -> None:
    assert spoken_table(["Member", "Vote"], [["Ada Lin", "Yes"], ["Bo", ""]], "Votes") == [
        "Table: Votes, 2 rows.", "Row 1: Member: Ada Lin, vote: Yes.", "Row 2: Member: Bo.",
        "End of table."]
    assert spoken_table([], [["a"]]) == ["Table, 1 row.", "Row 1: a.", "End of table."]
    assert spoken_table(["", ""], [["x", "y"]], "Table: Things.")[:2] == [
        "Table: Things, 1 row.", "Row 1: x, y."]


def test_row_names() -> None:
    assert row_text(["Name", "GDP", "Date of birth"], ["Ada", "1.2", "1990"]) == \
        "Name: Ada, GDP: 1.2, date of birth: 1990"
    assert row_text(["Vote", "Vote"], ["Yes", "Yes."]) == "Vote: Yes, vote: Yes"
    assert row_text(["Status"], ["status"]) == "status"


def test_a_table_under_a_heading_is_named_by_it(recipe, casting) -> None:
    doc = document(f"## Council votes\n\n{TABLE}")
    assert spoken(doc) == ["Council votes", "Table: Council votes, 2 rows.",
                           "Row 1: Member: Ada Lin, vote: Yes.",
                           "Row 2: Member: Tom Avery, vote: No.", "End of table."]
    plan = planned(doc, recipe, casting)
    assert not any("|" in s.text or "---" in s.text for s in plan.segments)
    assert [s.item for s in plan.segments][1:5] == [False, True, True, False]


def test_captions_before_and_after() -> None:
    assert spoken(document(f"Table: Votes.\n\n{TABLE}"))[0] == "Table: Votes, 2 rows."
    assert spoken(document(f"Text.\n\n{TABLE}\n: The votes\n"))[1] == \
        "Table: The votes, 2 rows."
    assert spoken(document(f"Text.\n\n{TABLE}"))[1] == "Table, 2 rows."


def test_cell_markup_and_notes() -> None:
    doc = document("| A | B |\n|---|---|\n| *x* `y` | [z](u)[^1] |\n\n[^1]: A note.\n")
    assert spoken(doc) == ["Table, 1 row.", "Row 1: A: x y, B: z.", "End of table.",
                           "Note 1. A note. End of note."]


def test_the_fixture_table_keeps_the_numbers_as_written(recipe, casting) -> None:
    doc = document("| Year | Votes |\n|---|---|\n| 2019-20 | 7-2 |\n")
    plan = planned(doc, recipe, casting)
    row = next(s for s in plan.segments if doc.text[slice(*s.source_span)].startswith("Row"))
    assert doc.text[slice(*row.source_span)] == "Row 1: Year: 2019-20, votes: 7-2."
    assert "Table: Council votes, 3 rows." in spoken(document(MARKDOWN / "blog-post.md"))
